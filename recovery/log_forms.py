"""Forms for the injury log: an injury, a symptom entry, an acknowledgement, milestones."""

import datetime as dt
from datetime import timedelta

from django import forms
from django.core import validators
from django.utils import timezone

from anatomy.models import Muscle, Region, Stretch
from recovery import units
from recovery.models import (
    ICE_MAX_MINUTES,
    Acknowledgement,
    Cramp,
    FluidEntry,
    Injury,
    StretchSession,
    SymptomEntry,
    Treatment,
)
from recovery.models.injuries import NOTES_MAX_LENGTH
from recovery.recovery_guide import MILESTONES

PAIN_MESSAGE = "Pain is a whole number from 0 (no pain) to 10 (worst pain imaginable)."
FUTURE_MESSAGE = "This time is in the future. Enter when it happened, up to now."
DATETIME_HELP = "In your time zone. You can go back to an earlier day."


def pain_band(score):
    """The words shown with a score, the same way every time (clinical rules, section 3)."""
    if score == 0:
        return "no pain"
    if score == 10:
        return "worst pain imaginable"
    return "mild" if score <= 3 else "moderate" if score <= 6 else "severe"


PAIN_CHOICES = [(score, pain_band(score)) for score in range(11)]


class PainInput(forms.RadioSelect):
    template_name = "recovery/widgets/pain.html"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def pain_field(label="Pain right now"):
    return forms.TypedChoiceField(
        label=label,
        choices=PAIN_CHOICES,
        coerce=int,
        widget=PainInput,
        error_messages={"required": PAIN_MESSAGE, "invalid_choice": PAIN_MESSAGE},
        help_text="0 means no pain and 10 the worst pain imaginable. 1-3 is mild, 4-6 moderate, "
        "7-10 severe.",
    )


def notes_field(label="Notes (optional)"):
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTES_MAX_LENGTH,
        error_messages={
            "max_length": "Notes can be up to %(limit_value)d characters (about two pages); "
            "this has %(show_value)d. Shorten it, or split it over two entries."
        },
    )


EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)


def not_in_future(value):
    """A time a person could really have logged: not in the future, not before 1900."""
    if value and value > timezone.now():
        raise forms.ValidationError(FUTURE_MESSAGE, code="future")
    if value and value < EARLIEST:
        raise forms.ValidationError("Enter a date from 1900 onwards.", code="too_early")


class MuscleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, muscle):
        return muscle.name


