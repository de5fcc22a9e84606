"""The starter programme the app suggests for an injury: by criteria, never by dates.

- Nothing is loaded while urgent or emergency advice stands for the injury.
- While pain at rest (the latest "how it feels now") is above 3/10, or not yet known: only the
  early-stage exercises, holds without movement.
- Once walking and a full stretch are pain-free (two of the milestones): the late stage.
- Otherwise the middle stage.
The exercises are those of the stage that work the injury's muscles (or their parts or whole),
in the library's order, at most four; where the stage has none for these muscles, the stage
before it.
"""

from dataclasses import dataclass

from recovery.injuries.triage import Level

REST_PAIN_FOR_LOADING = 3
LATE_MILESTONES = {"walking", "stretch"}
MOST = 4
STAGES = ["early", "middle", "late"]


@dataclass(frozen=True)
class Starter:
    exercises: list
    stage: str | None
    reason: str


def stage_for(rest_pain, milestones):
    if rest_pain is None or rest_pain > REST_PAIN_FOR_LOADING:
        return "early"
    if set(milestones) >= LATE_MILESTONES:
        return "late"
    return "middle"


def suggest(library, muscle_slugs, rest_pain, milestones, level):
    """The suggested starter. library: exercises with `.phase` and `.muscle_slugs` (a set),
    in the library's order."""
    if level >= Level.URGENT:
        return Starter(
            [], None, "Loading waits while urgent or emergency advice stands for this injury."
        )
    stage = stage_for(rest_pain, milestones)
    if stage == "early":
        known = "is not logged yet" if rest_pain is None else f"is {rest_pain}/10"
        reason = (
            f"Pain at rest {known}: holds without movement first, until it is "
            f"{REST_PAIN_FOR_LOADING}/10 or less."
        )
    elif stage == "late":
        reason = "Walking and a full stretch are pain-free: heavier, sport-like loading."
    else:
        reason = (
            f"Pain at rest is {rest_pain}/10, at most {REST_PAIN_FOR_LOADING}/10: building "
            "strength."
        )
    wanted = set(muscle_slugs)
    for tried in reversed(STAGES[: STAGES.index(stage) + 1]):
        chosen = [e for e in library if e.phase == tried and e.muscle_slugs & wanted]
        if chosen:
            if tried != stage:
                reason += (
                    f" The library has no {stage}-stage exercise for these muscles: these are "
                    f"from the {tried} stage."
                )
            return Starter(chosen[:MOST], tried, reason)
    return Starter([], stage, "The library has no exercise for these muscles yet.")
