"""The streak of days with any log, in the user's days."""

import datetime as dt

from recovery.common import compiled
from recovery.common.days import day_bounds
from recovery.common.local_day import LocalDate, sql_depends_on
from recovery.models import (
    Acknowledgement,
    Cramp,
    ExerciseSession,
    FluidEntry,
    IceSession,
    Injury,
    StretchSession,
    SymptomEntry,
    Treatment,
)


def streak(days_logged, today):
    """Consecutive days with a log, up to today (or up to yesterday while today is empty)."""
    day = today if today in days_logged else today - dt.timedelta(days=1)
    count = 0
    while day in days_logged:
        count += 1
        day -= dt.timedelta(days=1)
    return count


STREAK_LOOKBACK = 31  # a streak longer than this shows as "more than 30 days"


def log_times(user):
    """(the user's rows, their time field) for each kind of log that makes a day count."""
    return [
        (SymptomEntry.objects.filter(injury__user=user), "recorded_at"),
        (Treatment.objects.filter(user=user), "at"),
        (FluidEntry.objects.filter(user=user), "at"),
        (Cramp.objects.filter(user=user), "started_at"),
        (ExerciseSession.objects.filter(injury__user=user), "at"),
        (
            StretchSession.objects.filter(user=user).exclude(status=StretchSession.Status.RUNNING),
            "at",
        ),
    ]


# Logs that do not make a day count by themselves, and why.
NOT_COUNTED = {
    Injury: "an injury is logged with its first entry, which counts",
    Acknowledgement: "what the user did about advice, not a log of the leg",
    IceSession: "a finished ice session counts through the treatment it records",
}


def days_logged(user, zone, today, lookback=STREAK_LOOKBACK):
    """The local days in the last month with any entry, treatment, drink, cramp, stretch or
    exercise,
    in one query (its SQL compiled once per zone and day). A month is enough for the streak,
    and keeps the query small."""
    start, _ = day_bounds(today - dt.timedelta(days=lookback), zone)
    shape = ("days logged", *sql_depends_on(zone))

    def build(user_id, start):
        first, *others = [
            rows.filter(**{f"{field}__gte": start})
            .annotate(day=LocalDate(field, tzinfo=zone))
            .values_list("day")
            .order_by()
            for rows, field in log_times(user_id)
        ]
        return first.union(*others).order_by()

    return {day for (day,) in compiled.rows(shape, build, user_id=user.pk, start=start)}
