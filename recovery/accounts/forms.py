from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from recovery.accounts.local_numbers import for_time_zone
from recovery.common import units
from recovery.common.validators import validate_time_zone
from recovery.models import FLUID_MAX_ML, FLUID_MIN_ML, Profile

TIME_ZONE_HELP = "Your days and times are counted in this zone. Names look like Europe/London."


class TimeZoneInput(forms.TextInput):
    """A text box with the list of IANA zone names as suggestions."""

    def __init__(self, attrs=None):
        defaults = {
            "list": "time-zone-names",
            "autocomplete": "off",
            "spellcheck": "false",
            "data-browser-time-zone": "",
        }
        super().__init__({**defaults, **(attrs or {})})


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        help_text="Used to reset your password if you forget it, and for reminders by email: "
        "only the advice to call your provider, if it stands a day, until you choose more "
        "(or none) under Reminders.",
    )
    time_zone = forms.CharField(
        max_length=64,
        initial="UTC",
        validators=[validate_time_zone],
        widget=TimeZoneInput(),
        help_text=TIME_ZONE_HELP + " We fill in this device's zone when we can.",
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_time_zone(self):
        return self.cleaned_data["time_zone"].strip()

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            Profile.objects.create(user=user, time_zone=self.cleaned_data["time_zone"])
        return user


# What each unit system accepts for a goal or limit, said the way the user types it.
FLUID_RANGES = {
    units.METRIC: (Decimal("0.5"), Decimal("6"), "between 0.5 and 6 litres, for example 2.0"),
    units.US: (Decimal(17), Decimal(202), "between 17 and 202 fl oz, for example 68"),
}


class ProfileForm(forms.ModelForm):
    """The profile, with fluid amounts typed in the user's own units (litres or fl oz)."""

    daily_fluid_goal = forms.DecimalField(
        label="Daily fluid goal",
        max_digits=6,
        decimal_places=2,
        help_text=(
            "In litres for metric units or fl oz for US units. 2 litres (68 fl oz) suits "
            "most adults; the reference figures are explained below."
        ),
    )
    fluid_limit = forms.DecimalField(
        label="Fluid limit set by your clinician (optional)",
        required=False,
        max_digits=6,
        decimal_places=2,
        help_text=(
            "Only if a doctor or nurse told you to drink no more than a set amount, for "
            "example for heart or kidney disease. Your goal will never go above it."
        ),
    )

    class Meta:
        model = Profile
        fields = [
            "time_zone",
            "fluid_units",
            "daily_fluid_goal",
            "fluid_limit",
            "provider_name",
            "provider_phone",
            "emergency_number",
            "urgent_care_number",
            "urgent_care_name",
        ]
        labels = {
            "time_zone": "Time zone",
            "fluid_units": "Units for fluids",
            "provider_name": "Your provider's name (optional)",
            "provider_phone": "Your provider's phone number (optional)",
            "emergency_number": "Local emergency number",
            "urgent_care_number": "Same-day urgent-care line (optional)",
            "urgent_care_name": "Name of that line (optional)",
        }
        help_texts = {
            "time_zone": TIME_ZONE_HELP,
            "provider_name": "The doctor, physiotherapist or clinic you would call.",
            "provider_phone": "Shown next to advice to call your provider.",
            "emergency_number": (
                "Filled in from your time zone's country; change it if it is wrong. It differs "
                "by country: 911 in the US and Canada, 112 across the EU, 999 in the UK, 000 in "
                "Australia, 111 in New Zealand."
            ),
            "urgent_care_number": (
                "A line for help the same day when it is not an emergency, such as 111 in "
                "England. Shown first, with your provider, when a warning sign needs checking "
                "today."
            ),
            "urgent_care_name": "For example “NHS 111”. Leave empty to show the number.",
        }
        widgets = {
            "time_zone": TimeZoneInput(),
            "fluid_units": forms.RadioSelect,
            "provider_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "emergency_number": forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
            "urgent_care_number": forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        profile = self.instance
        self.fields["emergency_number"].required = True
        self.fields["emergency_number"].error_messages["required"] = (
            "Enter your local emergency number, for example 112, 911 or 999."
        )
        self.initial.setdefault(
            "daily_fluid_goal", units.from_ml(profile.daily_fluid_goal_ml, profile.fluid_units)
        )
        if profile.fluid_limit_ml is not None:
            self.initial.setdefault(
                "fluid_limit", units.from_ml(profile.fluid_limit_ml, profile.fluid_units)
            )

    def clean_time_zone(self):
        return self.cleaned_data["time_zone"].strip()

    def _follow_new_time_zone(self, cleaned):
        """Moving to another country's zone brings that country's numbers, unless the user
        had set their own (or typed new ones in this same form)."""
        old_zone, new_zone = self.instance.time_zone, cleaned.get("time_zone")
        if not new_zone or new_zone == old_zone:
            return
        old, new = for_time_zone(old_zone), for_time_zone(new_zone)
        if cleaned.get("emergency_number") == old.emergency == self.initial.get("emergency_number"):
            cleaned["emergency_number"] = new.emergency
        if (
            cleaned.get("urgent_care_number", "") == old.urgent_care
            and self.initial.get("urgent_care_number", "") == old.urgent_care
            and cleaned.get("urgent_care_name", "") == self.initial.get("urgent_care_name", "")
        ):
            cleaned["urgent_care_number"] = new.urgent_care
            cleaned["urgent_care_name"] = new.urgent_care_name

    def _to_ml(self, field, unit_system):
        """The amount in mL, or None; keeps the stored mL when the shown value is unchanged."""
        amount = self.cleaned_data.get(field)
        if amount is None:
            return None
        low, high, allowed = FLUID_RANGES[unit_system]
        if not low <= amount <= high:
            self.add_error(field, f"Enter an amount {allowed}.")
            return None
        stored = getattr(self.instance, f"{field}_ml")
        unchanged = (
            unit_system == self.instance.fluid_units
            and stored is not None
            and amount == units.from_ml(stored, unit_system)
        )
        ml = stored if unchanged else units.to_ml(amount, unit_system)
        return min(max(ml, FLUID_MIN_ML), FLUID_MAX_ML)

    def clean(self):
        cleaned = super().clean()
        self._follow_new_time_zone(cleaned)
        unit_system = cleaned.get("fluid_units")
        if unit_system is None:
            return cleaned
        goal_ml = self._to_ml("daily_fluid_goal", unit_system)
        limit_ml = self._to_ml("fluid_limit", unit_system)
        if goal_ml is not None and limit_ml is not None and goal_ml > limit_ml:
            self.add_error(
                "daily_fluid_goal",
                "Your goal can't be more than the limit your clinician set "
                f"({units.format_volume(limit_ml, unit_system)}). Lower the goal, or change "
                "the limit if your clinician changed it.",
            )
        cleaned["daily_fluid_goal_ml"] = goal_ml
        cleaned["fluid_limit_ml"] = limit_ml
        return cleaned

    def save(self, commit=True):
        self.instance.daily_fluid_goal_ml = self.cleaned_data["daily_fluid_goal_ml"]
        self.instance.fluid_limit_ml = self.cleaned_data["fluid_limit_ml"]
        return super().save(commit=commit)


IMPORT_MAX_BYTES = 20 * 1024 * 1024


TOO_LARGE_MESSAGE = "The file is larger than 20 MB; this is not an export file."


class ImportForm(forms.Form):
    file = forms.FileField(
        label="The data.json file from an export",
        error_messages={"required": "Choose the data.json file from an export."},
    )

    def __init__(self, *args, too_large=False, **kwargs):
        """`too_large`: the upload was stopped at the limit (`uploads.SizeLimit`), so no file
        arrived: the form says why."""
        super().__init__(*args, **kwargs)
        if too_large:
            self.fields["file"].error_messages["required"] = TOO_LARGE_MESSAGE

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE_MESSAGE)
        return upload


class DeleteAccountForm(forms.Form):
    """Deleting the account asks for the password: the username is on every page, so typing
    it proves nothing about who is at the keyboard."""

    password = forms.CharField(
        label="Your password, to confirm",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Type your password to confirm; nothing was deleted."},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        typed = self.cleaned_data["password"]
        if not self.user.check_password(typed):
            raise forms.ValidationError(
                "That is not your password; nothing was deleted. Type the password you log in with."
            )
        return typed
