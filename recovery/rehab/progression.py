"""When to make an exercise harder, keep it, or step back: a rule of thumb after the
pain-monitoring models of Thomee (1997) and Silbernagel and others (2007), as the clinical rules
(section 4) put it: do not progress when pain rises by more than 2 points during or the morning
after. It suggests; the user decides.

Each session is judged by the highest pain during it and the pain the next morning, against the
user's usual level (their pain at rest before the session).
"""

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

PROGRESS_DURING_MAX = 3  # pain during at most this, on two sessions in a row, to progress
RISE_DURING_MAX = 2  # ...and no more than this many points above usual (clinical rules, 4)
STEP_BACK_DURING_ABOVE = 5  # pain during above this: step back
MORNING_RISE_ABOVE = 2  # next-morning pain this many points above usual, or more: step back
SESSIONS_TO_PROGRESS = 2

SOURCE = (
    "A rule of thumb after the pain-monitoring models of Thomee (1997) and Silbernagel and "
    "others (2007), not a guideline"
)


@dataclass(frozen=True)
class SessionPain:
    during: int  # the highest pain during the session, 0 to 10
    next_morning: int | None  # the next morning's pain, None until the user says
    usual: int  # the user's usual pain at rest before the session


@dataclass(frozen=True)
class Suggestion:
    step: str  # "progress", "keep" or "step back"
    reason: str
    source: str = SOURCE


def _morning_rise(session):
    if session.next_morning is None:
        return None
    return session.next_morning - session.usual


def _settled(session):
    rise = _morning_rise(session)
    return (
        session.during <= PROGRESS_DURING_MAX
        and session.during - session.usual <= RISE_DURING_MAX
        and rise is not None
        and rise <= 0
    )


def suggest(sessions):
    """The suggestion after these sessions of one exercise at its current level, oldest first."""
    if not sessions:
        return Suggestion("keep", "No session at this level yet.")
    latest = sessions[-1]
    if latest.during > STEP_BACK_DURING_ABOVE:
        return Suggestion(
            "step back",
            f"Pain during the last session reached {latest.during}/10, above "
            f"{STEP_BACK_DURING_ABOVE}/10.",
        )
    rise = _morning_rise(latest)
    if rise is not None and rise > MORNING_RISE_ABOVE:
        return Suggestion(
            "step back",
            f"The next morning your pain was {latest.next_morning}/10, {rise} points above your "
            f"usual {latest.usual}/10.",
        )
    recent = sessions[-SESSIONS_TO_PROGRESS:]
    if len(recent) == SESSIONS_TO_PROGRESS and all(_settled(session) for session in recent):
        return Suggestion(
            "progress",
            f"Pain stayed at {PROGRESS_DURING_MAX}/10 or below (at most {RISE_DURING_MAX} points "
            f"above usual) during the last {SESSIONS_TO_PROGRESS} sessions and was back to usual "
            "by the next morning.",
        )
    return Suggestion("keep", _why_not_yet(recent))


def _why_not_yet(recent):
    latest = recent[-1]
    if latest.during > PROGRESS_DURING_MAX:
        return (
            f"Pain during the last session was {latest.during}/10; making it harder waits until "
            f"it stays at {PROGRESS_DURING_MAX}/10 or below."
        )
    if latest.during - latest.usual > RISE_DURING_MAX:
        return (
            f"Pain during the last session rose {latest.during - latest.usual} points above your "
            f"usual {latest.usual}/10; making it harder waits until it rises {RISE_DURING_MAX} "
            "points or less."
        )
    if latest.next_morning is None:
        return "Tell the app how the leg felt the next morning, to know whether it settled."
    if _morning_rise(latest) > 0:
        return (
            f"The next morning your pain was {latest.next_morning}/10, above your usual "
            f"{latest.usual}/10: stay at this level until it settles overnight."
        )
    return (
        f"The last session went well; one more like it ({SESSIONS_TO_PROGRESS} in a row) "
        "before making it harder."
    )


@dataclass(frozen=True)
class Targets:
    sets: int
    count: int  # repetitions (or steps) per set, or seconds per hold
    load_kg: Decimal | None  # None: body weight


@dataclass(frozen=True)
class Ladder:
    """An exercise's ladder (`anatomy.Exercise`): see its fields."""

    count_most: int | None
    count_step: int
    sets_most: int | None
    load_step_kg: Decimal | None
    load_most_kg: Decimal | None
    count_least: int = 1  # the fewest the targets allow: 1 repetition, or a 5-second hold


@dataclass(frozen=True)
class Step:
    kind: Literal["count", "sets", "load", "harder", "easier", "top", "bottom"]
    targets: Targets | None = None  # the new targets, when the step changes them


def harder(now: Targets, ladder: Ladder, has_harder_variant: bool) -> Step:
    """The next step up the ladder: more repetitions (or seconds), then more sets, then load,
    then the harder variant; "top" when the ladder has no more."""
    if ladder.count_most and now.count < ladder.count_most:
        return Step(
            "count", replace(now, count=min(now.count + ladder.count_step, ladder.count_most))
        )
    if ladder.sets_most and now.sets < ladder.sets_most:
        return Step("sets", replace(now, sets=now.sets + 1))
    load = now.load_kg or Decimal(0)
    if ladder.load_step_kg:
        top = ladder.load_most_kg if has_harder_variant else None
        if top is None or load < top:
            more = load + ladder.load_step_kg
            return Step("load", replace(now, load_kg=min(more, top) if top else more))
    return Step("harder") if has_harder_variant else Step("top")


def easier(now: Targets, ladder: Ladder, has_easier_variant: bool) -> Step:
    """One step down: less load, then fewer repetitions (or seconds), then fewer sets, then an
    easier variant; "bottom" when nothing is left to take off."""
    if now.load_kg:
        less = now.load_kg - (ladder.load_step_kg or now.load_kg)
        return Step("load", replace(now, load_kg=less if less > 0 else None))
    if now.count - ladder.count_step >= ladder.count_least:
        return Step("count", replace(now, count=now.count - ladder.count_step))
    if now.sets > 1:
        return Step("sets", replace(now, sets=now.sets - 1))
    return Step("easier") if has_easier_variant else Step("bottom")
