import datetime
import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction

from recovery.common import units
from recovery.common.validators import validate_phone_number, validate_time_zone

# Bounds on a daily fluid goal or a clinician's limit, in mL. Outside them a typo is far
# more likely than a real prescription (0.5 L to 6 L).
FLUID_MIN_ML = 500
FLUID_MAX_ML = 6000
DEFAULT_FLUID_GOAL_ML = 2000


weekdays = RegexValidator(
    r"^[0-6]{0,7}$", "Days are weekday numbers from 0 (Monday) to 6 (Sunday), each once."
)


class Profile(models.Model):
    """Per-user settings that the logs and advice read: zone, units, contacts."""

    class FluidUnits(models.TextChoices):
        METRIC = units.METRIC, "Metric (litres and mL)"
        US = units.US, "US fluid ounces (fl oz)"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    fluid_units = models.CharField(
        max_length=8, choices=FluidUnits.choices, default=FluidUnits.METRIC
    )
    daily_fluid_goal_ml = models.PositiveIntegerField(
        default=DEFAULT_FLUID_GOAL_ML,
        validators=[MinValueValidator(FLUID_MIN_ML), MaxValueValidator(FLUID_MAX_ML)],
    )
    fluid_limit_ml = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(FLUID_MIN_ML), MaxValueValidator(FLUID_MAX_ML)],
        help_text="A daily maximum set by the user's clinician; the goal never exceeds it.",
    )
    provider_name = models.CharField(max_length=120, blank=True)
    provider_phone = models.CharField(max_length=40, blank=True, validators=[validate_phone_number])
    # Both default from the country of the time zone when the profile is created (save).
    emergency_number = models.CharField(
        max_length=40, blank=True, validators=[validate_phone_number]
    )
    urgent_care_number = models.CharField(
        max_length=40, blank=True, validators=[validate_phone_number]
    )
    urgent_care_name = models.CharField(max_length=60, blank=True)
    cramps_contacted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the user last told us they called about cramps."
    )
    cramps_care_at = models.DateTimeField(
        null=True, blank=True, help_text="When the user last told us they got care for cramps."
    )
    # Reminders: nothing routine is sent in quiet hours (across midnight when the start is
    # later than the end; none when they are equal) or on days off (weekday numbers, Monday 0).
    quiet_start = models.TimeField("quiet from", default=datetime.time(22, 0))
    quiet_end = models.TimeField("quiet until", default=datetime.time(7, 0))
    days_off = models.CharField(max_length=7, blank=True, default="", validators=[weekdays])

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(daily_fluid_goal_ml__gte=FLUID_MIN_ML)
                & models.Q(daily_fluid_goal_ml__lte=FLUID_MAX_ML),
                name="profile_fluid_goal_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(fluid_limit_ml__isnull=True)
                | (
                    models.Q(fluid_limit_ml__gte=FLUID_MIN_ML)
                    & models.Q(fluid_limit_ml__lte=FLUID_MAX_ML)
                ),
                name="profile_fluid_limit_in_range",
            ),
        ]

    def __str__(self):
        return f"Profile of {self.user}"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        if adding and not self.emergency_number:
            self.use_local_numbers()
        with transaction.atomic(savepoint=False):
            super().save(*args, **kwargs)
            if adding:  # the kept cramps the banner reads with the user and the profile
                from recovery.models.habits import CrampState

                CrampState.refresh(self.user_id)

    def use_local_numbers(self):
        """The emergency number and urgent-care line of the time zone's country."""
        from recovery.accounts.local_numbers import for_time_zone

        numbers = for_time_zone(self.time_zone)
        self.emergency_number = numbers.emergency
        self.urgent_care_number = numbers.urgent_care
        self.urgent_care_name = numbers.urgent_care_name

    @property
    def urgent_care_label(self):
        """How prompts name the urgent-care line: "NHS 111", "Healthline (0800 611 116)", or
        the number itself; the number always shows."""
        name, number = self.urgent_care_name, self.urgent_care_number
        return f"{name} ({number})" if name and number not in name else name or number

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def effective_fluid_goal_ml(self):
        """The goal the app works towards: never above a clinician's limit."""
        if self.fluid_limit_ml is not None:
            return min(self.daily_fluid_goal_ml, self.fluid_limit_ml)
        return self.daily_fluid_goal_ml

    def format_volume(self, ml):
        return units.format_volume(ml, self.fluid_units)


def get_profile(user):
    """The user's profile, created with defaults the first time it is needed."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _ = Profile.objects.get_or_create(user=user)
        user.profile = profile
        return profile


class AddressRequest(models.Model):
    """One request of a limited kind (a reset email, a sign-up) from an address, kept briefly
    to slow down abuse from that address (recovery/accounts/limits.py)."""

    class Kind(models.TextChoices):
        PASSWORD_RESET = "reset", "Password reset"
        SIGNUP = "signup", "Sign-up"

    kind = models.CharField(max_length=6, choices=Kind.choices, default=Kind.PASSWORD_RESET)
    ip_address = models.GenericIPAddressField()
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "ip_address", "at"])]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.ip_address} at {self.at:%Y-%m-%d %H:%M}"


class FormSubmission(models.Model):
    """A form submission's key (a UUID written into the form when the page was made), stored
    with the row it created: a double tap or a replayed POST carries the same key and stores
    nothing the second time (recovery/common/submissions.py). Kept for a day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_submission_per_key")
        ]
        indexes = [models.Index(fields=["user", "at"])]

    def __str__(self):
        return f"Submission {self.key} at {self.at:%Y-%m-%d %H:%M}"
