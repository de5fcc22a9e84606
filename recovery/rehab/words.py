"""Exercise targets and sessions in words, in the user's units: one home for the phrasing the
programme, the guided timer and the provider report share."""

from collections.abc import Iterable
from decimal import Decimal

from recovery.common import units

UNIT_WORDS = {"reps": "repetitions", "seconds": "seconds", "steps": "steps"}


def unit_of(exercise) -> str:
    """What a set counts: "seconds" held, "steps" or "repetitions"."""
    return "seconds" if exercise.is_hold else UNIT_WORDS[exercise.rep_unit]


def load_words(load_kg: Decimal | None, units_system: str) -> str:
    """ "body weight", or "5 kg added" in the user's units."""
    if load_kg is None:
        return "body weight"
    return f"{units.from_kg(load_kg, units_system)} {units.load_unit(units_system)} added"


def dose_words(plan, exercise, units_system: str) -> str:
    """A plan's targets (a programme exercise, or the guided timer's copy of them): "3 sets of
    15 repetitions, body weight, 60 seconds' rest"."""
    plural = "s" if plan.sets != 1 else ""
    if plan.hold_seconds:
        count = f"{plan.sets} hold{plural} of {plan.hold_seconds} seconds"
    else:
        count = f"{plan.sets} set{plural} of {plan.reps} {unit_of(exercise)}"
    load = load_words(plan.load_kg, units_system)
    return f"{count}, {load}, {plan.rest_seconds} seconds' rest"


def days_words(item) -> str:
    """How often a programme exercise is planned: "3 days a week", "every day, twice a day"."""
    days = item.days_per_week
    often = "every day" if days == 7 else f"{days} day{'s' if days != 1 else ''} a week"
    return often + (", twice a day" if item.exercise.per_day == 2 else "")


def sets_words(
    counts: Iterable[int], loads: Iterable[Decimal | None], unit: str, units_system: str
) -> str:
    """A session's sets: "12, 12, 10 repetitions with up to 5 kg" (`unit` from `unit_of`)."""
    words = f"{', '.join(map(str, counts))} {unit}"
    heaviest = max((load for load in loads if load is not None), default=None)
    if heaviest is not None:
        amount = units.from_kg(heaviest, units_system)
        words += f" with up to {amount} {units.load_unit(units_system)}"
    return words


def session_words(session, units_system: str) -> str:
    """A session in words: "12, 12, 10 repetitions with up to 5 kg; pain during 2/10"."""
    sets = list(session.sets.all())
    words = sets_words(
        [set_.seconds or set_.reps for set_ in sets],
        [set_.load_kg for set_ in sets],
        unit_of(session.exercise),
        units_system,
    )
    if session.pain_during is not None:
        words += f"; pain during {session.pain_during}/10"
    if session.next_morning_pain is not None:
        words += f", next morning {session.next_morning_pain}/10"
    return words
