"""Exercise sessions: logged set by set or "done as planned" in one tap, the next morning's
pain, the progression suggestion they lead to, and each limit with its message."""

import datetime as dt
import html

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from anatomy.models import Exercise, Muscle
from recovery.models import ExerciseSession, Injury, ProgrammeExercise
from recovery.rehab.words import session_words

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def pinned():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def item(owner, pinned):
    injury = Injury.objects.create(
        user=owner, side="left", kind="strain", onset_at=NOW - dt.timedelta(days=10)
    )
    injury.muscles.set([Muscle.objects.get(slug="gastrocnemius")])
    injury.entries.create(recorded_at=NOW - dt.timedelta(hours=3), pain=1)
    planned = ProgrammeExercise.from_library(
        injury, Exercise.objects.get(slug="calf-raise-double-leg")
    )
    planned.changed_at = NOW - dt.timedelta(days=5)
    planned.save()
    return planned


def form(at="2026-12-03T08:30", pain="2", **sets):
    return {"at": at, "pain_during": pain, **sets}


def test_a_session_is_logged_set_by_set_with_its_load(owner_client, item):
    response = owner_client.post(
        reverse("session_new", args=[item.pk]),
        form(count_1="15", load_1="5", count_2="12", load_2="5", count_3="10"),
    )
    assert response.status_code == 302
    session = ExerciseSession.objects.get()
    assert [(s.number, s.reps, s.load_kg) for s in session.sets.all()] == [
        (1, 15, 5), (2, 12, 5), (3, 10, None),
    ]  # fmt: skip
    assert (session.pain_during, session.pain_before) == (2, 1)
    assert timezone.localtime(session.at).strftime("%H:%M") == "08:30"
    assert session_words(session, "metric") == (
        "15, 12, 10 repetitions with up to 5 kg; pain during 2/10"
    )


