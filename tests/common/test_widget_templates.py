"""The project's Jinja2 widget templates (choices written in place instead of one template per
option) give byte for byte what Django's own Jinja2 widget templates give."""

import pytest
from django import forms
from django.forms.renderers import Jinja2 as DjangoJinja2

from recovery.forms import CheckboxInput, FormRenderer

CHOICES = [
    ("", "Not sure"),
    ("a", 'Adductor "longus" & <brevis>'),
    ("Lower leg", [("b", "Soleus"), ("c", "Gastrocnemius")]),
    (3, "Three"),
]


class Everything(forms.Form):
    select = forms.ChoiceField(choices=CHOICES, required=False)
    multiple = forms.MultipleChoiceField(choices=CHOICES, required=False)
    radios = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    flagged = forms.ChoiceField(
        choices=CHOICES[:2],
        widget=forms.RadioSelect(attrs={"class": "inline", "data-x": "1 > 0", "disabled": True}),
    )
    yes_no = forms.NullBooleanField()
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": '"quoted"'}))
    when = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    agree = forms.BooleanField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "select": "b",
            "multiple": ["a", "3"],
            "radios": "c",
            "boxes": ["b", "3"],
            "flagged": "a",
            "yes_no": "true",
            "text": "<b>",
            "when": "2026-12-02T10:00",
            "agree": "on",
            "hidden": "x",
        },
        {"radios": "nonsense", "multiple": ["zz"]},
    ],
)
def test_each_widget_renders_as_djangos_own(data):
    ours, theirs = (
        Everything(data, renderer=FormRenderer()),
        Everything(data, renderer=DjangoJinja2()),
    )
    if data:
        ours.is_valid()
        theirs.is_valid()
    for name in Everything.base_fields:
        assert str(ours[name]) == str(theirs[name]), name
        assert str(ours[name])  # something was rendered


class Boxes(forms.Form):
    plain = forms.BooleanField(required=False)
    labelled = forms.BooleanField(
        required=False, help_text="Why", widget=forms.CheckboxInput(attrs={"data-x": 'a "b" <c>'})
    )
    checked_by_default = forms.BooleanField(required=False, initial=True)
    with_value = forms.CharField(required=False, widget=forms.CheckboxInput)


def faster(form_class):
    """The form with each check box as the project's CheckboxInput, its attributes kept."""

    class Faster(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                field.widget = CheckboxInput(attrs=field.widget.attrs)

    return Faster


@pytest.mark.parametrize(
    "data",
    [None, {"plain": "on", "labelled": "true", "with_value": "yes & <no>"}, {"plain": "false"}],
)
def test_the_check_box_written_in_python_is_djangos_own(data):
    ours, theirs = faster(Boxes)(data), Boxes(data)
    if data:
        ours.is_valid()
        theirs.is_valid()
        for form in (ours, theirs):
            form.add_error("plain", "Something is wrong")  # errors add aria attributes
    for name in Boxes.base_fields:
        assert isinstance(ours[name].field.widget, CheckboxInput)
        assert str(ours[name]) == str(theirs[name]), name
    if data:
        assert 'aria-invalid="true"' in str(ours["plain"])
    assert (" checked" in str(ours["labelled"])) == bool(data and "labelled" in data)
