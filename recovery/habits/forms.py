"""Forms for the daily habits: a drink, a cramp, a stretch logged by hand or run with the timer."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from anatomy.models import Muscle, Stretch
from recovery.common import compiled, units
from recovery.forms import (
    DATETIME_HELP,
    PAIN_MESSAGE,
    CheckboxInput,
    ListedChoiceField,
    LocalDateTimeInput,
    UserInjuryField,
    not_in_future,
    notes_field,
    now_to_the_minute,
    pain_field,
    whole_number_field,
)
from recovery.habits import hydration
from recovery.models import Cramp, FluidEntry, StretchSession

QUICK_MESSAGE = (
    "Choose one of the glass or bottle buttons, or type an amount under “Another amount”."
)


class FluidForm(forms.Form):
    """A custom amount, typed in the user's own units."""

    amount = forms.DecimalField(
        label="Amount",
        max_digits=7,
        decimal_places=2,
        error_messages={"invalid": "Enter the amount as a number, for example 330."},
    )
    drink = forms.ChoiceField(
        label="Drink", choices=FluidEntry.Drink.choices, widget=forms.RadioSelect, initial="water"
    )
    at = forms.DateTimeField(
        label="When", widget=LocalDateTimeInput, required=False, help_text=DATETIME_HELP
    )

    LIMITS = {units.METRIC: (1, 3000, "mL"), units.US: (1, 100, "fl oz")}

    def __init__(self, *args, unit_system, **kwargs):
        self.unit_system = unit_system
        super().__init__(*args, **kwargs)
        low, high, name = self.LIMITS[unit_system]
        self.fields["amount"].label = f"Amount ({name})"
        self.fields["amount"].help_text = f"One drink, from {low} to {high} {name}."
        self.fields["at"].validators.append(not_in_future)

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        low, high, name = self.LIMITS[self.unit_system]
        if not low <= amount <= high:
            raise forms.ValidationError(
                f"Enter one drink of {low} to {high} {name}. Log a bigger amount as several drinks."
            )
        ml = int(amount) if self.unit_system == units.METRIC else units.to_ml(amount, units.US)
        return max(1, ml)

    def drink_fields(self):
        """The new drink's fields, once the form is valid."""
        return {
            "amount_ml": self.cleaned_data["amount"],
            "drink": self.cleaned_data["drink"],
            "at": self.cleaned_data["at"] or timezone.now(),
        }


