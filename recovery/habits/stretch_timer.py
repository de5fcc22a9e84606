"""The guided hold timer, backed by the server like the ice timer: the session's start time
and plan are stored; where it is now is worked out from them whenever it is read."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from anatomy.models import Stretch
from recovery.habits import stretch_rules
from recovery.models import Injury, StretchSession


class AlreadyRunning(Exception):
    def __init__(self, session: StretchSession) -> None:
        self.session = session


def phase(session: StretchSession, now: datetime | None = None) -> stretch_rules.Phase:
    now = now or timezone.now()
    elapsed = (now - session.at).total_seconds()
    return stretch_rules.phase_at(
        elapsed, session.holds, session.hold_seconds, session.rest_seconds
    )


def settle(session: StretchSession, now: datetime | None = None) -> bool:
    """A running session whose last hold is over is done, with every hold counted."""
    if session.is_running and phase(session, now).kind == "done":
        updated = StretchSession.objects.filter(
            pk=session.pk, status=StretchSession.Status.RUNNING
        ).update(status=StretchSession.Status.DONE, holds_done=session.holds)
        session.refresh_from_db()
        return bool(updated)
    return False


def settle_for_user(user: User, now: datetime | None = None) -> StretchSession | None:
    session = StretchSession.objects.filter(user=user, status=StretchSession.Status.RUNNING).first()
    if session is not None:
        settle(session, now)
        if session.is_running:
            return session
    return None


def start(
    *,
    user: User,
    stretch: Stretch,
    side: str,
    holds: int,
    hold_seconds: int,
    rest_seconds: int,
    injury: Injury | None = None,
) -> StretchSession:
    running = settle_for_user(user)
    if running is not None:
        raise AlreadyRunning(running)
    try:
        with transaction.atomic():
            return StretchSession.objects.create(
                user=user,
                stretch=stretch,
                side=side,
                holds=holds,
                hold_seconds=hold_seconds,
                rest_seconds=rest_seconds,
                injury=injury,
                at=timezone.now(),
                status=StretchSession.Status.RUNNING,
            )
    except IntegrityError:
        raise AlreadyRunning(
            StretchSession.objects.get(user=user, status=StretchSession.Status.RUNNING)
        ) from None


def stop(session: StretchSession, now: datetime | None = None) -> bool:
    """Stop early, keeping the holds finished so far; False when it had already ended."""
    done = phase(session, now).holds_done
    updated = StretchSession.objects.filter(
        pk=session.pk, status=StretchSession.Status.RUNNING
    ).update(status=StretchSession.Status.STOPPED, holds_done=done)
    session.refresh_from_db()
    return bool(updated)
