"""The guided hold timer's schedule and the "ease off" rule, as pure functions."""

from dataclasses import dataclass
from typing import Literal

EASE_OFF_AT = 4  # pain during a stretch of 4/10 or more (clinical rules, section 4)


@dataclass(frozen=True)
class Phase:
    kind: Literal["hold", "rest", "done"]
    hold: int  # which hold (1-based) this is, or the last one when done
    seconds_left: int  # in this phase
    holds_done: int


def total_seconds(holds: int, hold_seconds: int, rest_seconds: int) -> int:
    return holds * hold_seconds + (holds - 1) * rest_seconds


def phase_at(elapsed: float, holds: int, hold_seconds: int, rest_seconds: int) -> Phase:
    """Where a session of holds with rests between them is, `elapsed` seconds after its start.
    Worked out in a few steps whatever the numbers (no step per hold)."""
    elapsed = max(0, int(elapsed))
    cycle = hold_seconds + rest_seconds
    index = elapsed // cycle if cycle > 0 else holds  # the hold (0-based) this cycle belongs to
    if index < holds:
        start = index * cycle
        if elapsed < start + hold_seconds:
            return Phase("hold", index + 1, start + hold_seconds - elapsed, index)
        if index + 1 < holds:
            return Phase("rest", index + 1, start + cycle - elapsed, index + 1)
    return Phase("done", holds, 0, holds)


def ease_off(pain_during: int | None, last_resting_pain: int | None) -> bool:
    """Ease off when pain during a stretch rises above the last resting score, or reaches 4/10
    (a stretch should be a gentle pull, never pain)."""
    if pain_during is None:
        return False
    if pain_during >= EASE_OFF_AT:
        return True
    return last_resting_pain is not None and pain_during > last_resting_pain
