"""The dashboard: what a signed-in user sees first."""

import datetime as dt

import pytest
import time_machine

from recovery.insights.dashboard import trend
from recovery.insights.streaks import days_logged, streak
from recovery.models import Cramp, FluidEntry, Injury, Treatment

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize(
    ("logged", "expected"),
    [
        (set(), 0),
        ({TODAY}, 1),
        ({TODAY, TODAY - dt.timedelta(days=1), TODAY - dt.timedelta(days=2)}, 3),
        ({TODAY - dt.timedelta(days=1), TODAY - dt.timedelta(days=2)}, 2),  # today not yet
        ({TODAY, TODAY - dt.timedelta(days=2)}, 1),  # a gap ends it
    ],
)
def test_the_streak_counts_consecutive_days_with_a_log(logged, expected):
    assert streak(logged, TODAY) == expected


def test_days_logged_come_from_every_kind_of_log_in_the_users_zone(owner):
    from zoneinfo import ZoneInfo

    FluidEntry.objects.create(user=owner, at=NOW, amount_ml=250)
    Cramp.objects.create(
        user=owner, started_at=NOW - dt.timedelta(days=1), side="left", duration_seconds=5, pain=2
    )
    Treatment.objects.create(user=owner, kind="rest", at=NOW - dt.timedelta(days=2))
    tokyo = days_logged(owner, ZoneInfo("Asia/Tokyo"), TODAY)
    assert tokyo == {TODAY, TODAY - dt.timedelta(days=1), TODAY - dt.timedelta(days=2)}


@pytest.mark.parametrize(
    ("previous", "latest", "arrow"), [(6, 4, "↓"), (4, 6, "↑"), (5, 5, "→"), (None, 5, None)]
)
def test_the_trend_arrow_compares_with_the_entry_before(previous, latest, arrow):
    result = trend(previous, latest)
    assert (result[0] if result else None) == arrow


def test_the_dashboard_shows_each_injury_with_trend_day_and_rice(owner_client, owner):
    injury = Injury.objects.create(user=owner, side="left", onset_at=NOW - dt.timedelta(days=2))
    injury.entries.create(recorded_at=NOW - dt.timedelta(days=2), pain=7)
    injury.entries.create(recorded_at=NOW - dt.timedelta(hours=1), pain=5)
    Treatment.objects.create(user=owner, injury=injury, kind="ice", at=NOW, duration_minutes=15)
    body = owner_client.get("/").content.decode()
    assert "Latest pain <strong>5/10</strong>" in body
    assert "lower than the entry before" in body
    assert "Day 3 since it started." in body
    assert '<span class="rice-done">Ice</span>' in body
    assert '<span class="rice-todo">Rest (not yet)</span>' in body
    assert "1 day in a row with something logged." in body


def test_a_new_user_is_told_what_to_do_first(owner_client):
    body = owner_client.get("/").content.decode()
    assert "Nothing logged yet. Hurt a muscle? Log it in a few taps" in body
    assert "day in a row" not in body
