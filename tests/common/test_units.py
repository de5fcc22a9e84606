from decimal import Decimal

import pytest

from recovery.common import units


@pytest.mark.parametrize(
    ("amount", "unit_system", "ml"),
    [
        ("2", units.METRIC, 2000),
        ("1.75", units.METRIC, 1750),
        ("0.5", units.METRIC, 500),
        ("68", units.US, 2011),
        ("8", units.US, 237),
        ("16", units.US, 473),
    ],
)
def test_amounts_in_the_users_units_become_whole_millilitres(amount, unit_system, ml):
    assert units.to_ml(Decimal(amount), unit_system) == ml


def test_millilitres_show_as_litres_or_whole_fluid_ounces():
    assert units.from_ml(2000, units.METRIC) == Decimal("2")
    assert units.from_ml(1750, units.METRIC) == Decimal("1.75")
    assert units.from_ml(2000, units.US) == Decimal("68")


def test_volumes_read_the_way_a_person_writes_them():
    assert units.format_volume(2000, units.METRIC) == "2 L"
    assert units.format_volume(2500, units.METRIC) == "2.5 L"
    assert units.format_volume(1750, units.METRIC) == "1.75 L"
    assert units.format_volume(2000, units.US) == "68 fl oz"
