"""Sending one reminder by the channels its setting names. The reminder is claimed first (one
worker of many sends it); a channel that fails (a mail server that refuses or does not answer,
a push service answering 500) is tried again later with a growing wait, a few times, and then
the reminder is marked as not sent, which the app shows. Other users' reminders are separate
tasks: one failing holds up none of them."""

import datetime as dt
import logging
import smtplib
import time

from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone

from recovery.models import PushSubscription, Reminder
from recovery.reminders import due, email, push, words

logger = logging.getLogger(__name__)

# The waits before the second, third and fourth tries; after the fourth it is marked failed.
BACKOFF = [dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=15)]
MOST_ATTEMPTS = len(BACKOFF) + 1
DATABASE_DOWN = (OperationalError, InterfaceError)
WAIT_FOR_DATABASE = 2  # seconds between tries to record what was sent
DATABASE_PATIENCE = 600  # seconds: then the worker gives up, and the claim goes stale


def payload(reminder: Reminder) -> dict:
    title, line = words.OUTSIDE[reminder.kind]
    # The same tag for every try: a device that got it once shows it once.
    return {"title": title, "body": line, "url": words.link(reminder), "tag": f"r{reminder.pk}"}


def claim(reminder_id: int, now: dt.datetime) -> bool:
    waiting = [Reminder.Status.WAITING, Reminder.Status.RETRY]
    return bool(
        Reminder.objects.filter(pk=reminder_id, status__in=waiting).update(
            status=Reminder.Status.SENDING, claimed_at=now
        )
    )


def deliver(reminder_id: int, now: dt.datetime | None = None) -> Reminder | None:
    """Send the reminder if no one else is; None when it was not this worker's to send."""
    now = now or timezone.now()
    if not claim(reminder_id, now):
        return None
    reminder = Reminder.objects.select_related("user").get(pk=reminder_id)
    try:
        problems = _send(reminder)
    except DATABASE_DOWN:
        raise  # the claim goes stale and the reminder is sent again later
    except Exception:  # a fault of ours: counted as a try, so that it ends, and logged
        logger.exception("Sending reminder %s failed", reminder.pk)
        problems = ["the app could not send it"]
    finish(reminder, problems, now)
    return reminder


def _send(reminder: Reminder) -> list[str]:
    """Send by each channel the setting names and not yet sent by; what went wrong."""
    setting = due.settings_of(reminder.user)[reminder.kind]
    problems = []
    if setting.by_email and reminder.emailed_at is None and reminder.user.email:
        try:
            email.message(reminder).send()
            reminder.emailed_at = timezone.now()
        except (smtplib.SMTPException, OSError) as problem:  # refused, timed out, unreachable
            problems.append(f"email: {_mail_trouble(problem)}")
    if setting.by_push and reminder.pushed_at is None and push.enabled():
        failed = False
        for subscription in PushSubscription.objects.filter(user=reminder.user):
            outcome, why = push.send(subscription, payload(reminder))
            if outcome is push.Outcome.GONE:
                subscription.delete()
            elif outcome is push.Outcome.FAILED:
                failed = True
                problems.append(f"push: {why}")
        if not failed:
            reminder.pushed_at = timezone.now()
    return problems


def _mail_trouble(problem: Exception) -> str:
    """What went wrong with the mail server, in words the app can show."""
    if isinstance(problem, TimeoutError | smtplib.SMTPServerDisconnected):
        return "the mail server did not answer"
    if isinstance(problem, ConnectionRefusedError | smtplib.SMTPConnectError):
        return "the mail server could not be reached"
    if isinstance(problem, smtplib.SMTPException):
        return "the mail server refused it"
    return "the mail server could not be reached"


def finish(reminder: Reminder, problems: list[str], now: dt.datetime) -> None:
    if not problems:
        reminder.status, reminder.problem = Reminder.Status.SENT, ""
    else:
        reminder.attempts += 1
        reminder.problem = "; ".join(problems)[:200]
        if reminder.attempts >= MOST_ATTEMPTS:
            reminder.status = Reminder.Status.FAILED
        else:
            reminder.status = Reminder.Status.RETRY
            reminder.next_try_at = now + BACKOFF[reminder.attempts - 1]
        logger.warning(
            "Reminder %s not sent (try %s): %s", reminder.pk, reminder.attempts, problems
        )
    _save_whatever_happens(reminder)


def _save_whatever_happens(reminder: Reminder) -> None:
    """What was sent is recorded even if the database went away meanwhile (a restart): tried
    again until it is back, so that a sent reminder is never sent twice."""
    deadline = time.monotonic() + DATABASE_PATIENCE
    while True:
        try:
            reminder.save()
            return
        except DATABASE_DOWN:
            if time.monotonic() > deadline:
                raise
            connections.close_all()
            time.sleep(WAIT_FOR_DATABASE)
