"""The one-page report for a provider: what the log shows for a range of days."""

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils import timezone

from recovery import advice, charts, hydration
from recovery.days import day_bounds
from recovery.models import Acknowledgement, Cramp, StretchSession, SymptomEntry, Treatment


def build(user, profile, injuries, start_day, end_day):
    """Everything the report shows, for the given injuries (the user's own) and days."""
    zone = profile.zone
    start, _ = day_bounds(start_day, zone)
    _, end = day_bounds(end_day, zone)
    injury_ids = [injury.pk for injury in injuries]
    series = charts.pain_series(injuries, start)
    by_id = {injury.pk: injury for injury in injuries}
    entries_by_injury = {injury.pk: [] for injury in injuries}
    acks_by_injury = {injury.pk: [] for injury in injuries}
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
    assessed = {
        item.injury.pk: item.advice
        for item in advice.assess(advice.with_triage_facts(user.injuries.filter(pk__in=injury_ids)))
    }
    treatments = Treatment.objects.filter(user=user, at__gte=start, at__lt=end)
    if injuries:
        treatments = treatments.filter(Q(injury__in=injury_ids) | Q(injury__isnull=True))
    ice = treatments.filter(kind=Treatment.Kind.ICE).aggregate(
        count=Count("pk"), minutes=Sum("duration_minutes")
    )
    stretches = StretchSession.objects.filter(user=user, at__gte=start, at__lt=end).exclude(
        status="running"
    )
    stretch_totals = stretches.aggregate(count=Count("pk"))
    cramps = list(Cramp.objects.filter(user=user, started_at__gte=start, started_at__lt=end))
    days = (end_day - start_day).days + 1
    fluid_total = sum(
        ml
        for _, ml in hydration.daily_totals(user, zone, start_day).items()
        if start_day <= _ <= end_day
    )
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
        "ice_count": ice["count"] or 0,
        "ice_minutes": ice["minutes"] or 0,
        "stretch_count": stretch_totals["count"] or 0,
        "medications": list(treatments.filter(kind=Treatment.Kind.MEDICATION).order_by("at")),
        "therapy": list(
            treatments.filter(
                kind__in=[Treatment.Kind.THERAPY, Treatment.Kind.MASSAGE, Treatment.Kind.SURGERY]
            ).order_by("at")
        ),
        "cramps": cramps,
        "night_cramps": sum(1 for cramp in cramps if cramp.at_night),
        "average_fluids": profile.format_volume(round(fluid_total / days)) if days else None,
        "days": days,
    }


def default_days(injury, today):
    """From the injury's first day (or 30 days back for all injuries) to today."""
    if injury is not None:
        return timezone.localtime(injury.onset_at).date(), today
    return today - dt.timedelta(days=29), today
