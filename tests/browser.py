"""Helpers for the browser tests: CSP violation capture, axe scans, screenshots."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

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
