"""Fluid volumes (stored in mL) and loads (stored in kg), shown in the user's units."""

from decimal import ROUND_HALF_UP, Decimal

ML_PER_US_FL_OZ = Decimal("29.5735295625")

METRIC = "metric"
US = "us"


def to_ml(amount: Decimal | int | str, units: str) -> int:
    """Convert an amount in the user's display units (litres or US fl oz) to whole mL."""
    amount = Decimal(amount)
    ml = amount * 1000 if units == METRIC else amount * ML_PER_US_FL_OZ
    return int(ml.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_ml(ml: int, units: str) -> Decimal:
    """Convert whole mL to the user's display units: litres to 2 places, or whole fl oz."""
    amount = Decimal(ml)
    if units == METRIC:
        return (amount / 1000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return (amount / ML_PER_US_FL_OZ).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def format_volume(ml: int, units: str) -> str:
    """A volume as a person would write it: "2 L", "1.75 L" or "68 fl oz"."""
    value = from_ml(ml, units)
    text = f"{value:f}"
    return f"{text} L" if units == METRIC else f"{text} fl oz"


# Loads: stored in kilograms, shown in kg (metric) or pounds (US units).
KG_PER_LB = Decimal("0.45359237")


def to_kg(amount: Decimal | int | str, units: str) -> Decimal:
    """A load in the user's units to kg, to 0.1 kg."""
    amount = Decimal(amount)
    kg = amount if units == METRIC else amount * KG_PER_LB
    return kg.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def from_kg(kg: Decimal, units: str) -> Decimal:
    """A load in kg to the user's units: kg to 0.1, or pounds to 0.5; no trailing zero."""
    if units == METRIC:
        amount = Decimal(kg).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    else:
        pounds = Decimal(kg) / KG_PER_LB
        amount = (pounds * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2
    whole = amount.to_integral_value()
    return whole if amount == whole else amount.quantize(Decimal("0.1"))


def load_unit(units: str) -> str:
    return "kg" if units == METRIC else "lb"
