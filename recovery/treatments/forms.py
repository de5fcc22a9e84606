"""Forms for the ice timer and the treatment log."""

from django import forms
from django.utils import timezone

from recovery.forms import (
    DATETIME_HELP,
    CheckboxInput,
    LocalDateTimeInput,
    UserInjuryField,
    not_in_future,
    notes_field,
    now_to_the_minute,
)
from recovery.models import ICE_MAX_MINUTES, Treatment
from recovery.treatments import ice_rules


class IceStartForm(forms.Form):
    injury = forms.Field()  # replaced per user in __init__
    minutes = forms.IntegerField(
        label="How long (minutes)",
        initial=ICE_MAX_MINUTES,
        min_value=1,
        max_value=ICE_MAX_MINUTES,
        help_text="Up to 20 minutes at a time; 20 is usual.",
        error_messages={
            "invalid": "Enter a whole number of minutes from 1 to 20.",
            "required": "Enter a whole number of minutes from 1 to 20.",
            "min_value": "Enter a whole number of minutes from 1 to 20.",
            "max_value": "Ice for at most 20 minutes at a time: enter 20 or fewer.",
        },
    )
    barrier = forms.BooleanField(
        label="There is a cloth or towel between the ice and my skin",
        widget=CheckboxInput,
        error_messages={
            "required": "Put a cloth or towel between the ice and your skin, then tick this "
            "box: ice straight on the skin can burn it."
        },
    )
    start_anyway = forms.BooleanField(
        label="Start anyway: my last session ended less than an hour ago",
        required=False,
        widget=CheckboxInput,
    )
    numb_skin_read = forms.BooleanField(
        label="I have read the caution about icing skin that is numb or has poor circulation",
        required=False,
        widget=CheckboxInput,
    )

    def __init__(self, *args, user, last_ended_at=None, now=None, numb_injury_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["injury"] = UserInjuryField(user, active_only=True)
        # Starting again within the hour asks for a tick first (clinical rules, section 2).
        self.too_soon = ice_rules.needs_confirmation(last_ended_at, now or timezone.now())
        # So does icing an injury whose latest entry has numbness (section 2).
        self.numb_injury_ids = set(numb_injury_ids)

    def clean(self):
        cleaned = super().clean()
        injury = cleaned.get("injury")
        numb = injury is not None and injury.pk in self.numb_injury_ids
        if numb and not cleaned.get("numb_skin_read"):
            self.add_error(
                "numb_skin_read",
                "Your latest entry for this injury has numbness or tingling. Read the caution "
                "about numb skin, then tick this box; or ask your provider first.",
            )
        if self.too_soon and not cleaned.get("start_anyway"):
            self.add_error(
                "start_anyway",
                "Your last session ended less than an hour ago. The usual advice is up to 20 "
                "minutes every 2 to 3 hours. Tick this box to start anyway.",
            )
        return cleaned


class TreatmentForm(forms.ModelForm):
    notes = notes_field()

    class Meta:
        model = Treatment
        fields = ["kind", "detail", "at", "duration_minutes", "injury", "notes"]
        labels = {
            "kind": "What did you do?",
            "detail": "Details (optional)",
            "duration_minutes": "How long, in minutes (optional)",
        }
        help_texts = {
            "detail": "For a medication, its name and dose as you would write them (this app "
            "gives no advice on medicines). For massage, by hand or with a roller.",
            "at": DATETIME_HELP,
        }
        widgets = {"kind": forms.RadioSelect, "at": LocalDateTimeInput}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["injury"] = UserInjuryField(user)
        self.fields["kind"].choices = Treatment.Kind.choices
        if self.instance.pk is None:
            self.initial.setdefault("at", now_to_the_minute())
        self.fields["at"].validators.append(not_in_future)
        self.fields["duration_minutes"].error_messages["invalid"] = (
            "Enter a whole number of minutes, or leave it empty."
        )

    # How long a treatment can be is the model's rule (Treatment.clean), the import's too.
