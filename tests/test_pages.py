import datetime as dt

import pytest
import time_machine
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from recovery.models import Injury, get_profile

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "home",
    "login",
    "signup",
    "password_reset",
]
SIGNED_IN_PAGES = ["home", "profile", "password_change"]


def test_a_visitor_gets_the_explanation_with_ways_in(client):
    body = client.get("/").content.decode()
    assert "<h1>Recover from a leg strain or cramp" in body
    assert f'href="{reverse("signup")}"' in body
    assert f'href="{reverse("login")}"' in body
    assert f'href="{reverse("anatomy:overview")}"' in body


def test_a_signed_in_user_gets_their_dashboard_at_the_root(owner_client):
    body = owner_client.get("/").content.decode()
    assert "<h1>Today</h1>" in body
    assert "Hello, alice" in body


@time_machine.travel(dt.datetime(2026, 11, 25, 23, 30, tzinfo=dt.UTC), tick=False)
def test_the_dashboard_date_is_the_users_own_day(owner_client, owner):
    profile = get_profile(owner)
    profile.time_zone = "Pacific/Auckland"  # 12:30 on 26 November there
    profile.save()
    body = owner_client.get("/").content.decode()
    assert "Thursday 26 November 2026 in your time zone (Pacific/Auckland)" in body


def test_the_dashboard_puts_the_emergency_and_provider_numbers_one_tap_away(owner_client, owner):
    profile = get_profile(owner)
    profile.emergency_number = "112"
    profile.provider_name = "Dr Okafor"
    profile.provider_phone = "+49 30 1234567"
    profile.save()
    body = owner_client.get("/").content.decode()
    assert 'href="tel:112"' in body
    assert 'href="tel:+49 30 1234567"' in body
    assert "Dr Okafor" in body
    assert 'In an emergency call <a class="phone" href="tel:112">112</a>.' in body


def test_the_dashboard_asks_for_a_provider_number_when_there_is_none(owner_client):
    body = owner_client.get("/").content.decode()
    assert "Add your provider's phone number" in body


def test_the_dashboard_shows_the_goal_capped_by_a_clinicians_limit(owner_client, owner):
    profile = get_profile(owner)
    profile.daily_fluid_goal_ml = 2500
    profile.fluid_limit_ml = 1500
    profile.save()
    body = owner_client.get("/").content.decode()
    assert "1.5 L (your clinician's limit is 1.5 L)" in body


@pytest.mark.parametrize("days", [3, 120])
def test_the_dashboard_needs_at_most_9_queries(client, django_user_model, days):
    # session, user (with profile and kept cramps), injuries with their kept advice facts,
    # their muscles, today's numbers (drinks, stretches, cramps, ice, running sessions, RICE),
    # the streak's days and the sparklines' last 7 days of pain: seven, whatever the amount of
    # data, with or without a fresh injury
    from recovery.management.commands.seed_demo import seed_demo

    seed_demo(username="demo", days=days)
    user = django_user_model.objects.get(username="demo")
    fresh = Injury.objects.create(user=user, side="left", onset_at=timezone.now())
    fresh.entries.create(recorded_at=timezone.now(), pain=4)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/").content.decode()
    # ...and the planned exercises with this week's sessions (issue 17): eight; and the
    # reminders waiting, each with whether a log answered it (issue 19): nine.
    assert len(queries.captured_queries) <= 9, [q["sql"][:70] for q in queries.captured_queries]
    assert "RICE today:" in body  # the fresh injury's RICE steps came in the same queries


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_page_has_one_h1_landmarks_and_the_not_medical_care_line(client, name):
    body = client.get(reverse(name)).content.decode()
    assert body.count("<h1") == 1
    assert '<main id="main"' in body
    assert 'href="#main"' in body
    assert "information, not medical care" in body


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_pages_have_one_h1_and_the_footer(owner_client, name):
    body = owner_client.get(reverse(name)).content.decode()
    assert body.count("<h1") == 1
    assert "information, not medical care" in body


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_pages_carry_a_strict_content_security_policy(client, name):
    policy = client.get(reverse(name))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self' 'nonce-")
    assert directives["style-src"].startswith("'self' 'nonce-")
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_the_script_tag_and_htmx_config_carry_the_same_nonce_as_the_header(client):
    response = client.get("/")
    nonce = response["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]
    body = response.content.decode()
    assert f'nonce="{nonce}"' in body
    assert f'"inlineStyleNonce": "{nonce}"' in body
    assert "style=" not in body


def test_an_unknown_address_gets_the_branded_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "We can't find that page" in body
    assert "Leg recovery tracker" in body


def test_a_server_error_gets_the_branded_500_page(client, settings):
    settings.ROOT_URLCONF = "tests.urls_that_fail"
    failing = Client(raise_request_exception=False)
    response = failing.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_says_503_when_the_database_does_not_answer(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.parametrize("version_row", [True, False])
def test_healthz_says_503_when_the_database_refuses_writes(client, version_row):
    """A full disk or a read-only database still answers reads, but every log would be lost.
    The check writes a row whether or not the reference version's row is there yet."""
    from django.db import connection

    from anatomy.models import ReferenceVersion

    if not version_row:
        ReferenceVersion.objects.all().delete()
    assert client.get("/healthz").status_code == 200
    assert ReferenceVersion.objects.filter(pk=1).exists() == version_row  # nothing was kept
    sqlite = connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON" if sqlite else "SET TRANSACTION READ ONLY")
    try:
        response = client.get("/healthz")
    finally:
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA query_only = OFF")
    assert response.status_code == 503
    assert response.content == b"database unavailable"


def test_favicon_ico_points_browsers_at_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].startswith("/static/favicon.")


def quick_ice_injury(body):
    form = body.split('class="quick-ice"', 1)[1].split("</form>", 1)[0]
    return form.split('name="injury" value="', 1)[1].split('"', 1)[0]


def test_todays_ice_button_is_for_the_newest_injury_in_its_first_72_hours(owner_client, owner):
    now = timezone.now()
    Injury.objects.create(user=owner, side="left", onset_at=now - dt.timedelta(days=5))
    newer = Injury.objects.create(user=owner, side="right", onset_at=now - dt.timedelta(hours=30))
    older = Injury.objects.create(user=owner, side="left", onset_at=now - dt.timedelta(hours=50))
    body = owner_client.get(reverse("home")).content.decode()
    assert quick_ice_injury(body) == str(newer.pk)
    assert "There is a cloth or towel between the ice and my skin" in body
    newer.entries.create(recorded_at=now, pain=4, calf_swelling=True)  # urgent: no ice nudge
    body = owner_client.get(reverse("home")).content.decode()
    assert quick_ice_injury(body) == str(older.pk)


def test_todays_ice_button_still_asks_for_the_cloth(owner_client, owner):
    response = owner_client.post(reverse("ice_start"), {"minutes": "20", "injury": ""})
    assert response.status_code == 400
    assert "Put a cloth or towel between the ice and your skin" in response.content.decode()
