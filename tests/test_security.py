"""Security: who may reach what, headers on every response, CSRF, throttling, hashing."""

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.hashers import identify_hasher
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from recovery.models import FluidEntry, Injury, SymptomEntry
from tests.browser import PASSWORD
from tests.routes import all_routes, make_objects, object_for, routes_with_an_id, url_for

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent
NOW = dt.datetime.now(dt.UTC)


# --- the ownership matrix ----------------------------------------------------------------------


# Routes whose parameter is not a user's object id, each reviewed: public reference pages,
# the share token, Django's reset link, the signed-in user's own day, and the staff-only admin.
REVIEWED_PARAMETERS = [
    r"^anatomy/[a-z-]+/<slug:slug>/$",
    r"^shared/<slug:token>/$",
    r"^accounts/reset/<uidb64>/<token>/$",
    r"^fluids/<date:day>/$",
    # A signed token, not an id: tests/reminders/test_reminder_pages.py forges and alters one.
    r"^reminders/unsubscribe/<str:token>/$",
    r"^admin/",
]


def test_every_route_with_a_parameter_is_in_the_matrix_or_reviewed():
    unreviewed = [
        route
        for route in all_routes()
        if "<" in route
        and "<int:pk>" not in route
        and not any(re.match(pattern, route) for pattern in REVIEWED_PARAMETERS)
    ]
    assert unreviewed == [], (
        "these routes take a parameter the ownership matrix does not cover; "
        "name an object id <int:pk> or review the route and add it above"
    )


def snapshot(obj):
    fresh = type(obj).objects.filter(pk=obj.pk).first()
    return model_to_dict(fresh) if fresh else None


@pytest.fixture
def matrix(owner, other_user):
    objects = make_objects(owner)
    rows = []
    for route in routes_with_an_id():
        obj = object_for(route, objects)
        assert obj is not None, f"{route} takes an id but the matrix has no object for it"
        rows.append((route, obj))
    assert len(rows) >= 24  # the routes with an id when this test was written
    return rows


def test_the_owner_reaches_every_route_with_an_id(client, owner, matrix):
    client.force_login(owner)
    for route, obj in matrix:
        status = client.get(url_for(route, obj.pk)).status_code
        assert status in {200, 302, 405}, f"{route}: {status}"


def test_another_user_gets_404_and_changes_nothing_on_every_route_with_an_id(
    client, other_user, matrix
):
    client.force_login(other_user)
    for route, obj in matrix:
        before = snapshot(obj)
        url = url_for(route, obj.pk)
        assert client.get(url).status_code in {404, 405}, f"GET {route}"
        assert client.post(url, {"pain": "1", "kind": "rest", "username": "bob"}).status_code in {
            404,
            405,
        }, f"POST {route}"
        assert snapshot(obj) == before, f"{route} changed another user's object"


def test_a_visitor_is_sent_to_log_in_from_every_route_with_an_id(client, matrix):
    for route, obj in matrix:
        before = snapshot(obj)
        for method in (client.get, client.post):
            response = method(url_for(route, obj.pk))
            if response.status_code != 405:
                assert response.status_code == 302, route
                assert response["Location"].startswith(reverse("login")), route
        assert snapshot(obj) == before, f"a visitor changed {route}"


# --- headers and CSRF ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/anatomy/", "/accounts/login/", "/no-such-page/", "/healthz"]
)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    assert "camera=()" in permissions
    assert "geolocation=()" in permissions
    assert "notifications" not in permissions


def test_htmx_fragments_carry_the_headers_too(owner_client):
    response = owner_client.get("/charts/", headers={"HX-Request": "true"})
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Permissions-Policy"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("fluid_add", {"quick": "250"}),
        ("injury_new", {"side": "left", "pain": "3", "muscles": ["soleus"]}),
        ("ice_start", {"minutes": "20", "barrier": "on"}),
        ("logout", {}),
        ("delete_account", {"password": PASSWORD}),
    ],
)
def test_a_post_without_the_csrf_token_is_refused(owner, name, data):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(reverse(name), data)
    assert response.status_code == 403
    assert not FluidEntry.objects.exists()
    assert not Injury.objects.filter(user=owner).exists()


def test_no_view_is_exempt_from_csrf():
    """Two exemptions: Django's documented order for limiting an upload (the import sets its
    upload handler, then checks the token with csrf_protect; a test posts to it without a
    token and gets 403, tests/accounts/test_export.py); and a reminder email's one-click
    unsubscribe (RFC 8058: the mail program posts with no token; the link is signed and a test
    forges one, tests/reminders/test_reminder_pages.py)."""
    sources = [*PROJECT.glob("recovery/**/*.py"), *PROJECT.glob("anatomy/**/*.py")]
    assert sources
    exempt = sorted(path for path in sources if "csrf_exempt" in path.read_text())
    assert [path.relative_to(PROJECT).as_posix() for path in exempt] == [
        "recovery/accounts/data_views.py",
        "recovery/reminders/views.py",
    ]
    reminders = exempt[1].read_text()
    assert reminders.count("@csrf_exempt") == 1
    assert "@csrf_exempt  # a mail program's one-click POST" in reminders
    assert "def reminder_unsubscribe(request, token):" in reminders
    text = exempt[0].read_text()
    assert text.count("@csrf_exempt") == 1
    assert "@csrf_protect\ndef _import_upload(request):" in text
    assert "return _import_upload(request)" in text


