"""An injury's rehab programme: the library's exercises the user plans to do for it, each with
their own targets (the library's usual dose to start with)."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from recovery.models.injuries import Injury, client_id_field, out_of_range

LOAD_MAX_KG = Decimal(500)
SETS_MOST = 10  # sets in one session


class ProgrammeExercise(models.Model):
    """One exercise of an injury's programme and its targets. No load means body weight."""

    injury = models.ForeignKey(Injury, on_delete=models.CASCADE, related_name="programme")
    exercise = models.ForeignKey("anatomy.Exercise", on_delete=models.PROTECT, related_name="+")
    sets = models.PositiveSmallIntegerField()
    reps = models.PositiveSmallIntegerField("repetitions per set", null=True, blank=True)
    hold_seconds = models.PositiveSmallIntegerField("seconds per hold", null=True, blank=True)
    load_kg = models.DecimalField(
        "added load (kg)", max_digits=4, decimal_places=1, null=True, blank=True
    )
    rest_seconds = models.PositiveSmallIntegerField("rest between sets (seconds)")
    days_per_week = models.PositiveSmallIntegerField("days a week", default=3)
    added_at = models.DateTimeField(default=timezone.now)
    # When the targets last changed: sessions since then are at the current level.
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        indexes = [models.Index(fields=["injury", "added_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["injury", "exercise"],
                name="one_of_each_exercise_per_programme",
                violation_error_message="The programme has this exercise already.",
            ),
        ]

    def __str__(self):
        return f"{self.exercise} for injury {self.injury_id}"

    # (lowest, highest, what the user is told): the form's limits and the import's.
    LIMITS = {
        "sets": (1, 10, "Enter from 1 to 10 sets."),
        "reps": (1, 100, "Enter from 1 to 100 repetitions (or steps) per set."),
        "hold_seconds": (5, 600, "Hold for 5 seconds to 10 minutes (600 seconds)."),
        "load_kg": (0, LOAD_MAX_KG, "Added load is from 0 to 500 kg (1,100 lb); leave it empty "
                    "for body weight."),
        "rest_seconds": (0, 600, "Rest for 0 to 600 seconds (10 minutes)."),
        "days_per_week": (1, 7, "Enter from 1 to 7 days a week."),
    }  # fmt: skip

    def clean(self):
        problems = out_of_range(self, self.LIMITS)
        if self.exercise_id is not None:
            if self.exercise.is_hold:
                if self.hold_seconds is None:
                    problems.setdefault("hold_seconds", "Enter how many seconds each hold lasts.")
                self.reps = None
            else:
                if self.reps is None:
                    problems.setdefault("reps", "Enter how many repetitions each set has.")
                self.hold_seconds = None
        if problems:
            raise ValidationError(problems)

    @classmethod
    def from_library(cls, injury, exercise):
        """A programme item with the library's usual dose for the exercise."""
        return cls(
            injury=injury,
            exercise=exercise,
            sets=exercise.sets,
            reps=exercise.reps,
            hold_seconds=exercise.hold_seconds,
            rest_seconds=exercise.rest_seconds,
            # A programme done twice a day (Alfredson's) is done every day.
            days_per_week=7 if exercise.per_day > 1 else 3,
        )

    @property
    def sessions_per_week(self):
        return self.days_per_week * self.exercise.per_day


class ExerciseSession(models.Model):
    """An exercise done for an injury: its sets (ExerciseSet), the highest pain during it and,
    asked the next day, the pain the next morning."""

    injury = models.ForeignKey(Injury, on_delete=models.CASCADE, related_name="exercise_sessions")
    exercise = models.ForeignKey("anatomy.Exercise", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("when")
    # The injury's latest pain score when the session was logged: its usual level, that the
    # next morning's pain is compared with.
    pain_before = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_during = models.PositiveSmallIntegerField("pain during (0-10)", null=True, blank=True)
    next_morning_pain = models.PositiveSmallIntegerField(
        "pain the next morning (0-10)", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    client_id = client_id_field()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["injury", "-at"])]
        constraints = [
            models.UniqueConstraint(fields=["client_id"], name="one_exercisesession_per_client_id"),
            models.CheckConstraint(
                condition=models.Q(pain_during__isnull=True) | models.Q(pain_during__lte=10),
                name="exercise_pain_0_to_10",
            ),
            models.CheckConstraint(
                condition=models.Q(next_morning_pain__isnull=True)
                | models.Q(next_morning_pain__lte=10),
                name="exercise_morning_pain_0_to_10",
            ),
        ]

    def __str__(self):
        return f"{self.exercise} at {self.at:%Y-%m-%d %H:%M}"

    LIMITS = {
        "pain_before": (0, 10, "Pain is a whole number from 0 (no pain) to 10."),
        "pain_during": (0, 10, "Pain is a whole number from 0 (no pain) to 10."),
        "next_morning_pain": (0, 10, "Pain is a whole number from 0 (no pain) to 10."),
    }

    def clean(self):
        problems = out_of_range(self, self.LIMITS)
        if self.at is not None and self.at > timezone.now() + dt.timedelta(minutes=5):
            problems["at"] = "This time is in the future. Enter when it happened, up to now."
        if problems:
            raise ValidationError(problems)


class ExerciseSet(models.Model):
    """One set of a session: repetitions (or steps) or seconds held, and any added load."""

    session = models.ForeignKey(ExerciseSession, on_delete=models.CASCADE, related_name="sets")
    number = models.PositiveSmallIntegerField()
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    seconds = models.PositiveSmallIntegerField(null=True, blank=True)
    load_kg = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="one_set_per_number"),
        ]

    def __str__(self):
        count = f"{self.reps} repetitions" if self.reps is not None else f"{self.seconds} s"
        return f"Set {self.number}: {count}"

    LIMITS = {
        "reps": ProgrammeExercise.LIMITS["reps"],
        "seconds": ProgrammeExercise.LIMITS["hold_seconds"],
        "load_kg": ProgrammeExercise.LIMITS["load_kg"],
    }

    def clean(self):
        problems = out_of_range(self, self.LIMITS)
        if (self.reps is None) == (self.seconds is None):
            problems.setdefault("reps", "A set has either repetitions or seconds held.")
        if problems:
            raise ValidationError(problems)


class SetTimerStatus(models.TextChoices):
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    STOPPED = "stopped", "Stopped early"


class SetTimer(models.Model):
    """The guided set timer: a session of one programme exercise being done now. Holds and
    rests follow the clock from `started_at`; a set of repetitions ends when the user says so
    (`finished`: [seconds after the start, repetitions] per set), then the rest counts down.
    Where it is is worked out from these whenever it is read, so a reload loses nothing. When
    it ends, what was done is logged as an ExerciseSession (`session`)."""

    Status = SetTimerStatus

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="set_timers"
    )
    item = models.ForeignKey(ProgrammeExercise, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField()
    # The plan when it started (the targets may change later).
    sets = models.PositiveSmallIntegerField()
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_seconds = models.PositiveSmallIntegerField(null=True, blank=True)
    load_kg = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    rest_seconds = models.PositiveSmallIntegerField()
    finished = models.JSONField(default=list)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    session = models.OneToOneField(
        ExerciseSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["user", "-started_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status=SetTimerStatus.RUNNING),
                name="one_running_set_timer_per_user",
            ),
        ]

    def __str__(self):
        return f"Set timer for {self.item_id} from {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("set_timer", args=[self.pk])

    @property
    def is_running(self):
        return self.status == self.Status.RUNNING
