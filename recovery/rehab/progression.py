"""When to make an exercise harder, keep it, or step back: a rule of thumb after the
pain-monitoring models of Thomee (1997) and Silbernagel and others (2007), as the clinical rules
(section 4) put it: do not progress when pain rises by more than 2 points during or the morning
after. It suggests; the user decides.

Each session is judged by the highest pain during it and the pain the next morning, against the
user's usual level (their pain at rest before the session).
"""

from dataclasses import dataclass

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
