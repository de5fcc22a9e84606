"""Ice timing rules (clinical rules, section 2) as pure functions of timestamps."""

from datetime import datetime, timedelta

from recovery.injuries.triage import Level, shows_rice

ICE_DEFAULT = timedelta(minutes=20)
ICE_MAX = timedelta(minutes=20)
ICE_MIN = timedelta(minutes=1)
SKIN_CHECK_EVERY = timedelta(minutes=5)
NEXT_SESSION_AFTER = timedelta(hours=2)
CONFIRM_IF_WITHIN = timedelta(hours=1)


def planned_end(started_at: datetime, length: timedelta) -> datetime:
    """When a session of `length` ends; lengths outside 1 to 20 minutes are refused."""
    if not ICE_MIN <= length <= ICE_MAX:
        raise ValueError("An ice session lasts from 1 to 20 minutes.")
    return started_at + length


def remaining_seconds(planned_end_at: datetime, now: datetime) -> int:
    return max(0, int((planned_end_at - now).total_seconds()))


def is_over(planned_end_at: datetime, now: datetime) -> bool:
    return now >= planned_end_at


def finished_at(planned_end_at: datetime, now: datetime) -> datetime:
    """A running session read after its planned end finished at the planned end."""
    return planned_end_at if now >= planned_end_at else now


def skin_checks(started_at: datetime, planned_end_at: datetime) -> list[datetime]:
    """The times to check the skin: every 5 minutes after the start, before the end, and
    within the longest session (at most 3 however the times were stored)."""
    end = min(planned_end_at, started_at + ICE_MAX)
    checks: list[datetime] = []
    moment = started_at + SKIN_CHECK_EVERY
    while moment < end:
        checks.append(moment)
        moment += SKIN_CHECK_EVERY
    return checks


def next_suggested(
    last_ended_at: datetime,
    onset_at: datetime | None = None,
    level: Level = Level.SELF_CARE,
    kind: str = "",
) -> datetime | None:
    """The next session's suggested start, 2 hours after the last ended; none when RICE no
    longer applies to the injury iced by then (after its first 72 hours, while urgent advice
    stands, or for foot drop or a cramp)."""
    at = last_ended_at + NEXT_SESSION_AFTER
    if onset_at is not None and not shows_rice(onset_at, at, level, kind):
        return None
    return at


def needs_confirmation(last_ended_at: datetime | None, now: datetime) -> bool:
    """Starting within an hour of the last session's end asks the user to confirm."""
    return last_ended_at is not None and now - last_ended_at < CONFIRM_IF_WITHIN
