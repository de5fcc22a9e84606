"""Forms of an injury's rehab programme: adding an exercise, and an exercise's targets."""

from decimal import Decimal

from django import forms

from anatomy.models import Exercise
from recovery.common import units
from recovery.forms import (
    DATETIME_HELP,
    LocalDateTimeInput,
    not_in_future,
    now_to_the_minute,
    pain_field,
    whole_number_field,
)
from recovery.models import LOAD_MAX_KG, SETS_MOST, ProgrammeExercise

LOAD_MESSAGE = (
    "Enter the added load as a number from 0 to {most} {unit}, to one decimal place; leave it "
    "empty for body weight."
)


def load_message(units_system):
    most = units.from_kg(LOAD_MAX_KG, units_system).quantize(Decimal(1))
    return LOAD_MESSAGE.format(most=f"{most:,}", unit=units.load_unit(units_system))


def load_field(label, units_system, message):
    """An added load in the user's units (empty: body weight)."""
    field = forms.DecimalField(
        required=False, label=f"{label} ({units.load_unit(units_system)})", decimal_places=1
    )
    field.error_messages.update(
        dict.fromkeys(["invalid", "max_digits", "max_decimal_places", "max_whole_digits"], message)
    )
    field.widget.attrs.update({"inputmode": "decimal", "min": 0, "step": "0.5"})
    return field


def load_in_kg(load, units_system, message):
    """A load typed in the user's units, in kg; the message if it is out of range."""
    if load is None:
        return None
    if not 0 <= load <= 2 * LOAD_MAX_KG / units.KG_PER_LB:  # before converting a huge number
        raise forms.ValidationError(message)
    kg = units.to_kg(load, units_system)
    if kg > LOAD_MAX_KG:
        raise forms.ValidationError(message)
    return kg


class AddExerciseForm(forms.Form):
    exercise = forms.ModelChoiceField(
        queryset=Exercise.objects.all(),
        label="Add an exercise from the library",
        empty_label="Choose an exercise",
        error_messages={
            "required": "Choose an exercise from the list.",
            "invalid_choice": "Choose an exercise from the list.",
        },
    )


class TargetsForm(forms.ModelForm):
    """Sets, repetitions or seconds per hold, added load in the user's units, and rest."""

    class Meta:
        model = ProgrammeExercise
        fields = ["sets", "reps", "hold_seconds", "rest_seconds", "days_per_week"]
        labels = {
            "sets": "Sets",
            "reps": "Repetitions per set",
            "hold_seconds": "Seconds per hold",
            "rest_seconds": "Rest between sets (seconds)",
            "days_per_week": "Days a week",
        }

    def __init__(self, *args, units_system=units.METRIC, **kwargs):
        super().__init__(*args, **kwargs)
        self.units_system = units_system
        self.load_message = load_message(units_system)
        self.fields["load"] = load_field("Added load", units_system, self.load_message)
        self.fields["load"].help_text = "Empty for body weight alone."
        if self.instance.load_kg is not None and not self.is_bound:
            self.initial["load"] = units.from_kg(self.instance.load_kg, units_system)
        # A hold has seconds and no repetitions; anything else has repetitions.
        drop = "reps" if self.instance.exercise.is_hold else "hold_seconds"
        del self.fields[drop]
        for name, (low, high, message) in ProgrammeExercise.LIMITS.items():
            if name in self.fields:
                field = self.fields[name]
                field.required = True
                field.widget.attrs.update({"min": low, "max": high, "inputmode": "numeric"})
                field.error_messages.update(
                    dict.fromkeys(["required", "invalid", "min_value", "max_value"], message)
                )
        if self.instance.exercise.rep_unit == "steps" and "reps" in self.fields:
            self.fields["reps"].label = "Steps per set"

    def clean_load(self):
        return load_in_kg(self.cleaned_data["load"], self.units_system, self.load_message)

    def clean(self):
        cleaned = super().clean()
        if "load" in cleaned:
            self.instance.load_kg = cleaned["load"]
        return cleaned


class SessionForm(forms.Form):
    """A session of one programme exercise: a row per set (the planned sets, filled in with the
    targets, and one more), the highest pain during it, and when."""

    at = forms.DateTimeField(label="When", widget=LocalDateTimeInput, help_text=DATETIME_HELP)
    pain_during = pain_field("Highest pain during the exercise")

    def __init__(self, *args, item, units_system, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.units_system = units_system
        self.message = load_message(units_system)
        hold = item.exercise.is_hold
        unit = (
            "seconds held"
            if hold
            else ("steps" if item.exercise.rep_unit == "steps" else "repetitions")
        )
        low, high, count_message = ProgrammeExercise.LIMITS["hold_seconds" if hold else "reps"]
        self.rows = []
        rows = min(SETS_MOST, item.sets + 1)
        for number in range(1, rows + 1):
            extra = number > item.sets
            count = forms.IntegerField(
                required=False,
                label=f"Set {number}{' (extra)' if extra else ''}: {unit}",
                error_messages=dict.fromkeys(["invalid", "min_value", "max_value"], count_message),
                min_value=low,
                max_value=high,
            )
            count.widget.attrs.update({"inputmode": "numeric"})
            load = load_field(f"Set {number}: added load", units_system, self.message)
            self.fields[f"count_{number}"] = count
            self.fields[f"load_{number}"] = load
            self.rows.append((f"count_{number}", f"load_{number}"))
            if not extra and not self.is_bound:
                self.initial[f"count_{number}"] = item.hold_seconds if hold else item.reps
                if item.load_kg is not None:
                    self.initial[f"load_{number}"] = units.from_kg(item.load_kg, units_system)
        self.fields["at"].validators.append(not_in_future)
        self.initial.setdefault("at", now_to_the_minute())

    def set_rows(self):
        """[(the count's bound field, the load's)] for the template."""
        return [(self[count], self[load]) for count, load in self.rows]

    def clean(self):
        cleaned = super().clean()
        sets = []
        for count_name, load_name in self.rows:
            count = cleaned.get(count_name)
            if count_name in self.errors or load_name in self.errors:
                continue
            try:
                load = load_in_kg(cleaned.get(load_name), self.units_system, self.message)
            except forms.ValidationError as error:
                self.add_error(load_name, error)
                continue
            if count is None:
                if load is not None:
                    self.add_error(count_name, "Enter the set's count, or clear its load.")
                continue
            sets.append((count, load))
        if not sets and not self.errors:
            raise forms.ValidationError("Enter at least one set you did.")
        cleaned["sets"] = sets
        return cleaned


class MorningForm(forms.Form):
    pain = pain_field("Pain this morning")


class SetDoneForm(forms.Form):
    """A set of repetitions finished with the guided timer: which set, and how many."""

    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=SETS_MOST)

    def __init__(self, *args, number, unit="repetitions", **kwargs):
        super().__init__(*args, **kwargs)
        low, high, message = ProgrammeExercise.LIMITS["reps"]
        self.fields["reps"] = whole_number_field(
            f"{unit.capitalize()} done in set {number}",
            low,
            high,
            message,
            widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": low, "max": high}),
        )
        self.initial.setdefault("number", number)


class PainDuringForm(forms.Form):
    pain_during = pain_field("Highest pain during the exercise")
