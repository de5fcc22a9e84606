"""The user's local day computed in the database: the fast SQLite form gives exactly the days
Django's TruncDate gives, in every kind of zone, at and around each clock change."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.db.models.functions import TruncDate
from django.test.utils import CaptureQueriesContext

from recovery.common.local_day import LocalDate, offset_periods
from recovery.models import FluidEntry

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
ZONES = [
    "UTC",
    "Europe/London",
    "America/New_York",
    "America/St_Johns",  # -3:30 and -2:30
    "Asia/Kolkata",  # +5:30, no clock changes
    "Australia/Lord_Howe",  # clocks move by half an hour
    "Pacific/Chatham",  # +12:45 and +13:45
    "Pacific/Kiritimati",  # +14
]


def test_the_london_clock_changes_are_found_to_the_second():
    periods = offset_periods(
        ZoneInfo("Europe/London"),
        dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
    )
    assert periods == [
        (dt.datetime(2026, 1, 1, tzinfo=dt.UTC), 0),
        (dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC), 3600),
        (dt.datetime(2026, 10, 25, 1, 0, tzinfo=dt.UTC), 0),
    ]


def test_a_zone_without_clock_changes_has_one_period():
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    periods = offset_periods(ZoneInfo("Asia/Kolkata"), start, start + dt.timedelta(days=800))
    assert periods == [(start, 19800)]


def moments():
    """Every 11 hours and 7 minutes from four years back to a week ahead (so some fall outside
    the fast span on both sides), plus the seconds around each clock change."""
    times = []
    moment = NOW - dt.timedelta(days=4 * 366)
    while moment < NOW + dt.timedelta(days=7):
        times.append(moment)
        moment += dt.timedelta(hours=11, minutes=7)
    for name in ZONES:
        for change, _ in offset_periods(ZoneInfo(name), NOW - dt.timedelta(days=1200), NOW)[1:]:
            for seconds in (-3601, -1, 0, 1, 1799, 3600):
                times.append(change + dt.timedelta(seconds=seconds))
    times.append(dt.datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=dt.UTC))
    return times


@pytest.mark.parametrize("zone_name", ZONES)
def test_local_date_matches_truncdate_everywhere(owner, zone_name):
    zone = ZoneInfo(zone_name)
    FluidEntry.objects.bulk_create(
        FluidEntry(user=owner, at=moment, amount_ml=100) for moment in moments()
    )
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as queries:
        rows = list(
            FluidEntry.objects.order_by("at").values_list(
                "at", LocalDate("at", tzinfo=zone), TruncDate("at", tzinfo=zone)
            )
        )
    if connection.vendor == "sqlite":  # the native form is really the one used
        assert "THEN date(" in queries.captured_queries[0]["sql"]
    assert len(rows) > 3000
    assert [row for row in rows if row[1] != row[2]] == []
    assert [row for row in rows if row[0].astimezone(zone).date() != row[1]] == []
