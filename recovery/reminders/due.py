"""Finding the reminders due now, for every user, and storing each once: the row for a user,
kind and due time is the claim, so that several workers looking at once store (and send) it
once. Asked every minute by the worker (recovery/reminders/tasks.py)."""

import datetime as dt
import logging

from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Max, Q, Sum

from recovery.common.days import day_bounds
from recovery.injuries import advice
from recovery.injuries.triage import Level
from recovery.models import (
    FluidEntry,
    IceSession,
    Injury,
    Profile,
    Reminder,
    ReminderKind,
    ReminderSetting,
    get_profile,
)
from recovery.models.reminders import DEFAULTS
from recovery.rehab.today import exercises_today
from recovery.reminders import schedule

logger = logging.getLogger(__name__)
STALE_CLAIM = dt.timedelta(minutes=10)  # a worker that claimed a reminder and died


def quiet_of(profile: Profile) -> schedule.Quiet:
    return schedule.Quiet(
        profile.quiet_start, profile.quiet_end, frozenset(int(day) for day in profile.days_off)
    )


def settings_of(user) -> dict[str, ReminderSetting]:
    """The user's setting for each kind: stored, or the default (not stored until changed)."""
    stored = {one.kind: one for one in ReminderSetting.objects.filter(user=user)}
    return {kind: stored.get(kind) or default_setting(user, kind) for kind in ReminderKind}


def default_setting(user, kind) -> ReminderSetting:
    setting = ReminderSetting(user=user, kind=kind)
    for name, value in DEFAULTS[kind].items():
        setattr(setting, name, value)
    return setting


def store(user, kind, due_at, injury=None) -> Reminder | None:
    """The reminder, stored now; None when it was stored before (by this worker or another)."""
    from recovery.reminders.tasks import deliver_reminder

    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(user=user, kind=kind, due_at=due_at, injury=injury)
            deliver_reminder.enqueue(reminder.pk)  # with the row, or not at all
    except IntegrityError:
        return None
    return reminder


def _candidates(now):
    """The users a reminder may be due for: those with an active injury, and those who asked
    for drink reminders."""
    with_injury = Injury.objects.filter(status=Injury.Status.ACTIVE).values("user")
    drinkers = ReminderSetting.objects.filter(kind=ReminderKind.DRINKS, enabled=True).values("user")
    return (
        Profile.objects.filter(Q(user__in=with_injury) | Q(user__in=drinkers))
        .select_related("user")
        .order_by("user_id")
    )


def _logged_since(assessed, start) -> bool:
    """Whether an entry was logged for any of the assessed injuries since `start` (a check-in
    already made today needs no reminder)."""
    return any(item.latest and item.latest.recorded_at >= start for item in assessed)


def find(now: dt.datetime) -> list[Reminder]:
    """Store (and queue for sending) every reminder due at `now` not stored before."""
    found = []
    for profile in _candidates(now):
        try:
            found += find_for(profile.user, now, profile)
        except (OperationalError, InterfaceError):
            raise  # the database, not this user: the search stops and runs again
        except Exception:  # one user's data the rules trip on holds up no one else's
            logger.exception("Finding the reminders of user %s failed", profile.user_id)
    return found


def find_for(user, now: dt.datetime, profile: Profile | None = None) -> list[Reminder]:
    profile = profile or get_profile(user)
    zone, quiet = profile.zone, quiet_of(profile)
    chosen = {kind: one for kind, one in settings_of(user).items() if one.enabled}
    if not chosen:
        return []
    injuries = [one for one in advice.injuries_of(user) if one.is_active]
    assessed = advice.assess(injuries, now) if injuries else []
    due: list[tuple[str, dt.datetime | None, Injury | None]] = []
    if (setting := chosen.get(ReminderKind.CHECK_IN)) and setting.at:
        asked = [item for item in assessed if item.injury.remind_daily]
        at = schedule.daily(setting.at, setting.weekdays, quiet, zone, now)
        if (
            asked
            and at
            and not _logged_since(asked, day_bounds(at.astimezone(zone).date(), zone)[0])
        ):
            only = asked[0].injury if len(asked) == 1 else None
            due.append((ReminderKind.CHECK_IN, at, only))
    if ReminderKind.ICE in chosen and injuries:
        last = IceSession.objects.filter(user=user, ended_at__isnull=False).aggregate(
            last=Max("ended_at")
        )["last"]
        for item in assessed:
            at = schedule.ice(
                last, item.injury.onset_at, item.advice.level, item.injury.kind, quiet, zone, now
            )
            if at:
                due.append((ReminderKind.ICE, at, item.injury))
                break
    if ReminderKind.DRINKS in chosen:
        start, end = day_bounds(now.astimezone(zone).date(), zone)
        drunk = FluidEntry.objects.filter(user=user, at__gte=start, at__lt=end).aggregate(
            total=Sum("amount_ml")
        )["total"]
        at = schedule.drinks(
            profile.effective_fluid_goal_ml(), drunk or 0, profile.fluid_limit_ml, quiet, zone, now
        )
        due.append((ReminderKind.DRINKS, at, None))
    if (setting := chosen.get(ReminderKind.PROGRAMME)) and setting.at and injuries:
        at = schedule.daily(setting.at, setting.weekdays, quiet, zone, now)
        if at:
            today = exercises_today(injuries, zone, at.astimezone(zone).date())
            if any(not item.done_today for item in today["exercise_items"]):
                due.append((ReminderKind.PROGRAMME, at, None))
    if ReminderKind.PROVIDER in chosen:
        for item in assessed:
            if item.advice.level != Level.CALL_PROVIDER:
                continue
            reason_at = min(
                (reason.at for reason in item.advice.top_reasons() if reason.at), default=None
            )
            at = schedule.provider(reason_at, item.injury.state.last_contacted_at, quiet, zone, now)
            if at:
                due.append((ReminderKind.PROVIDER, at, item.injury))
    stored = [store(user, kind, at, injury) for kind, at, injury in due if at]
    return [one for one in stored if one]


def to_send_again(now: dt.datetime) -> list[int]:
    """Reminders whose retry time has come, and those a worker claimed and never finished
    (it stopped), queued again."""
    from recovery.reminders.tasks import deliver_reminder

    with transaction.atomic():
        Reminder.objects.filter(
            status=Reminder.Status.SENDING, claimed_at__lt=now - STALE_CLAIM
        ).update(status=Reminder.Status.RETRY, next_try_at=now)
        ids = list(
            Reminder.objects.filter(status=Reminder.Status.RETRY, next_try_at__lte=now)
            .order_by("next_try_at")
            .values_list("pk", flat=True)[:500]
        )
        Reminder.objects.filter(pk__in=ids).update(status=Reminder.Status.WAITING)
        for pk in ids:
            deliver_reminder.enqueue(pk)
    return ids
