"""Finding the reminders due, with the clock pinned: each stored once per user, kind and due
time however often (or by however many workers) the search runs, in each user's zone, only
for what still needs doing, never in quiet hours."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core import mail

from anatomy.models import Exercise
from recovery.models import (
    Acknowledgement,
    FluidEntry,
    IceSession,
    Injury,
    ProgrammeExercise,
    Reminder,
    ReminderSetting,
)
from recovery.reminders import due, words
from recovery.treatments import ice
from tests.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db

# Thursday 3 December 2026, 09:00 in London (GMT) and 04:00 in New York.
NINE = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def injury(owner):
    return Injury.objects.create(user=owner, side="left", onset_at=NINE - dt.timedelta(days=5))


def test_the_daily_check_in_is_found_once_at_the_users_time(owner, other_user, injury):
    Injury.objects.create(user=other_user, side="right", onset_at=NINE - dt.timedelta(days=1))
    with time_machine.travel(NINE - dt.timedelta(minutes=1), tick=False):
        assert due.find(dt.datetime.now(dt.UTC)) == []
    with time_machine.travel(NINE + dt.timedelta(seconds=30), tick=False):
        found = due.find(dt.datetime.now(dt.UTC))
        assert [(one.user, one.kind, one.due_at) for one in found] == [(owner, "check_in", NINE)]
        # Asked about one injury, it opens that injury's "how does it feel" form.
        assert words.link(found[0]) == f"/injuries/{injury.pk}/entries/new/"
        assert due.find(dt.datetime.now(dt.UTC)) == []  # a second look, or a second worker
    # Bob's 09:00 is 14:00 in London.
    with time_machine.travel(dt.datetime(2026, 12, 3, 14, 1, tzinfo=dt.UTC), tick=False):
        assert [one.user for one in due.find(dt.datetime.now(dt.UTC))] == [other_user]
    assert Reminder.objects.count() == 2


def test_no_check_in_without_an_active_injury_after_a_log_today_or_with_its_switch_off(
    owner, injury
):
    at = NINE + dt.timedelta(minutes=1)
    injury.entries.create(recorded_at=NINE - dt.timedelta(hours=2), pain=3)  # 07:00 today
    assert due.find(at) == []
    injury.entries.all().delete()
    injury.remind_daily = False
    injury.save()
    assert due.find(at) == []
    injury.remind_daily = True
    injury.status, injury.resolved_on = Injury.Status.RESOLVED, NINE.date()
    injury.save()
    assert due.find(at) == []
    Injury.objects.create(user=owner, side="right", onset_at=NINE - dt.timedelta(days=1))
    assert [one.kind for one in due.find(at)] == ["check_in"]


def test_a_changed_time_counts_from_the_next_one_and_a_setting_off_stops_it(owner, injury):
    ReminderSetting.objects.create(user=owner, kind="check_in", at=dt.time(8, 0))
    assert [one.due_at for one in due.find(NINE)] == [NINE - dt.timedelta(hours=1)]
    ReminderSetting.objects.filter(user=owner, kind="check_in").update(enabled=False)
    assert due.find(NINE + dt.timedelta(days=1)) == []


def test_quiet_hours_hold_it_and_days_off_skip_it(owner, injury):
    ReminderSetting.objects.create(user=owner, kind="check_in", at=dt.time(6, 0))
    assert due.find(NINE.replace(hour=6, minute=1)) == []
    assert [one.due_at for one in due.find(NINE.replace(hour=7))] == [NINE.replace(hour=7)]
    owner.profile.days_off = "4"  # Friday
    owner.profile.save()
    assert due.find(NINE.replace(day=4, hour=7)) == []


def test_the_next_ice_session_in_the_first_72_hours_only(owner):
    fresh = Injury.objects.create(user=owner, side="left", onset_at=NINE - dt.timedelta(hours=5))
    fresh.entries.create(recorded_at=NINE - dt.timedelta(hours=4), pain=5)
    session = ice.start(user=owner, injury=fresh, now=NINE - dt.timedelta(hours=3))
    ice.stop(session, now=NINE - dt.timedelta(hours=2, minutes=45))
    found = due.find(NINE - dt.timedelta(minutes=44))
    assert [(one.kind, one.due_at, one.injury) for one in found] == [
        ("ice", NINE - dt.timedelta(minutes=45), fresh)
    ]
    fresh.onset_at = NINE - dt.timedelta(days=4)
    fresh.save()
    Reminder.objects.all().delete()
    assert due.find(NINE - dt.timedelta(minutes=44)) == []


def test_drinks_come_only_when_asked_for_and_behind_pace(owner):
    at_one = dt.datetime(2026, 12, 3, 13, 1, tzinfo=dt.UTC)
    assert due.find(at_one) == []  # off by default
    ReminderSetting.objects.create(user=owner, kind="drinks")
    FluidEntry.objects.create(user=owner, at=at_one - dt.timedelta(hours=2), amount_ml=900)
    assert due.find(at_one) == []  # ahead of the 800 mL pace
    FluidEntry.objects.all().delete()
    assert [one.kind for one in due.find(at_one)] == ["drinks"]


def test_exercises_on_the_programme_days_until_done(owner, injury):
    item = ProgrammeExercise.from_library(injury, Exercise.objects.get(slug="wall-sit"))
    item.save()
    injury.entries.create(recorded_at=NINE - dt.timedelta(hours=1), pain=2)  # no check-in
    thursday_six = dt.datetime(2026, 12, 3, 18, 1, tzinfo=dt.UTC)
    assert due.find(thursday_six) == []  # Monday, Wednesday and Friday by default
    friday_six = thursday_six + dt.timedelta(days=1)
    injury.entries.create(recorded_at=friday_six - dt.timedelta(hours=1), pain=2)
    from recovery.rehab import sessions

    sessions.as_planned(item, friday_six - dt.timedelta(hours=2))
    assert due.find(friday_six) == []  # done today
    monday_six = friday_six + dt.timedelta(days=3)
    injury.entries.create(recorded_at=monday_six - dt.timedelta(hours=1), pain=2)
    assert [one.kind for one in due.find(monday_six)] == ["programme"]


def test_a_call_provider_prompt_is_repeated_once_a_day_on_unless_acknowledged(owner):
    # Pain not easing 3 days on: the advice is to call the provider.
    hurt = Injury.objects.create(user=owner, side="left", onset_at=NINE - dt.timedelta(days=4))
    hurt.entries.create(recorded_at=NINE - dt.timedelta(days=4), pain=6)
    hurt.entries.create(recorded_at=NINE - dt.timedelta(days=1), pain=6)
    ReminderSetting.objects.create(user=owner, kind="check_in", enabled=False)
    found = due.find(NINE)
    assert [one.kind for one in found] == ["provider"]
    assert due.find(NINE + dt.timedelta(hours=3)) == []  # once
    run_queued_tasks()
    assert [message.subject for message in mail.outbox] == ["A reminder about your leg"]
    Reminder.objects.all().delete()
    Acknowledgement.objects.create(injury=hurt, kind="contacted", at=NINE - dt.timedelta(hours=1))
    assert due.find(NINE + dt.timedelta(hours=3)) == []


def test_each_reminder_is_queued_for_sending_with_its_row(owner, injury):
    due.find(NINE)
    run_queued_tasks()
    reminder = Reminder.objects.get()
    assert reminder.status == Reminder.Status.SENT
    assert mail.outbox == []  # the check-in comes in the app and by push unless email is ticked
    assert IceSession.objects.count() == 0


def test_one_users_data_the_rules_trip_on_holds_up_no_one_else(owner, other_user, injury):
    Injury.objects.create(user=other_user, side="right", onset_at=NINE - dt.timedelta(days=1))
    real = due.find_for

    def trips_on_alice(user, now, profile=None):
        if user == owner:
            raise ValueError("a row the rules did not expect")
        return real(user, now, profile)

    bobs_nine = dt.datetime(2026, 12, 3, 14, 1, tzinfo=dt.UTC)
    with mock.patch.object(due, "find_for", trips_on_alice):
        assert [one.user for one in due.find(bobs_nine)] == [other_user]
