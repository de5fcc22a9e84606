"""The suggested starter programme: by criteria (advice level, pain at rest, milestones), never
by dates."""

from dataclasses import dataclass, field

import pytest

from recovery.injuries.triage import Level
from recovery.rehab.starter import suggest


@dataclass
class Ex:
    slug: str
    phase: str
    muscle_slugs: set = field(default_factory=set)


LIBRARY = [
    Ex("calf-hold", "early", {"gastrocnemius", "soleus"}),
    Ex("calf-raise", "middle", {"gastrocnemius", "soleus"}),
    Ex("bent-knee-raise", "middle", {"soleus"}),
    Ex("heel-drop", "late", {"gastrocnemius", "soleus"}),
    Ex("ham-hold", "early", {"biceps-femoris"}),
    Ex("nordic", "late", {"biceps-femoris"}),
    Ex("march", "middle", {"iliopsoas"}),
    *[Ex(f"early-{n}", "early", {"rectus-femoris"}) for n in range(6)],
]


def slugs(starter):
    return [exercise.slug for exercise in starter.exercises]


@pytest.mark.parametrize("level", [Level.URGENT, Level.EMERGENCY])
def test_nothing_is_loaded_while_urgent_or_emergency_advice_stands(level):
    starter = suggest(LIBRARY, {"gastrocnemius"}, 1, {"walking": "x", "stretch": "x"}, level)
    assert starter.exercises == []
    assert "urgent or emergency" in starter.reason


@pytest.mark.parametrize(
    ("rest_pain", "milestones", "expected"),
    [
        (None, {}, ["calf-hold"]),  # pain at rest not known yet: holds first
        (4, {}, ["calf-hold"]),  # above 3/10: holds first
        (4, {"walking": "d", "stretch": "d"}, ["calf-hold"]),  # pain rules over milestones
        (3, {}, ["calf-raise"]),  # 3/10 or less: building strength
        (0, {"walking": "d"}, ["calf-raise"]),  # one of the two milestones is not enough
        (2, {"walking": "d", "stretch": "d"}, ["heel-drop"]),
    ],
)
def test_the_stage_follows_pain_at_rest_and_the_milestones(rest_pain, milestones, expected):
    starter = suggest(LIBRARY, {"gastrocnemius"}, rest_pain, milestones, Level.CALL_PROVIDER)
    assert slugs(starter) == expected


def test_the_reason_names_the_numbers():
    assert "is 5/10" in suggest(LIBRARY, {"soleus"}, 5, {}, Level.SELF_CARE).reason
    assert "not logged yet" in suggest(LIBRARY, {"soleus"}, None, {}, Level.SELF_CARE).reason
    assert "is 2/10" in suggest(LIBRARY, {"soleus"}, 2, {}, Level.SELF_CARE).reason


def test_a_stage_without_an_exercise_for_the_muscle_falls_back_to_the_one_before():
    starter = suggest(LIBRARY, {"iliopsoas"}, 0, {"walking": "d", "stretch": "d"}, 0)
    assert slugs(starter) == ["march"]
    assert starter.stage == "middle"
    assert "no late-stage exercise for these muscles: these are from the middle stage" in (
        starter.reason
    )


def test_at_most_four_in_the_librarys_order_and_none_for_an_unknown_muscle():
    assert slugs(suggest(LIBRARY, {"rectus-femoris"}, 5, {}, 0)) == [
        "early-0", "early-1", "early-2", "early-3",
    ]  # fmt: skip
    nothing = suggest(LIBRARY, {"popliteus"}, 2, {}, 0)
    assert nothing.exercises == []
    assert "no exercise for these muscles" in nothing.reason
