"""The dashboard's numbers for today, read in one query, equal what the logs say."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recovery.insights.today import today
from recovery.models import Cramp, FluidEntry, IceSession, Injury, StretchSession, Treatment

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)  # noon in London: the day began at 00:00


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def ice(user, injury, started, minutes, status="completed"):
    return IceSession.objects.create(
        user=user,
        injury=injury,
        started_at=started,
        planned_end_at=started + dt.timedelta(minutes=20),
        ended_at=started + dt.timedelta(minutes=minutes) if status != "running" else None,
        status=status,
        barrier_confirmed=True,
    )


def test_todays_numbers_in_one_query(owner):
    from anatomy.models import Stretch

    injury = Injury.objects.create(user=owner, side="left", onset_at=NOW - dt.timedelta(hours=5))
    other = Injury.objects.create(user=owner, side="right", onset_at=NOW - dt.timedelta(hours=5))
    ice(owner, injury, NOW - dt.timedelta(hours=3), 20)
    ice(owner, injury, NOW - dt.timedelta(hours=1), 12, status="stopped")
    ice(owner, injury, NOW - dt.timedelta(days=1), 20)  # yesterday: not today
    running = ice(owner, injury, NOW - dt.timedelta(minutes=5), 0, status="running")
    FluidEntry.objects.create(user=owner, at=NOW - dt.timedelta(hours=2), amount_ml=250)
    FluidEntry.objects.create(user=owner, at=NOW - dt.timedelta(hours=1), amount_ml=500)
    FluidEntry.objects.create(user=owner, at=NOW - dt.timedelta(days=1), amount_ml=900)
    FluidEntry.objects.create(user=owner, at=NOW + dt.timedelta(days=1), amount_ml=400)  # tomorrow
    stretch = Stretch.objects.first()
    StretchSession.objects.create(
        user=owner,
        stretch=stretch,
        at=NOW - dt.timedelta(hours=1),
        side="left",
        holds=3,
        hold_seconds=30,
    )
    for days in (1, 3, 8):
        Cramp.objects.create(
            user=owner,
            started_at=NOW - dt.timedelta(days=days),
            side="left",
            duration_seconds=30,
            pain=3,
        )
    Treatment.objects.create(user=owner, injury=injury, kind="rest", at=NOW - dt.timedelta(hours=2))
    Treatment.objects.create(
        user=owner,
        injury=injury,
        kind="compression",
        at=NOW - dt.timedelta(hours=1),
        duration_minutes=30,
    )
    Treatment.objects.create(user=owner, injury=injury, kind="rest", at=NOW - dt.timedelta(days=1))
    with CaptureQueriesContext(connection) as queries:
        numbers = today(owner, [injury, other], NOW)
    assert len(queries.captured_queries) == 1
    assert (numbers.fluids_ml, numbers.stretches, numbers.cramps_week) == (750, 1, 2)
    assert (numbers.ice_sessions, numbers.ice_minutes) == (2, 32)
    assert numbers.last_ice_end == NOW - dt.timedelta(hours=1) + dt.timedelta(minutes=12)
    assert numbers.running == {"ice": running.pk}
    steps = {row["kind"]: (row["count"], row["minutes"]) for row in numbers.rice[injury.pk]}
    assert steps == {"rest": (1, 0), "ice": (0, 0), "compression": (1, 30), "elevation": (0, 0)}
    assert all(row["count"] == 0 for row in numbers.rice[other.pk])
