"""The guided set timer's schedule, as a pure function: which step a guided session is at,
from the seconds since its start and, for sets of repetitions, when each set was finished."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from recovery.habits import stretch_rules


@dataclass(frozen=True)
class Step:
    kind: Literal["hold", "set", "rest", "done"]
    number: int  # the set (1-based) being done, or the one after this rest; the last when done
    seconds_left: int | None  # in this step; None for a set of repetitions (the user ends it)
    sets_done: int


def step_at(
    elapsed: float,
    sets: int,
    hold_seconds: int | None,
    rest_seconds: int,
    finished: Sequence[float] = (),
) -> Step:
    """Where a guided session is `elapsed` seconds after its start. Holds follow the clock
    (the same schedule as a guided stretch); a set of repetitions lasts until the user says it
    is done (`finished` holds the seconds after the start at which each set was), then the
    rest runs. A few steps whatever the numbers."""
    if hold_seconds:
        phase = stretch_rules.phase_at(elapsed, sets, hold_seconds, rest_seconds)
        if phase.kind == "rest":
            return Step("rest", phase.hold + 1, phase.seconds_left, phase.holds_done)
        return Step(phase.kind, phase.hold, phase.seconds_left, phase.holds_done)
    done = min(len(finished), sets)
    if done == sets:
        return Step("done", sets, 0, sets)
    if done:
        rest_left = int(finished[done - 1]) + rest_seconds - max(0, int(elapsed))
        if rest_left > 0:
            return Step("rest", done + 1, rest_left, done)
    return Step("set", done + 1, None, done)


IDLE_SECONDS = 30 * 60  # a set of repetitions not ended this long after it was due: left


def left_alone(
    elapsed: float, hold_seconds: int | None, rest_seconds: int, finished: Sequence[float] = ()
) -> bool:
    """Whether a guided session of repetitions was walked away from: no set ended for
    IDLE_SECONDS after the next one was due (holds end by the clock and never are)."""
    if hold_seconds:
        return False
    due = (finished[-1] + rest_seconds) if finished else 0
    return elapsed - due > IDLE_SECONDS
