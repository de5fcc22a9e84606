"""Starting, stopping and settling ice sessions. Each write that touches a session and its
treatment record is one transaction, and every change of state is a conditional update, so
two tabs (or two devices) acting at once produce one result and one record."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, cast
from uuid import UUID

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from recovery.common import compiled
from recovery.common.days import start_of_today
from recovery.models import IceSession, Injury, Treatment, give_muscle_names
from recovery.treatments import ice_rules

if TYPE_CHECKING:
    from recovery.injuries.advice import InjuryAdvice


class AlreadyRunning(Exception):
    def __init__(self, session: IceSession) -> None:
        self.session = session


def _record(session: IceSession) -> None:
    Treatment.objects.create(
        user_id=session.user_id,
        injury_id=session.injury_id,
        kind=Treatment.Kind.ICE,
        at=session.started_at,
        duration_minutes=max(1, session.minutes),
        ice_session=session,
        notes="Timed with the ice timer.",
    )


@transaction.atomic
def settle(session: IceSession, now: datetime | None = None) -> IceSession:
    """Finish a running session whose planned end has passed, at its planned end."""
    now = now or timezone.now()
    if session.is_running and ice_rules.is_over(session.planned_end_at, now):
        updated = IceSession.objects.filter(pk=session.pk, status=IceSession.Status.RUNNING).update(
            status=IceSession.Status.COMPLETED, ended_at=session.planned_end_at
        )
        if updated:
            session.status = IceSession.Status.COMPLETED
            session.ended_at = session.planned_end_at
            _record(session)
        else:
            session.refresh_from_db()
    return session


def settle_for_user(user: User, now: datetime | None = None) -> IceSession | None:
    """Settle the user's running session if its time is up; returns the one still running."""
    session = IceSession.objects.filter(user=user, status=IceSession.Status.RUNNING).first()
    if session is None:
        return None
    settle(session, now)
    return session if session.is_running else None


def start(
    *,
    user: User,
    injury: Injury | None = None,
    minutes: int = 20,
    now: datetime | None = None,
    client_id: UUID | None = None,
) -> IceSession:
    now = now or timezone.now()
    running = settle_for_user(user, now)
    if running is not None:
        raise AlreadyRunning(running)
    try:
        with transaction.atomic():
            return IceSession.objects.create(
                user=user,
                injury=injury,
                started_at=now,
                planned_end_at=ice_rules.planned_end(now, timedelta(minutes=minutes)),
                barrier_confirmed=True,
                client_id=client_id,
            )
    except IntegrityError:
        # Another tab started one between our check and our insert: show that one. (No
        # running one: the insert broke another rule, such as an offline log's id sent twice.)
        running = IceSession.objects.filter(user=user, status=IceSession.Status.RUNNING).first()
        if running is None:
            raise
        raise AlreadyRunning(running) from None


@transaction.atomic
def stop(session: IceSession, now: datetime | None = None) -> bool:
    """Stop a running session now; returns False when it had already ended."""
    now = now or timezone.now()
    ended_at = ice_rules.finished_at(session.planned_end_at, now)
    status = (
        IceSession.Status.COMPLETED
        if ended_at == session.planned_end_at
        else IceSession.Status.STOPPED
    )
    updated = IceSession.objects.filter(pk=session.pk, status=IceSession.Status.RUNNING).update(
        status=status, ended_at=ended_at
    )
    session.refresh_from_db()
    if updated:
        _record(session)
    return bool(updated)


@transaction.atomic
def stop_at(session: IceSession, stopped_at: datetime) -> None:
    """A stop tapped on the device while offline, arriving later: at the time it was tapped,
    never before the start nor after the planned end (20 minutes at most). A session the
    server already finished at its planned end is shortened to it."""
    stopped_at = max(session.started_at, stopped_at)
    if session.is_running:
        stop(session, now=stopped_at)
        return
    finished = IceSession.objects.filter(
        pk=session.pk, status=IceSession.Status.COMPLETED, ended_at__gt=stopped_at
    ).update(status=IceSession.Status.STOPPED, ended_at=stopped_at)
    session.refresh_from_db()
    if finished:
        Treatment.objects.filter(ice_session=session).update(
            duration_minutes=max(1, session.minutes)
        )


def cancel(session: IceSession) -> bool:
    """Started by mistake: end it without a treatment record."""
    updated = IceSession.objects.filter(pk=session.pk, status=IceSession.Status.RUNNING).update(
        status=IceSession.Status.CANCELLED, ended_at=timezone.now()
    )
    session.refresh_from_db()
    return bool(updated)


def _finished_since(user_id: int, start: datetime) -> QuerySet[IceSession]:
    return (
        IceSession.objects.filter(
            user=user_id,
            status__in=[IceSession.Status.COMPLETED, IceSession.Status.STOPPED],
            started_at__gte=start,
        )
        .select_related("injury__region")
        .order_by("started_at")
    )


def today(user: User, now: datetime | None = None) -> tuple[list[IceSession], int]:
    """Today's finished sessions (in the user's zone) and their total minutes (the sessions'
    SQL compiled once, then their injuries' muscle names in one query)."""
    now = now or timezone.now()
    sessions = cast(
        list[IceSession],
        compiled.instances(
            "ice today", _finished_since, user_id=user.pk, start=start_of_today(now=now)
        ),
    )
    give_muscle_names([session.injury for session in sessions if session.injury is not None])
    return sessions, sum(session.minutes for session in sessions)


def _last_finished(user_id: int) -> QuerySet[IceSession]:
    return (
        IceSession.objects.filter(
            user=user_id, status__in=[IceSession.Status.COMPLETED, IceSession.Status.STOPPED]
        )
        .select_related("injury")
        .order_by("-ended_at")[:1]
    )


def last_finished(user: User) -> IceSession | None:
    found = compiled.instances("last finished ice", _last_finished, user_id=user.pk)
    return cast(IceSession, found[0]) if found else None


def numb_skin_ids(assessed: Iterable["InjuryAdvice"]) -> set[int]:
    """The active injuries whose latest entry has numbness or tingling, from the assessed
    injuries (`advice.assessed_for`: their kept facts, no query): icing them asks the user to
    confirm the caution about numb skin first (clinical rules, section 2)."""
    return {
        item.injury.pk
        for item in assessed
        if item.injury.is_active and item.latest is not None and "numbness" in item.latest.flags
    }
