"""Reminders: the user's settings for each kind, each reminder found due (one row per user,
kind and due time, so that it is sent once however many workers look), and the devices that
take web push."""

import datetime as dt

from django.conf import settings
from django.db import models

from recovery.models.profile import weekdays

DAYS_ALL = "0123456"  # weekday numbers, Monday 0
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class ReminderKind(models.TextChoices):
    CHECK_IN = "check_in", "Daily check-in"
    ICE = "ice", "Next ice session"
    DRINKS = "drinks", "Drinks"
    PROGRAMME = "programme", "Exercises and stretches"
    PROVIDER = "provider", "Call your provider, repeated"


class ReminderSetting(models.Model):
    """How one kind of reminder comes for one user. Kinds at a time of day (the check-in, the
    programme) have `at`; the others follow the logs (ice, drinks) or the advice (provider)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    enabled = models.BooleanField(default=True)
    at = models.TimeField(null=True, blank=True)
    days = models.CharField(max_length=7, default=DAYS_ALL, validators=[weekdays])
    by_email = models.BooleanField(default=False)
    by_push = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_setting_per_reminder_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for user {self.user_id}"

    @property
    def weekdays(self) -> frozenset[int]:
        return frozenset(int(day) for day in self.days)


# Each kind as a new user finds it: on, in the app and by push; the repeated call-provider
# prompt by email as well (it is the one that must not be missed); drinks off until asked for.
DEFAULTS: dict[str, dict[str, object]] = {
    ReminderKind.CHECK_IN: {"at": dt.time(9, 0)},
    ReminderKind.ICE: {},
    ReminderKind.DRINKS: {"enabled": False},
    ReminderKind.PROGRAMME: {"at": dt.time(18, 0), "days": "024"},
    ReminderKind.PROVIDER: {"by_email": True},
}


class Reminder(models.Model):
    """A reminder found due: stored once per user, kind and due time (the claim), then sent by
    the channels its setting names, with retries; listed in the app until done or dismissed."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        RETRY = "retry", "Sending again later"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    due_at = models.DateTimeField()
    injury = models.ForeignKey(
        "recovery.Injury", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.WAITING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    pushed_at = models.DateTimeField(null=True, blank=True)
    problem = models.CharField(max_length=200, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)  # done or dismissed in the app
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "due_at"], name="one_reminder_per_kind_and_time"
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_try_at"]),
            models.Index(fields=["user", "closed_at", "-due_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} due {self.due_at:%Y-%m-%d %H:%M} for {self.user_id}"


class PushSubscription(models.Model):
    """A browser that takes web push for the user: where to send, and its keys."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self):
        return f"Push subscription {self.pk} for user {self.user_id}"

    def as_info(self) -> dict:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class ReminderTick(models.Model):
    """The minute the search for due reminders ran: claimed by one worker of many."""

    minute = models.DateTimeField(primary_key=True)

    def __str__(self):
        return f"{self.minute:%Y-%m-%d %H:%M}"
