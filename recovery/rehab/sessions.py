"""Recording an exercise session, by the form or "done as planned", with the same checks."""

from django.db import transaction

from recovery.models import ExerciseSession, ExerciseSet


def record(item, at, sets, pain_during=None, client_id=None):
    """Save a session of the programme item's exercise: `sets` is [(count, load in kg or
    None)], the count being repetitions (or steps) or seconds held as the exercise has."""
    state = getattr(item.injury, "state", None)
    session = ExerciseSession(
        injury=item.injury,
        exercise=item.exercise,
        at=at,
        pain_during=pain_during,
        pain_before=state.latest_pain if state else None,
        client_id=client_id,
    )
    session.full_clean(exclude=["injury", "exercise"])
    hold = item.exercise.is_hold
    rows = [
        ExerciseSet(
            session=session,
            number=number,
            reps=None if hold else count,
            seconds=count if hold else None,
            load_kg=load,
        )
        for number, (count, load) in enumerate(sets, 1)
    ]
    for row in rows:
        row.full_clean(exclude=["session"])
    with transaction.atomic():
        session.save()
        ExerciseSet.objects.bulk_create(rows)
    return session


def as_planned(item, at, client_id=None):
    """A session done exactly as the targets say (pain during not given)."""
    count = item.hold_seconds if item.exercise.is_hold else item.reps
    return record(item, at, [(count, item.load_kg)] * item.sets, client_id=client_id)
