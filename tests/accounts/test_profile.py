import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recovery.common.validators import validate_phone_number
from recovery.models import Profile, get_profile

pytestmark = pytest.mark.django_db

VALID = {
    "time_zone": "Europe/London",
    "fluid_units": "metric",
    "daily_fluid_goal": "2.5",
    "fluid_limit": "",
    "provider_name": "Dr Rivera",
    "provider_phone": "+44 20 7946 0018",
    "emergency_number": "999",
}


def post_profile(client, **changes):
    return client.post(reverse("profile"), {**VALID, **changes})


def test_the_profile_page_needs_a_log_in(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_shows_the_saved_settings(owner_client):
    response = owner_client.get(reverse("profile"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Europe/London"' in body
    assert 'value="2"' in body  # 2000 mL shown as 2 litres


def test_it_saves_a_valid_profile(owner_client, owner):
    response = post_profile(owner_client)
    assert response.status_code == 302
    profile = Profile.objects.get(user=owner)
    assert profile.time_zone == "Europe/London"
    assert profile.daily_fluid_goal_ml == 2500
    assert profile.fluid_limit_ml is None
    assert profile.provider_name == "Dr Rivera"
    assert profile.provider_phone == "+44 20 7946 0018"
    assert profile.emergency_number == "999"


def test_a_goal_in_fluid_ounces_is_stored_in_millilitres(owner_client, owner):
    post_profile(owner_client, fluid_units="us", daily_fluid_goal="64")
    profile = Profile.objects.get(user=owner)
    assert profile.fluid_units == "us"
    assert profile.daily_fluid_goal_ml == 1893


def test_saving_an_unchanged_form_does_not_drift_the_stored_goal(owner_client, owner):
    profile = get_profile(owner)
    profile.fluid_units = "us"
    profile.daily_fluid_goal_ml = 2000  # shown as 68 fl oz, which is really 2011 mL
    profile.save()
    post_profile(owner_client, fluid_units="us", daily_fluid_goal="68")
    profile.refresh_from_db()
    assert profile.daily_fluid_goal_ml == 2000


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"daily_fluid_goal": "0"}, "daily_fluid_goal", "between 0.5 and 6 litres"),
        ({"daily_fluid_goal": "50"}, "daily_fluid_goal", "between 0.5 and 6 litres"),
        (
            {"fluid_units": "us", "daily_fluid_goal": "500"},
            "daily_fluid_goal",
            "between 17 and 202 fl oz",
        ),
        ({"daily_fluid_goal": ""}, "daily_fluid_goal", "This field is required"),
        ({"daily_fluid_goal": "lots"}, "daily_fluid_goal", "Enter a number"),
        ({"fluid_limit": "0.1"}, "fluid_limit", "between 0.5 and 6 litres"),
        (
            {"fluid_limit": "1.5", "daily_fluid_goal": "2"},
            "daily_fluid_goal",
            "can't be more than the limit your clinician set (1.5 L)",
        ),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "Choose a time zone from the list"),
        ({"time_zone": ""}, "time_zone", "This field is required"),
        ({"provider_phone": "call me maybe"}, "provider_phone", "digits, spaces and + - ( ) ."),
        ({"emergency_number": "nine one one"}, "emergency_number", "digits, spaces and + - ( ) ."),
        ({"emergency_number": "1"}, "emergency_number", "2 to 20 digits"),
        ({"fluid_units": "gallons"}, "fluid_units", "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_message_by_the_field_and_keeps_the_rest(
    owner_client, owner, changes, field, message
):
    before = Profile.objects.get(user=owner)
    response = post_profile(owner_client, **changes)
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert message in body
    error_block = body.split(f'id="id_{field}_error"', 1)
    assert len(error_block) == 2, f"no error list attached to {field}"
    assert message in error_block[1].split("</ul>", 1)[0]
    # What the user typed is still there, in the bad field and in the others.
    typed = {**VALID, **changes}
    for name in ("provider_name", "provider_phone", "emergency_number", "fluid_limit"):
        if typed[name]:
            assert f'value="{typed[name]}"' in body
    # And nothing was saved.
    after = Profile.objects.get(user=owner)
    assert (after.daily_fluid_goal_ml, after.provider_name) == (
        before.daily_fluid_goal_ml,
        before.provider_name,
    )


def test_a_clinicians_limit_caps_the_goal_the_app_works_towards(owner):
    profile = get_profile(owner)
    profile.daily_fluid_goal_ml = 2500
    profile.fluid_limit_ml = 1500
    assert profile.effective_fluid_goal_ml() == 1500
    profile.fluid_limit_ml = None
    assert profile.effective_fluid_goal_ml() == 2500


def test_a_user_without_a_profile_gets_one_with_defaults(django_user_model):
    user = django_user_model.objects.create_user(username="carol", password="x")
    profile = get_profile(user)
    assert profile.time_zone == "UTC"
    assert profile.daily_fluid_goal_ml == 2000
    assert profile.emergency_number == "112"  # UTC names no country: the EU-wide number
    assert profile.urgent_care_number == ""


@pytest.mark.parametrize(
    "number", ["911", "112", "000", "15", "(312) 555-0147", "+44 20 7946 0018", "030.123.45"]
)
def test_phone_numbers_as_people_write_them_are_accepted(number):
    validate_phone_number(number)


@pytest.mark.parametrize("number", ["", "1", "call me", "+", "555-CALL-NOW", "12+34", "9" * 21])
def test_phone_numbers_that_cannot_be_dialled_are_refused(number):
    with pytest.raises(ValidationError, match="digits, spaces"):
        validate_phone_number(number)
