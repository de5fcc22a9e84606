"""The guided set timer, backed by the server like the stretch timer: the plan, the start
and the sets finished are stored, and where the session is is worked out from them whenever
it is read. When it ends (the last set, or "stop"), what was done is logged as a session."""

from datetime import datetime
from enum import StrEnum

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from recovery.models import ProgrammeExercise, SetTimer
from recovery.rehab import sessions, set_steps


class AlreadyRunning(Exception):
    def __init__(self, timer: SetTimer) -> None:
        self.timer = timer


def step(timer: SetTimer, now: datetime | None = None) -> set_steps.Step:
    now = now or timezone.now()
    return set_steps.step_at(
        (now - timer.started_at).total_seconds(),
        timer.sets,
        timer.hold_seconds,
        timer.rest_seconds,
        [seconds for seconds, _ in timer.finished],
    )


def _sets_done(timer: SetTimer, now: datetime) -> list[tuple[int, object]]:
    """[(count, load in kg)] of the sets finished by `now`: whole holds, or the repetitions
    the user gave for each set."""
    if timer.hold_seconds:
        return [(timer.hold_seconds, timer.load_kg)] * step(timer, now).sets_done
    return [(reps, timer.load_kg) for _, reps in timer.finished[: timer.sets]]


def _end(timer: SetTimer, status: str, now: datetime) -> bool:
    """End a running timer and log what was done (nothing when no set was finished); False if
    it had already ended. The sets are read from the row as it was claimed, so a set ended in
    another tab just before is logged too."""
    with transaction.atomic():
        claimed = SetTimer.objects.filter(pk=timer.pk, status=SetTimer.Status.RUNNING).update(
            status=status
        )
        if claimed:
            ended = SetTimer.objects.get(pk=timer.pk)
            done = _sets_done(ended, now)
            if done:
                item = ProgrammeExercise.objects.select_related("injury__state", "exercise").get(
                    pk=timer.item_id
                )
                session = sessions.record(item, timer.started_at, done)
                SetTimer.objects.filter(pk=timer.pk).update(session=session)
    timer.refresh_from_db()
    return bool(claimed)


def settle(timer: SetTimer, now: datetime | None = None) -> bool:
    """A running timer whose last hold is over, or whose last set is done, is done and logged;
    one walked away from mid-way (`set_steps.left_alone`) is stopped with what was done."""
    now = now or timezone.now()
    if not timer.is_running:
        return False
    if step(timer, now).kind == "done":
        return _end(timer, SetTimer.Status.DONE, now)
    elapsed = (now - timer.started_at).total_seconds()
    finished = [seconds for seconds, _ in timer.finished]
    if set_steps.left_alone(elapsed, timer.hold_seconds, timer.rest_seconds, finished):
        return _end(timer, SetTimer.Status.STOPPED, now)
    return False


def start(*, user: User, item: ProgrammeExercise, now: datetime | None = None) -> SetTimer:
    running = SetTimer.objects.filter(user=user, status=SetTimer.Status.RUNNING).first()
    if running is not None:
        settle(running)
        if running.is_running:
            raise AlreadyRunning(running)
    try:
        with transaction.atomic():
            return SetTimer.objects.create(
                user=user,
                item=item,
                started_at=now or timezone.now(),
                sets=item.sets,
                reps=None if item.exercise.is_hold else item.reps,
                hold_seconds=item.hold_seconds if item.exercise.is_hold else None,
                load_kg=item.load_kg,
                rest_seconds=item.rest_seconds,
            )
    except IntegrityError:
        raise AlreadyRunning(
            SetTimer.objects.get(user=user, status=SetTimer.Status.RUNNING)
        ) from None


class SetDone(StrEnum):
    COUNTED = "counted"
    NOT_DUE = "not due"  # a second tap, or another tab was quicker
    ENDED = "ended"  # the session had ended (stopped, or finished in another tab)


def set_done(timer: SetTimer, number: int, reps: int, now: datetime | None = None) -> SetDone:
    """Set `number` of repetitions is done with `reps` repetitions (during the rest before it,
    the rest is cut short); nothing changes unless that set is the one due."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = SetTimer.objects.select_for_update().get(pk=timer.pk)
        current = step(locked, now)
        if not locked.is_running or locked.hold_seconds:
            outcome = SetDone.ENDED
        elif current.kind not in ("set", "rest") or current.number != number:
            outcome = SetDone.NOT_DUE
        else:
            locked.finished = [*locked.finished, [(now - locked.started_at).total_seconds(), reps]]
            locked.save(update_fields=["finished"])
            outcome = SetDone.COUNTED
    timer.refresh_from_db()
    if outcome == SetDone.COUNTED:
        settle(timer, now)  # the last set ends the session
    return outcome


def stop(timer: SetTimer, now: datetime | None = None) -> bool:
    """Stop early, logging the sets finished so far; False when it had already ended."""
    now = now or timezone.now()
    settle(timer, now)
    return _end(timer, SetTimer.Status.STOPPED, now)
