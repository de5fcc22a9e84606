"""The ice timer in a real Chromium, with both clocks moved: the server's (time_machine) and
the page's (Playwright's clock)."""

import datetime as dt
import re

import pytest
import time_machine
from playwright.sync_api import expect

from recovery.models import IceSession, Injury, Treatment
from tests.browser import assert_accessible, log_in
from tests.conftest import midday_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def start_ice(page, minutes=None):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ice timer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ice timer")
    if minutes is not None:
        page.get_by_label("How long (minutes)").fill(str(minutes))
    page.get_by_label("There is a cloth or towel between the ice and my skin").check()
    page.get_by_role("button", name="Start the timer").click()


def test_a_20_minute_session_survives_a_reload_a_second_tab_and_ends_on_the_timeline(
    browser_page, owner
):
    page = browser_page.page
    start = midday_today()  # "today's RICE" must be the day the session ran
    injury = Injury.objects.create(user=owner, side="left", onset_at=start - dt.timedelta(hours=2))
    injury.entries.create(recorded_at=injury.onset_at, pain=5)
    with time_machine.travel(start, tick=True) as server_clock:
        page.context.clock.install(time=start)
        log_in(browser_page)
        page.goto(browser_page.base_url + injury.get_absolute_url())
        page.get_by_role("link", name="Start the ice timer").click()
        expect(page.get_by_label("For which injury? (optional)")).to_have_value(str(injury.pk))
        page.get_by_label("There is a cloth or towel between the ice and my skin").check()
        page.get_by_role("button", name="Start the timer").click()
        countdown = page.get_by_role("timer")
        expect(countdown).to_have_text(re.compile(r"^(20:00|19:5\d)$"))
        assert_accessible(page)

        server_clock.shift(dt.timedelta(minutes=7))
        page.clock.fast_forward("07:00")
        page.reload()
        expect(countdown).to_have_text(re.compile(r"^(13:00|12:5\d)$"))

        second_tab = page.context.new_page()
        second_tab.goto(page.url)
        expect(second_tab.get_by_role("timer")).to_have_text(re.compile(r"^(13:00|12:5\d)$"))
        second_tab.close()

        server_clock.shift(dt.timedelta(minutes=3, seconds=10))
        page.clock.fast_forward("03:10")
        expect(page.locator("[data-skin-check]")).to_contain_text("Time to check your skin")

        server_clock.shift(dt.timedelta(minutes=10))
        page.clock.fast_forward("10:00")
        expect(page.locator("#timer")).to_contain_text("Done: 20 minutes of ice")
        expect(page.locator("#timer")).to_contain_text("next session is suggested from")
        assert_accessible(page)

        page.get_by_role("link", name="Back to the injury").click()
        expect(page.locator(".timeline")).to_contain_text("Ice, 20 minutes")
        expect(page.locator(".rice")).to_contain_text("Ice: done, 20 minutes")
    session = IceSession.objects.get()
    assert session.status == "completed"
    assert session.minutes == 20


def test_stopping_early_records_what_was_done(browser_page, owner):
    page = browser_page.page
    log_in(browser_page)
    start_ice(page, minutes=15)
    expect(page.get_by_role("timer")).to_be_visible()
    page.get_by_role("button", name="Stop now").click()
    expect(page.get_by_text(re.compile(r"Stopped\. \d+ minutes of ice recorded\."))).to_be_visible()
    expect(page.locator("#timer")).to_contain_text("Stopped after")
    assert_accessible(page)
    session = IceSession.objects.get()
    assert session.status == "stopped"
    assert session.treatment.kind == "ice"


def test_started_by_mistake_cancels_without_a_record(browser_page, owner):
    page = browser_page.page
    log_in(browser_page)
    start_ice(page)
    page.get_by_role("button", name="Started by mistake: cancel").click()
    expect(page.get_by_text("Cancelled. Nothing was recorded.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ice timer")
    assert_accessible(page)
    assert IceSession.objects.get().status == "cancelled"
    assert Treatment.objects.count() == 0


def test_starting_without_a_barrier_or_with_21_minutes_is_explained(browser_page, owner):
    page = browser_page.page
    log_in(browser_page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ice timer").click()
    page.get_by_label("How long (minutes)").fill("21")
    page.get_by_role("button", name="Start the timer").click()
    expect(page.locator("#id_minutes_error")).to_contain_text("at most 20 minutes")
    expect(page.get_by_text("Put a cloth or towel between the ice and your skin")).to_be_visible()
    expect(page.get_by_label("How long (minutes)")).to_have_value("21")
    assert_accessible(page)
    assert not IceSession.objects.exists()


def test_logging_a_treatment_by_hand(browser_page, owner):
    page = browser_page.page
    log_in(browser_page, then="/treatments/new/")
    assert_accessible(page)
    page.get_by_role("radio", name="Medication").check()
    page.get_by_label("Details (optional)").fill("Paracetamol 500 mg")
    page.get_by_role("button", name="Log it").click()
    expect(page.get_by_text("Medication logged.")).to_be_visible()
    expect(page.get_by_role("link", name="Medication")).to_be_visible()
    expect(page.get_by_text("Paracetamol 500 mg")).to_be_visible()
    assert_accessible(page)


def test_a_device_clock_that_is_wrong_by_minutes_does_not_change_the_time_left(browser_page, owner):
    page = browser_page.page
    page.context.clock.install(time=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=37))
    log_in(browser_page)
    start_ice(page)
    expect(page.get_by_role("timer")).to_have_text(re.compile(r"^(20:00|19:5\d)$"))
    expect(page.locator(".ends")).to_contain_text("Ends at")
