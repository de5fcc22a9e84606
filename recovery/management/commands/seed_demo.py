"""Creates a realistic heavy user: a year of logs, in one transaction, with bulk inserts."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from anatomy.models import Exercise, Muscle, Stretch
from recovery.models import (
    USER_LOGS,
    Cramp,
    CrampState,
    ExerciseSession,
    ExerciseSet,
    FluidEntry,
    IceSession,
    Injury,
    InjuryState,
    ProgrammeExercise,
    Reminder,
    ReminderSetting,
    StretchSession,
    SymptomEntry,
    Treatment,
    get_profile,
)

DEMO_PASSWORD = "demo passphrase for screenshots"  # noqa: S105 - a demo account, documented


class Command(BaseCommand):
    help = "Create (or re-create) a demo user with about a year of realistic logs."

    def add_arguments(self, parser):
        parser.add_argument("--user", default="demo")
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--time-zone", default="Europe/London")
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, user, days, time_zone, seed, **options):
        counts = seed_demo(username=user, days=days, time_zone=time_zone, seed=seed)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(f"Demo user {user!r} (password {DEMO_PASSWORD!r}): {summary}.")


@transaction.atomic
def seed_demo(*, username, days, time_zone="Europe/London", seed=7, now=None):
    """Idempotent per user: the user's old logs are replaced, other users are untouched."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    now = now or timezone.now()
    start = now - dt.timedelta(days=days)
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    for model in USER_LOGS:
        model.objects.filter(user=user).delete()
    profile = get_profile(user)
    profile.time_zone = time_zone
    profile.use_local_numbers()
    profile.save()
    scale = days / 365

    def moment(day_offset, hour):
        """A time on the given day and hour; on the last day, one that would not have ended
        an hour before now moves to the day before (a log is of the past)."""
        when = start + dt.timedelta(days=day_offset, hours=hour, minutes=rng.randrange(60))
        return when if when <= now - dt.timedelta(hours=1) else when - dt.timedelta(days=1)

    muscle_sets = [["biceps-femoris"], ["gastrocnemius", "soleus"], ["adductor-longus"]]
    injuries = []
    for number, slugs in enumerate(muscle_sets):
        onset = start + dt.timedelta(days=number * days / 3)
        injury = Injury.objects.create(
            user=user,
            side=rng.choice(["left", "right"]),
            onset_at=onset,
            grade=rng.choice(["unknown", "1", "2"]),
            status="active" if number == 2 else "resolved",
            resolved_on=None
            if number == 2
            else (onset + dt.timedelta(days=days / 4)).astimezone(profile.zone).date(),
            notes="Demo injury.",
        )
        injury.muscles.set(Muscle.objects.filter(slug__in=slugs))
        injuries.append(injury)
        # Its programme: the library's first exercises for its muscles, at their usual doses.
        planned = Exercise.objects.filter(muscles__slug__in=slugs).distinct()
        programme = [ProgrammeExercise.from_library(injury, e) for e in planned[:3]]
        for item in programme:
            item.added_at = item.changed_at = onset
        ProgrammeExercise.objects.bulk_create(programme)

    def injury_at(moment):
        """The injury most recently begun by then: the one ice and stretches were for."""
        begun = [injury for injury in injuries if injury.onset_at <= moment]
        return begun[-1] if begun else None

    entries = []
    per_injury = int(2000 * scale / 3) or 1
    for injury in injuries:
        if injury.resolved_on is None:
            last = now
        else:  # entries stop when the injury was marked resolved
            last = dt.datetime.combine(injury.resolved_on, dt.time(20), tzinfo=profile.zone)
            last = max(last, injury.onset_at + dt.timedelta(hours=1))
        span = (last - injury.onset_at).total_seconds()
        for n in range(per_injury):
            at = injury.onset_at + dt.timedelta(seconds=span * n / per_injury)
            pain = max(0, round(7 - 6 * n / per_injury + rng.uniform(-1, 1)))
            entries.append(
                SymptomEntry(injury=injury, recorded_at=at, pain=pain, resting=n % 3 == 0)
            )
    SymptomEntry.objects.bulk_create(entries, batch_size=1000)
    for injury in injuries:  # bulk_create skips the saves that keep each injury's state
        InjuryState.refresh(injury.pk)

    # Exercise sessions: each programme exercise every third day from a week after onset,
    # pain during easing over time, the next morning answered mostly.
    exercise_sessions, planned_sets = [], []
    for item in ProgrammeExercise.objects.filter(injury__in=injuries).select_related(
        "injury", "exercise"
    ):
        began = item.injury.onset_at + dt.timedelta(days=min(7, days / 6))
        ended = now if item.injury.resolved_on is None else began + dt.timedelta(days=days / 4)
        count = item.hold_seconds or item.reps
        day = 0
        while True:
            at = began + dt.timedelta(days=day, hours=rng.choice([7, 12, 18]))
            if at >= min(ended, now - dt.timedelta(hours=2)):
                break
            session = ExerciseSession(
                injury=item.injury,
                exercise=item.exercise,
                at=at,
                pain_before=2,
                pain_during=max(0, round(4 - day / 20 + rng.uniform(-1, 1))),
                next_morning_pain=rng.choice([1, 2, 2, 3, None]),
            )
            exercise_sessions.append(session)
            planned_sets.append([count] * item.sets)
            day += 3 if days > 30 else 1
    ExerciseSession.objects.bulk_create(exercise_sessions, batch_size=1000)
    ExerciseSet.objects.bulk_create(
        [
            ExerciseSet(
                session=session,
                number=number,
                reps=None if session.exercise.is_hold else done,
                seconds=done if session.exercise.is_hold else None,
            )
            for session, counts in zip(exercise_sessions, planned_sets, strict=True)
            for number, done in enumerate(counts, 1)
        ],
        batch_size=1000,
    )

    sessions, treatments = [], []
    for n in range(int(1500 * scale)):
        began = moment(n * days / (1500 * scale), rng.choice([8, 13, 19]))
        sessions.append(
            IceSession(
                user=user,
                injury=injury_at(began),
                started_at=began,
                planned_end_at=began + dt.timedelta(minutes=20),
                ended_at=began + dt.timedelta(minutes=20),
                status="completed",
                barrier_confirmed=True,
            )
        )
    IceSession.objects.bulk_create(sessions, batch_size=1000)
    for session in IceSession.objects.filter(user=user):
        treatments.append(
            Treatment(
                user=user,
                injury_id=session.injury_id,
                kind="ice",
                at=session.started_at,
                duration_minutes=20,
                ice_session=session,
            )
        )
    Treatment.objects.bulk_create(treatments, batch_size=1000)

    stretches = list(Stretch.objects.all())
    stretch_times = [moment(n * days / (700 * scale), 18) for n in range(int(700 * scale))]
    StretchSession.objects.bulk_create(
        [
            StretchSession(
                user=user,
                stretch=rng.choice(stretches),
                injury=injury_at(at),
                holds=3,
                holds_done=3,
                hold_seconds=30,
                pain_during=rng.randrange(0, 5),
                at=at,
                status="done",
            )
            for at in stretch_times
        ],
        batch_size=1000,
    )
    FluidEntry.objects.bulk_create(
        [
            FluidEntry(
                user=user,
                at=moment(n * days / (4000 * scale), 7 + (n % 11)),
                amount_ml=rng.choice([250, 330, 500]),
                drink=rng.choice(["water", "water", "other"]),
            )
            for n in range(int(4000 * scale))
        ],
        batch_size=1000,
    )
    calf = Muscle.objects.get(slug="gastrocnemius")
    Cramp.objects.bulk_create(
        [
            Cramp(
                user=user,
                started_at=moment(n * days / (150 * scale), rng.choice([2, 3, 15])),
                muscle=calf,
                side=rng.choice(["left", "right"]),
                duration_seconds=rng.randrange(10, 300),
                pain=rng.randrange(3, 9),
                at_night=n % 3 != 0,
            )
            for n in range(int(150 * scale))
        ],
        batch_size=1000,
    )
    CrampState.refresh(user.pk)  # as above: the cramps the advice reads
    reminders = _reminders(user, profile, now, rng)
    return {
        "injuries": len(injuries),
        "symptom entries": len(entries),
        "ice sessions": len(sessions),
        "treatments": len(treatments),
        "stretch sessions": StretchSession.objects.filter(user=user).count(),
        "exercise sessions": len(exercise_sessions),
        "drinks": FluidEntry.objects.filter(user=user).count(),
        "cramps": Cramp.objects.filter(user=user).count(),
        "reminders": reminders,
    }


def _reminders(user, profile, now, rng):
    """Reminder settings as a user might choose them, and a month of daily check-ins: most
    answered or dismissed, the last one still waiting."""
    ReminderSetting.objects.filter(user=user).delete()
    Reminder.objects.filter(user=user).delete()
    ReminderSetting.objects.bulk_create(
        [
            ReminderSetting(user=user, kind="check_in", at=dt.time(8, 30), by_push=True),
            ReminderSetting(user=user, kind="drinks", enabled=True),
        ]
    )
    today = now.astimezone(profile.zone).date()
    rows = []
    for back in range(30, -1, -1):
        due = dt.datetime.combine(
            today - dt.timedelta(days=back), dt.time(8, 30), tzinfo=profile.zone
        )
        if due > now:
            continue
        closed = None if back == 0 else due + dt.timedelta(minutes=rng.randrange(5, 240))
        rows.append(
            Reminder(user=user, kind="check_in", due_at=due, status="sent", closed_at=closed)
        )
    Reminder.objects.bulk_create(rows)
    return len(rows)
