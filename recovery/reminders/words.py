"""What each reminder says. Outside the app (an email, a phone's lock screen, which others may
see) it names nothing about health beyond "your leg"; in the app it says what to do."""

from django.urls import reverse

from recovery.models import Reminder, ReminderKind

# kind: (title, line), for email and push.
OUTSIDE: dict[str, tuple[str, str]] = {
    ReminderKind.CHECK_IN: (
        "How does your leg feel today?",
        "Take a moment to note how your leg feels today.",
    ),
    ReminderKind.ICE: (
        "A reminder for your leg",
        "The time the app suggested for your next session has come.",
    ),
    ReminderKind.DRINKS: ("Time for a drink", "A glass now keeps you on the way to today's goal."),
    ReminderKind.PROGRAMME: ("Your exercises for today", "Today is one of your exercise days."),
    ReminderKind.PROVIDER: (
        "A reminder about your leg",
        "Something the app asked of you a day ago is still waiting. Please open the app.",
    ),
}

# kind: what the app's own list says.
INSIDE: dict[str, str] = {
    ReminderKind.CHECK_IN: "How does your leg feel today? Log how it feels.",
    ReminderKind.ICE: "Time for the next ice session, 2 hours after the last one ended.",
    ReminderKind.DRINKS: "Time for a drink: today's drinks are behind the pace to your goal.",
    ReminderKind.PROGRAMME: "Today is an exercise day: your programme is waiting.",
    ReminderKind.PROVIDER: (
        "The advice to call your provider has stood for a day. If you have called, say so "
        "on the injury's page."
    ),
}


def link(reminder: Reminder) -> str:
    """Where the reminder's action is done."""
    kind, injury_id = reminder.kind, reminder.injury_id
    if kind == ReminderKind.CHECK_IN:  # one injury asked about: its form; several: Today's list
        if injury_id:
            return reverse("entry_new", args=[injury_id])
        return reverse("home") + "#injuries-heading"
    if kind == ReminderKind.ICE:
        return reverse("ice")
    if kind == ReminderKind.DRINKS:
        return reverse("fluids")
    if kind == ReminderKind.PROVIDER and injury_id:
        return reverse("injury", args=[injury_id])
    return reverse("home") + "#exercise-heading"


# kind: when it comes, as the reminders page explains it.
ABOUT: dict[str, str] = {
    ReminderKind.CHECK_IN: (
        "At the time you choose, while an injury is active and nothing was logged for it that "
        "day. Each injury has its own switch on its page."
    ),
    ReminderKind.ICE: (
        "2 hours after your last ice session ended, only in the first 72 hours after an "
        "injury, and never while urgent advice stands. Source: NHS, sprains and strains (ice "
        "for up to 20 minutes every 2 to 3 hours in the first 2 to 3 days)."
    ),
    ReminderKind.DRINKS: (
        "Every 2 hours of your waking day while today's drinks are behind an even pace to your "
        "goal; never once the goal is met, nor at a limit your clinician set."
    ),
    ReminderKind.PROGRAMME: (
        "On the days you choose, at that time, while some exercise of today's programme is "
        "not done yet."
    ),
    ReminderKind.PROVIDER: (
        "When the advice to call your provider has stood for a day and you have not said you "
        "called, it is repeated once (in the app, and by email if ticked). Urgent and emergency "
        "advice never waits for a reminder: the app shows it at once."
    ),
}
