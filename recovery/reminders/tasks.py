"""The worker's part (`manage.py db_worker`): every minute, find the reminders due and queue
each for sending; send one; once a day, prune old task results and reminders.

The minute's search is a task that queues the next minute's before it works, in the same
transaction as its claim of the minute: several workers, or a chain started twice, run each
minute once, and a search that fails does not stop the next."""

import datetime as dt

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from recovery.models import Reminder, ReminderTick
from recovery.reminders import delivery, due

MINUTE = dt.timedelta(minutes=1)
KEEP_REMINDERS = dt.timedelta(days=30)
PRUNE_AT = dt.time(3, 17)  # UTC, once a day


def _minute(moment: dt.datetime) -> dt.datetime:
    return moment.replace(second=0, microsecond=0)


@task()
def deliver_reminder(reminder_id: int) -> None:
    delivery.deliver(reminder_id)


@task()
def find_due_reminders(minute: str) -> int:
    """The search for `minute` (ISO): claimed by one worker, the next one queued, then run."""
    at = dt.datetime.fromisoformat(minute)
    try:
        with transaction.atomic():
            ReminderTick.objects.create(minute=at)
            # The next minute, or the coming one when this ran late (after an outage).
            following = max(at + MINUTE, _minute(timezone.now()) + MINUTE)
            find_due_reminders.using(run_after=following).enqueue(following.isoformat())
    except IntegrityError:
        return 0  # another worker ran this minute (a second chain ends here)
    now = timezone.now()
    found = due.find(now)
    due.to_send_again(now)
    if at.time() == PRUNE_AT:
        prune(now)
    return len(found)


def keep_ticking(now: dt.datetime | None = None) -> None:
    """Start the chain of searches if none is queued (a new worker, or after an outage)."""
    path = find_due_reminders.module_path
    waiting = DBTaskResult.objects.filter(task_path=path, status="READY").exists()
    if not waiting:
        at = _minute(now or timezone.now()) + MINUTE
        find_due_reminders.using(run_after=at).enqueue(at.isoformat())


def prune(now: dt.datetime) -> None:
    """Old task results (14 days; the minute's searches after a day), minutes claimed, and
    reminders closed or past a month."""
    call_command("prune_db_task_results", queue_name="*", min_age_days=14, verbosity=0)
    DBTaskResult.objects.filter(
        task_path=find_due_reminders.module_path, finished_at__lt=now - dt.timedelta(days=1)
    ).delete()
    ReminderTick.objects.filter(minute__lt=now - dt.timedelta(days=1)).delete()
    Reminder.objects.filter(due_at__lt=now - KEEP_REMINDERS).delete()
