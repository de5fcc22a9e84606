"""Each kind of log the device keeps offline, and how the server stores one when it arrives:
through the same form (or service) as the page it was made on, so the same checks apply. A
log the checks refuse raises `Refused`, with the reason the user is shown."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.contrib.auth.models import User
from django.db.models import Model
from django.http import QueryDict

from recovery.habits.forms import CrampForm, FluidForm, QuickDrinkForm, StretchLogForm
from recovery.injuries.forms import EntryForm
from recovery.models import (
    Cramp,
    ExerciseSession,
    FluidEntry,
    Injury,
    ProgrammeExercise,
    StretchSession,
    SymptomEntry,
    Treatment,
    get_profile,
)
from recovery.rehab import sessions
from recovery.treatments.forms import TreatmentForm


class Refused(Exception):
    def __init__(self, reason: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.errors = errors or {}


@dataclass(frozen=True)
class Log:
    """What the device sent: its id, when it was made, the form's fields, and the injury or
    programme exercise it is for (`target`), if any."""

    client_id: UUID
    made_at: datetime
    fields: QueryDict
    target: int | None


def _checked(form):
    if not form.is_valid():
        errors = {name: list(messages) for name, messages in form.errors.items()}
        first = next(iter(errors.values()))[0]
        raise Refused(f"Not stored: {first}", errors)
    return form


def entry(user: User, log: Log) -> Model:
    injury = Injury.objects.filter(pk=log.target or 0, user=user).first()
    if injury is None:
        raise Refused("Not stored: the injury it was for is no longer in your log.")
    form = _checked(EntryForm(log.fields, injury=injury))
    form.instance.client_id = log.client_id
    return form.save()


def drink(user: User, log: Log) -> Model:
    units_system = get_profile(user).fluid_units
    quick = "quick" in log.fields
    form = _checked((QuickDrinkForm if quick else FluidForm)(log.fields, unit_system=units_system))
    fields = form.drink_fields()
    if quick or not form.cleaned_data.get("at"):
        fields["at"] = log.made_at  # a glass logged offline was drunk when it was tapped
    return FluidEntry.objects.create(user=user, client_id=log.client_id, **fields)


def cramp(user: User, log: Log) -> Model:
    form = _checked(CrampForm(log.fields, now=log.made_at))
    form.instance.user, form.instance.client_id = user, log.client_id
    return form.save()


def stretch(user: User, log: Log) -> Model:
    form = _checked(StretchLogForm(log.fields, user=user))
    session = form.save(commit=False)
    session.user, session.client_id = user, log.client_id
    session.holds_done = session.holds
    session.save()
    return session


def treatment(user: User, log: Log) -> Model:
    form = _checked(TreatmentForm(log.fields, user=user))
    done = form.save(commit=False)
    done.user, done.client_id = user, log.client_id
    done.save()
    return done


def exercise(user: User, log: Log) -> Model:
    """An exercise "done as planned", at the time it was tapped."""
    item = (
        ProgrammeExercise.objects.select_related("injury__state", "exercise")
        .filter(pk=log.target or 0, injury__user=user)
        .first()
    )
    if item is None:
        raise Refused("Not stored: that exercise is no longer in the programme.")
    return sessions.as_planned(item, log.made_at, client_id=log.client_id)


@dataclass(frozen=True)
class Kind:
    store: Callable[[User, Log], Model]
    model: type[Model]
    owner: str  # the lookup from the model to its user


KINDS: dict[str, Kind] = {
    "entry": Kind(entry, SymptomEntry, "injury__user"),
    "drink": Kind(drink, FluidEntry, "user"),
    "cramp": Kind(cramp, Cramp, "user"),
    "stretch": Kind(stretch, StretchSession, "user"),
    "treatment": Kind(treatment, Treatment, "user"),
    "exercise": Kind(exercise, ExerciseSession, "injury__user"),
}


def stored(kind: Kind, user: User, client_id: UUID) -> Any:
    """The log already stored for this id, if any (a repeat: a replay, or two tabs)."""
    return kind.model._default_manager.filter(**{kind.owner: user, "client_id": client_id}).first()
