"""Exercises on the home page: one tap for each planned exercise not done today, the week's
adherence, and the next-morning question waiting from yesterday."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from anatomy.models import Exercise
from recovery.models import ExerciseSession, Injury, ProgrammeExercise
from recovery.rehab.adherence import by_week, of_week, planned_in_week

pytestmark = pytest.mark.django_db

# A Wednesday, 10:00 in London.
NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("planned", "done", "expected"),
    [
        ({"a": 3, "b": 3}, {}, (0, 6, 0)),
        ({"a": 3, "b": 3}, {"a": 2, "b": 1}, (3, 6, 50)),
        ({"a": 3, "b": 3}, {"a": 6}, (3, 6, 50)),  # extra sessions of one do not count twice
        ({"a": 7}, {"a": 7}, (7, 7, 100)),
        ({}, {"a": 2}, (0, 0, None)),
    ],
)
def test_adherence_counts_each_exercise_up_to_its_own_plan(planned, done, expected):
    week = of_week(planned, done)
    assert (week.done, week.planned, week.percent) == expected


MONDAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("added", "until", "planned"),
    [
        (dt.date(2026, 11, 1), None, 3),  # in the programme all week: the full plan
        (MONDAY, None, 3),
        (dt.date(2026, 12, 2), None, 2),  # added on Wednesday: 5 days of 7
        (dt.date(2026, 12, 6), None, 0),  # added on Sunday: less than half a session
        (dt.date(2026, 12, 7), None, 0),  # added the week after
        (dt.date(2026, 11, 1), dt.date(2026, 12, 2), 1),  # recovered on Wednesday: 3 days
        (dt.date(2026, 11, 1), dt.date(2026, 11, 29), 0),  # recovered the week before
    ],
)
def test_a_week_plans_an_exercise_for_the_days_it_was_in_the_programme(added, until, planned):
    assert planned_in_week(3, MONDAY, added, until) == planned


def test_twice_a_day_for_five_days_is_ten_sessions():
    assert planned_in_week(14, MONDAY, dt.date(2026, 12, 2)) == 10


def test_adherence_by_week_counts_each_week_on_its_own():
    plans = [("wall sit", 3, dt.date(2026, 12, 2), None)]
    done = {("wall sit", MONDAY): 4, ("wall sit", dt.date(2026, 12, 7)): 1}
    weeks = by_week(plans, done, [dt.date(2026, 11, 23), MONDAY, dt.date(2026, 12, 7)])
    assert [(week.done, week.planned) for _, week in weeks] == [(0, 0), (2, 2), (1, 3)]


@pytest.fixture
def programme(owner):
    with time_machine.travel(NOW, tick=False):
        injury = Injury.objects.create(
            user=owner, side="left", onset_at=NOW - dt.timedelta(days=10)
        )
        items = []
        for slug in ["wall-sit", "eccentric-heel-drop"]:
            item = ProgrammeExercise.from_library(injury, Exercise.objects.get(slug=slug))
            item.added_at = NOW - dt.timedelta(days=9)
            item.save()
            items.append(item)
        yield injury, items


def test_today_lists_each_exercise_with_one_tap_and_the_weeks_adherence(owner_client, programme):
    injury, (wall_sit, heel_drop) = programme
    # Monday: the wall sit; Tuesday (yesterday): the heel drop, no morning answer yet.
    ExerciseSession.objects.create(
        injury=injury, exercise=wall_sit.exercise, at=NOW - dt.timedelta(days=2), pain_during=2,
        next_morning_pain=1,
    )  # fmt: skip
    ExerciseSession.objects.create(
        injury=injury, exercise=heel_drop.exercise, at=NOW - dt.timedelta(days=1)
    )
    # Last week's does not count.
    ExerciseSession.objects.create(
        injury=injury, exercise=wall_sit.exercise, at=NOW - dt.timedelta(days=6)
    )
    with time_machine.travel(NOW, tick=False):
        page = owner_client.get(reverse("home")).content.decode()
        assert "This week: <strong>2 of 17</strong> planned sessions done (12%)." in page
        assert "after yesterday's exercise?" in page
        assert 'aria-label="Done as planned: Wall sit (isometric quadriceps)"' in page
        response = owner_client.post(reverse("session_done", args=[wall_sit.pk]), {"from": "today"})
        assert response.url == reverse("home")
        page = owner_client.get(reverse("home")).content.decode()
    assert "Wall sit (isometric quadriceps): done today." in page
    assert "3 of 17" in page


def test_no_exercise_card_without_a_programme(owner_client, owner):
    Injury.objects.create(user=owner, side="left", onset_at=NOW - dt.timedelta(days=1))
    assert "exercise-heading" not in owner_client.get(reverse("home")).content.decode()


def test_yesterdays_morning_question_is_answered_on_today_for_the_whole_day(
    owner_client, programme
):
    injury, (wall_sit, heel_drop) = programme
    # Two exercises yesterday (Tuesday, morning and evening) and one the day before.
    for item, hours in [(wall_sit, 26), (heel_drop, 16)]:
        ExerciseSession.objects.create(
            injury=injury, exercise=item.exercise, at=NOW - dt.timedelta(hours=hours)
        )
    older = ExerciseSession.objects.create(
        injury=injury, exercise=wall_sit.exercise, at=NOW - dt.timedelta(days=2)
    )
    with time_machine.travel(NOW, tick=False):
        page = owner_client.get(reverse("home")).content.decode()
        assert "How does the leg feel this morning, after yesterday's exercise?" in page
        waiting = ExerciseSession.objects.filter(at__date=dt.date(2026, 12, 1)).first()
        response = owner_client.post(
            reverse("session_morning", args=[waiting.pk]), {"pain": "2", "from": "today"}
        )
        assert response.url == reverse("home")
        page = owner_client.get(reverse("home")).content.decode()
    assert "after yesterday's exercise?" not in page
    answers = dict(ExerciseSession.objects.values_list("at", "next_morning_pain"))
    assert answers == {
        NOW - dt.timedelta(hours=26): 2,
        NOW - dt.timedelta(hours=16): 2,
        older.at: None,  # another day: its own answer
    }


def test_each_exercise_can_be_started_with_the_timer_from_today(owner_client, programme):
    injury, (wall_sit, _) = programme
    with time_machine.travel(NOW, tick=False):
        page = owner_client.get(reverse("home")).content.decode()
        assert 'aria-label="With the timer: Wall sit (isometric quadriceps)"' in page
        response = owner_client.post(reverse("set_timer_start", args=[wall_sit.pk]))
        timer_url = response.url
        page = owner_client.get(reverse("home")).content.decode()
    assert "A guided session of wall sit (isometric quadriceps) is running." in page
    assert f'href="{timer_url}"' in page