class InjuryForm(forms.ModelForm):
    """Log a new injury, with its first pain score; also edits one (without the pain)."""

    muscles = MuscleChoiceField(
        queryset=Muscle.objects.select_related("compartment__region").order_by(
            "compartment__region__order", "name"
        ),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Which muscle?",
        help_text="Pick it on the map or in the list; you can pick more than one.",
        error_messages={
            "invalid_choice": "“%(value)s” is not a muscle in our list. Pick one from the list "
            "or the map.",
            "invalid_pk_value": "Pick muscles from the list or the map.",
        },
    )
    not_sure = forms.BooleanField(label="I'm not sure which muscle", required=False)
    region = forms.ModelChoiceField(
        queryset=Region.objects.all(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        label="Where does it hurt?",
        help_text="Only needed when you are not sure of the muscle.",
    )
    pain = pain_field()
    notes = notes_field()

    class Meta:
        model = Injury
        fields = [
            "muscles",
            "not_sure",
            "region",
            "side",
            "pain",
            "kind",
            "onset_at",
            "cause",
            "grade",
            "notes",
        ]
        labels = {
            "side": "Which leg?",
            "kind": "What happened?",
            "onset_at": "When did it start?",
            "cause": "What were you doing?",
            "grade": "Grade, if a provider gave one",
        }
        help_texts = {"onset_at": DATETIME_HELP}
        widgets = {
            "side": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "cause": forms.RadioSelect,
            "grade": forms.RadioSelect,
            "onset_at": LocalDateTimeInput,
        }

    def __init__(self, *args, with_pain=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_pain:
            del self.fields["pain"]
        if self.instance.pk is None:
            self.initial.setdefault("onset_at", timezone.localtime().replace(second=0))
        else:
            self.initial["not_sure"] = not self.instance.muscles.exists()
        self.fields["onset_at"].validators.append(not_in_future)
        self.fields["side"].choices = Injury.Side.choices  # no empty "select an option"
        self.fields["side"].error_messages["required"] = "Choose left, right or both legs."

    def clean(self):
        cleaned = super().clean()
        muscles = cleaned.get("muscles")
        if "muscles" not in self.errors and not muscles:
            if not cleaned.get("not_sure"):
                self.add_error(
                    "muscles",
                    "Choose at least one muscle, or tick “I'm not sure which muscle” and say "
                    "where it hurts.",
                )
            elif not cleaned.get("region"):
                self.add_error(
                    "region", "Choose the upper or lower leg, so we know where it hurts."
                )
        if muscles:
            cleaned["region"] = None
        onset = cleaned.get("onset_at")
        if self.instance.pk is not None and onset is not None:
            first = self.instance.entries.order_by("recorded_at").first()
            if first is not None and onset > first.recorded_at:
                local = timezone.localtime(first.recorded_at)
                self.add_error(
                    "onset_at",
                    f"Your first entry is from {local:%d %B %Y, %H:%M}; the injury must "
                    "start then or earlier. Enter that time or an earlier one.",
                )
        return cleaned


class InjuryStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Injury.Status.choices, widget=forms.RadioSelect, label="Status"
    )
    resolved_on = forms.DateField(
        label="Resolved on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The day it stopped bothering you. Needed when you mark it resolved.",
    )

    def __init__(self, *args, injury, **kwargs):
        self.injury = injury
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        resolved_on = cleaned.get("resolved_on")
        if cleaned.get("status") == Injury.Status.RESOLVED:
            onset_day = timezone.localtime(self.injury.onset_at).date()
            if resolved_on is None:
                self.add_error("resolved_on", "Enter the day it resolved.")
            elif resolved_on < onset_day:
                self.add_error(
                    "resolved_on",
                    f"It can't resolve before it started ({onset_day:%d %B %Y}). Enter that "
                    "day or later.",
                )
            elif resolved_on > timezone.localdate():
                self.add_error("resolved_on", "This day is in the future. Enter today or earlier.")
        else:
            cleaned["resolved_on"] = None
        return cleaned


class EntryForm(forms.ModelForm):
    pain = pain_field()
    notes = notes_field()

    class Meta:
        model = SymptomEntry
        fields = [
            "pain",
            "recorded_at",
            "resting",
            "character",
            *SymptomEntry.SYMPTOMS,
            *SymptomEntry.RED_FLAGS,
            "notes",
        ]
        labels = {**SymptomEntry.SYMPTOMS, **SymptomEntry.RED_FLAGS, "recorded_at": "When"}
        help_texts = {"recorded_at": DATETIME_HELP}
        widgets = {"recorded_at": LocalDateTimeInput, "character": forms.RadioSelect}

    def __init__(self, *args, injury, **kwargs):
        self.injury = injury
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial.setdefault("recorded_at", timezone.localtime().replace(second=0))
        self.fields["character"].choices = [("", "Not sure")] + list(SymptomEntry.Character.choices)
        self.fields["recorded_at"].validators.append(not_in_future)

    def validate_constraints(self):
        """The entry's only constraint (pain 0 to 10) is what the pain field already checks;
        the database still enforces it, so the form skips the extra query."""

    @property
    def symptom_fields(self):
        return [self[name] for name in SymptomEntry.SYMPTOMS]

    @property
    def red_flag_fields(self):
        return [self[name] for name in SymptomEntry.RED_FLAGS]

    def clean_recorded_at(self):
        value = self.cleaned_data["recorded_at"]
        onset = self.injury.onset_at
        # Compare by minute: the form shows minutes, and "now" logged with the onset is fine.
        if value < onset.replace(second=0, microsecond=0):
            local = timezone.localtime(onset)
            raise forms.ValidationError(
                f"This is before the injury started ({local:%d %B %Y, %H:%M}). Enter that "
                "time or later.",
                code="before_onset",
            )
        return value

    def save(self, commit=True):
        self.instance.injury = self.injury
        return super().save(commit=commit)


class AcknowledgementForm(forms.ModelForm):
    note = notes_field("Note (optional)")

    class Meta:
        model = Acknowledgement
        fields = ["kind", "at", "note"]
        labels = {"kind": "What did you do?"}
        widgets = {"kind": forms.RadioSelect, "at": LocalDateTimeInput}
        help_texts = {"at": DATETIME_HELP}

    def __init__(self, *args, injury, **kwargs):
        self.injury = injury
        super().__init__(*args, **kwargs)
        self.initial.setdefault("at", timezone.localtime().replace(second=0))
        self.fields["at"].validators.append(not_in_future)
        self.fields["kind"].choices = Acknowledgement.Kind.choices
        self.fields["kind"].error_messages["required"] = (
            "Choose whether you contacted your provider or got care."
        )

    def save(self, commit=True):
        self.instance.injury = self.injury
        return super().save(commit=commit)


class MilestonesForm(forms.Form):
    done = forms.MultipleChoiceField(
        label="Milestones reached",
        required=False,
        choices=[(m["key"], m["text"]) for m in MILESTONES],
        widget=forms.CheckboxSelectMultiple,
    )


class UserInjuryField(forms.ModelChoiceField):
    """One of the signed-in user's own injuries; anyone else's id is refused like a typo."""

    def __init__(self, user, **kwargs):
        super().__init__(
            queryset=Injury.objects.filter(user=user).prefetch_related("muscles"),
            required=False,
            empty_label="No particular injury",
            error_messages={
                "invalid_choice": "Choose one of your injuries from the list, or none."
            },
            **kwargs,
        )

    def label_from_instance(self, injury):
        return injury.title()


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
        error_messages={
            "required": "Put a cloth or towel between the ice and your skin, then tick this "
            "box: ice straight on the skin can burn it."
        },
    )
    start_anyway = forms.BooleanField(
        label="Start anyway: my last session ended less than an hour ago", required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["injury"] = UserInjuryField(user, label="For which injury? (optional)")
        self.fields["injury"].queryset = self.fields["injury"].queryset.filter(
            status=Injury.Status.ACTIVE
        )


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
        self.fields["injury"] = UserInjuryField(user, label="For which injury? (optional)")
        self.fields["kind"].choices = Treatment.Kind.choices
        if self.instance.pk is None:
            self.initial.setdefault("at", timezone.localtime().replace(second=0))
        self.fields["at"].validators.append(not_in_future)
        self.fields["duration_minutes"].error_messages["invalid"] = (
            "Enter a whole number of minutes, or leave it empty."
        )

    def clean_duration_minutes(self):
        minutes = self.cleaned_data.get("duration_minutes")
        if minutes is not None and minutes > 24 * 60:
            raise forms.ValidationError("Enter at most 1440 minutes (a whole day).")
        if minutes == 0:
            raise forms.ValidationError("Enter at least 1 minute, or leave it empty.")
        return minutes

    def clean(self):
        cleaned = super().clean()
        minutes = cleaned.get("duration_minutes")
        if cleaned.get("kind") == Treatment.Kind.ICE and minutes and minutes > ICE_MAX_MINUTES:
            self.add_error(
                "duration_minutes",
                f"Ice is used in intervals of at most {ICE_MAX_MINUTES} minutes. Log a longer "
                "spell as separate sessions, with a break between them.",
            )
        return cleaned


# --- daily habits ----------------------------------------------------------------------------


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


class CrampForm(forms.ModelForm):
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
        widgets = {"started_at": LocalDateTimeInput, "side": forms.RadioSelect}
        help_texts = {"started_at": DATETIME_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started_at"].required = False
        self.fields["started_at"].validators.append(not_in_future)
        self.fields["side"].choices = Cramp.Side.choices
        self.fields["side"].error_messages["required"] = "Choose left, right or both legs."
        self.fields["muscle"].queryset = Muscle.objects.order_by("name")
        self.fields["muscle"].empty_label = "Not sure"
        if self.instance.pk is None:
            self.initial.setdefault("muscle", Muscle.objects.filter(slug="gastrocnemius").first())
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
        now = timezone.localtime()
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


HOLD_MESSAGE = "Hold for 5 to 120 seconds; 30 seconds is usual."


class StretchLogForm(forms.ModelForm):
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
        self.fields["injury"] = UserInjuryField(user, label="For which injury? (optional)")
        self.fields["side"].choices = StretchSession.Side.choices
        self.fields["stretch"].empty_label = None
        if self.instance.pk is None:
            self.initial.setdefault("at", timezone.localtime().replace(second=0))
            self.initial.setdefault("holds", 3)
            self.initial.setdefault("hold_seconds", 30)
        self.fields["at"].validators.append(not_in_future)
        holds = self.fields["holds"]
        holds.min_value, holds.max_value = 1, 20
        holds.validators += [
            validators.MinValueValidator(1, "Enter from 1 to 20 holds."),
            validators.MaxValueValidator(20, "Enter from 1 to 20 holds."),
        ]
        hold = self.fields["hold_seconds"]
        hold.validators += [
            validators.MinValueValidator(5, HOLD_MESSAGE),
            validators.MaxValueValidator(120, HOLD_MESSAGE),
        ]
        hold.error_messages["invalid"] = HOLD_MESSAGE


class StretchStartForm(forms.Form):
    stretch = forms.ModelChoiceField(queryset=Stretch.objects.all(), empty_label=None)
    side = forms.ChoiceField(
        choices=StretchSession.Side.choices, widget=forms.RadioSelect, initial="both"
    )
    holds = forms.IntegerField(
        label="Number of holds",
        initial=3,
        min_value=1,
        max_value=20,
        error_messages={
            "invalid": "Enter from 1 to 20 holds.",
            "min_value": "Enter from 1 to 20 holds.",
            "max_value": "Enter from 1 to 20 holds.",
        },
    )
    hold_seconds = forms.IntegerField(
        label="Seconds per hold",
        initial=30,
        min_value=5,
        max_value=120,
        error_messages={
            "invalid": HOLD_MESSAGE,
            "min_value": HOLD_MESSAGE,
            "max_value": HOLD_MESSAGE,
        },
    )
    rest_seconds = forms.IntegerField(
        label="Seconds of rest between holds",
        initial=15,
        min_value=5,
        max_value=120,
        error_messages={
            "invalid": "Rest for 5 to 120 seconds.",
            "min_value": "Rest for 5 to 120 seconds.",
            "max_value": "Rest for 5 to 120 seconds.",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["injury"] = UserInjuryField(user, label="For which injury? (optional)")
