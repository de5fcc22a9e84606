"""Every route of the site, and one object of each kind a route takes the id of: for tests
that walk all the routes (ownership, htmx)."""

import datetime as dt

from django.urls import URLResolver, get_resolver

from anatomy.models import Exercise, Stretch
from recovery.models import (
    Acknowledgement,
    Cramp,
    ExerciseSession,
    FluidEntry,
    IceSession,
    ImportJob,
    Injury,
    ProgrammeExercise,
    Reminder,
    SetTimer,
    ShareLink,
    StretchSession,
    SymptomEntry,
    Treatment,
)

NOW = dt.datetime.now(dt.UTC)


def make_objects(user):
    injury = Injury.objects.create(user=user, side="left", onset_at=NOW - dt.timedelta(days=1))
    session = IceSession.objects.create(
        user=user, started_at=NOW, planned_end_at=NOW + dt.timedelta(minutes=20)
    )
    planned = ProgrammeExercise.from_library(injury, Exercise.objects.first())
    planned.save()
    return {
        "injuries": injury,
        "entries": SymptomEntry.objects.create(injury=injury, recorded_at=NOW, pain=5),
        "acknowledgements": Acknowledgement.objects.create(injury=injury, kind="contacted", at=NOW),
        "ice": session,
        "treatments": Treatment.objects.create(user=user, kind="rest", at=NOW),
        "fluids/entries": FluidEntry.objects.create(user=user, at=NOW, amount_ml=250),
        "cramps": Cramp.objects.create(
            user=user, started_at=NOW, side="left", duration_seconds=30, pain=3
        ),
        "stretches": StretchSession.objects.create(
            user=user, stretch=Stretch.objects.first(), holds=3, hold_seconds=30, at=NOW,
            status="running",
        ),
        "accounts/data/import": ImportJob.objects.create(user=user),
        "programme": planned,
        "exercise-sessions": ExerciseSession.objects.create(
            injury=injury, exercise=planned.exercise, at=NOW - dt.timedelta(hours=1)
        ),
        "set-timer": SetTimer.objects.create(
            user=user, item=planned, started_at=NOW, sets=3, reps=10, rest_seconds=60
        ),
        "reminders": Reminder.objects.create(user=user, kind="check_in", due_at=NOW),
        "report/share": ShareLink.objects.create(
            user=user, start_day=NOW.date(), end_day=NOW.date(),
            expires_at=NOW + dt.timedelta(days=7),
        ),
    }  # fmt: skip


def all_patterns(resolver=None, prefix=""):
    """(route, view) for every URL pattern, found by walking the resolver."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from all_patterns(pattern, route)
        else:
            yield route, pattern.callback


def all_routes():
    """Every URL pattern's route."""
    return [route for route, _ in all_patterns()]


def object_for(route, objects):
    """The object of `make_objects` whose id a route takes: the longest matching prefix."""
    return next(
        (objects[p] for p in sorted(objects, key=len, reverse=True) if route.startswith(p)), None
    )


def routes_with_an_id():
    """Every URL pattern that takes an object's id."""
    return [route for route in all_routes() if "<int:pk>" in route]


def url_for(route, pk):
    return "/" + route.replace("<int:pk>", str(pk))
