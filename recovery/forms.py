"""Form parts every feature shares: the pain scale, notes, a local date and time, the user's own
injuries, and the renderer that wraps each field for styling."""

import datetime as dt
from pathlib import Path

from django import forms
from django.conf import settings
from django.forms.renderers import Jinja2
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from markupsafe import escape

from recovery.models import Injury, injuries_with_names
from recovery.models.injuries import NOTES_MAX_LENGTH

PAIN_MESSAGE = "Pain is a whole number from 0 (no pain) to 10 (worst pain imaginable)."
FUTURE_MESSAGE = "This time is in the future. Enter when it happened, up to now."
DATETIME_HELP = "In your time zone. You can go back to an earlier day."
EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)


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


class CheckboxInput(forms.CheckboxInput):
    """Django's check box, written here rather than through its template: the same markup as
    the form renderer's (tested; escaped as Jinja2 escapes), without a template render per box
    (the symptom form has 22 of them)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<input type="{widget["type"]}" name="{escape(widget["name"])}"']
        if widget["value"] is not None:
            html.append(f' value="{escape(widget["value"])}"')
        for key, attr in widget["attrs"].items():  # as Django's attrs.html writes them
            if attr is True:
                html.append(f" {key}")
            elif attr is not False:
                html.append(f' {key}="{escape(attr)}"')
        html.append(">")
        return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


def pain_field(label="Pain right now"):
    return forms.TypedChoiceField(
        label=label,
        choices=PAIN_CHOICES,
        coerce=int,
        widget=PainInput,
        error_messages={"required": PAIN_MESSAGE, "invalid_choice": PAIN_MESSAGE},
        help_text="0 is no pain and 10 the worst pain imaginable: 1-3 mild, 4-6 moderate, "
        "7-10 severe.",
    )


class NotesField(forms.CharField):
    """Free text with the server's limit. The browser gets no `maxlength` (it would cut a
    long paste silently); a counter shows what is left, counted as here: in characters (code
    points, so an emoji is one), with line breaks as one character each."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        if self.max_length is not None:
            attrs["data-max-length"] = str(self.max_length)
        return attrs


def notes_field(label="Notes (optional)"):
    return NotesField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTES_MAX_LENGTH,
        error_messages={
            "max_length": "Notes can be up to %(limit_value)d characters (about two pages); "
            "this has %(show_value)d. Your text is kept below: shorten it, or split it over "
            "two entries, then save again."
        },
    )


def whole_number_field(label, low, high, message, **kwargs):
    """A whole number from `low` to `high`; any other answer gets `message`, which says so."""
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages=dict.fromkeys(["required", "invalid", "min_value", "max_value"], message),
        **kwargs,
    )


def not_in_future(value):
    """A time a person could really have logged: not in the future, not before 1900."""
    if value and value > timezone.now():
        raise forms.ValidationError(FUTURE_MESSAGE, code="future")
    if value and value < EARLIEST:
        raise forms.ValidationError("Enter a date from 1900 onwards.", code="too_early")


def now_to_the_minute():
    """The initial time of a new log: now in the user's zone, as the form shows it."""
    return timezone.localtime().replace(second=0, microsecond=0)


class ListedChoices(forms.models.ModelChoiceIterator):
    """A model choice field's choices from its `listed()` objects (loaded by a compiled query),
    instead of from its queryset. Read only when the choices are (a form that is only
    validated loads none: the queryset checks the value sent), and once per field."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.listed():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.listed()) + (self.field.empty_label is not None)


class ListedChoiceField(forms.ModelChoiceField):
    """A model choice field whose choices come from `load()`, kept for the field's life."""

    iterator = ListedChoices

    def load(self):
        raise NotImplementedError

    def listed(self):
        if not hasattr(self, "_listed"):
            self._listed = self.load()
        return self._listed


class UserInjuryField(ListedChoiceField):
    """One of the signed-in user's own injuries; anyone else's id is refused like a typo."""

    def __init__(self, user, *, active_only=False, **kwargs):
        self.user, self.active_only = user, active_only
        injuries = Injury.objects.filter(user=user)
        if active_only:
            injuries = injuries.filter(status=Injury.Status.ACTIVE)
        kwargs.setdefault("label", "For which injury? (optional)")
        super().__init__(
            queryset=injuries,
            required=False,
            empty_label="No particular injury",
            error_messages={
                "invalid_choice": "Choose one of your injuries from the list, or none."
            },
            **kwargs,
        )

    def load(self):
        injuries = injuries_with_names(self.user.pk)
        if self.active_only:
            injuries = [injury for injury in injuries if injury.status == Injury.Status.ACTIVE]
        return injuries

    def label_from_instance(self, injury):
        return injury.title()


class FormRenderer(Jinja2):
    """Django's form and widget templates, compiled by Jinja2 (a form with a few choice fields
    renders several times faster than through the Django template engine, and every log page
    has one), with the project's own in templates/jinja2: each field wrapped so errors can be
    styled, and the pain scale. A widget whose template exists only for the Django engine (the
    admin's) is rendered by it."""

    field_template_name = "forms/field.html"

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return get_template(template_name)

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": False,
                "DIRS": [
                    Path(settings.BASE_DIR) / "templates" / "jinja2",
                    Path(forms.__file__).parent / "jinja2",
                ],
                "NAME": "forms",
                "OPTIONS": {},
            }
        )
