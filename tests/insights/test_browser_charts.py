"""The charts in a real Chromium: drawn from the logged data, switched in place."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from recovery.models import Cramp, FluidEntry, Injury, Treatment
from tests.browser import assert_accessible, datasets, drawn, eventually, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_charts_draw_the_logged_data_and_the_range_switches_in_place(browser_page, owner):
    page = browser_page.page
    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(user=owner, side="left", onset_at=now - dt.timedelta(days=20))
    for days, pain in [(20, 7), (10, 5), (2, 3)]:
        injury.entries.create(recorded_at=now - dt.timedelta(days=days), pain=pain)
    injury.entries.create(recorded_at=now - dt.timedelta(days=1), pain=4, numbness=True)
    Treatment.objects.create(
        user=owner, injury=injury, kind="ice", at=now - dt.timedelta(days=2), duration_minutes=20
    )
    for days in (1, 12):
        FluidEntry.objects.create(user=owner, at=now - dt.timedelta(days=days), amount_ml=1500)

    log_in(browser_page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Charts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery in charts")
    pain = {d["label"]: d for d in drawn(page, f"pain-chart-{injury.pk}")}
    assert pain["Pain (0-10)"]["values"] == [7, 5, 3, 4]
    assert pain["Warning signs"]["values"] == [4]
    assert pain["Ice"]["count"] == 1
    assert pain["7-day average"]["values"] == [7, 5, 3, 3.5]
    fluids = {d["label"]: d for d in datasets(page, "fluids-chart")}
    assert fluids["Drinks (mL)"]["values"] == [1500, 1500]
    assert fluids["Goal (mL)"]["values"] == [2000, 2000]
    assert_accessible(page)

    page.evaluate("window.__samePage = true")
    page.get_by_role("link", name="7 days").click()
    expect(page.get_by_role("link", name="7 days")).to_have_attribute("aria-current", "true")
    expect(page).to_have_url(f"{browser_page.base_url}/charts/?range=7")
    eventually(lambda: datasets(page, "fluids-chart")[0]["count"] == 1)
    assert page.evaluate("window.__samePage") is True
    pain = {d["label"]: d for d in datasets(page, f"pain-chart-{injury.pk}")}
    assert pain["Pain (0-10)"]["values"] == [3, 4]
    page.get_by_text("Pain as a table").click()
    expect(page.locator(".chart-table table").first).to_contain_text("Numbness or tingling")
    assert_accessible(page)


def test_a_long_range_loads_a_table_when_it_is_opened(browser_page, owner):
    page = browser_page.page
    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(user=owner, side="left", onset_at=now - dt.timedelta(days=60))
    injury.entries.create(recorded_at=now - dt.timedelta(days=50), pain=6, calf_swelling=True)
    log_in(browser_page, then="/charts/?range=90")
    assert drawn(page, f"pain-chart-{injury.pk}")
    page.get_by_text("Pain as a table").click()
    table = page.locator(f"#pain-table-{injury.pk}")
    expect(table).to_contain_text("Swelling in one calf, thigh or the whole leg")
    assert_accessible(page)


def test_on_a_phone_a_chart_is_drawn_when_it_comes_into_view(browser_page, owner):
    page = browser_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(user=owner, side="left", onset_at=now - dt.timedelta(days=5))
    injury.entries.create(recorded_at=now - dt.timedelta(days=1), pain=4)
    FluidEntry.objects.create(user=owner, at=now - dt.timedelta(days=1), amount_ml=1500)
    Cramp.objects.create(
        user=owner, started_at=now - dt.timedelta(days=2), side="left", duration_seconds=60, pain=5
    )
    log_in(browser_page, then="/charts/")
    drawn_now = "(id) => !!(window.Chart && Chart.getChart(document.getElementById(id)))"
    assert eventually(lambda: page.evaluate(drawn_now, f"pain-chart-{injury.pk}"))
    assert page.evaluate(drawn_now, "cramps-chart") is False  # far below: not drawn yet
    assert drawn(page, "cramps-chart") is not None  # scrolled to: drawn