def test_htmx_sends_the_csrf_token_in_a_header(owner_client):
    body = owner_client.get("/").content.decode()
    assert re.search(r"""<body hx-headers='\{"X-CSRFToken": "[^"]+"\}'[^>]*>""", body)


# --- accounts ------------------------------------------------------------------------------------


def test_production_hashes_passwords_with_argon2(django_user_model, settings):
    from recovery import settings as production

    # The suite itself uses a fast hasher (tests/settings.py); production must not.
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    user = django_user_model.objects.create_user(username="erin", password=PASSWORD)
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password(PASSWORD)


def test_five_wrong_passwords_lock_that_log_in_with_a_clear_message(client, owner, other_user):
    for _ in range(5):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    body = response.content.decode()
    assert response.status_code == 429
    assert "Too many log-in tries" in body
    assert "wait 15 minutes" in body
    other = client.post(reverse("login"), {"username": "bob", "password": PASSWORD})
    assert other.status_code == 302


def test_the_lockout_message_follows_the_settings(client, owner, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=40)
    for _ in range(3):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    body = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert "paused after 3 wrong passwords" in body.content.decode()
    assert "wait 40 minutes" in body.content.decode()


def test_a_wrong_password_during_a_lockout_does_not_extend_it(client, owner):
    start = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(5):
            client.post(reverse("login"), {"username": "alice", "password": "wrong"})
        clock.move_to(start + dt.timedelta(minutes=14))
        client.post(reverse("login"), {"username": "alice", "password": "wrong"})
        clock.move_to(start + dt.timedelta(minutes=16))
        response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302  # 15 minutes after the fifth, not after the sixth


def test_the_owners_own_browser_still_signs_in_during_a_lockout(owner):
    """Someone who knows the username cannot keep its owner out."""
    own_browser = Client()
    assert (
        own_browser.post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code
        == 302
    )
    assert "known_browser" in own_browser.cookies
    own_browser.post(reverse("logout"))
    attacker = Client()
    for _ in range(6):
        attacker.post(reverse("login"), {"username": "alice", "password": "guess"})
    assert (
        attacker.post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code
        == 429
    )
    response = own_browser.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    # The cookie is for that account only: another's can still be locked from this browser.
    own_browser.post(reverse("logout"))
    for _ in range(5):
        own_browser.post(reverse("login"), {"username": "bob", "password": "guess"})
    other = own_browser.post(reverse("login"), {"username": "bob", "password": PASSWORD})
    assert other.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1", "10.0.0.1"),  # no proxy: the header is the client's word
        (1, "203.0.113.9", "10.0.0.1", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "10.0.0.1", "203.0.113.9"),  # a forged first entry
        (2, "203.0.113.9, 10.0.0.2", "10.0.0.1", "203.0.113.9"),
        (1, "", "10.0.0.1", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1", "0.0.0.0"),
    ],
)
def test_the_client_address_is_read_behind_the_trusted_proxies(
    rf, settings, proxies, forwarded, remote, expected
):
    from recovery.accounts.client import client_address

    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_address(request) == expected


def test_behind_a_proxy_a_lockout_is_per_client_not_for_the_whole_site(settings, owner):
    settings.TRUSTED_PROXIES = 1
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    for _ in range(6):
        attacker.post(reverse("login"), {"username": "alice", "password": "guess"})
    owner_elsewhere = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    response = owner_elsewhere.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_passwords_across_usernames_pause_log_ins_from_that_address(client, owner):
    """Password spraying: each try costs an Argon2 hash, whatever the username."""
    own_browser = Client()
    own_browser.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    own_browser.post(reverse("logout"))
    for name in ["ann", "ben", "cat", "dan", "eve"]:
        for _ in range(4):  # under each username's own limit of 5
            client.post(reverse("login"), {"username": name, "password": "Spring2026!"})
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many log-in tries from here" in response.content.decode()
    assert "wait and try again" in response.content.decode()
    # The owner's own browser (same address) still gets in.
    assert (
        own_browser.post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code
        == 302
    )


def test_sign_ups_are_limited_per_address(client):
    def sign_up(name):
        return client.post(
            reverse("signup"),
            {"username": name, "email": f"{name}@example.com", "password1": PASSWORD,
             "password2": PASSWORD, "time_zone": "Europe/London"},
        )  # fmt: skip

    for number in range(10):
        assert sign_up(f"newcomer{number}").status_code == 302
        client.post(reverse("logout"))
    response = sign_up("newcomer10")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many new accounts were made from here" in body
    assert 'value="newcomer10"' in body  # what was typed is kept


