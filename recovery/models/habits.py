"""The daily habits: drinks, leg cramps and stretching sessions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from recovery.injuries.triage import CRAMP_WINDOW
from recovery.models.injuries import Injury, Side, client_id_field, notes_field, out_of_range
from recovery.models.kept import KeepsFactsUpToDate, refresh_later


class FluidEntry(models.Model):
    class Drink(models.TextChoices):
        WATER = "water", "Water"
        OTHER = "other", "Other drink"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fluid_entries"
    )
    at = models.DateTimeField("when")
    amount_ml = models.PositiveIntegerField()
    drink = models.CharField(max_length=5, choices=Drink.choices, default=Drink.WATER)
    created_at = models.DateTimeField(auto_now_add=True)

    client_id = client_id_field()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "fluid entries"
        indexes = [models.Index(fields=["user", "-at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "client_id"], name="one_fluidentry_per_client_id"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_ml__gte=1) & models.Q(amount_ml__lte=3000),
                name="fluid_entry_amount_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.amount_ml} mL at {self.at:%Y-%m-%d %H:%M}"


class Cramp(KeepsFactsUpToDate):
    Side = Side

    HELPED = {
        "stretching": "Stretching",
        "massage": "Massage",
        "walking": "Walking about",
        "other": "Something else",
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cramps"
    )
    started_at = models.DateTimeField("when")
    muscle = models.ForeignKey(
        "anatomy.Muscle", on_delete=models.PROTECT, null=True, blank=True, related_name="cramps"
    )
    side = models.CharField(max_length=5, choices=Side.choices)
    duration_seconds = models.PositiveIntegerField()
    # None: not rated (a cramp logged by its timer, in two taps, says only which leg).
    pain = models.PositiveSmallIntegerField(null=True, blank=True)
    at_night = models.BooleanField("at night", default=False)
    woke_me = models.BooleanField("it woke me up", default=False)
    numbness = models.BooleanField("numbness or tingling with it", default=False)
    swelling = models.BooleanField("swelling afterwards", default=False)
    helped = models.JSONField(default=list, blank=True)
    notes = notes_field()
    created_at = models.DateTimeField(auto_now_add=True)

    client_id = client_id_field()

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["user", "-started_at"])]
        constraints = [
            models.UniqueConstraint(fields=["user", "client_id"], name="one_cramp_per_client_id"),
            models.CheckConstraint(condition=models.Q(pain__lte=10), name="cramp_pain_0_to_10"),
            models.CheckConstraint(
                condition=models.Q(duration_seconds__gte=1) & models.Q(duration_seconds__lte=7200),
                name="cramp_duration_in_range",
            ),
        ]

    def __str__(self):
        return f"Cramp at {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("cramp_edit", args=[self.pk])

    def refresh_kept_facts(self):
        CrampState.refresh(self.user_id)
        # The user this cramp was saved with (often the request's) may carry their kept
        # cramps from before the write: forget them, so the next read is fresh.
        user = self._state.fields_cache.get("user")
        if user is not None:
            user._state.fields_cache.pop("cramp_state", None)

    def duration_text(self):
        minutes, seconds = divmod(self.duration_seconds, 60)
        if not minutes:
            return f"{seconds} seconds"
        return f"{minutes} min {seconds} s" if seconds else f"{minutes} minutes"

    def clean(self):
        """What helped is a list of the form's choices, each once."""
        helped = self.helped
        if (
            not isinstance(helped, list)
            or not all(isinstance(key, str) and key in self.HELPED for key in helped)
            or len(set(helped)) != len(helped)
        ):
            raise ValidationError({"helped": f"Choose what helped from: {', '.join(self.HELPED)}."})

    def helped_text(self):
        return ", ".join(self.HELPED[key] for key in self.helped if key in self.HELPED)

    def summary(self):
        """The cramp in one line, as the list of recent cramps shows it."""
        muscle = self.muscle.name if self.muscle else "Not sure"
        parts = [f"{muscle}, {self.get_side_display().lower()}", self.duration_text()]
        parts.append(f"pain {self.pain}/10" if self.pain is not None else "pain not rated")
        if self.woke_me:
            parts.append("woke you")
        if self.helped:
            parts.append(f"helped: {self.helped_text()}")
        return "; ".join(parts)


