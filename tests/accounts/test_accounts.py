import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from recovery.models import Profile
from tests.browser import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "dana",
    "email": "dana@example.com",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "time_zone": "Australia/Sydney",
}


def test_signing_up_creates_the_account_and_profile_and_logs_in(client):
    response = client.post(reverse("signup"), SIGNUP, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    user = get_user_model().objects.get(username="dana")
    assert user.email == "dana@example.com"
    assert Profile.objects.get(user=user).time_zone == "Australia/Sydney"
    assert response.context["user"] == user
    assert b"<h1>Today</h1>" in response.content


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"username": "alice"}, "username", "A user with that username already exists."),
        ({"username": ""}, "username", "This field is required."),
        ({"username": "no spaces please"}, "username", "Enter a valid username"),
        ({"password1": "password", "password2": "password"}, "password2", "too common"),
        ({"password1": "short1", "password2": "short1"}, "password2", "too short"),
        ({"password1": "83920174638", "password2": "83920174638"}, "password2", "entirely numeric"),
        ({"password2": PASSWORD + "x"}, "password2", "The two password fields didn"),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"time_zone": "Atlantis/Capital"}, "time_zone", "Choose a time zone from the list"),
    ],
)
def test_bad_sign_up_input_is_explained_next_to_the_field_and_the_rest_is_kept(
    client, owner, changes, field, message
):
    data = {**SIGNUP, **changes}
    response = client.post(reverse("signup"), data)
    assert response.status_code == 200
    body = response.content.decode()
    errors = body.split(f'id="id_{field}_error"', 1)
    assert len(errors) == 2, f"no error shown next to {field}"
    assert message in errors[1].split("</ul>", 1)[0]
    for kept in ("username", "email", "time_zone"):
        if data[kept]:
            assert f'value="{data[kept]}"' in body
    assert not get_user_model().objects.filter(email="dana@example.com").exists()


def test_the_sign_up_form_offers_every_iana_time_zone(client):
    body = client.get(reverse("signup")).content.decode()
    assert '<option value="America/New_York">' in body
    assert '<option value="Pacific/Auckland">' in body
    assert 'list="time-zone-names"' in body


def test_a_signed_in_user_is_sent_from_sign_up_to_the_dashboard(owner_client):
    response = owner_client.get(reverse("signup"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_logging_in_and_out(client, owner):
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True
    )
    assert response.context["user"] == owner
    response = client.post(reverse("logout"), follow=True)
    assert not response.context["user"].is_authenticated


def test_a_wrong_password_says_so_without_revealing_which_part_was_wrong(client, owner):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert 'value="alice"' in response.content.decode()


def test_log_out_is_post_only(owner_client):
    assert owner_client.get(reverse("logout")).status_code == 405
    assert owner_client.get(reverse("home")).context["user"].is_authenticated


def test_changing_the_password(owner_client, owner):
    response = owner_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new passphrase 77",
            "new_password2": "a brand new passphrase 77",
        },
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("a brand new passphrase 77")


def test_a_wrong_old_password_is_explained(owner_client):
    response = owner_client.post(
        reverse("password_change"),
        {"old_password": "guess", "new_password1": "x", "new_password2": "x"},
    )
    body = response.content.decode()
    assert "Your old password was entered incorrectly" in body


@pytest.mark.parametrize(
    ("new1", "new2", "message"),
    [
        ("short", "short", "This password is too short"),
        ("password123", "password123", "This password is too common"),
        ("a brand new passphrase 77", "a different passphrase 77", "didn’t match"),
    ],
)
def test_a_weak_or_mismatched_new_password_is_explained(owner_client, owner, new1, new2, message):
    response = owner_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new1, "new_password2": new2},
    )
    assert message in response.content.decode()
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_a_weak_password_on_the_reset_form_is_explained(client, owner):
    client.post(reverse("password_reset"), {"email": "alice@example.com"})
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(set_password_url, {"new_password1": "abc", "new_password2": "abc"})
    assert "This password is too short" in response.content.decode()
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_password_reset_sends_a_working_link_by_email(client, owner):
    response = client.post(reverse("password_reset"), {"email": "alice@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert "Reset your leg recovery tracker password" in message.subject
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert b"Choose a new password" in form_page.content
    set_password_url = form_page.redirect_chain[-1][0]
    client.post(
        set_password_url,
        {"new_password1": "reset passphrase 2026", "new_password2": "reset passphrase 2026"},
    )
    owner.refresh_from_db()
    assert owner.check_password("reset passphrase 2026")


def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_signed_in_user_is_sent_from_log_in_to_the_dashboard(owner_client):
    response = owner_client.get(reverse("login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
