"""Drinks, cramps and a guided stretch, as a new user would do them, in a real Chromium."""

import datetime as dt
import re

import pytest
import time_machine
from playwright.sync_api import expect

from recovery.models import Cramp, FluidEntry, StretchSession
from tests.browser import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_adding_two_glasses_moves_the_bar_and_undo_takes_one_back(browser_page, owner):
    page = browser_page.page
    log_in(browser_page, then="/fluids/")
    assert_accessible(page)
    bar = page.locator("progress.fluid-bar")
    expect(bar).to_have_attribute("value", "0")
    page.evaluate("window.__samePage = true")
    page.get_by_role("button", name="Add a 250 mL glass").click()
    expect(page.locator("#progress-words")).to_contain_text("You have had 0.25 L today")
    page.get_by_role("button", name="Add a 250 mL glass").click()
    expect(page.locator("#progress-words")).to_contain_text(
        "You have had 0.5 L today, 25 percent of your goal of 2 L."
    )
    expect(bar).to_have_attribute("value", "500")
    page.get_by_role("button", name="Undo the last drink").click()
    expect(page.locator("#progress-words")).to_contain_text("You have had 0.25 L today")
    assert page.evaluate("window.__samePage") is True
    assert FluidEntry.objects.count() == 1
    assert_accessible(page)
    page.get_by_role("link", name="History by day").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Drinks by day")
    assert_accessible(page)


def test_an_amount_that_is_not_allowed_is_explained_in_place_then_fixed(browser_page, owner):
    page = browser_page.page
    log_in(browser_page, then="/fluids/")
    page.evaluate("window.__samePage = true")
    page.get_by_text("Another amount").click()
    page.get_by_label("Amount (mL)").fill("20000")
    page.get_by_role("radio", name="Other drink").check()
    page.get_by_role("button", name="Add it").click()
    expect(page.locator("#id_amount_error")).to_contain_text("Enter one drink of 1 to 3000 mL")
    # The rest of what was typed is kept, and the page was not left.
    expect(page.get_by_label("Amount (mL)")).to_have_value("20000")
    expect(page.get_by_role("radio", name="Other drink")).to_be_checked()
    assert page.evaluate("window.__samePage") is True
    assert FluidEntry.objects.count() == 0
    assert_accessible(page)
    page.get_by_label("Amount (mL)").fill("330")
    page.get_by_role("button", name="Add it").click()
    expect(page.locator("#progress-words")).to_contain_text("You have had 0.33 L today")
    assert FluidEntry.objects.get().drink == "other"


def test_an_earlier_night_cramp_from_the_dashboard_in_a_few_taps(browser_page, owner):
    page = browser_page.page
    log_in(browser_page)
    page.get_by_role("link", name="Log an earlier cramp").click()
    page.get_by_role("radio", name="Last night").check()
    page.get_by_role("radio", name="Left leg").check()
    page.get_by_label("How long did it last?").fill("90")
    page.get_by_role("radio", name="7 severe").check()
    page.get_by_role("button", name="Log the cramp").click()
    expect(page.get_by_text("Cramp logged.")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Gastrocnemius, left leg; 1 min 30 s; pain 7/10")
    cramp = Cramp.objects.get()
    assert cramp.at_night is True
    assert cramp.muscle.slug == "gastrocnemius"
    assert_accessible(page)


def test_a_guided_stretch_counts_holds_and_rests_and_is_logged(browser_page, owner):
    page = browser_page.page
    start = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with time_machine.travel(start, tick=True) as server_clock:
        page.context.clock.install(time=start)
        log_in(browser_page, then="/anatomy/stretches/calf-stretch-straight-knee/")
        assert_accessible(page)
        page.get_by_role("link", name="Do it with the guided timer").click()
        page.get_by_label("Number of holds").fill("2")
        page.get_by_label("Seconds per hold").fill("30")
        page.get_by_label("Seconds of rest between holds").fill("10")
        page.get_by_role("button", name="Start the guided stretch").click()
        heading = page.locator("[data-phase-heading]")
        expect(heading).to_have_text("Hold 1 of 2")
        assert_accessible(page)

        server_clock.shift(dt.timedelta(seconds=32))
        page.clock.fast_forward("00:32")
        expect(heading).to_have_text("Rest, then hold 2 of 2")

        page.reload()
        expect(heading).to_have_text(re.compile(r"^Rest, then hold 2 of 2$"))

        server_clock.shift(dt.timedelta(seconds=40))
        page.clock.fast_forward("00:40")
        expect(page.locator("#guide")).to_contain_text("Done: 2 holds of 30 seconds")
        page.get_by_label(re.compile("How much did it hurt during the stretch")).fill("2")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Pain during the stretch saved.")).to_be_visible()
        assert_accessible(page)
    session = StretchSession.objects.get()
    assert (session.status, session.holds_done, session.pain_during) == ("done", 2, 2)
    browser_page.goto("/stretches/")
    expect(
        page.get_by_role("link", name="Calf stretch against a wall, knee straight")
    ).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    ["/cramps/", "/stretches/", "/stretches/log/", "/anatomy/stretches/", "/anatomy/warm-up/"],
)
def test_habit_pages_pass_axe_with_no_csp_violations(browser_page, owner, path):
    response = log_in(browser_page, then=path)
    assert response.status == 200
    assert_accessible(browser_page.page)