def test_the_form_starts_from_the_targets_with_one_extra_set(owner_client, item):
    page = owner_client.get(reverse("session_new", args=[item.pk])).content.decode()
    assert page.count('value="15"') == 3  # the planned sets
    assert "Set 4 (extra): repetitions" in page
    assert "Set 5" not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (form(count_1="0"), "Enter from 1 to 100 repetitions (or steps) per set."),
        (form(count_1="10000"), "Enter from 1 to 100 repetitions (or steps) per set."),
        (form(count_1="10", load_1="501"), "a number from 0 to 500 kg"),
        (form(count_1="10", load_1="-2"), "a number from 0 to 500 kg"),
        (form(count_1="10", pain="11"), "Pain is a whole number from 0 (no pain) to 10"),
        (form(count_1="10", at="2026-12-04T08:00"), "This time is in the future."),
        (form(), "Enter at least one set you did."),
        (form(load_1="5"), "count, or clear its load."),
    ],
)
def test_a_session_out_of_range_says_what_is_allowed_and_keeps_the_input(
    owner_client, item, data, message
):
    response = owner_client.post(reverse("session_new", args=[item.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    if data.get("count_1"):
        assert f'value="{data["count_1"]}"' in body
    assert not ExerciseSession.objects.exists()


def test_a_hold_is_logged_in_seconds_up_to_ten_minutes(owner_client, item):
    hold = ProgrammeExercise.from_library(item.injury, Exercise.objects.get(slug="wall-sit"))
    hold.save()
    url = reverse("session_new", args=[hold.pk])
    long = owner_client.post(url, form(count_1="601"))
    assert "Hold for 5 seconds to 10 minutes (600 seconds)." in long.content.decode()
    owner_client.post(url, form(count_1="45", count_2="40"))
    assert [(s.seconds, s.reps) for s in ExerciseSession.objects.get().sets.all()] == [
        (45, None), (40, None),
    ]  # fmt: skip


def test_done_as_planned_is_one_tap_and_a_double_tap_stores_it_once(owner_client, item):
    key = "8c1f0b1e-6c0a-4d55-9a37-0d1d8a0c2a11"
    url = reverse("session_done", args=[item.pk])
    owner_client.post(url, {"submission": key})
    owner_client.post(url, {"submission": key})
    session = ExerciseSession.objects.get()
    assert [s.reps for s in session.sets.all()] == [15, 15, 15]
    assert session.pain_during is None


def test_the_next_morning_is_asked_and_two_settled_sessions_suggest_progress(
    owner_client, item, pinned
):
    for days in (3, 1):
        ExerciseSession.objects.create(
            injury=item.injury, exercise=item.exercise, at=NOW - dt.timedelta(days=days),
            pain_before=1, pain_during=2, next_morning_pain=None if days == 1 else 1,
        )  # fmt: skip
    page = owner_client.get(reverse("programme", args=[item.injury.pk])).content.decode()
    assert "How does the leg feel this morning?" in page
    assert "Tell the app how the leg felt the next morning" in page
    waiting = ExerciseSession.objects.get(next_morning_pain=None)
    owner_client.post(reverse("session_morning", args=[waiting.pk]), {"pain": "1"})
    page = owner_client.get(reverse("programme", args=[item.injury.pk])).content.decode()
    assert "How does the leg feel this morning?" not in page
    assert "Ready to make it harder." in page
    assert "after the pain-monitoring models of Thomee (1997) and Silbernagel" in page
    assert "you decide" in page


def test_a_sore_morning_suggests_stepping_back(owner_client, item):
    ExerciseSession.objects.create(
        injury=item.injury, exercise=item.exercise, at=NOW - dt.timedelta(days=1),
        pain_before=1, pain_during=3, next_morning_pain=5,
    )  # fmt: skip
    page = owner_client.get(reverse("programme", args=[item.injury.pk])).content.decode()
    assert "Step back: make it easier." in page
    assert "4 points above your usual 1/10" in page


def test_changed_targets_start_the_count_again(owner_client, item):
    for days in (3, 2):
        ExerciseSession.objects.create(
            injury=item.injury, exercise=item.exercise, at=NOW - dt.timedelta(days=days),
            pain_before=1, pain_during=2, next_morning_pain=1,
        )  # fmt: skip
    owner_client.post(
        reverse("programme_item_edit", args=[item.pk]),
        {"sets": "3", "reps": "18", "rest_seconds": "60", "days_per_week": "3", "load": ""},
    )
    page = owner_client.get(reverse("programme", args=[item.injury.pk])).content.decode()
    assert "Keep these targets." in page
    assert "No session at this level yet." in page


def test_a_bad_morning_answer_changes_nothing(owner_client, item):
    session = ExerciseSession.objects.create(
        injury=item.injury, exercise=item.exercise, at=NOW - dt.timedelta(days=1)
    )
    response = owner_client.post(reverse("session_morning", args=[session.pk]), {"pain": "12"})
    assert (
        "Nothing was saved. Pain is a whole number"
        in owner_client.get(response.url).content.decode()
    )
    session.refresh_from_db()
    assert session.next_morning_pain is None


def test_another_users_sessions_are_out_of_reach(client, other_user, item):
    session = ExerciseSession.objects.create(
        injury=item.injury, exercise=item.exercise, at=NOW - dt.timedelta(days=1)
    )
    client.force_login(other_user)
    assert client.post(reverse("session_new", args=[item.pk]), form(count_1="3")).status_code == 404
    assert client.post(reverse("session_done", args=[item.pk])).status_code == 404
    assert (
        client.post(reverse("session_morning", args=[session.pk]), {"pain": "1"}).status_code == 404
    )
    assert client.post(reverse("session_delete", args=[session.pk])).status_code == 404
    assert ExerciseSession.objects.count() == 1


def two_settled_sessions(item):
    for days in (3, 1):
        ExerciseSession.objects.create(
            injury=item.injury, exercise=item.exercise, at=NOW - dt.timedelta(days=days),
            pain_before=1, pain_during=2, next_morning_pain=1,
        )  # fmt: skip


def test_progress_offers_the_next_step_and_one_tap_takes_it(owner_client, item):
    two_settled_sessions(item)
    url = reverse("programme", args=[item.injury.pk])
    page = html.unescape(owner_client.get(url).content.decode())
    assert "Next step: 3 sets of 17 repetitions, body weight, 60 seconds' rest." in page
    assert "Other ways to make it harder: When three sets of 15 feel easy" in page
    response = owner_client.post(
        reverse("programme_item_edit", args=[item.pk]),
        {"sets": "3", "reps": "17", "load": "", "rest_seconds": "60", "days_per_week": "3"},
    )
    assert response.url == url
    item.refresh_from_db()
    assert (item.sets, item.reps, item.load_kg, item.changed_at) == (3, 17, None, NOW)
    page = owner_client.get(url).content.decode()
    assert "No session at this level yet." in page  # the rule counts from the new targets


def test_at_the_top_of_its_ladder_the_next_step_is_the_harder_version(owner_client, item):
    item.reps = 20
    item.save()
    two_settled_sessions(item)
    url = reverse("programme", args=[item.injury.pk])
    page = owner_client.get(url).content.decode()
    assert "Next step: the harder version," in page
    assert ">Add Calf raise on one leg, knee straight to the programme</button>" in page
    owner_client.post(url, {"exercise": item.exercise.harder_id})
    assert item.injury.programme.filter(exercise=item.exercise.harder_id).exists()


def test_a_step_back_offers_lighter_targets(owner_client, item):
    item.load_kg = 5
    item.save()
    ExerciseSession.objects.create(
        injury=item.injury, exercise=item.exercise, at=NOW - dt.timedelta(days=1),
        pain_before=1, pain_during=7,
    )  # fmt: skip
    page = html.unescape(
        owner_client.get(reverse("programme", args=[item.injury.pk])).content.decode()
    )
    assert "Step back: make it easier." in page
    # The double-leg raise is not one the library loads: the whole load comes off.
    assert "Next step: 3 sets of 15 repetitions, body weight, 60 seconds' rest." in page
    assert "Other ways to make it easier:" in page
