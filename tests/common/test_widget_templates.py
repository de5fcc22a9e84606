"""The project's Jinja2 widget templates (choices written in place instead of one template per
option) give byte for byte what Django's own Jinja2 widget templates give."""

import pytest
from django import forms
from django.forms.renderers import Jinja2 as DjangoJinja2

from recovery.forms import FormRenderer

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
