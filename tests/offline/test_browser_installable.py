"""Installable and readable offline, in a real Chromium at phone size with the service worker
running: no installability errors, pages seen open offline marked as saved copies, the
reference opens offline, and another account never sees the pages kept for the first."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from recovery.models import Injury
from tests.browser import (
    BrowserPage,
    assert_accessible,
    assert_no_csp_violations,
    eventually,
    log_in,
)
from tests.conftest import BROWSER_FLAGS, InFlight, chromium_executable

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(installed, path):
    """Go to `path` and wait until it is the page shown. The app may reload a page itself
    (coming back online, or after a sync); a navigation that meets such a reload of the same
    page ends with that reload, and one that meets another is tried again."""
    url = installed.base_url + path
    for attempt in range(3):
        try:
            installed.goto(path)
            break
        except PlaywrightError as error:
            if attempt == 2 or not ("interrupted" in str(error) or "ERR_ABORTED" in str(error)):
                raise
            if installed.page.url == url:
                installed.page.wait_for_load_state()
                break
    expect(installed.page).to_have_url(url)


HEALTH = """() => fetch("/healthz", {method: "HEAD", cache: "no-store"}).then(
    (response) => response.ok, () => false)"""


def back_online(installed):
    """The connection returns. The browser tells its pages at once and its service worker a
    moment later; wait until the worker reaches the server too, so that the next page is the
    live one and not a saved copy that reloads itself as it learns it is online."""
    context = installed.page.context
    context.set_offline(False)
    (worker,) = context.service_workers
    eventually(lambda: worker.evaluate(HEALTH))


def controlled(browser_page):
    """Wait until the service worker has installed (the reference kept) and controls the page."""
    in_control = browser_page.page.evaluate(
        """() => Promise.race([
            navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller ||
                new Promise((done) => navigator.serviceWorker.addEventListener(
                    "controllerchange", done, { once: true }))).then(() => true),
            new Promise((done) => setTimeout(() => done(false), 20000)),
        ])"""
    )
    assert in_control, "the service worker did not install and take control in 20 s"


def test_chromium_finds_nothing_against_installing_it(browser, live_server, owner, tmp_path):
    # A profile on disk, as a person's browser has: an incognito one can never install.
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile",
        executable_path=chromium_executable(),
        args=BROWSER_FLAGS,
        viewport={"width": 390, "height": 844},
    )
    try:
        installed = BrowserPage(context.pages[0], live_server.url)
        log_in(installed)
        controlled(installed)
        page = installed.page
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        assert '"display": "standalone"' in manifest["data"]
        assert_no_csp_violations(installed)
    finally:
        context.close()
        InFlight.wait()


def test_pages_seen_open_offline_as_saved_copies_and_the_reference_too(installed_page, owner):
    injury = Injury.objects.create(
        user=owner, side="left", onset_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    )
    injury.entries.create(recorded_at=dt.datetime.now(dt.UTC), pain=4)
    page = installed_page.page
    log_in(installed_page)
    controlled(installed_page)
    installed_page.goto("/")
    installed_page.goto(injury.get_absolute_url())
    page.context.set_offline(True)

    visit(installed_page, "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    expect(page.get_by_role("status").filter(has_text="saved copy")).to_contain_text(
        "You are offline: this is a saved copy from"
    )
    assert_accessible(page)
    page.reload()
    expect(page.get_by_text("You are offline: this is a saved copy from")).to_be_visible()
    visit(installed_page, injury.get_absolute_url())
    expect(page.get_by_text("4/10").first).to_be_visible()
    visit(installed_page, "/anatomy/muscles/soleus/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Soleus")
    visit(installed_page, "/charts/")  # never opened: the offline page instead
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    assert_accessible(page)


def test_another_account_signing_in_forgets_the_pages_kept(installed_page, owner, other_user):
    injury = Injury.objects.create(
        user=owner, side="left", onset_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    )
    page = installed_page.page
    log_in(installed_page)
    controlled(installed_page)
    installed_page.goto(injury.get_absolute_url())
    page.context.clear_cookies()
    log_in(installed_page, username=other_user.username)
    page.context.set_offline(True)
    installed_page.goto(injury.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    installed_page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    expect(page.get_by_text(injury.title())).to_have_count(0)


def test_signing_out_forgets_the_pages_kept(installed_page, owner):
    page = installed_page.page
    log_in(installed_page)
    controlled(installed_page)
    installed_page.goto("/more/")
    page.get_by_role("button", name="Log out").click()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")
    ).to_be_visible()
    page.context.set_offline(True)
    installed_page.goto("/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Today")


FETCH = "(url) => fetch(url).then(async (response) => [response.status, await response.text()])"


def test_a_page_kept_before_an_update_gets_todays_files(installed_page, owner):
    # A deploy gives the stylesheet a new name; a page kept before it asks for the old one.
    log_in(installed_page)
    controlled(installed_page)
    page = installed_page.page
    today = page.locator('link[rel="stylesheet"]').get_attribute("href")
    old = re.sub(r"\.[0-9a-f]{12}\.css$", ".0123456789ab.css", today)
    assert old != today, "the file's name carries its version"
    _, todays_text = page.evaluate(FETCH, today)
    assert page.evaluate(FETCH, old) == [200, todays_text]  # the server has no such file
    page.context.set_offline(True)
    assert page.evaluate(FETCH, old) == [200, todays_text]
