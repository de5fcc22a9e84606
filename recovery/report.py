"""The one-page report for a provider: what the log shows for a range of days."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from recovery import advice, hydration
from recovery.charts import add_markers, series_from_entries
from recovery.days import day_bounds
from recovery.models import Acknowledgement, Cramp, StretchSession, SymptomEntry, Treatment


def build(user, profile, injuries, start_day, end_day):
    """Everything the report shows, for the given injuries (the user's own, annotated with
    `advice.with_triage_facts`) and days, in a fixed number of queries."""
    zone = profile.zone
    start, _ = day_bounds(start_day, zone)
    _, end = day_bounds(end_day, zone)
    injury_ids = [injury.pk for injury in injuries]
    by_id = {injury.pk: injury for injury in injuries}
    entries_by_injury = {pk: [] for pk in injury_ids}
    acks_by_injury = {pk: [] for pk in injury_ids}
    flagged = []
    for entry in SymptomEntry.objects.filter(
        injury__in=injury_ids, recorded_at__gte=start, recorded_at__lt=end
    ).order_by("recorded_at", "pk"):
        entries_by_injury[entry.injury_id].append(entry)
        if entry.red_flags():
            flagged.append((by_id[entry.injury_id], entry))
    for ack in Acknowledgement.objects.filter(
        injury__in=injury_ids, at__gte=start, at__lt=end
    ).order_by("at"):
        acks_by_injury[ack.injury_id].append(ack)
    series = {pk: series_from_entries(entries_by_injury[pk]) for pk in injury_ids}
    add_markers(series, injuries, start, end)
    assessed = {item.injury.pk: item.advice for item in advice.assess(injuries)}
    treatments = Treatment.objects.filter(
        user=user,
        at__gte=start,
        at__lt=end,
        kind__in=[
            Treatment.Kind.ICE,
            Treatment.Kind.MEDICATION,
            Treatment.Kind.THERAPY,
            Treatment.Kind.MASSAGE,
            Treatment.Kind.SURGERY,
        ],
    ).order_by("at")
    if injuries:
        treatments = treatments.filter(Q(injury__in=injury_ids) | Q(injury__isnull=True))
    treatments = list(treatments)
    ice = [t for t in treatments if t.kind == Treatment.Kind.ICE]
    stretch_count = (
        StretchSession.objects.filter(user=user, at__gte=start, at__lt=end)
        .exclude(status="running")
        .count()
    )
    cramps = Cramp.objects.filter(user=user, started_at__gte=start, started_at__lt=end).aggregate(
        count=Count("pk"), night=Count("pk", filter=Q(at_night=True))
    )
    days = (end_day - start_day).days + 1
    fluid_totals = hydration.daily_totals(user, zone, start_day)
    fluid_total = sum(ml for day, ml in fluid_totals.items() if day <= end_day)
    return {
        "start_day": start_day,
        "end_day": end_day,
        "injuries": [
            {
                "injury": injury,
                "entries": entries_by_injury[injury.pk],
                "advice": assessed.get(injury.pk),
                "acknowledgements": acks_by_injury[injury.pk],
            }
            for injury in injuries
        ],
        "chart_data": {
            "zone": profile.time_zone,
            "injuries": [
                {"id": injury.pk, "title": injury.title(), **series[injury.pk]}
                for injury in injuries
            ],
        },
        "flagged": flagged,
        "ice_count": len(ice),
        "ice_minutes": sum(t.duration_minutes or 0 for t in ice),
        "stretch_count": stretch_count,
        "medications": [t for t in treatments if t.kind == Treatment.Kind.MEDICATION],
        "therapy": [
            t
            for t in treatments
            if t.kind != Treatment.Kind.ICE and t.kind != Treatment.Kind.MEDICATION
        ],
        "cramp_count": cramps["count"],
        "night_cramps": cramps["night"],
        "average_fluids": profile.format_volume(round(fluid_total / days)) if days else None,
        "days": days,
    }


def default_days(injury, today):
    """From the injury's first day (or 30 days back for all injuries) to today."""
    if injury is not None:
        return timezone.localtime(injury.onset_at).date(), today
    return today - dt.timedelta(days=29), today
