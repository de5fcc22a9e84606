"""Each kind of log the device keeps offline, and how the server stores one when it arrives:
through the same form (or service) as the page it was made on, so the same checks apply. A
log the checks refuse raises `Refused`, with the reason the user is shown."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast
from uuid import UUID

from django.contrib.auth.models import User
from django.db.models import Model
from django.http import HttpRequest, QueryDict

from recovery.habits.forms import CrampForm, FluidForm, QuickDrinkForm, StretchLogForm
from recovery.injuries import advice
from recovery.injuries.forms import EntryForm
from recovery.models import (
    Cramp,
    ExerciseSession,
    FluidEntry,
    IceSession,
    Injury,
    ProgrammeExercise,
    StretchSession,
    SymptomEntry,
    Treatment,
    get_profile,
)
from recovery.rehab import sessions
from recovery.rehab.forms import SessionForm
from recovery.treatments import ice
from recovery.treatments.forms import IceStartForm, TreatmentForm


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


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # /offline/sync/ answers only a signed-in user


def _checked(form):
    if not form.is_valid():
        errors = {name: list(messages) for name, messages in form.errors.items()}
        first = next(iter(errors.values()))[0]
        raise Refused(f"Not stored: {first}", errors)
    return form


def entry(request: HttpRequest, log: Log) -> Model:
    user = _user(request)
    injury = Injury.objects.filter(pk=log.target or 0, user=user).first()
    if injury is None:
        raise Refused("Not stored: the injury it was for is no longer in your log.")
    form = _checked(EntryForm(log.fields, injury=injury))
    form.instance.client_id = log.client_id
    return form.save()


def drink(request: HttpRequest, log: Log) -> Model:
    user = _user(request)
    units_system = get_profile(user).fluid_units
    quick = "quick" in log.fields
    form = _checked((QuickDrinkForm if quick else FluidForm)(log.fields, unit_system=units_system))
    fields = form.drink_fields()
    if quick or not form.cleaned_data.get("at"):
        fields["at"] = log.made_at  # a glass logged offline was drunk when it was tapped
    return FluidEntry.objects.create(user=user, client_id=log.client_id, **fields)


def cramp(request: HttpRequest, log: Log) -> Model:
    user = _user(request)
    form = _checked(CrampForm(log.fields, now=log.made_at))
    form.instance.user, form.instance.client_id = user, log.client_id
    return form.save()


def stretch(request: HttpRequest, log: Log) -> Model:
    user = _user(request)
    form = _checked(StretchLogForm(log.fields, user=user))
    session = form.save(commit=False)
    session.user, session.client_id = user, log.client_id
    session.holds_done = session.holds
    session.save()
    return session


def treatment(request: HttpRequest, log: Log) -> Model:
    user = _user(request)
    form = _checked(TreatmentForm(log.fields, user=user))
    done = form.save(commit=False)
    done.user, done.client_id = user, log.client_id
    done.save()
    return done


def _programme_item(request: HttpRequest, log: Log) -> ProgrammeExercise:
    item = (
        ProgrammeExercise.objects.select_related("injury__state", "exercise")
        .filter(pk=log.target or 0, injury__user=_user(request))
        .first()
    )
    if item is None:
        raise Refused("Not stored: that exercise is no longer in the programme.")
    return item


def exercise(request: HttpRequest, log: Log) -> Model:
    """An exercise "done as planned", at the time it was tapped."""
    item = _programme_item(request, log)
    return sessions.as_planned(item, log.made_at, client_id=log.client_id)


def session(request: HttpRequest, log: Log) -> Model:
    """A session of a programme exercise, set by set, as its page logs one."""
    item = _programme_item(request, log)
    units_system = get_profile(_user(request)).fluid_units
    data = _checked(SessionForm(log.fields, item=item, units_system=units_system)).cleaned_data
    return sessions.record(
        item, data["at"], data["sets"], data["pain_during"], client_id=log.client_id
    )


def ice_start(request: HttpRequest, log: Log) -> Model:
    """An ice session started offline: from when it was started, with the start form's
    checks as they stood then; one whose time is up by now is finished at its planned end."""
    last = ice.last_finished(_user(request))
    form = _checked(
        IceStartForm(
            log.fields,
            user=_user(request),
            last_ended_at=last.ended_at if last else None,
            now=log.made_at,
            numb_injury_ids=ice.numb_skin_ids(advice.assessed_for(request)),
        )
    )
    try:
        session = ice.start(
            user=_user(request),
            injury=form.cleaned_data["injury"],
            minutes=form.cleaned_data["minutes"],
            now=log.made_at,
            client_id=log.client_id,
        )
    except ice.AlreadyRunning:
        raise Refused("Not stored: another ice session was running then.") from None
    return ice.settle(session)


def ice_stop(request: HttpRequest, log: Log) -> Model:
    """A stop tapped offline: the session (by its id, or by the id of its start kept on the
    phone) stops at the time it was tapped, within its planned end."""
    sessions = IceSession.objects.filter(user=_user(request))
    if log.target is not None:
        session = sessions.filter(pk=log.target).first()
    else:
        session = sessions.filter(client_id=_uuid(log.fields.get("start"))).first()
    if session is None:
        raise Refused("Not stored: that ice session is no longer in your log.")
    ice.stop_at(session, log.made_at)
    return session


def _uuid(value):
    try:
        return UUID(str(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class Kind:
    store: Callable[[HttpRequest, Log], Model]
    model: type[Model] | None  # None: a change to a stored log, with no row of its own
    owner: str  # the lookup from the model to its user


KINDS: dict[str, Kind] = {
    "entry": Kind(entry, SymptomEntry, "injury__user"),
    "drink": Kind(drink, FluidEntry, "user"),
    "cramp": Kind(cramp, Cramp, "user"),
    "stretch": Kind(stretch, StretchSession, "user"),
    "treatment": Kind(treatment, Treatment, "user"),
    "exercise": Kind(exercise, ExerciseSession, "injury__user"),
    "session": Kind(session, ExerciseSession, "injury__user"),
    "ice-start": Kind(ice_start, IceSession, "user"),
    # A stop changes a session already stored: sent again, it changes nothing more.
    "ice-stop": Kind(ice_stop, None, "user"),
}


def stored(kind: Kind, user: User, client_id: UUID) -> Any:
    """The log already stored for this id, if any (a repeat: a replay, or two tabs)."""
    if kind.model is None:
        return None
    return kind.model._default_manager.filter(**{kind.owner: user, "client_id": client_id}).first()
