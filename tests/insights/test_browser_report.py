"""The provider report in a real Chromium: printed to PDF, and shared by a link."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from recovery.models import Injury
from tests.browser import BrowserPage, assert_accessible, assert_no_csp_violations, drawn, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.fixture
def injury(owner):
    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(
        user=owner, side="left", grade="1", onset_at=now - dt.timedelta(days=6), notes="Sprint"
    )
    for days, pain in [(6, 7), (5, 6), (3, 5), (1, 3)]:
        injury.entries.create(recorded_at=now - dt.timedelta(days=days), pain=pain)
    injury.entries.create(recorded_at=now - dt.timedelta(days=2), pain=5, numbness=True)
    return injury


def test_the_report_prints_on_one_or_two_pages_with_its_chart(browser_page, injury):
    page = browser_page.page
    log_in(browser_page, then=f"/report/?injury={injury.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leg recovery report")
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    assert drawn(page, f"pain-chart-{injury.pk}")
    assert_accessible(page)
    for size in ["A4", "Letter"]:
        pdf = page.pdf(format=size, print_background=True)
        assert 1 <= pdf_pages(pdf) <= 2, f"{size}: {pdf_pages(pdf)} pages"
        assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf  # the chart is in it


def test_a_share_link_works_in_a_fresh_browser_and_stops_when_revoked(
    browser, browser_page, live_server, injury
):
    page = browser_page.page
    log_in(browser_page, then=f"/report/?injury={injury.pk}")
    page.get_by_label("Link works for (days)").fill("7")
    page.get_by_role("button", name="Make a share link").click()
    expect(page.get_by_text("Share link made.")).to_be_visible()
    link = page.locator("#share-heading ~ ul a").first.get_attribute("href")
    assert_accessible(page)

    provider = browser.new_context()
    provider_page = BrowserPage(provider.new_page(), live_server.url)
    provider_page.goto(link)
    expect(provider_page.page.get_by_role("heading", level=1)).to_have_text("Leg recovery report")
    expect(provider_page.page.get_by_text("Sprint")).to_be_visible()
    expect(provider_page.page.get_by_role("button", name="Log out")).to_have_count(0)
    assert_accessible(provider_page.page)

    page.get_by_role("button", name=re.compile("^Revoke")).click()
    expect(page.get_by_text("The link no longer works.")).to_be_visible()
    response = provider_page.goto(link)
    assert response.status == 410
    expect(provider_page.page.get_by_role("heading", level=1)).to_have_text("This link has expired")
    assert_accessible(provider_page.page)
    assert_no_csp_violations(provider_page)
    provider.close()


def test_five_months_of_entries_still_print_on_one_or_two_pages(browser_page, owner):
    from recovery.models import SymptomEntry

    page = browser_page.page
    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(
        user=owner, side="right", grade="2", onset_at=now - dt.timedelta(days=150)
    )
    SymptomEntry.objects.bulk_create(
        SymptomEntry(
            injury=injury,
            recorded_at=now - dt.timedelta(hours=hours),
            pain=2 + hours // 600,
            numbness=hours == 2000,
        )
        for hours in range(0, 150 * 24, 8)
    )
    log_in(browser_page, then=f"/report/?injury={injury.pk}")
    expect(page.get_by_role("table", name=re.compile("Pain by month"))).to_be_visible()
    assert drawn(page, f"pain-chart-{injury.pk}")
    assert_accessible(page)
    for size in ["A4", "Letter"]:
        pdf = page.pdf(format=size, print_background=True)
        assert 1 <= pdf_pages(pdf) <= 2, f"{size}: {pdf_pages(pdf)} pages"
        assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf


def printed_pages(browser_page, path, charts):
    """The report at `path` printed to PDF: its pages on A4 and on Letter, once its charts are
    drawn; and checks that page 1 opens with an injury, not a title alone, and that no time
    in a table wraps."""
    page = browser_page.page
    browser_page.goto(path)
    for chart in charts:
        assert drawn(page, chart)
    page.emulate_media(media="print")
    first = page.locator(".report-injury h2").first.bounding_box()
    assert first["y"] < 400  # on page 1, near its top
    wrapping = page.evaluate(
        """[...document.querySelectorAll(".report-table tbody tr td:first-child")]
           .filter((cell) => getComputedStyle(cell).whiteSpace !== "nowrap").length"""
    )
    assert wrapping == 0
    pages = {size: pdf_pages(page.pdf(format=size)) for size in ("A4", "Letter")}
    page.emulate_media(media="screen")
    return pages


def test_the_demo_users_reports_fit_their_pages(browser_page):
    """A year of data with several entries a day: one injury over 2 weeks, a month or 3 months
    prints on at most 2 pages; all injuries over a month on at most a page per injury."""
    from recovery.management.commands.seed_demo import seed_demo

    seed_demo(username="demo", days=365)
    injuries = list(Injury.objects.filter(user__username="demo"))
    active = next(injury for injury in injuries if injury.is_active)
    today = dt.date.today()
    log_in(browser_page, "demo", then="/report/")
    chart = [f"pain-chart-{active.pk}"]
    for days in (14, 30, 90):
        start = today - dt.timedelta(days=days - 1)
        path = f"/report/?injury={active.pk}&start={start}&end={today}"
        pages = printed_pages(browser_page, path, chart)
        assert all(count <= 2 for count in pages.values()), (days, pages)
    start = today - dt.timedelta(days=29)
    pages = printed_pages(browser_page, f"/report/?injury=all&start={start}&end={today}", chart)
    assert all(count <= len(injuries) for count in pages.values()), pages
    assert_accessible(browser_page.page)


def test_a_one_entry_a_day_report_fits_two_pages(browser_page, owner):
    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(user=owner, side="left", onset_at=now - dt.timedelta(days=95))
    for day in range(90):
        injury.entries.create(
            recorded_at=now - dt.timedelta(days=day, hours=2),
            pain=7 - day // 15,
            notes="Walked to work and back" if day % 10 == 0 else "",
            calf_swelling=day == 40,
        )
    today = dt.date.today()
    log_in(browser_page, then="/report/")
    for days in (30, 90):
        start = today - dt.timedelta(days=days - 1)
        path = f"/report/?injury={injury.pk}&start={start}&end={today}"
        pages = printed_pages(browser_page, path, [f"pain-chart-{injury.pk}"])
        assert all(count <= 2 for count in pages.values()), (days, pages)
