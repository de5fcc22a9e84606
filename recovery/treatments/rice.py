"""What of RICE (rest, ice, compression, elevation) the user logged today for each injury."""

from django.db.models import Count, Sum

from recovery.common.days import start_of_today
from recovery.models import Treatment


def rice_today(injuries, now=None):
    """{injury id: [{kind, label, count, minutes}] in RICE order}, for today in the user's
    zone; one query however many injuries."""
    done = {}
    rows = (
        Treatment.objects.filter(
            injury__in=injuries, kind__in=Treatment.RICE, at__gte=start_of_today(now=now)
        )
        .values("injury_id", "kind")
        .annotate(count=Count("pk"), minutes=Sum("duration_minutes"))
        .order_by()
    )
    for row in rows:
        done[(row["injury_id"], row["kind"])] = row
    return {
        injury.pk: [
            {
                "kind": kind,
                "label": Treatment.Kind(kind).label,
                "count": done.get((injury.pk, kind), {}).get("count", 0),
                "minutes": done.get((injury.pk, kind), {}).get("minutes") or 0,
            }
            for kind in Treatment.RICE
        ]
        for injury in injuries
    }
