"""When reminders fall due: in the user's zone, across daylight-saving changes in two zones,
out of quiet hours and days off, each found once within its grace."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from recovery.injuries.triage import Level
from recovery.reminders import schedule
from recovery.reminders.schedule import ALL_DAYS, Quiet

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
UTC = dt.UTC
NO_QUIET = Quiet(dt.time(0), dt.time(0))


def utc(*args):
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "day", "due"),
    [
        # London: clocks forward on 29 March 2026 and back on 25 October 2026.
        (LONDON, dt.date(2026, 3, 28), utc(2026, 3, 28, 9)),
        (LONDON, dt.date(2026, 3, 30), utc(2026, 3, 30, 8)),
        (LONDON, dt.date(2026, 10, 24), utc(2026, 10, 24, 8)),
        (LONDON, dt.date(2026, 10, 26), utc(2026, 10, 26, 9)),
        # New York: forward on 8 March 2026, back on 1 November 2026.
        (NEW_YORK, dt.date(2026, 3, 7), utc(2026, 3, 7, 14)),
        (NEW_YORK, dt.date(2026, 3, 9), utc(2026, 3, 9, 13)),
        (NEW_YORK, dt.date(2026, 10, 31), utc(2026, 10, 31, 13)),
        (NEW_YORK, dt.date(2026, 11, 2), utc(2026, 11, 2, 14)),
    ],
)
def test_a_daily_check_in_comes_at_its_local_time_on_both_sides_of_a_clock_change(zone, day, due):
    assert schedule.daily(dt.time(9), ALL_DAYS, Quiet(), zone, due + dt.timedelta(minutes=1)) == due
    assert (
        schedule.daily(dt.time(9), ALL_DAYS, Quiet(), zone, due - dt.timedelta(minutes=1)) is None
    )


def test_a_reminder_is_found_within_its_grace_and_not_after():
    due = utc(2026, 12, 3, 9)
    assert schedule.daily(dt.time(9), ALL_DAYS, Quiet(), LONDON, due) == due
    late = due + schedule.GRACE
    assert (
        schedule.daily(dt.time(9), ALL_DAYS, Quiet(), LONDON, late - dt.timedelta(seconds=1)) == due
    )
    assert schedule.daily(dt.time(9), ALL_DAYS, Quiet(), LONDON, late) is None


def test_a_time_the_clocks_skip_comes_an_hour_on_and_a_repeated_one_comes_once():
    # 01:30 does not exist in London on 29 March: it comes at 02:30 BST (01:30 UTC).
    skipped = schedule.daily(dt.time(1, 30), ALL_DAYS, NO_QUIET, LONDON, utc(2026, 3, 29, 2))
    assert skipped == utc(2026, 3, 29, 1, 30)
    # 01:30 happens twice on 25 October: both times it is the first one, the same moment.
    first = schedule.daily(dt.time(1, 30), ALL_DAYS, NO_QUIET, LONDON, utc(2026, 10, 25, 0, 31))
    second = schedule.daily(dt.time(1, 30), ALL_DAYS, NO_QUIET, LONDON, utc(2026, 10, 25, 1, 31))
    assert first == second == utc(2026, 10, 25, 0, 30)
    # The same in New York: 02:30 is skipped on 8 March and repeated on 1 November.
    assert schedule.daily(dt.time(2, 30), ALL_DAYS, NO_QUIET, NEW_YORK, utc(2026, 3, 8, 8)) == utc(
        2026, 3, 8, 7, 30
    )
    assert schedule.daily(
        dt.time(1, 30), ALL_DAYS, NO_QUIET, NEW_YORK, utc(2026, 11, 1, 6, 40)
    ) == utc(2026, 11, 1, 5, 30)


def test_quiet_hours_hold_a_reminder_until_they_end_and_days_off_skip_it():
    quiet = Quiet(dt.time(22), dt.time(7))
    # 06:00 falls in quiet hours: it comes at 07:00.
    assert schedule.daily(dt.time(6), ALL_DAYS, quiet, LONDON, utc(2026, 12, 3, 6, 30)) is None
    assert schedule.daily(dt.time(6), ALL_DAYS, quiet, LONDON, utc(2026, 12, 3, 7)) == utc(
        2026, 12, 3, 7
    )
    # 23:00 comes at 07:00 the next morning.
    assert schedule.daily(dt.time(23), ALL_DAYS, quiet, LONDON, utc(2026, 12, 4, 7, 5)) == utc(
        2026, 12, 4, 7
    )
    thursday = utc(2026, 12, 3, 9, 5)
    off = Quiet(days_off=frozenset({3}))
    assert schedule.daily(dt.time(9), ALL_DAYS, off, LONDON, thursday) is None
    assert schedule.daily(dt.time(9), frozenset({0, 2, 4}), Quiet(), LONDON, thursday) is None
    assert schedule.daily(dt.time(9), frozenset({3}), Quiet(), LONDON, thursday) == utc(
        2026, 12, 3, 9
    )


def test_quiet_hours_that_do_not_cross_midnight():
    siesta = Quiet(dt.time(13), dt.time(15))
    assert siesta.contains(dt.datetime(2026, 12, 3, 14, tzinfo=LONDON))
    assert not siesta.contains(dt.datetime(2026, 12, 3, 15, tzinfo=LONDON))
    assert schedule.daily(dt.time(14), ALL_DAYS, siesta, LONDON, utc(2026, 12, 3, 15)) == utc(
        2026, 12, 3, 15
    )


ONSET = utc(2026, 12, 1, 9)


def test_the_next_ice_session_comes_two_hours_after_the_last_only_in_the_first_72_hours():
    def ice(ended, now, level=Level.SELF_CARE, kind="strain"):
        return schedule.ice(ended, ONSET, level, kind, Quiet(), LONDON, now)

    assert ice(utc(2026, 12, 1, 10), utc(2026, 12, 1, 12, 1)) == utc(2026, 12, 1, 12)
    assert ice(utc(2026, 12, 1, 10), utc(2026, 12, 1, 11, 59)) is None
    assert ice(None, utc(2026, 12, 1, 12)) is None  # nothing iced yet: nothing to follow
    assert ice(utc(2026, 12, 1, 10), utc(2026, 12, 1, 12, 1), Level.URGENT) is None
    assert ice(utc(2026, 12, 1, 10), utc(2026, 12, 1, 12, 1), kind="cramp") is None
    # Ended 71 hours after onset: 2 hours later is past the 72 hours.
    assert ice(ONSET + dt.timedelta(hours=71), ONSET + dt.timedelta(hours=73, minutes=1)) is None
    # Ended at 21:00: 23:00 is quiet, so 07:00 the next morning (still within 72 hours).
    assert ice(utc(2026, 12, 1, 21), utc(2026, 12, 2, 7, 1)) == utc(2026, 12, 2, 7)
    # Hurt at 02:00: a session ending at 23:00 on the third day suggests 01:00, in quiet
    # hours, and 07:00 would be past the 72 hours.
    night = utc(2026, 12, 1, 2)
    late = schedule.ice(
        utc(2026, 12, 3, 23), night, Level.SELF_CARE, "strain", Quiet(), LONDON, utc(2026, 12, 4, 7)
    )
    assert late is None


def test_drink_times_spread_over_the_waking_day():
    times = schedule.drink_times(dt.date(2026, 12, 3), Quiet(), LONDON)
    assert [moment.hour for moment in times] == [9, 11, 13, 15, 17, 19, 21]


def test_a_drink_reminder_comes_when_behind_pace_and_never_past_the_goal_or_a_limit():
    def drinks(drunk, now, goal=2000, limit=None, quiet=None):
        return schedule.drinks(goal, drunk, limit, quiet or Quiet(), LONDON, now)

    at_one = utc(2026, 12, 3, 13, 5)
    # By 13:00, 6 of the 15 waking hours: 800 mL of 2 L is the pace.
    assert drinks(500, at_one) == utc(2026, 12, 3, 13)
    assert drinks(799, at_one) == utc(2026, 12, 3, 13)
    assert drinks(800, at_one) is None
    assert drinks(2000, utc(2026, 12, 3, 21, 5)) is None  # the goal is met
    assert drinks(1200, utc(2026, 12, 3, 21, 5), goal=1200, limit=1200) is None
    assert drinks(1300, utc(2026, 12, 3, 21, 5), goal=2000, limit=1200) is None  # past a limit
    assert drinks(0, utc(2026, 12, 3, 8, 59)) is None  # before the first drink time
    assert drinks(0, at_one, quiet=Quiet(days_off=frozenset({3}))) is None


def test_a_call_provider_prompt_standing_a_day_is_repeated_once_out_of_quiet_hours():
    reason = utc(2026, 12, 2, 10)
    assert schedule.provider(reason, None, Quiet(), LONDON, utc(2026, 12, 3, 10)) == utc(
        2026, 12, 3, 10
    )
    assert schedule.provider(reason, None, Quiet(), LONDON, utc(2026, 12, 3, 9, 59)) is None
    contacted = utc(2026, 12, 2, 18)
    assert schedule.provider(reason, contacted, Quiet(), LONDON, utc(2026, 12, 3, 10)) is None
    earlier = utc(2026, 12, 1, 18)  # contacted about something before: this one still stands
    assert schedule.provider(reason, earlier, Quiet(), LONDON, utc(2026, 12, 3, 10)) == utc(
        2026, 12, 3, 10
    )
    late = utc(2026, 12, 2, 23)
    assert schedule.provider(late, None, Quiet(), LONDON, utc(2026, 12, 4, 7, 1)) == utc(
        2026, 12, 4, 7
    )
    assert schedule.provider(reason, None, Quiet(), LONDON, utc(2026, 12, 6, 11)) is None
    # Days off do not hold it back.
    off = Quiet(days_off=frozenset(range(7)))
    assert schedule.provider(reason, None, off, LONDON, utc(2026, 12, 3, 10)) == utc(
        2026, 12, 3, 10
    )