class CrampState(models.Model):
    """The user's cramps the advice can still need, kept on every cramp write so that the
    banner reads them with the user instead of querying: those of the 7 days before the last
    write (the advice looks back 7 days, never further) and the latest one (its warning signs
    stand until care or a newer cramp)."""

    WINDOW = CRAMP_WINDOW  # as far back as the advice looks
    FIELDS = ["duration_seconds", "at_night", "numbness", "swelling"]

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="cramp_state",
    )
    cramps = models.JSONField(default=list)  # [{"id", "started_at" (ISO), *FIELDS}]

    def __str__(self):
        return f"Cramps of {self.user_id} the advice reads"

    @classmethod
    def facts_of(cls, user_id, now=None):
        now = now or timezone.now()
        mine = Cramp.objects.filter(user_id=user_id)
        latest = mine.filter(started_at__lte=now).order_by("-started_at", "-pk").values("pk")[:1]
        rows = (
            mine.filter(
                models.Q(started_at__gte=now - cls.WINDOW) | models.Q(pk=models.Subquery(latest))
            )
            .order_by("started_at", "pk")
            .values("pk", "started_at", *cls.FIELDS)
        )
        return [
            {"id": row.pop("pk"), **row, "started_at": row["started_at"].isoformat()}
            for row in rows
        ]

    @classmethod
    def refresh(cls, user_id):
        if refresh_later(cls.refresh, user_id):
            return
        with transaction.atomic(savepoint=False):
            # A missing row is made first (two requests may both find it missing), then
            # locked: two cramps written at once take turns, as for InjuryState.
            cls.objects.bulk_create([cls(user_id=user_id)], ignore_conflicts=True)
            list(cls.objects.select_for_update().filter(pk=user_id).values_list("pk"))
            cls.objects.filter(pk=user_id).update(cramps=cls.facts_of(user_id))

    @classmethod
    def for_user(cls, user):
        """The user's kept cramps, read with the user (see the auth backend); worked out on the
        spot for a user who has none kept yet."""
        try:
            return user.cramp_state.cramps
        except cls.DoesNotExist:
            cls.refresh(user.pk)
            user.cramp_state = cls.objects.get(pk=user.pk)
            return user.cramp_state.cramps


class StretchSessionStatus(models.TextChoices):
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    STOPPED = "stopped", "Stopped early"


class StretchSession(models.Model):
    """A stretch done: logged by hand, or run with the guided hold timer."""

    Side = Side

    Status = StretchSessionStatus

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stretch_sessions"
    )
    stretch = models.ForeignKey("anatomy.Stretch", on_delete=models.PROTECT, related_name="+")
    injury = models.ForeignKey(
        Injury, on_delete=models.SET_NULL, null=True, blank=True, related_name="stretches"
    )
    side = models.CharField(max_length=5, choices=Side.choices, default=Side.BOTH)
    holds = models.PositiveSmallIntegerField("number of holds")
    hold_seconds = models.PositiveSmallIntegerField("seconds per hold")
    rest_seconds = models.PositiveSmallIntegerField("seconds of rest between holds", default=15)
    holds_done = models.PositiveSmallIntegerField(default=0)
    pain_during = models.PositiveSmallIntegerField("pain during (0-10)", null=True, blank=True)
    at = models.DateTimeField("when")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DONE)
    notes = notes_field()
    created_at = models.DateTimeField(auto_now_add=True)

    client_id = client_id_field()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "client_id"], name="one_stretchsession_per_client_id"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status=StretchSessionStatus.RUNNING),
                name="one_running_stretch_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(pain_during__isnull=True) | models.Q(pain_during__lte=10),
                name="stretch_pain_0_to_10",
            ),
        ]

    def __str__(self):
        return f"{self.stretch} at {self.at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("stretch_session", args=[self.pk])

    # (lowest, highest, what the user is told): the forms' limits and the import's.
    LIMITS = {
        "holds": (1, 20, "Enter from 1 to 20 holds."),
        "hold_seconds": (5, 120, "Hold for 5 to 120 seconds; 30 seconds is usual."),
        "rest_seconds": (5, 120, "Rest for 5 to 120 seconds."),
    }

    def clean(self):
        problems = out_of_range(self, self.LIMITS)
        if self.holds is not None and self.holds_done is not None and self.holds_done > self.holds:
            problems["holds_done"] = "No more holds can be done than were planned."
        if problems:
            raise ValidationError(problems)

    @property
    def is_running(self):
        return self.status == self.Status.RUNNING

    @property
    def minutes(self):
        return round(self.holds_done * self.hold_seconds / 60, 1)
