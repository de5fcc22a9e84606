"""When a reminder falls due: pure rules in the user's own time zone. Each answers "the moment
it fell due, if that was within the last GRACE", so that the worker, asked every minute (or
late, after an outage), finds each due moment once; the row it then stores for that moment
makes it once for good."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from recovery.injuries.triage import Level, shows_rice
from recovery.treatments import ice_rules

# Found later than this (the worker was stopped), a routine reminder is no longer worth sending.
GRACE = timedelta(hours=2)
# The repeated call-provider prompt still goes out this long after it fell due.
PROVIDER_GRACE = timedelta(days=3)
PROVIDER_AFTER = timedelta(hours=24)
DEFAULT_QUIET = (time(22, 0), time(7, 0))
DRINK_EVERY = timedelta(hours=2)
ALL_DAYS = frozenset(range(7))  # Monday is 0


@dataclass(frozen=True)
class Quiet:
    """Quiet hours (from `start` to `end`, across midnight when start is later) and days off,
    when nothing routine is sent."""

    start: time = DEFAULT_QUIET[0]
    end: time = DEFAULT_QUIET[1]
    days_off: frozenset[int] = frozenset()

    def contains(self, local: datetime) -> bool:
        moment = local.time()
        if self.start == self.end:
            return False  # no quiet hours
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def after(self, local: datetime) -> datetime:
        """`local`, or the end of the quiet hours it falls in."""
        if not self.contains(local):
            return local
        day = local.date()
        if local.time() >= self.end:  # the evening part: quiet ends tomorrow morning
            day += timedelta(days=1)
        return local_at(day, self.end, cast(ZoneInfo, local.tzinfo))


def local_at(day: date, at: time, zone: ZoneInfo) -> datetime:
    """`at` on `day` in `zone`. A time the clocks skip (spring forward) is the moment an hour
    on, in the new offset; a time they repeat (fall back) is its first occurrence."""
    first = datetime.combine(day, at, tzinfo=zone)  # fold 0: the offset before a change
    return first.astimezone(UTC).astimezone(zone)


def _fresh(due: datetime, now: datetime, grace: timedelta = GRACE) -> datetime | None:
    return due.astimezone(UTC) if now - grace < due <= now else None


def daily(
    at: time, days: frozenset[int], quiet: Quiet, zone: ZoneInfo, now: datetime
) -> datetime | None:
    """A daily reminder set for `at` on `days` (weekday numbers): the moment it fell due, moved
    out of quiet hours and never on a day off, if within GRACE before `now`."""
    today = now.astimezone(zone).date()
    for day in (today, today - timedelta(days=1)):
        if day.weekday() not in days:
            continue
        due = quiet.after(local_at(day, at, zone))
        if due.weekday() in quiet.days_off:
            continue
        if found := _fresh(due, now):
            return found
    return None


def ice(
    last_ended_at: datetime | None,
    onset_at: datetime,
    level: Level,
    kind: str,
    quiet: Quiet,
    zone: ZoneInfo,
    now: datetime,
) -> datetime | None:
    """The next ice session, when the app suggests it (2 hours after the last one ended), only
    while RICE applies to the injury (its first 72 hours, no urgent reason) and out of quiet
    hours; none before a first session."""
    if last_ended_at is None:
        return None
    suggested = ice_rules.next_suggested(last_ended_at, onset_at, level, kind)
    if suggested is None:
        return None
    due = quiet.after(suggested.astimezone(zone))
    if due != suggested and not shows_rice(onset_at, due, level, kind):
        return None  # moved out of quiet hours past the end of the RICE days
    if due.weekday() in quiet.days_off:
        return None
    return _fresh(due, now)


def waking_day(day: date, quiet: Quiet, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The waking part of `day`: from the end of quiet hours to their start (07:00 to 22:00
    without them)."""
    wake, sleep = (quiet.end, quiet.start) if quiet.start != quiet.end else DEFAULT_QUIET[::-1]
    start = local_at(day, wake, zone)
    return start, local_at(day + timedelta(days=1) if sleep <= wake else day, sleep, zone)


def drink_times(day: date, quiet: Quiet, zone: ZoneInfo) -> list[datetime]:
    """The moments a drink reminder may come on `day`: every 2 hours of the waking day, from
    2 hours after waking."""
    start, end = waking_day(day, quiet, zone)
    times = []
    moment = start + DRINK_EVERY
    while moment < end:  # at most a dozen: the waking day is under 24 hours
        times.append(moment)
        moment += DRINK_EVERY
    return times


def drinks(
    goal_ml: int,
    drunk_ml: int,
    limit_ml: int | None,
    quiet: Quiet,
    zone: ZoneInfo,
    now: datetime,
) -> datetime | None:
    """A drink reminder at the latest of the day's drink times, when the day's drinks are
    behind an even pace toward the goal (the goal reached by the end of the waking day); never
    once the goal is met, nor at or past a clinician's limit."""
    if drunk_ml >= goal_ml or (limit_ml is not None and drunk_ml >= limit_ml):
        return None
    today = now.astimezone(zone).date()
    if today.weekday() in quiet.days_off:
        return None
    start, end = waking_day(today, quiet, zone)
    for moment in reversed(drink_times(today, quiet, zone)):
        if moment <= now:
            pace = goal_ml * ((moment - start) / (end - start))
            return _fresh(moment, now) if drunk_ml < pace else None
    return None


def provider(
    reason_at: datetime | None,
    contacted_at: datetime | None,
    quiet: Quiet,
    zone: ZoneInfo,
    now: datetime,
) -> datetime | None:
    """A call-provider prompt standing 24 hours since `reason_at` with no "I contacted my
    provider" after it: repeated once, out of quiet hours (days off do not hold it back: it is
    not routine)."""
    if reason_at is None or (contacted_at is not None and contacted_at >= reason_at):
        return None
    due = quiet.after((reason_at + PROVIDER_AFTER).astimezone(zone))
    return _fresh(due, now, PROVIDER_GRACE)
