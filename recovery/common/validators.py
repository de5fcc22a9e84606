"""Validators for what a user types into their profile."""

import re
import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError

PHONE_PATTERN = re.compile(r"^\+?[0-9 ().\-]+$")


@cache
def time_zone_names():
    return tuple(sorted(zoneinfo.available_timezones()))


def validate_time_zone(value):
    if value not in time_zone_names():
        raise ValidationError(
            "Choose a time zone from the list. Names look like Europe/London, "
            "America/New_York or Asia/Kolkata.",
            code="unknown_time_zone",
        )


def validate_phone_number(value):
    digits = sum(ch.isdigit() for ch in value)
    if not PHONE_PATTERN.match(value) or not 2 <= digits <= 20:
        raise ValidationError(
            "Enter a phone number using digits, spaces and + - ( ) . only "
            "(2 to 20 digits), for example +1 555 010 0199.",
            code="invalid_phone",
        )