def test_password_reset_requests_are_limited_per_address(client, owner):
    for _ in range(5):
        assert (
            client.post(reverse("password_reset"), {"email": "alice@example.com"}).status_code
            == 302
        )
    response = client.post(reverse("password_reset"), {"email": "alice@example.com"})
    assert response.status_code == 429
    assert "Too many reset requests" in response.content.decode()


def test_sessions_expire_within_two_weeks(settings):
    assert settings.SESSION_COOKIE_AGE <= 14 * 24 * 3600


# --- privacy --------------------------------------------------------------------------------------


def test_error_reports_never_show_posted_health_data(rf, settings):
    from django.views.debug import ExceptionReporter

    secret = "my private " + "pain story"  # built, so the test's own source shows no match
    request = rf.post("/injuries/new/", {"notes": secret, "pain": "8"})
    try:
        raise ValueError("boom")
    except ValueError as error:
        reporter = ExceptionReporter(request, type(error), error, error.__traceback__)
        html = reporter.get_traceback_html()
        text = reporter.get_traceback_text()
    for report in (html, text):
        assert secret not in report
        assert "notes" in report


def test_request_logs_name_the_path_not_the_data(client, owner, caplog):
    client.force_login(owner)
    with caplog.at_level("WARNING", logger="django.request"):
        client.post("/injuries/999999/entries/new/", {"notes": "secret swelling note"})
    assert "secret swelling note" not in caplog.text


def test_a_database_dump_restores_every_record(owner, tmp_path):
    """Backups: `manage.py dumpdata` then `loaddata` brings every record back."""
    from django.core.management import call_command

    injury = Injury.objects.create(user=owner, side="left", onset_at=NOW)
    injury.entries.create(recorded_at=NOW, pain=4, notes="before the backup")
    FluidEntry.objects.create(user=owner, at=NOW, amount_ml=300)
    dump = tmp_path / "backup.json"
    call_command("dumpdata", "auth.user", "recovery", output=str(dump), verbosity=0)
    counts = (Injury.objects.count(), SymptomEntry.objects.count(), FluidEntry.objects.count())
    owner.delete()
    assert Injury.objects.count() == 0
    call_command("loaddata", str(dump), verbosity=0)
    assert (
        Injury.objects.count(),
        SymptomEntry.objects.count(),
        FluidEntry.objects.count(),
    ) == counts
    assert SymptomEntry.objects.get().notes == "before the backup"


@pytest.mark.parametrize(
    "url",
    ["/", "/injuries/", "/charts/", "/report/", "/accounts/profile/", "/fluids/", "/ice/",
     "/accounts/data/export/", "/anatomy/"],
)  # fmt: skip
def test_a_signed_in_users_pages_are_kept_by_no_cache(owner_client, url):
    response = owner_client.get(url)
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_a_visitors_reference_page_may_be_cached(client):
    response = client.get("/anatomy/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_head_answers_wherever_get_does(owner_client, owner):
    """Monitors and link checkers send HEAD: a 405 where GET works reads as "site down"."""
    objects = make_objects(owner)
    token = objects["report/share"].token
    urls = ["/healthz", f"/shared/{token}/"]
    for route in all_routes():
        if "<" not in route:
            urls.append("/" + route)
        elif route in routes_with_an_id() and route.count("<") == 1:
            urls.append(url_for(route, object_for(route, objects).pk))
    checked = 0
    for url in urls:
        got = owner_client.get(url).status_code
        if got == 405:
            continue  # a POST-only route: HEAD is refused alike
        assert owner_client.head(url).status_code == got, url
        checked += 1
    assert checked >= 60


def test_robots_keep_private_pages_and_shared_reports_out_of_search_engines(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    disallowed = {line.split(": ")[1] for line in response.content.decode().splitlines()
                  if line.startswith("Disallow: ")}  # fmt: skip
    for prefix in ["/shared/", "/report/", "/injuries/", "/accounts/", "/charts/", "/fluids/"]:
        assert prefix in disallowed
    assert "/anatomy/" not in disallowed
    firsts = {route.split("/")[0] for route in all_routes()}
    assert {f"/{first}/" for first in firsts} - disallowed <= {
        "//", "/anatomy/", "/healthz/", "/favicon.ico/", "/robots.txt/", "/.well-known/",
        "/static/",
    }  # fmt: skip


def test_security_txt_says_how_to_report_a_problem(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@example.org"
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert "Contact: mailto:security@example.org" in lines
    assert "Expires: 2027-06-01T09:00:00Z" in lines


def test_a_refused_form_gets_the_apps_own_page_within_the_csp(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(reverse("cramps"), {"when": "now", "duration": "30"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "The form could not be sent" in body
    assert "nothing was saved" in body
    assert "DEBUG" not in body
    main = body[body.index("<main") : body.index("</main>")]
    assert "CSRF" not in main  # no jargon for the user
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in body  # the layout's script runs under the policy
