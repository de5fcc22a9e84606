"""Helpers for the browser tests: CSP violation capture, axe scans, screenshots, logging in,
and waiting for a chart to be drawn."""

import time
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

PASSWORD = "correct horse battery staple 42"

CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline code"}` +
      ` on ${event.documentURI}`
  );
});
"""


class BrowserPage:
    """A Playwright page on the live server that records every CSP violation it meets."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.csp_violations = []
        page.expose_function("__reportCspViolation", self._record)
        page.add_init_script(CSP_LISTENER)
        page.on("console", self._read_console)

    def _record(self, description):
        self.csp_violations.append(description)

    def _read_console(self, message):
        # Chromium also reports violations on the console, including ones raised before
        # the listener could run.
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def goto(self, path):
        return self.page.goto(self.base_url + path)


def assert_no_csp_violations(browser_page):
    violations = sorted(set(browser_page.csp_violations))
    assert not violations, "Content Security Policy violations:\n" + "\n".join(violations)


def assert_accessible(page):
    """Run axe-core on the page as it is now and fail on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    # Scan the settled page, not one caught in the middle of an htmx swap.
    busy = page.locator(".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added")
    expect(busy).to_have_count(0)
    results = Axe().run(page)
    if results.violations_count:
        lines = []
        for violation in results.response["violations"]:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"
            )
        pytest.fail(f"axe found violations on {page.url}:\n" + "\n".join(lines))


def save_screenshot(page, name):
    """Keep a screenshot of what a person would see (under test-artifacts/, git-ignored)."""
    folder = Path(__file__).resolve().parent.parent / "test-artifacts"
    folder.mkdir(exist_ok=True)
    page.screenshot(path=folder / f"{name}.png", full_page=True)


def log_in(browser_page, username="alice", then="/"):
    """Signed in as `username`, on the page `then` ("Today" unless told). The session comes
    as a cookie, as after the log-in form (whose own flows are tested in
    tests/accounts/test_browser_accounts.py)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    browser_page.page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": browser_page.base_url}]
    )
    response = browser_page.goto(then)
    if then == "/":
        expect(browser_page.page.get_by_role("heading", level=1)).to_have_text("Today")
    return response


def sign_up(page, username="erin", password=PASSWORD):
    """Fill in and send the sign-up form on the page that shows it."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password confirmation").fill(password)
    page.get_by_role("button", name="Create account").click()


def eventually(check, timeout=5.0):
    """Poll a check from Python: Playwright's wait_for_function would need eval, which the
    page's Content Security Policy forbids."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
        except PlaywrightError:
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError("the page never reached the expected state")
        time.sleep(0.1)


def datasets(page, canvas_id):
    """What Chart.js drew on a canvas: each dataset's label, number of points and values."""
    return page.evaluate(
        """(id) => window.Chart && Chart.getChart(document.getElementById(id)).data.datasets.map(
            (d) => ({label: d.label, count: d.data.length,
                     values: d.data.map((p) => (p && typeof p === 'object') ? p.y : p)}))""",
        canvas_id,
    )


def drawn(page, canvas_id):
    """The datasets of a chart once Chart.js has drawn it: scrolled into view first, since
    the charts page draws each chart as it comes into view."""
    page.locator(f"#{canvas_id}").scroll_into_view_if_needed()
    return eventually(lambda: datasets(page, canvas_id))
