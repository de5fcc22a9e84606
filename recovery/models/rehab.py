"""An injury's rehab programme: the library's exercises the user plans to do for it, each with
their own targets (the library's usual dose to start with)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from recovery.models.injuries import Injury, out_of_range

LOAD_MAX_KG = Decimal(500)


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
    added_at = models.DateTimeField(default=timezone.now)

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
        )
