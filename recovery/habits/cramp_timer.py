"""Timing a cramp as it happens: one tap starts the clock, one tap (saying which leg) stops it
and logs the cramp with its real length. The start is kept in the session (the end of this
module); the rules before it are pure."""

import datetime as dt

from django.utils import timezone

MAX_SECONDS = 2 * 60 * 60  # the longest cramp a log holds (the form's limit too)
LONG_SECONDS = 10 * 60  # over this, the urgent rule for cramps applies (clinical rules, 5)
# A cramp starting between these local hours is logged as at night.
NIGHT_FROM, NIGHT_UNTIL = dt.time(22, 0), dt.time(7, 0)


def elapsed_seconds(started_at: dt.datetime, now: dt.datetime) -> int:
    """Whole seconds since the start, at least 1 (a cramp lasts some time)."""
    return max(1, int((now - started_at).total_seconds()))


def logged_seconds(started_at: dt.datetime, now: dt.datetime) -> int | None:
    """The length to log when the cramp eases now, or None when the clock ran past the longest
    a cramp can be (forgotten: the user enters the length instead)."""
    seconds = elapsed_seconds(started_at, now)
    return seconds if seconds <= MAX_SECONDS else None


def at_night(local_start: dt.datetime) -> bool:
    moment = local_start.time()
    return moment >= NIGHT_FROM or moment < NIGHT_UNTIL


def clock(seconds: int) -> str:
    """ "4:05" for 245 seconds: the running clock's text."""
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}:{seconds:02d}"


# --- the running timer, kept in the session ------------------------------------------------

SESSION_KEY = "cramp_timer_started_at"


def timed_cramp(request):
    """When the cramp being timed started, or None."""
    value = request.session.get(SESSION_KEY)
    try:
        started = dt.datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        started = None
    if started is None or started.tzinfo is None or started > timezone.now():
        return None
    return started


def timer_context(request):
    """What the running timer shows on Today and the cramps page: nothing when none runs, nor
    for one left running past the longest a cramp can be (a new tap starts afresh)."""
    started = timed_cramp(request)
    if started is None:
        return {}
    seconds = elapsed_seconds(started, timezone.now())
    if seconds > MAX_SECONDS:
        return {}
    return {
        "cramp_timer": {
            "started_at": started,
            "seconds": seconds,
            "clock": clock(seconds),
            "long": seconds > LONG_SECONDS,
            "long_seconds": LONG_SECONDS,
        }
    }
