"""Property tests for the forms' cleaning: whatever is typed, the result is in range or a
field message, never an exception."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from recovery.common import units
from recovery.common.validators import validate_phone_number, validate_time_zone
from recovery.forms import pain_field
from recovery.habits.forms import FluidForm

typed = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


@given(typed)
def test_pain_cleans_to_a_whole_number_from_0_to_10_or_says_what_is_allowed(value):
    field = pain_field()
    if value in {str(score) for score in range(11)}:
        assert field.clean(value) == int(value)
    else:
        with pytest.raises(ValidationError, match="whole number from 0"):
            field.clean(value)


@pytest.mark.parametrize("unit_system", [units.METRIC, units.US])
@settings(deadline=None)
@given(amount=typed)
def test_a_drink_cleans_to_a_sane_amount_or_a_field_message(unit_system, amount):
    form = FluidForm({"amount": amount, "drink": "water"}, unit_system=unit_system)
    if form.is_valid():
        assert 1 <= form.cleaned_data["amount"] <= 3000
    else:
        assert form.errors["amount"]


@given(st.text(max_size=30))
def test_phone_numbers_are_accepted_only_when_they_can_be_dialled(value):
    try:
        validate_phone_number(value)
    except ValidationError:
        return
    digits = sum(ch.isdigit() for ch in value)
    assert 2 <= digits <= 20
    assert set(value) <= set("+0123456789 ().-")


@given(st.text(max_size=40))
def test_time_zones_are_iana_names_or_refused(value):
    import zoneinfo

    try:
        validate_time_zone(value)
    except ValidationError:
        return
    zoneinfo.ZoneInfo(value)


@given(st.integers(min_value=1, max_value=6000), st.sampled_from([units.METRIC, units.US]))
def test_showing_and_reading_back_an_amount_stays_within_one_display_unit(ml, unit_system):
    shown = units.from_ml(ml, unit_system)
    back = units.to_ml(shown, unit_system)
    tolerance = 5 if unit_system == units.METRIC else 15  # 0.01 L, or half a fl oz
    assert abs(back - ml) <= tolerance
    assert isinstance(shown, Decimal)
