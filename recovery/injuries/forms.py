"""Forms for the injury log: an injury, a symptom entry, an acknowledgement, milestones."""

from django import forms
from django.utils import timezone

from anatomy.models import Muscle, Region
from recovery.forms import (
    DATETIME_HELP,
    CheckboxInput,
    LocalDateTimeInput,
    not_in_future,
    notes_field,
    now_to_the_minute,
    pain_field,
)
from recovery.injuries.guide import MILESTONES
from recovery.models import Acknowledgement, Injury, SymptomEntry


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
        widget=forms.SelectMultiple(attrs={"size": 3}),
        label="Chosen muscles",
        help_text="More than one: tap each on the drawing, or hold Ctrl (⌘ on a Mac) and click.",
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
            self.initial.setdefault("onset_at", now_to_the_minute())
        else:
            self.initial["not_sure"] = not self.instance.muscles.exists()
        self.fields["onset_at"].validators.append(not_in_future)
        self.fields["side"].choices = Injury.Side.choices  # no empty "select an option"
        # The list grouped by where the muscle is (the queryset still checks what is sent).
        grouped: dict[str, list] = {}
        for muscle in self.fields["muscles"].queryset:
            grouped.setdefault(muscle.compartment.region.name, []).append(
                (muscle.slug, muscle.name)
            )
        self.fields["muscles"].choices = list(grouped.items())
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
    template_name = "recovery/forms/entry.html"  # Jinja2, as {{ form }}; errors summed up apart
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
        widgets = {
            "recorded_at": LocalDateTimeInput,
            "character": forms.RadioSelect,
            **dict.fromkeys(
                ["resting", *SymptomEntry.SYMPTOMS, *SymptomEntry.RED_FLAGS], CheckboxInput
            ),
        }

    def __init__(self, *args, injury, **kwargs):
        self.injury = injury
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial.setdefault("recorded_at", now_to_the_minute())
        self.fields["character"].choices = [("", "Not sure")] + list(SymptomEntry.Character.choices)
        self.fields["recorded_at"].validators.append(not_in_future)

    def validate_constraints(self):
        """The entry's only constraint (pain 0 to 10) is what the pain field already checks;
        the database still enforces it, so the form skips the extra query."""

    @property
    def symptom_fields(self):
        return [self[name] for name in SymptomEntry.SYMPTOMS]

    @property
    def red_flag_groups(self):
        """The warning signs as the form groups them: (legend, fields)."""
        return [
            ("Signs in the leg", [self[name] for name in SymptomEntry.LEG_SIGNS]),
            ("Signs elsewhere in the body", [self[name] for name in SymptomEntry.ELSEWHERE_SIGNS]),
        ]

    def clean_recorded_at(self):
        value = self.cleaned_data["recorded_at"]
        problem = SymptomEntry.before_onset(value, self.injury.onset_at)
        if problem:
            raise forms.ValidationError(problem, code="before_onset")
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
        self.initial.setdefault("at", now_to_the_minute())
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
