"""The session and the user are read with compiled SQL on every request: the same people are
signed in, and no one else, as with Django's own database sessions."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

pytestmark = pytest.mark.django_db


def signed_in_as(client):
    response = client.get(reverse("home"))
    return response.context["user"].username if response.context["user"].is_authenticated else None


def test_a_signed_in_user_stays_signed_in_with_their_profile(owner_client, owner):
    response = owner_client.get(reverse("home"))
    assert response.context["user"] == owner
    assert response.context["user"].profile.time_zone == "Europe/London"
    assert signed_in_as(owner_client) == "alice"


def test_after_log_out_the_old_cookie_signs_no_one_in(owner_client):
    cookie = owner_client.cookies[settings.SESSION_COOKIE_NAME].value
    owner_client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=cookie).exists()
    owner_client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert signed_in_as(owner_client) is None


def test_an_expired_session_signs_no_one_in(owner_client):
    almost = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    with time_machine.travel(almost):
        assert signed_in_as(owner_client) == "alice"
    later = almost + dt.timedelta(seconds=120)
    with time_machine.travel(later):
        assert signed_in_as(owner_client) is None


@pytest.mark.parametrize(
    "cookie", ["", "short", "x" * 32, "ab\x00cd" * 8, "é" * 32, "' OR 1=1 --" * 4, "k" * 5000]
)
def test_a_made_up_session_cookie_signs_no_one_in(client, owner, cookie):
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert signed_in_as(client) is None


def test_a_user_who_was_deactivated_is_signed_out(owner_client, owner):
    owner.is_active = False
    owner.save()
    assert signed_in_as(owner_client) is None