class QuickDrinkForm(forms.Form):
    """One tap on a glass or bottle button: water, now."""

    quick = forms.TypedChoiceField(
        label="Quick add",
        coerce=int,
        error_messages={
            "required": QUICK_MESSAGE,
            "invalid_choice": QUICK_MESSAGE,
        },
    )

    def __init__(self, *args, unit_system, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quick"].choices = hydration.QUICK_AMOUNTS[unit_system]

    def drink_fields(self):
        return {
            "amount_ml": self.cleaned_data["quick"],
            "drink": FluidEntry.Drink.WATER,
            "at": timezone.now(),
        }


def _muscle_names():
    return Muscle.objects.names().order_by("name")


def muscle_names_in_order():
    """Every muscle's id, slug and name, by name (its SQL compiled once)."""
    return compiled.instances("muscle names", _muscle_names)


class CrampForm(forms.ModelForm):
    template_name = "recovery/forms/cramp.html"  # Jinja2, as {{ form }}; errors summed up apart
    WHEN_CHOICES = [("now", "Just now"), ("last_night", "Last night"), ("other", "Another time")]
    UNITS = [("seconds", "seconds"), ("minutes", "minutes")]

    when = forms.ChoiceField(
        label="When?", choices=WHEN_CHOICES, widget=forms.RadioSelect, initial="now"
    )
    duration = forms.IntegerField(
        label="How long did it last?",
        min_value=1,
        error_messages={
            "invalid": "Enter a whole number, for example 30 seconds or 2 minutes.",
            "min_value": "Enter at least 1 second.",
            "required": "Enter how long it lasted, even roughly.",
        },
    )
    duration_unit = forms.ChoiceField(
        label="Seconds or minutes", choices=UNITS, widget=forms.RadioSelect, initial="seconds"
    )
    pain = pain_field("How bad was it?")
    helped = forms.MultipleChoiceField(
        label="What helped? (optional)",
        choices=list(Cramp.HELPED.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    notes = notes_field()

    class Meta:
        model = Cramp
        fields = [
            "when",
            "started_at",
            "muscle",
            "side",
            "duration",
            "duration_unit",
            "pain",
            "at_night",
            "woke_me",
            "numbness",
            "swelling",
            "helped",
            "notes",
        ]
        labels = {"started_at": "Time (for another time)", "muscle": "Which muscle?"}
        widgets = {
            "started_at": LocalDateTimeInput,
            "side": forms.RadioSelect,
            **dict.fromkeys(["at_night", "woke_me", "numbness", "swelling"], CheckboxInput),
        }
        help_texts = {"started_at": DATETIME_HELP}

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now  # "just now" and "last night" count from it: a cramp kept offline's time
        self.fields["started_at"].required = False
        self.fields["started_at"].validators.append(not_in_future)
        self.fields["side"].choices = Cramp.Side.choices
        self.fields["side"].error_messages["required"] = "Choose left, right or both legs."
        # The choices from one compiled query (the form is on the cramps page); the queryset
        # still checks what comes back.
        muscles = muscle_names_in_order()
        self.fields["muscle"].queryset = Muscle.objects.names().order_by("name")
        self.fields["muscle"].choices = [("", "Not sure")] + [(m.pk, m.name) for m in muscles]
        if self.instance.pk is None:
            calf = [muscle for muscle in muscles if muscle.slug == "gastrocnemius"]
            self.initial.setdefault("muscle", calf[0] if calf else None)
        else:
            self.initial.update(
                when="other",
                duration=self.instance.duration_seconds,
                duration_unit="seconds",
                helped=self.instance.helped,
            )

    def clean(self):
        cleaned = super().clean()
        when = cleaned.get("when")
        now = timezone.localtime(self.now)
        if when == "now":
            cleaned["started_at"] = now
        elif when == "last_night":
            three_am = now.replace(hour=3, minute=0, second=0, microsecond=0)
            cleaned["started_at"] = three_am if three_am <= now else three_am - timedelta(days=1)
            cleaned["at_night"] = True
        elif when == "other" and not cleaned.get("started_at") and "started_at" not in self.errors:
            self.add_error("started_at", "Enter the time of the cramp, or choose “Just now”.")
        duration, unit = cleaned.get("duration"), cleaned.get("duration_unit")
        if duration is not None and unit:
            seconds = duration * (60 if unit == "minutes" else 1)
            if seconds > 7200:
                self.add_error(
                    "duration",
                    "A cramp lasts from seconds up to about 10 minutes; enter at most 120 "
                    "minutes. For pain that lasts longer, log an injury instead.",
                )
            cleaned["duration_seconds"] = seconds
        return cleaned

    def save(self, commit=True):
        self.instance.started_at = self.cleaned_data["started_at"]
        self.instance.duration_seconds = self.cleaned_data["duration_seconds"]
        self.instance.at_night = self.cleaned_data["at_night"]
        self.instance.helped = self.cleaned_data["helped"]
        return super().save(commit=commit)


def holds_field():
    return whole_number_field("Number of holds", *StretchSession.LIMITS["holds"], initial=3)


def hold_seconds_field():
    return whole_number_field(
        "Seconds per hold", *StretchSession.LIMITS["hold_seconds"], initial=30
    )


class StretchLogForm(forms.ModelForm):
    holds = holds_field()
    hold_seconds = hold_seconds_field()
    pain_during = pain_field("Pain during the stretch")
    notes = notes_field()

    class Meta:
        model = StretchSession
        fields = [
            "stretch",
            "side",
            "holds",
            "hold_seconds",
            "pain_during",
            "injury",
            "at",
            "notes",
        ]
        widgets = {"at": LocalDateTimeInput, "side": forms.RadioSelect}
        help_texts = {"at": DATETIME_HELP}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["injury"] = UserInjuryField(user)
        self.fields["side"].choices = StretchSession.Side.choices
        self.fields["stretch"].empty_label = None
        if self.instance.pk is None:
            self.initial.setdefault("at", now_to_the_minute())
        self.fields["at"].validators.append(not_in_future)


def _stretch_names():
    return Stretch.objects.only("pk", "name")


class StretchField(ListedChoiceField):
    """One of the reference stretches, listed by name from a compiled query."""

    def load(self):
        return compiled.instances("stretch names", _stretch_names)


class StretchStartForm(forms.Form):
    stretch = StretchField(queryset=Stretch.objects.all(), empty_label=None)
    side = forms.ChoiceField(
        choices=StretchSession.Side.choices, widget=forms.RadioSelect, initial="both"
    )
    holds = holds_field()
    hold_seconds = hold_seconds_field()
    rest_seconds = whole_number_field(
        "Seconds of rest between holds", *StretchSession.LIMITS["rest_seconds"], initial=15
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["injury"] = UserInjuryField(user)


class StretchPainForm(forms.Form):
    """How much a guided stretch hurt, asked when it ends."""

    pain_during = whole_number_field(
        "How much did it hurt during the stretch? (0 no pain to 10 worst pain imaginable)",
        0,
        10,
        PAIN_MESSAGE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
    )
