"""The `when` filter shows every date and time exactly as Django's `date` filter would, in the
user's zone, for every format the templates use, and refuses a letter it does not know."""

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

TEMPLATES = Path(settings.BASE_DIR) / "templates"
USED = sorted(
    {
        match
        for path in TEMPLATES.rglob("*.html")
        for match in re.findall(r"""\|when:["']([^"']*)["']""", path.read_text())
    }
)
ZONES = ["Europe/London", "Pacific/Auckland", "America/St_Johns", "Asia/Kathmandu", "UTC"]


def render(source, value, zone):
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        return engines["django"].from_string(source).render({"value": value})


def test_the_templates_use_the_filter():
    assert "D j M, H:i" in USED
    assert "j F Y" in USED
    assert len(USED) >= 10


@hypothesis_settings(max_examples=60, deadline=None)
@given(
    moment=st.datetimes(
        min_value=dt.datetime(1901, 1, 1),
        max_value=dt.datetime(2099, 12, 31),
        timezones=st.just(dt.UTC),
    ),
    zone=st.sampled_from(ZONES),
)
def test_same_text_as_the_date_filter_for_every_format_used(moment, zone):
    for format_string in USED + ["l D j d F M m Y H:i"]:
        ours = render(f'{{{{ value|when:"{format_string}" }}}}', moment, zone)
        django = render(f'{{{{ value|date:"{format_string}" }}}}', moment, zone)
        assert ours == django, (format_string, moment, zone)


def test_dates_nothing_and_empty():
    assert render('{{ value|when:"D j M Y" }}', dt.date(2026, 2, 28), "UTC") == "Sat 28 Feb 2026"
    assert render('{{ value|when:"j M" }}', None, "UTC") == ""
    assert render('{{ value|when:"j M" }}', "", "UTC") == ""


def test_an_unknown_letter_is_refused_with_what_is_allowed():
    with pytest.raises(TemplateSyntaxError, match="knows the letters D, l, j"):
        render('{{ value|when:"N jS" }}', dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "UTC")
