"""Reminder emails: a short text naming nothing beyond "your leg", a link to the app, and a
signed one-click unsubscribe (the link, and the List-Unsubscribe headers mail programs use)."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse

from recovery.models import Reminder
from recovery.reminders import words

SALT = "reminders.unsubscribe"


def unsubscribe_token(user_id: int, kind: str) -> str:
    return signing.dumps({"user": user_id, "kind": kind}, salt=SALT, compress=True)


def read_token(token: str) -> dict | None:
    """{"user", "kind"} of a token this app signed; None for anything else."""
    try:
        found = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(found, dict) or not {"user", "kind"} <= found.keys():
        return None
    return found


def message(reminder: Reminder) -> EmailMessage:
    title, line = words.OUTSIDE[reminder.kind]
    stop = settings.SITE_URL + reverse(
        "reminder_unsubscribe", args=[unsubscribe_token(reminder.user_id, reminder.kind)]
    )
    body = (
        f"{line}\n\n"
        f"Open the app: {settings.SITE_URL}{words.link(reminder)}\n\n"
        f"You asked for this reminder by email. To stop these emails: {stop}\n"
        f"To change when and how reminders come: {settings.SITE_URL}{reverse('reminders')}\n"
    )
    return EmailMessage(
        subject=title,
        body=body,
        to=[reminder.user.email],
        headers={
            "List-Unsubscribe": f"<{stop}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
