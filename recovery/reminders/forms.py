"""The reminders page's forms: one per kind of reminder, and the quiet hours."""

from django import forms

from recovery.models import Profile, ReminderKind, ReminderSetting
from recovery.models.reminders import WEEKDAYS

DAY_CHOICES = [(str(number), name) for number, name in enumerate(WEEKDAYS)]
TIMED = {ReminderKind.CHECK_IN, ReminderKind.PROGRAMME}
TIME_MESSAGE = "Enter a time of day as hours and minutes, such as 09:00 or 18:30."


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def _days_field(label, required):
    return forms.MultipleChoiceField(
        label=label,
        choices=DAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=required,
    )


class ReminderSettingForm(forms.ModelForm):
    """One kind of reminder: on or off, by email and push (always in the app), and for the
    kinds at a time of day, the time and the days."""

    days = _days_field("On these days", required=False)

    class Meta:
        model = ReminderSetting
        fields = ["enabled", "at", "by_email", "by_push"]
        labels = {"enabled": "On", "at": "Time", "by_email": "By email", "by_push": "By push"}
        widgets = {"at": TimeInput()}
        error_messages = {"at": {"invalid": TIME_MESSAGE}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.kind = self.instance.kind
        self.timed = self.kind in TIMED
        if not user.email:  # nothing to send to: off (the page says why)
            self.fields["by_email"].disabled = True
            self.initial["by_email"] = False
        if self.timed:
            self.initial["days"] = list(self.instance.days)
        else:
            del self.fields["at"]
            del self.fields["days"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("enabled"):
            return cleaned
        if self.timed:
            if cleaned.get("at") is None and "at" not in self.errors:
                self.add_error("at", "Choose the time this reminder comes, or turn it off.")
            if not cleaned.get("days"):
                self.add_error("days", "Choose at least one day, or turn this reminder off.")
        return cleaned

    def save(self, commit=True):
        setting = super().save(commit=False)
        if self.timed:
            days = self.cleaned_data.get("days") or list(setting.days)
            setting.days = "".join(sorted(days))
        if commit:
            setting.save()
        return setting


class QuietForm(forms.ModelForm):
    days_off = _days_field("Days off (no reminders)", required=False)

    class Meta:
        model = Profile
        fields = ["quiet_start", "quiet_end"]
        labels = {"quiet_start": "Quiet from", "quiet_end": "Quiet until"}
        widgets = {"quiet_start": TimeInput(), "quiet_end": TimeInput()}
        help_texts = {
            "quiet_end": "Nothing but the repeated call-provider reminder comes in quiet hours; "
            "what falls due then comes when they end. The same time in both means no quiet hours.",
        }
        error_messages = {
            "quiet_start": {"required": TIME_MESSAGE, "invalid": TIME_MESSAGE},
            "quiet_end": {"required": TIME_MESSAGE, "invalid": TIME_MESSAGE},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["days_off"] = list(self.instance.days_off)

    def clean_days_off(self):
        days = self.cleaned_data["days_off"]
        if len(days) == 7:
            raise forms.ValidationError(
                "Leave at least one day on, or turn the reminders off one by one."
            )
        return days

    def save(self, commit=True):
        profile = super().save(commit=False)
        profile.days_off = "".join(sorted(self.cleaned_data["days_off"]))
        if commit:
            profile.save()
        return profile
