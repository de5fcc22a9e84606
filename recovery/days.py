"""The user's days: boundaries of a local calendar day as aware datetimes, across DST."""

import datetime as dt


def day_bounds(day, zone):
    """The first moment of `day` and of the next day in `zone` (23 or 25 hours apart on the
    days the clocks change)."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    # In UTC, so that subtracting them gives the real length of the day.
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)
