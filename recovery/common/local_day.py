"""The user's calendar day of a stored time, computed in the database.

`LocalDate` is Django's `TruncDate` with a time zone, and on PostgreSQL it is exactly that.
On SQLite, Django converts each row's time zone in Python (about 6 microseconds a row: 25 ms
for a year of drinks). A zone's UTC offset only changes at its transitions, so for times near
today SQLite gets plain date arithmetic instead, `date(utc, '+3600 seconds')`, with the offset
picked by a CASE over the transitions. Times outside that span use Django's exact function.
"""

import datetime as dt
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.functions import TruncDate
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

SPAN_BACK = dt.timedelta(days=3 * 366)
SPAN_AHEAD = dt.timedelta(days=2)
STORED_FORMAT = "%Y-%m-%d %H:%M:%S"  # how Django's SQLite backend stores UTC times


def _offset_seconds(zone: dt.tzinfo, epoch: int) -> int:
    offset = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).astimezone(zone).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def offset_periods(
    zone: dt.tzinfo, start: dt.datetime, end: dt.datetime
) -> list[tuple[dt.datetime, int]]:
    """The zone's UTC offsets between two UTC times: [(from, offset in seconds)], the first
    from `start`, each later one from the exact second the offset changed."""
    lo, hi = int(start.timestamp()), int(end.timestamp())
    periods = [(lo, _offset_seconds(zone, lo))]
    day = 24 * 60 * 60
    # Sampled once a day, then bisected: this assumes at most one change in any 24 hours,
    # which holds for every zone in the tz database in the years around today.
    for step in range(lo, hi, day):
        after = min(step + day, hi)
        if _offset_seconds(zone, after) == periods[-1][1]:
            continue
        before = step  # the offset at `before` is the current one, at `after` the next
        while after - before > 1:
            middle = (before + after) // 2
            if _offset_seconds(zone, middle) == periods[-1][1]:
                before = middle
            else:
                after = middle
        periods.append((after, _offset_seconds(zone, after)))
    return [(dt.datetime.fromtimestamp(at, tz=dt.UTC), offset) for at, offset in periods]


@lru_cache(maxsize=256)
def _periods_near(
    zone_name: str, today: dt.date
) -> tuple[list[tuple[dt.datetime, int]], dt.datetime]:
    middle = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    end = middle + SPAN_AHEAD
    return offset_periods(ZoneInfo(zone_name), middle - SPAN_BACK, end), end


def sql_depends_on(zone: dt.tzinfo) -> tuple[str, dt.date]:
    """What a query's SQL with `LocalDate` depends on beside its parameters: the zone and, on
    SQLite, today's date (the span of transitions). Part of a compiled query's shape."""
    return str(zone), timezone.now().date()


class LocalDate(TruncDate):
    """`TruncDate(field, tzinfo=zone)`, with native SQL on SQLite for times near today."""

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, tuple[str | int, ...]]:
        tzname = self.get_tzname()
        field_sql, field_params = compiler.compile(self.lhs)
        if tzname is None or field_params or connection.timezone_name != "UTC":
            return self.as_sql(compiler, connection)  # the general form, row by row
        return _sqlite_local_date(field_sql, tzname, timezone.now().date())

    def get_db_converters(self, connection: BaseDatabaseWrapper) -> list[Any]:
        # SQLite's backend already turns the ISO text into a date; TruncBase's own converter
        # only matters for times, and a year of charts reads thousands of days.
        if connection.vendor == "sqlite":
            return []
        return super().get_db_converters(connection)


@lru_cache(maxsize=512)
def _sqlite_local_date(field_sql: str, tzname: str, today: dt.date) -> tuple[str, tuple[str, ...]]:
    """The SQL for one column's local day in one zone; the same for every query that day."""
    exact_sql = f"django_datetime_cast_date({field_sql}, %s, %s)"  # as Django's TruncDate
    exact_params = (tzname, "UTC")
    periods, end = _periods_near(tzname, today)
    branches = [f"WHEN {field_sql} >= %s THEN {exact_sql}"]
    params = [end.strftime(STORED_FORMAT), *exact_params]
    for start, offset in reversed(periods):
        branches.append(f"WHEN {field_sql} >= %s THEN date({field_sql}, %s)")
        params += [start.strftime(STORED_FORMAT), f"{offset:+d} seconds"]
    sql = f"CASE {' '.join(branches)} ELSE {exact_sql} END"
    return sql, (*params, *exact_params)
