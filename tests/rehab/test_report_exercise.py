"""The provider report's exercise lines: the programme's targets now, the sessions done of
those planned in the report's days, and each exercise's sessions with the last one's sets;
a fixed number of queries however much was done."""

import datetime as dt
import html
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anatomy.models import Exercise
from recovery.models import Injury, ProgrammeExercise
from recovery.rehab import sessions

pytestmark = pytest.mark.django_db

# Thursday 26 November 2026, in London.
NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def at(day, hour=18):
    return dt.datetime(2026, 11, day, hour, tzinfo=LONDON)


@pytest.fixture
def programme(owner):
    injury = Injury.objects.create(
        user=owner, side="left", kind="strain", onset_at=at(1, 9), notes="Sprint"
    )
    injury.entries.create(recorded_at=at(1, 10), pain=5)
    items = []
    for slug, load in [("calf-raise-double-leg", Decimal(5)), ("wall-sit", None)]:
        item = ProgrammeExercise.from_library(injury, Exercise.objects.get(slug=slug))
        item.added_at, item.load_kg = at(9, 8), load
        item.save()
        items.append(item)
    return injury, items


def report(client, injury, start, end="2026-11-26"):
    url = f"{reverse('report')}?injury={injury.pk}&start={start}&end={end}"
    return html.unescape(client.get(url).content.decode())


def test_the_report_gives_the_programme_adherence_and_the_last_sessions(owner_client, programme):
    injury, (raise_, wall) = programme
    sessions.record(raise_, at(10), [(15, Decimal(5))] * 3, pain_during=4)
    sessions.record(raise_, at(20), [(15, Decimal(5)), (12, Decimal("7.5"))], pain_during=2)
    sessions.as_planned(wall, at(24))
    page = report(owner_client, injury, "2026-11-09")
    assert (
        "Calf raise on both legs, 3 sets of 15 repetitions, 5 kg added, 60 seconds' rest, "
        "3 days a week; Wall sit (isometric quadriceps), 5 holds of 30 seconds, body weight, "
        "60 seconds' rest, 3 days a week." in page
    )
    # Weeks of 9 and 16 Nov in full (3 + 3 each), and Monday to Thursday of this one
    # (4 days of 7: 2 each): 16 planned, 3 done.
    assert "3 of 16 sessions the programme as it stands plans (19%)" in page
    assert (
        "Calf raise on both legs, 2 sessions (last 20 Nov: 15, 12 repetitions with up to 7.5 kg; "
        "highest pain during 4/10); Wall sit (isometric quadriceps), 1 session (last 24 Nov: "
        "30, 30, 30, 30, 30 seconds)." in page
    )
    assert "Strengthening exercise: 3 sessions." in page


def test_the_report_counts_only_the_days_it_covers(owner_client, programme):
    injury, (raise_, _) = programme
    sessions.as_planned(raise_, at(10))
    sessions.as_planned(raise_, at(23))
    page = report(owner_client, injury, "2026-11-23")
    assert "Calf raise on both legs, 1 session (last 23 Nov:" in page
    # Monday to Thursday: 2 of each.
    assert "1 of 4 sessions the programme as it stands plans (25%)" in page


def test_a_programme_without_sessions_is_reported_as_planned(owner_client, programme):
    injury, _ = programme
    page = report(owner_client, injury, "2026-11-16")
    assert "Exercise programme now:" in page
    assert "0 of 10 sessions the programme as it stands plans (0%)" in page
    assert "Exercise sessions:" not in page


def test_more_exercise_needs_no_more_queries(owner_client, programme):
    injury, (raise_, wall) = programme
    sessions.as_planned(raise_, at(10))
    with CaptureQueriesContext(connection) as few:
        report(owner_client, injury, "2026-11-01")
    for day in range(11, 26):
        sessions.as_planned(raise_, at(day))
        sessions.as_planned(wall, at(day, 9))
    other = ProgrammeExercise.from_library(injury, Exercise.objects.get(slug="step-up"))
    other.save()
    sessions.as_planned(other, at(25, 7))
    with CaptureQueriesContext(connection) as many:
        page = report(owner_client, injury, "2026-11-01")
    assert "Step-up, 1 session (last 25 Nov" in page
    assert len(many.captured_queries) == len(few.captured_queries)
