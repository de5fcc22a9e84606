"""A new user's emergency number and urgent-care line come from their time zone's country, and
stay theirs to change (clinical rules, section 1: local numbers)."""

import json

import pytest
from django.urls import reverse

from recovery.accounts import export
from recovery.accounts.local_numbers import for_time_zone
from recovery.models import Profile, get_profile
from tests.accounts.test_accounts import SIGNUP
from tests.tasks import import_now

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("zone", "emergency", "urgent_care"),
    [
        ("Europe/London", "999", "111"),
        ("Europe/Paris", "112", ""),
        ("Europe/Berlin", "112", "116117"),
        ("America/New_York", "911", ""),
        ("America/Toronto", "911", "811"),
        ("Australia/Sydney", "000", "1800 022 222"),
        ("Pacific/Auckland", "111", "0800 611 116"),
        ("US/Eastern", "911", ""),  # old names, linked to the zones zone.tab lists
        ("US/Pacific", "911", ""),
        ("America/Fort_Wayne", "911", ""),
        ("GB", "999", "111"),
        ("NZ", "111", "0800 611 116"),
        ("UTC", "112", ""),  # no country
        ("Africa/Nairobi", "112", ""),  # a country the data file does not list
    ],
)
def test_numbers_follow_the_country_of_the_time_zone(zone, emergency, urgent_care):
    numbers = for_time_zone(zone)
    assert (numbers.emergency, numbers.urgent_care) == (emergency, urgent_care)


def test_signing_up_in_london_gives_999_and_nhs_111(client):
    client.post(reverse("signup"), {**SIGNUP, "time_zone": "Europe/London"})
    profile = Profile.objects.get(user__username="dana")
    assert (profile.emergency_number, profile.urgent_care_number) == ("999", "111")
    body = client.get(reverse("home")).content.decode()
    assert 'In an emergency call <a class="phone" href="tel:999">999</a>.' in body
    assert 'For same-day help call <a class="phone" href="tel:111">NHS 111</a>.' in body


def test_signing_up_in_sydney_gives_000(client):
    client.post(reverse("signup"), SIGNUP)
    assert Profile.objects.get(user__username="dana").emergency_number == "000"


def profile_form(profile, **changes):
    return {
        "time_zone": profile.time_zone,
        "fluid_units": profile.fluid_units,
        "daily_fluid_goal": "2.0",
        "fluid_limit": "",
        "provider_name": "",
        "provider_phone": "",
        "emergency_number": profile.emergency_number,
        "urgent_care_number": profile.urgent_care_number,
        "urgent_care_name": profile.urgent_care_name,
        **changes,
    }


def test_the_user_can_change_both_numbers(owner_client, owner):
    profile = get_profile(owner)
    owner_client.post(
        reverse("profile"),
        profile_form(profile, emergency_number="112", urgent_care_number="0300 123 4567"),
    )
    profile.refresh_from_db()
    assert (profile.emergency_number, profile.urgent_care_number) == ("112", "0300 123 4567")


def test_the_emergency_number_cannot_be_left_empty(owner_client, owner):
    response = owner_client.post(
        reverse("profile"), profile_form(get_profile(owner), emergency_number="")
    )
    assert "Enter your local emergency number" in response.content.decode()
    assert get_profile(owner).emergency_number == "999"


def test_moving_to_another_country_brings_its_numbers_unless_the_user_set_their_own(
    owner_client, owner
):
    profile = get_profile(owner)  # Europe/London: 999 and NHS 111
    owner_client.post(reverse("profile"), profile_form(profile, time_zone="America/Chicago"))
    profile.refresh_from_db()
    assert (profile.emergency_number, profile.urgent_care_number) == ("911", "")
    profile.emergency_number = "01234 567890"
    profile.save()
    owner_client.post(reverse("profile"), profile_form(profile, time_zone="Europe/Madrid"))
    profile.refresh_from_db()
    assert profile.time_zone == "Europe/Madrid"
    assert profile.emergency_number == "01234 567890"


def test_an_import_with_an_empty_emergency_number_takes_the_zones_numbers(owner, other_user):
    data = export.collect(owner)
    data["profile"]["emergency_number"] = ""
    data["profile"]["time_zone"] = "Pacific/Auckland"
    import_now(other_user, json.dumps(data).encode())
    profile = Profile.objects.get(user=other_user)
    assert profile.emergency_number == "111"


def test_an_export_from_before_local_numbers_gets_the_zones_numbers(owner, other_user):
    data = export.collect(owner)
    data["profile"]["emergency_number"] = "911"  # the old default
    for name in ("urgent_care_number", "urgent_care_name"):
        data["profile"].pop(name)
    data["profile"]["time_zone"] = "Europe/London"
    import_now(other_user, json.dumps(data).encode())
    profile = Profile.objects.get(user=other_user)
    assert (profile.emergency_number, profile.urgent_care_number) == ("999", "111")


def test_a_chosen_911_in_a_current_export_is_kept(owner, other_user):
    data = export.collect(owner)
    data["profile"]["emergency_number"] = "911"
    import_now(other_user, json.dumps(data).encode())
    assert Profile.objects.get(user=other_user).emergency_number == "911"
