"""The streak of days with any log, in the user's days."""

import datetime as dt

from recovery.common.days import day_bounds
from recovery.common.local_day import LocalDate
from recovery.models import Cramp, FluidEntry, StretchSession, SymptomEntry, Treatment


def streak(days_logged, today):
    """Consecutive days with a log, up to today (or up to yesterday while today is empty)."""
    day = today if today in days_logged else today - dt.timedelta(days=1)
    count = 0
    while day in days_logged:
        count += 1
        day -= dt.timedelta(days=1)
    return count


STREAK_LOOKBACK = 31  # a streak longer than this shows as "more than 30 days"


def days_logged(user, zone, today, lookback=STREAK_LOOKBACK):
    """The local days in the last month with any entry, treatment, drink, cramp or stretch,
    in one query. A month is enough for the streak, and keeps the query small."""
    start, _ = day_bounds(today - dt.timedelta(days=lookback), zone)

    def days(queryset, field):
        return (
            queryset.filter(**{f"{field}__gte": start})
            .annotate(day=LocalDate(field, tzinfo=zone))
            .values_list("day", flat=True)
            .order_by()
        )

    union = days(SymptomEntry.objects.filter(injury__user=user), "recorded_at").union(
        days(Treatment.objects.filter(user=user), "at"),
        days(FluidEntry.objects.filter(user=user), "at"),
        days(Cramp.objects.filter(user=user), "started_at"),
        days(
            StretchSession.objects.filter(user=user).exclude(status=StretchSession.Status.RUNNING),
            "at",
        ),
    )
    return set(union.order_by())
