"""What of RICE (rest, ice, compression, elevation) the user logged today for each injury."""

from django.db.models import Count, Sum

from recovery.common.days import start_of_today
from recovery.models import Treatment


def rice_rows(done):
    """The RICE steps in order, each {kind, label, count, minutes}, from {kind: (count,
    minutes)} of what was logged today (a step not logged is missing from `done`)."""
    return [
        {
            "kind": kind,
            "label": Treatment.Kind(kind).label,
            "count": done.get(kind, (0, 0))[0],
            "minutes": done.get(kind, (0, 0))[1] or 0,
        }
        for kind in Treatment.RICE
    ]


def rice_today(injuries, now=None):
    """{injury id: rice_rows} for today in the user's zone; one query however many injuries."""
    done = {injury.pk: {} for injury in injuries}
    rows = (
        Treatment.objects.filter(
            injury__in=injuries, kind__in=Treatment.RICE, at__gte=start_of_today(now=now)
        )
        .values("injury_id", "kind")
        .annotate(count=Count("pk"), minutes=Sum("duration_minutes"))
        .order_by()
    )
    for row in rows:
        done[row["injury_id"]][row["kind"]] = (row["count"], row["minutes"])
    return {injury_id: rice_rows(steps) for injury_id, steps in done.items()}
