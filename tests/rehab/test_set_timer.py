"""The guided set timer: holds and rests counted by the server's clock, sets of repetitions
ended with a tap, what was done logged as a session when it ends (by the page, by stopping,
or by any later page), and each wrong answer with its message."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from anatomy.models import Exercise
from recovery.models import ExerciseSession, Injury, ProgrammeExercise, SetTimer
from recovery.rehab import set_timer

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def planned(owner, slug, **targets):
    injury = Injury.objects.create(
        user=owner, side="left", kind="strain", onset_at=NOW - dt.timedelta(days=10)
    )
    injury.entries.create(recorded_at=NOW - dt.timedelta(hours=3), pain=2)
    item = ProgrammeExercise.from_library(injury, Exercise.objects.get(slug=slug))
    for name, value in targets.items():
        setattr(item, name, value)
    item.save()
    return item


def start(client, item):
    response = client.post(reverse("set_timer_start", args=[item.pk]))
    assert response.status_code == 302
    return SetTimer.objects.get(status="running")


def page(client, timer):
    return client.get(reverse("set_timer", args=[timer.pk])).content.decode()


def test_holds_are_counted_by_the_clock_and_logged_when_the_last_ends(owner_client, owner, clock):
    item = planned(owner, "calf-hold-isometric", sets=3, hold_seconds=30, rest_seconds=60)
    timer = start(owner_client, item)
    assert "Hold 1 of 3" in page(owner_client, timer)
    clock.shift(100)  # a reload mid-way shows where it is
    html = page(owner_client, timer)
    assert "Hold 2 of 3" in html
    assert "data-countdown>20<" in html
    clock.shift(110)  # 210 s: the third hold is over
    html = page(owner_client, timer)
    assert "Done: 3 holds logged" in html
    session = ExerciseSession.objects.get()
    assert [s.seconds for s in session.sets.all()] == [30, 30, 30]
    assert (session.at, session.pain_before, session.pain_during) == (NOW, 2, None)
    response = owner_client.post(reverse("set_timer_pain", args=[timer.pk]), {"pain_during": "2"})
    assert response.url == reverse("programme", args=[item.injury_id])
    session.refresh_from_db()
    assert session.pain_during == 2


def test_a_finished_timer_is_logged_by_the_next_page_whatever_it_is(owner_client, owner, clock):
    item = planned(owner, "wall-sit", sets=2, hold_seconds=30, rest_seconds=30)
    start(owner_client, item)
    clock.shift(dt.timedelta(hours=2))  # the phone was put away
    owner_client.get(reverse("home"))
    assert SetTimer.objects.get().status == "done"
    assert ExerciseSession.objects.get().sets.count() == 2


def test_sets_of_repetitions_end_with_a_tap_then_rest(owner_client, owner, clock):
    item = planned(owner, "calf-raise-double-leg", sets=3, reps=15, rest_seconds=60, load_kg=5)
    timer = start(owner_client, item)
    html = page(owner_client, timer)
    assert "Set 1 of 3" in html
    assert 'value="15"' in html
    clock.shift(40)
    url = reverse("set_timer_set_done", args=[timer.pk])
    owner_client.post(url, {"number": "1", "reps": "14"})
    html = page(owner_client, timer)
    assert "Rest, then set 2 of 3" in html
    assert "data-countdown>60<" in html
    # A double tap on set 1 counts it once.
    response = owner_client.post(url, {"number": "1", "reps": "14"}, follow=True)
    assert "That set was counted already." in response.content.decode()
    clock.shift(30)  # set 2 during the rest: the rest is cut short
    owner_client.post(url, {"number": "2", "reps": "15"})
    clock.shift(120)
    assert "Set 3 of 3" in page(owner_client, timer)
    response = owner_client.post(url, {"number": "3", "reps": "12"}, follow=True)
    assert "All 3 sets done: logged." in response.content.decode()
    session = ExerciseSession.objects.get()
    assert [(s.reps, s.load_kg) for s in session.sets.all()] == [(14, 5), (15, 5), (12, 5)]


@pytest.mark.parametrize("reps", ["0", "10000", "twelve", ""])
def test_a_wrong_count_says_what_is_allowed_and_keeps_what_was_typed(
    owner_client, owner, clock, reps
):
    item = planned(owner, "calf-raise-double-leg")
    timer = start(owner_client, item)
    response = owner_client.post(
        reverse("set_timer_set_done", args=[timer.pk]), {"number": "1", "reps": reps}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter from 1 to 100 repetitions (or steps) per set." in html
    assert f'value="{reps}"' in html if reps else 'value="15"' not in html
    assert SetTimer.objects.get().finished == []


def test_stopping_logs_the_sets_done_so_far(owner_client, owner, clock):
    item = planned(owner, "hamstring-hold-isometric", sets=5, hold_seconds=20, rest_seconds=30)
    timer = start(owner_client, item)
    clock.shift(60)  # hold 2 under way (50 to 70 s): one whole hold done
    response = owner_client.post(reverse("set_timer_stop", args=[timer.pk]), follow=True)
    assert "Stopped after 1 of 5 holds; logged." in response.content.decode()
    assert [s.seconds for s in ExerciseSession.objects.get().sets.all()] == [20]
    again = owner_client.post(reverse("set_timer_stop", args=[timer.pk]), follow=True)
    assert "This session had already ended" in again.content.decode()
    assert ExerciseSession.objects.count() == 1


def test_stopping_before_any_set_logs_nothing_and_says_so(owner_client, owner, clock):
    timer = start(owner_client, planned(owner, "step-up"))
    response = owner_client.post(reverse("set_timer_stop", args=[timer.pk]), follow=True)
    html = response.content.decode()
    assert "Nothing was logged: no set was finished." in html
    assert "Stopped: nothing logged" in html
    assert not ExerciseSession.objects.exists()
    pain = owner_client.post(reverse("set_timer_pain", args=[timer.pk]), {"pain_during": "1"})
    assert pain.status_code == 302
    assert not ExerciseSession.objects.exists()


def test_one_guided_session_runs_at_a_time(owner_client, owner, clock):
    first = start(owner_client, planned(owner, "step-up"))
    other = planned(owner, "split-squat")
    response = owner_client.post(reverse("set_timer_start", args=[other.pk]))
    assert response.url == first.get_absolute_url()
    assert SetTimer.objects.count() == 1
    programme = owner_client.get(reverse("programme", args=[other.injury_id])).content.decode()
    assert "A guided session of step-up is running." in programme


def test_a_wrong_pain_answer_says_what_is_allowed(owner_client, owner, clock):
    item = planned(owner, "single-leg-balance", sets=1, hold_seconds=30, rest_seconds=30)
    timer = start(owner_client, item)
    clock.shift(31)
    response = owner_client.post(reverse("set_timer_pain", args=[timer.pk]), {"pain_during": "11"})
    assert response.status_code == 400
    assert "Pain is a whole number from 0" in response.content.decode()
    assert ExerciseSession.objects.get().pain_during is None


def test_the_timer_takes_the_targets_of_when_it_started(owner_client, owner, clock):
    item = planned(owner, "calf-raise-double-leg", sets=2, reps=10, rest_seconds=0)
    timer = start(owner_client, item)
    ProgrammeExercise.objects.filter(pk=item.pk).update(sets=4, reps=20)
    url = reverse("set_timer_set_done", args=[timer.pk])
    owner_client.post(url, {"number": "1", "reps": "10"})
    owner_client.post(url, {"number": "2", "reps": "10"})
    assert [s.reps for s in ExerciseSession.objects.get().sets.all()] == [10, 10]


def test_another_users_timer_is_out_of_reach(client, other_user, owner, clock):
    item = planned(owner, "step-up")
    timer = SetTimer.objects.create(
        user=owner, item=item, started_at=NOW, sets=3, reps=10, rest_seconds=60
    )
    client.force_login(other_user)
    assert client.get(reverse("set_timer", args=[timer.pk])).status_code == 404
    assert client.post(reverse("set_timer_start", args=[item.pk])).status_code == 404
    done = client.post(reverse("set_timer_set_done", args=[timer.pk]), {"number": 1, "reps": 9})
    assert done.status_code == 404
    assert SetTimer.objects.get().finished == []


def test_sets_left_alone_are_logged_after_half_an_hour(owner_client, owner, clock):
    item = planned(owner, "step-up", sets=3, reps=10, rest_seconds=60)
    timer = start(owner_client, item)
    clock.shift(50)
    owner_client.post(reverse("set_timer_set_done", args=[timer.pk]), {"number": 1, "reps": 9})
    clock.shift(60 + 30 * 60)  # set 2 was due after the rest: exactly half an hour on
    owner_client.get(reverse("home"))
    assert SetTimer.objects.get().status == "running"
    clock.shift(1)
    owner_client.get(reverse("home"))
    timer.refresh_from_db()
    assert timer.status == "stopped"
    assert [s.reps for s in timer.session.sets.all()] == [9]
    # The next tap on "with the timer" starts a new one.
    assert start(owner_client, item).pk != timer.pk


def test_stop_logs_a_set_ended_in_another_tab_meanwhile(owner, clock):
    item = planned(owner, "step-up", sets=3, reps=10, rest_seconds=0)
    timer = set_timer.start(user=owner, item=item)
    stale = SetTimer.objects.get(pk=timer.pk)  # read by the Stop request first
    set_timer.set_done(timer, 1, 8)  # then the other tab's set
    assert set_timer.stop(stale)
    assert [s.reps for s in ExerciseSession.objects.get().sets.all()] == [8]
    assert set_timer.set_done(timer, 2, 8) == set_timer.SetDone.ENDED


def test_a_set_sent_to_an_ended_session_says_so(owner_client, owner, clock):
    timer = start(owner_client, planned(owner, "step-up"))
    owner_client.post(reverse("set_timer_stop", args=[timer.pk]))
    response = owner_client.post(
        reverse("set_timer_set_done", args=[timer.pk]), {"number": "1", "reps": "0"}, follow=True
    )
    assert "This session has ended; that set was not recorded." in response.content.decode()


def test_a_hold_timer_takes_no_sets_of_repetitions(owner, clock):
    item = planned(owner, "wall-sit", sets=2, hold_seconds=30, rest_seconds=30)
    timer = set_timer.start(user=owner, item=item)
    assert set_timer.set_done(timer, 1, 10) == set_timer.SetDone.ENDED
    assert SetTimer.objects.get().finished == []


def test_removing_an_exercise_mid_session_logs_what_was_done(owner_client, owner, clock):
    item = planned(owner, "step-up", sets=3, reps=10, rest_seconds=0)
    timer = start(owner_client, item)
    owner_client.post(reverse("set_timer_set_done", args=[timer.pk]), {"number": 1, "reps": 10})
    owner_client.post(reverse("programme_item_remove", args=[item.pk]))
    assert not SetTimer.objects.exists()
    assert [s.reps for s in ExerciseSession.objects.get().sets.all()] == [10]
