"""The guided hold timer, backed by the server like the ice timer: the session's start time
and plan are stored; where it is now is worked out from them whenever it is read."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from recovery.habits import stretch_rules
from recovery.models import StretchSession


class AlreadyRunning(Exception):
    def __init__(self, session):
        self.session = session


def phase(session, now=None):
    now = now or timezone.now()
    elapsed = (now - session.at).total_seconds()
    return stretch_rules.phase_at(
        elapsed, session.holds, session.hold_seconds, session.rest_seconds
    )


def settle(session, now=None):
    """A running session whose last hold is over is done, with every hold counted."""
    if session.is_running and phase(session, now).kind == "done":
        updated = StretchSession.objects.filter(
            pk=session.pk, status=StretchSession.Status.RUNNING
        ).update(status=StretchSession.Status.DONE, holds_done=session.holds)
        session.refresh_from_db()
        return bool(updated)
    return False


def settle_for_user(user, now=None):
    session = StretchSession.objects.filter(user=user, status=StretchSession.Status.RUNNING).first()
    if session is not None:
        settle(session, now)
        if session.is_running:
            return session
    return None


def start(*, user, stretch, side, holds, hold_seconds, rest_seconds, injury=None):
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


def stop(session, now=None):
    """Stop early, keeping the holds finished so far; False when it had already ended."""
    done = phase(session, now).holds_done
    updated = StretchSession.objects.filter(
        pk=session.pk, status=StretchSession.Status.RUNNING
    ).update(status=StretchSession.Status.STOPPED, holds_done=done)
    session.refresh_from_db()
    return bool(updated)
