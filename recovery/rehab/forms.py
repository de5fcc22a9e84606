"""Forms of an injury's rehab programme: adding an exercise, and an exercise's targets."""

from decimal import Decimal

from django import forms

from anatomy.models import Exercise
from recovery.common import units
from recovery.models import LOAD_MAX_KG, ProgrammeExercise

LOAD_MESSAGE = (
    "Enter the added load as a number from 0 to {most} {unit}, to one decimal place; leave it "
    "empty for body weight."
)


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

    load = forms.DecimalField(required=False, label="Added load", decimal_places=1)

    class Meta:
        model = ProgrammeExercise
        fields = ["sets", "reps", "hold_seconds", "rest_seconds"]
        labels = {
            "sets": "Sets",
            "reps": "Repetitions per set",
            "hold_seconds": "Seconds per hold",
            "rest_seconds": "Rest between sets (seconds)",
        }

    def __init__(self, *args, units_system=units.METRIC, **kwargs):
        super().__init__(*args, **kwargs)
        self.units_system = units_system
        unit = units.load_unit(units_system)
        most = units.from_kg(LOAD_MAX_KG, units_system).quantize(Decimal(1))
        self.load_message = LOAD_MESSAGE.format(most=f"{most:,}", unit=unit)
        load = self.fields["load"]
        load.label = f"Added load ({unit})"
        load.help_text = "Empty for body weight alone."
        load.error_messages = dict.fromkeys(
            ["invalid", "max_digits", "max_decimal_places", "max_whole_digits"],
            self.load_message,
        )
        load.max_digits = None  # the range check below says what is allowed
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
        load = self.cleaned_data["load"]
        if load is None:
            return None
        if not 0 <= load <= 2 * LOAD_MAX_KG / units.KG_PER_LB:  # before converting a huge number
            raise forms.ValidationError(self.load_message)
        kg = units.to_kg(load, self.units_system)
        if kg > LOAD_MAX_KG:
            raise forms.ValidationError(self.load_message)
        return kg

    def clean(self):
        cleaned = super().clean()
        if "load" in cleaned:
            self.instance.load_kg = cleaned["load"]
        return cleaned
