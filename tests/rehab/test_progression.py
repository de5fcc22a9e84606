"""The pain-monitoring rule of thumb that suggests making an exercise harder, keeping it, or
stepping back: each threshold on both sides."""

from decimal import Decimal

import pytest

from recovery.rehab import progression
from recovery.rehab.progression import SessionPain, suggest


def settled(during=2):
    return SessionPain(during=during, next_morning=1, usual=1)


@pytest.mark.parametrize(
    ("sessions", "step"),
    [
        ([], "keep"),
        ([settled()], "keep"),  # one good session is not yet two
        ([settled(), settled()], "progress"),
        ([settled(3), settled(3)], "progress"),  # 3/10 during is still fine
        ([settled(), settled(4)], "keep"),  # 4/10 during: not harder yet
        ([settled(4), settled()], "keep"),  # the one before was too sore
        ([settled(), SessionPain(5, 1, 1)], "keep"),  # 5/10: not harder, no step back
        ([settled(), SessionPain(6, 1, 1)], "step back"),  # above 5/10 during
        ([settled(), SessionPain(2, None, 1)], "keep"),  # the morning is not known yet
        ([settled(), SessionPain(2, 2, 1)], "keep"),  # one point above usual next morning
        ([settled(), SessionPain(2, 3, 1)], "keep"),  # two points above: not a step back
        ([settled(), SessionPain(2, 4, 1)], "step back"),  # three points above usual
        ([settled(), SessionPain(2, 0, 1)], "progress"),  # better than usual counts as settled
        ([SessionPain(7, 0, 0), settled(), settled()], "progress"),  # only the last two count
        ([settled(), SessionPain(3, 1, 1)], "progress"),  # 2 points above usual during: fine
        ([settled(), SessionPain(3, 0, 0)], "keep"),  # 3 points above usual during: not yet
    ],
)
def test_the_step_follows_pain_during_and_the_next_morning(sessions, step):
    assert suggest(sessions).step == step


def test_every_suggestion_says_why_with_numbers_and_names_its_source():
    back = suggest([settled(), SessionPain(7, 1, 1)])
    assert "7/10" in back.reason
    assert "above 5/10" in back.reason
    morning = suggest([settled(), SessionPain(2, 5, 2)])
    assert morning.step == "step back"
    assert "5/10, 3 points above your usual 2/10" in morning.reason
    up = suggest([settled(), settled()])
    assert "last 2 sessions" in up.reason
    for suggestion in (back, morning, up, suggest([settled()])):
        assert "Silbernagel" in suggestion.source
        assert "rule of thumb" in suggestion.source
        assert "not a guideline" in suggestion.source


def test_while_waiting_it_says_what_is_missing():
    assert "next morning" in suggest([settled(), SessionPain(2, None, 1)]).reason
    assert "one more like it" in suggest([settled()]).reason
    assert "4/10" in suggest([settled(), settled(4)]).reason
    assert "settles overnight" in suggest([settled(), SessionPain(2, 2, 1)]).reason
    assert "rose 3 points above your usual 0/10" in suggest([SessionPain(3, 0, 0)]).reason


# The ladder: more repetitions (or seconds), more sets, load, then the harder variant.
CALF = progression.Ladder(
    count_most=25, count_step=2, sets_most=None, load_step_kg=Decimal("2.5"),
    load_most_kg=Decimal(10),
)  # fmt: skip
NORDIC = progression.Ladder(
    count_most=12, count_step=1, sets_most=3, load_step_kg=None, load_most_kg=None
)


def targets(sets, count, load=None):
    return progression.Targets(sets, count, Decimal(load) if load is not None else None)


@pytest.mark.parametrize(
    ("now", "ladder", "harder", "expected"),
    [
        (targets(3, 12), CALF, True, ("count", targets(3, 14))),
        (targets(3, 24), CALF, True, ("count", targets(3, 25))),  # not past the top
        (targets(3, 25), CALF, True, ("load", targets(3, 25, "2.5"))),
        (targets(3, 25, "7.5"), CALF, True, ("load", targets(3, 25, 10))),
        (targets(3, 25, "9"), CALF, True, ("load", targets(3, 25, 10))),  # up to the top
        (targets(3, 25, 10), CALF, True, ("harder", None)),
        (targets(3, 25, 10), CALF, False, ("load", targets(3, 25, "12.5"))),  # no harder one
        (targets(3, 30), CALF, True, ("load", targets(3, 30, "2.5"))),  # already past the top
        (targets(1, 5), NORDIC, False, ("count", targets(1, 6))),
        (targets(1, 12), NORDIC, False, ("sets", targets(2, 12))),
        (targets(3, 12), NORDIC, False, ("top", None)),
        (targets(3, 12), NORDIC, True, ("harder", None)),
    ],
)
def test_the_next_step_up_climbs_the_ladder_in_order(now, ladder, harder, expected):
    step = progression.harder(now, ladder, harder)
    assert (step.kind, step.targets) == expected


@pytest.mark.parametrize(
    ("now", "ladder", "easier", "expected"),
    [
        (targets(3, 25, 10), CALF, True, ("load", targets(3, 25, "7.5"))),
        (targets(3, 25, "2.5"), CALF, True, ("load", targets(3, 25))),  # back to body weight
        (targets(3, 25, 1), NORDIC, True, ("load", targets(3, 25))),  # no step: all of it
        (targets(3, 12), CALF, True, ("count", targets(3, 10))),
        (targets(3, 2), CALF, True, ("sets", targets(2, 2))),  # 0 repetitions is no set
        (targets(1, 1), CALF, True, ("easier", None)),
        (targets(1, 1), CALF, False, ("bottom", None)),
    ],
)
def test_a_step_back_takes_off_load_then_repetitions_then_sets(now, ladder, easier, expected):
    step = progression.easier(now, ladder, easier)
    assert (step.kind, step.targets) == expected


def test_a_hold_steps_back_no_shorter_than_5_seconds():
    ladder = progression.Ladder(45, 5, None, None, None, count_least=5)
    assert progression.easier(targets(5, 10), ladder, False).targets == targets(5, 5)
    assert progression.easier(targets(5, 8), ladder, False).targets == targets(4, 8)
