"""Shared test fixtures: users, collected static files, and a real Chromium through Playwright."""

import datetime as dt
import os
import shutil
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.test.testcases import LiveServerThread, _StaticFilesHandler
from pytest_django.live_server_helper import LiveServer

from recovery.models import Profile
from tests.browser import PASSWORD, BrowserPage, assert_no_csp_violations

BROWSER_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOW_TO_GET_A_BROWSER = (
    "No Chromium found for the browser tests. Install Debian's browser with "
    "`apt-get install chromium`, or point PLAYWRIGHT_CHROMIUM_EXECUTABLE at a Chromium binary."
)


# --- users ---------------------------------------------------------------------------------


def make_user(django_user_model, username, **profile_fields):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.com", password=PASSWORD
    )
    Profile.objects.create(user=user, **profile_fields)
    return user


@pytest.fixture
def owner(django_user_model):
    """The user whose data a test is about."""
    return make_user(django_user_model, "alice", time_zone="Europe/London")


@pytest.fixture
def other_user(django_user_model):
    """A second user who must never see the owner's data."""
    return make_user(django_user_model, "bob", time_zone="America/New_York")


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def reference_data(django_db_blocker):
    """The anatomy reference rows. The data migration loads them into a fresh test database,
    but tests that run in transactions (browser tests) empty the tables afterwards."""
    from django.apps import apps

    from anatomy import reference

    with django_db_blocker.unblock():
        reference.load(apps.get_model)


# --- static files ----------------------------------------------------------------------------


PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Collect static files once, as `make serve` does, for the browser tests: from then on
    pages name them as production does, with the manifest's hashed names."""
    root = tmp_path_factory.mktemp("staticfiles")
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC_STORAGE}}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


class CollectedStaticLiveServer(LiveServer):
    """pytest-django's live server, serving static files from STATIC_ROOT as collected.

    The default handler looks files up through the finders, which do not know the hashed
    names that the manifest storage puts in pages; serving the collected files is also what
    a deployment does.
    """

    def __init__(self, addr):
        super().__init__(addr, start=False)
        default = self.thread
        self.thread = LiveServerThread(
            default.host,
            static_handler=_StaticFilesHandler,
            connections_override=default.connections_override,
            port=default.port,
        )
        self.thread.daemon = True
        self.start()


@pytest.fixture(scope="session")
def live_server(collected_static):
    server = CollectedStaticLiveServer(os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"))
    yield server
    server.stop()


# --- the browser -----------------------------------------------------------------------------


def chromium_executable():
    configured = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE")
    candidates = [configured] if configured else ["/usr/bin/chromium", "chromium"]
    for candidate in candidates:
        found = shutil.which(candidate) if candidate else None
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    executable = chromium_executable()
    if executable is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(HOW_TO_GET_A_BROWSER + " (REQUIRE_BROWSER=1 makes this a failure.)")
        pytest.skip(HOW_TO_GET_A_BROWSER)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls that tests make
    # around it are still synchronous, so Django's async guard is relaxed for them.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=BROWSER_FLAGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


BROWSER_TIME_ZONE = "Europe/Berlin"


def midday_today():
    """Noon today in the browser's time zone, in UTC: a start for a test whose minutes-long
    story must stay within one day in every zone it touches (the browser's Berlin, alice's
    London), whenever the suite runs."""
    local = dt.datetime.now(ZoneInfo(BROWSER_TIME_ZONE))
    return local.replace(hour=12, minute=0, second=0, microsecond=0).astimezone(dt.UTC)


@pytest.fixture
def browser_page(browser, live_server, request):
    """A fresh browser context per test; fails the test on any CSP violation it saw."""
    viewport = getattr(request, "param", None) or {"width": 1280, "height": 900}
    context = browser.new_context(viewport=viewport, timezone_id=BROWSER_TIME_ZONE, locale="en-GB")
    context.set_default_timeout(10_000)
    wrapped = BrowserPage(context.new_page(), live_server.url)
    yield wrapped
    context.close()
    assert_no_csp_violations(wrapped)


@pytest.fixture
def page(browser_page):
    return browser_page.page
