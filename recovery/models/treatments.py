"""Treatments the user logs, and the ice sessions the timer runs (clinical rules, section 2)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from recovery.models.injuries import Injury, client_id_field, notes_field

ICE_MAX_MINUTES = 20


class Treatment(models.Model):
    class Kind(models.TextChoices):
        REST = "rest", "Rest"
        ICE = "ice", "Ice"
        COMPRESSION = "compression", "Compression"
        ELEVATION = "elevation", "Elevation"
        MASSAGE = "massage", "Massage (by hand or roller)"
        MEDICATION = "medication", "Medication"
        THERAPY = "therapy", "Physical therapy (including dry needling or cupping)"
        SURGERY = "surgery", "Surgery"
        OTHER = "other", "Something else"

    RICE = [Kind.REST, Kind.ICE, Kind.COMPRESSION, Kind.ELEVATION]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="treatments"
    )
    injury = models.ForeignKey(
        Injury, on_delete=models.SET_NULL, null=True, blank=True, related_name="treatments"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    detail = models.CharField(
        max_length=200,
        blank=True,
        help_text="For medication, the name and dose as the user wrote them; for massage, hand or "
        "roller; for therapy, what was done.",
    )
    at = models.DateTimeField("when")
    duration_minutes = models.PositiveIntegerField("how long (minutes)", null=True, blank=True)
    notes = notes_field()
    ice_session = models.OneToOneField(
        "IceSession", on_delete=models.SET_NULL, null=True, blank=True, related_name="treatment"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    client_id = client_id_field()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-at"]),
            models.Index(fields=["injury", "-at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "client_id"], name="one_treatment_per_client_id"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("treatment_edit", args=[self.pk])

    def clean(self):
        """How long a treatment can be: the form's rule and the import's."""
        minutes = self.duration_minutes
        if minutes is None:
            return
        if minutes > 24 * 60:
            raise ValidationError({"duration_minutes": "Enter at most 1440 minutes (a whole day)."})
        if minutes == 0:
            raise ValidationError(
                {"duration_minutes": "Enter at least 1 minute, or leave it empty."}
            )
        if self.kind == self.Kind.ICE and minutes > ICE_MAX_MINUTES:
            raise ValidationError(
                {
                    "duration_minutes": f"Ice is used in intervals of at most {ICE_MAX_MINUTES} "
                    "minutes. Log a longer spell as separate sessions, with a break between them."
                }
            )


class IceSessionStatus(models.TextChoices):
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    STOPPED = "stopped", "Stopped early"
    CANCELLED = "cancelled", "Cancelled"


class IceSession(models.Model):
    """One timed icing. The server's timestamps are the truth; pages only count down to them."""

    Status = IceSessionStatus

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ice_sessions"
    )
    injury = models.ForeignKey(
        Injury, on_delete=models.SET_NULL, null=True, blank=True, related_name="ice_sessions"
    )
    started_at = models.DateTimeField()
    planned_end_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    barrier_confirmed = models.BooleanField(default=False)

    client_id = client_id_field()

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "status", "-started_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "client_id"], name="one_icesession_per_client_id"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status=IceSessionStatus.RUNNING),
                name="one_running_ice_session_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_end_at__gt=models.F("started_at")),
                name="ice_session_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"Ice from {self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("ice_session", args=[self.pk])

    @property
    def is_running(self):
        return self.status == self.Status.RUNNING

    def clean(self):
        """The timer's rules for a stored session (sessions the timer makes keep them; an
        imported one is held to them): 1 to 20 minutes planned, an end once finished, and a
        completed or stopped session ended between its start and its planned end."""
        problems = {}
        if self.started_at and self.planned_end_at:
            length = self.planned_end_at - self.started_at
            if not timedelta(minutes=1) <= length <= timedelta(minutes=ICE_MAX_MINUTES):
                problems["planned_end_at"] = "An ice session lasts from 1 to 20 minutes."
        if self.is_running and self.ended_at is not None:
            problems["ended_at"] = "A running session has no end time yet."
        elif not self.is_running and self.ended_at is None:
            problems["ended_at"] = "A finished session has an end time."
        elif self.ended_at is not None and self.started_at and self.ended_at < self.started_at:
            problems["ended_at"] = "A session ends after it starts."
        elif (
            self.status in (self.Status.COMPLETED, self.Status.STOPPED)
            and self.planned_end_at
            and self.ended_at > self.planned_end_at
        ):
            problems["ended_at"] = "A session ends by its planned end."
        if problems:
            raise ValidationError(problems)

    @property
    def planned_minutes(self):
        return round((self.planned_end_at - self.started_at).total_seconds() / 60)

    @property
    def minutes(self):
        """The real length, for a session that has ended."""
        if self.ended_at is None:
            return None
        return round((self.ended_at - self.started_at).total_seconds() / 60)
