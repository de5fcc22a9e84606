"""The pain-monitoring rule of thumb that suggests making an exercise harder, keeping it, or
stepping back: each threshold on both sides."""

import pytest

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
