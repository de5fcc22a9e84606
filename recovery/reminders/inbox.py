"""The reminders the app lists on Today: due, neither done nor dismissed, and not answered by
a log made since (an entry, a drink, an ice session, an exercise session, "I contacted my
provider"); the newest of each kind from the last two days. One query, however many."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from recovery.models import (
    Acknowledgement,
    ExerciseSession,
    FluidEntry,
    IceSession,
    Reminder,
    ReminderKind,
    SymptomEntry,
)
from recovery.reminders import words

LISTED_FOR = dt.timedelta(days=2)
MOST = 20  # rows read: a few kinds, each found at most a few times in two days


def _since_due(model, user_field, at_field):
    return Exists(
        model.objects.filter(
            **{user_field: OuterRef("user"), f"{at_field}__gte": OuterRef("due_at")}
        )
    )


ANSWERED_BY: dict[str, str] = {
    ReminderKind.CHECK_IN: "logged",
    ReminderKind.DRINKS: "drank",
    ReminderKind.ICE: "iced",
    ReminderKind.PROGRAMME: "exercised",
    ReminderKind.PROVIDER: "contacted",
}


def open_for(user, now: dt.datetime) -> list[Reminder]:
    rows = (
        Reminder.objects.filter(
            user=user, closed_at__isnull=True, due_at__lte=now, due_at__gt=now - LISTED_FOR
        )
        .annotate(
            logged=_since_due(SymptomEntry, "injury__user", "recorded_at"),
            drank=_since_due(FluidEntry, "user", "at"),
            iced=_since_due(IceSession, "user", "started_at"),
            exercised=_since_due(ExerciseSession, "injury__user", "at"),
            contacted=Exists(
                Acknowledgement.objects.filter(
                    injury=OuterRef("injury"),
                    kind=Acknowledgement.Kind.CONTACTED_PROVIDER,
                    at__gte=OuterRef("due_at"),
                )
            ),
        )
        .order_by("-due_at")[:MOST]
    )
    newest: dict[str, Reminder] = {}
    for reminder in rows:
        newest.setdefault(reminder.kind, reminder)  # a newer one stands for the older
    return [one for one in newest.values() if not getattr(one, ANSWERED_BY[one.kind])]


@dataclass(frozen=True)
class Listed:
    reminder: Reminder
    words: str  # what the app says of it
    link: str  # where it is done


def listed(user, now: dt.datetime) -> list[Listed]:
    """The open reminders with what the app says of each and where it leads."""
    return [Listed(one, words.INSIDE[one.kind], words.link(one)) for one in open_for(user, now)]
