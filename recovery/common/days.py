"""The user's days: boundaries of a local calendar day as aware datetimes, across DST."""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone


def day_bounds(day: dt.date, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of `day` and of the next day in `zone` (23 or 25 hours apart on the
    days the clocks change)."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    # In UTC, so that subtracting them gives the real length of the day.
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def week_of(day: dt.date) -> dt.date:
    """The Monday that starts the week of `day`."""
    return day - dt.timedelta(days=day.weekday())


def mondays_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The Mondays of the weeks from the week of `first` to the week of `last`."""
    monday, end = week_of(first), week_of(last)
    return [monday + dt.timedelta(weeks=n) for n in range((end - monday).days // 7 + 1)]


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday and the Sunday of the week of `day`."""
    monday = week_of(day)
    return monday, monday + dt.timedelta(days=6)


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last day of the month of `day`."""
    first = day.replace(day=1)
    return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def days_of(moments: Iterable[dt.datetime], zone: dt.tzinfo) -> list[dt.date]:
    """The user's local days of some times, each once, in order."""
    return sorted({moment.astimezone(zone).date() for moment in moments})


def start_of_today(zone: dt.tzinfo | None = None, now: dt.datetime | None = None) -> dt.datetime:
    """The first moment of today in `zone` (the active time zone, which is the user's, when
    not given): where "today" begins for every count of today's logs."""
    zone = zone or timezone.get_current_timezone()
    today = timezone.localtime(now or timezone.now(), zone).date()
    return day_bounds(today, zone)[0]
