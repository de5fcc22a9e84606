"""Shared test fixtures: users, collected static files, and a real Chromium through Playwright."""

import datetime as dt
import fcntl
import os
import shutil
import threading
import time
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.test.testcases import LiveServerThread
from pytest_django.live_server_helper import LiveServer

from recovery.models import Profile
from tests.browser import PASSWORD, BrowserPage, assert_no_csp_violations

# Chromium keeps only the last --disable-features it is given, so this one repeats the list
# Playwright passes (as of 1.5x) and adds the omnibox pop-ups that Chromium 156 otherwise
# renders in the background of every window: about a third of the browser tests' CPU.
DISABLED_FEATURES = [
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "WebUIOmniboxPopup",
    "WebUIOmniboxAimPopup",
]
BROWSER_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-features=" + ",".join(DISABLED_FEATURES),
]
HOW_TO_GET_A_BROWSER = (
    "No Chromium found for the browser tests. Install Debian's browser with "
    "`apt-get install chromium`, or point PLAYWRIGHT_CHROMIUM_EXECUTABLE at a Chromium binary."
)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the cached reference pages of one test's data
    must not answer another's (the database rolls back; the cache does not), nor what a
    process keeps per version of the reference data."""
    from django.core.cache import cache

    from anatomy.page_cache import forget_kept

    cache.clear()
    forget_kept()


@pytest.fixture(autouse=True)
def reference_data_in_every_database_test(request):
    """Every test that uses the database finds the reference data (muscles, stretches),
    whichever transactional test ran before it on the same worker and emptied the tables."""
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("reference_data")


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


class ReferenceRows:
    """The anatomy reference rows as the data migration loaded them, kept after the first
    look, so that tests which empty the tables get them back in one insert per table."""

    def __init__(self):
        from django.apps import apps

        config = apps.get_app_config("anatomy")
        self.models = list(config.get_models())  # in the order they were defined: FKs first
        for model in list(self.models):
            for field in model._meta.many_to_many:
                self.models.append(field.remote_field.through)
        self.rows = None

    def ensure(self):
        from django.apps import apps

        from anatomy import reference
        from anatomy.models import Muscle

        if Muscle.objects.exists():
            if self.rows is None:
                self.rows = {model: list(model.objects.values()) for model in self.models}
        elif self.rows is None:
            reference.load(apps.get_model)
        else:
            for model, rows in self.rows.items():
                model.objects.bulk_create([model(**row) for row in rows])


@pytest.fixture(scope="session")
def reference_rows():
    return ReferenceRows()


@pytest.fixture
def reference_data(django_db_blocker, reference_rows):
    """The anatomy reference rows. The data migration loads them into a fresh test database
    and a test's own changes roll back with it; but tests that run in transactions (browser
    tests) empty the tables afterwards, so the next one puts them back. Every database test
    gets it (below): no test module needs to ask."""
    with django_db_blocker.unblock():
        reference_rows.ensure()


# --- static files ----------------------------------------------------------------------------


# Production's hashed names from the manifest; production also compresses each file, which
# the browser tests do not need (CI's collectstatic step checks that with production's storage).
MANIFEST_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory, worker_id):
    """Collect static files once a run, as `make serve` does, for the browser tests: from
    then on pages name them as production does, with the manifest's hashed names. With
    several workers (pytest-xdist) the first to need them collects; the others wait."""
    run = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        run = run.parent  # the run's own folder, shared by its workers
    root = run / "staticfiles"
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        with open(run / "staticfiles.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (root / "staticfiles.json").exists():
                call_command("collectstatic", interactive=False, verbosity=0)
            fcntl.flock(lock, fcntl.LOCK_UN)
        yield root


class InFlight:
    """Requests the live server is answering now. A service worker may still be asking (its
    update check) when a test ends; the test database, one connection shared by the server's
    threads, must not be emptied under it."""

    count = 0
    lock = threading.Lock()

    @classmethod
    def done(cls):
        with cls.lock:
            cls.count -= 1

    @classmethod
    def wait(cls, seconds=5.0, quiet=0.3):
        """Until no request has been answered for `quiet` seconds (one the browser sent as it
        closed may reach the server a moment later), or `seconds` have passed."""
        deadline = time.monotonic() + seconds
        still_since = time.monotonic()
        while time.monotonic() < deadline:
            if cls.count:
                still_since = time.monotonic()
            elif time.monotonic() - still_since >= quiet:
                return
            time.sleep(0.05)


def served_by_whitenoise(app):
    """The live server's "static handler": none, so that WhiteNoise, in the middleware as in
    production, serves the collected files (hashed names, cached by the browser); each
    request is counted while it is answered (`InFlight`)."""

    def counted(environ, start_response):
        with InFlight.lock:
            InFlight.count += 1
        try:
            return _AnsweredOnClose(app(environ, start_response))
        except BaseException:
            InFlight.done()
            raise

    return counted


class _AnsweredOnClose:
    """A response body that counts its request as answered once the server closes it (after
    the body is sent, when Django's request_finished work runs), not when the view returns."""

    def __init__(self, body):
        self.body = body

    def __iter__(self):
        return iter(self.body)

    def close(self):
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            InFlight.done()


class CollectedStaticLiveServer(LiveServer):
    """pytest-django's live server, with static files served from STATIC_ROOT as collected,
    the way a deployment serves them.

    The default handler looks files up through the finders, which do not know the hashed
    names that the manifest storage puts in pages.
    """

    def __init__(self, addr):
        super().__init__(addr, start=False)
        default = self.thread
        self.thread = LiveServerThread(
            default.host,
            static_handler=served_by_whitenoise,
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


def _context(browser, viewport, service_workers="block"):
    context = browser.new_context(
        viewport=viewport,
        timezone_id=BROWSER_TIME_ZONE,
        locale="en-GB",
        service_workers=service_workers,
    )
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def browser_page(browser, live_server, request):
    """A fresh browser context per test; fails the test on any CSP violation it saw. The
    service worker is blocked: installing it fetches the whole reference, which the tests of
    pages need not wait for (tests/offline use `installed_page`)."""
    viewport = getattr(request, "param", None) or {"width": 1280, "height": 900}
    context = _context(browser, viewport)
    wrapped = BrowserPage(context.new_page(), live_server.url)
    yield wrapped
    context.close()
    assert_no_csp_violations(wrapped)


@pytest.fixture
def installed_page(browser, live_server):
    """A phone-sized browser context in which the service worker runs, as on a phone that
    opened the app; fails the test on any CSP violation it saw."""
    context = _context(browser, {"width": 390, "height": 844}, service_workers="allow")
    wrapped = BrowserPage(context.new_page(), live_server.url)
    yield wrapped
    context.close()
    InFlight.wait()
    assert_no_csp_violations(wrapped)


@pytest.fixture
def page(browser_page):
    return browser_page.page
