"""Helpers for the browser tests: CSP violation capture, axe scans, screenshots."""

from pathlib import Path

import pytest

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
        page.expose_function("__reportCspViolation", self.csp_violations.append)
        page.add_init_script(CSP_LISTENER)
        page.on(
            "console",
            lambda message: (
                self.csp_violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def goto(self, path):
        return self.page.goto(self.base_url + path)


def assert_no_csp_violations(browser_page):
    violations = sorted(set(browser_page.csp_violations))
    assert not violations, "Content Security Policy violations:\n" + "\n".join(violations)


def assert_accessible(page):
    """Run axe-core on the page as it is now and fail on any violation."""
    from axe_playwright_python.sync_playwright import Axe

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
