"""The revised clinical rules as a user meets them in a real Chromium: each new warning sign
with its level, reason and source; a foot-drop injury; an 11-minute cramp; a 5-day-old strain;
a notes box that never cuts a paste."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recovery.models import Injury, SymptomEntry
from tests.browser import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

NEW_SIGNS = [
    # (label on the form, heading of the advice, words of the reason, source)
    ("cold_limb", "Call emergency services now", "gone cold, pale, blue or grey", "NHS"),
    ("rising_pain", "Call emergency services now", "do not raise the leg", "NHS, Compartment"),
    ("saddle_numbness", "Call emergency services now", "cauda equina", "NHS, Cauda equina"),
    ("bladder_bowel", "Call emergency services now", "cauda equina", "NHS, Cauda equina"),
    ("both_legs_weak", "Call emergency services now", "cauda equina", "NHS, Cauda equina"),
    ("stroke_signs", "Call emergency services now", "signs of a stroke", "NHS, Stroke"),
    ("hard_veins", "Get help right away, today", "blood clot", "NHS, DVT"),
    ("foot_drop", "Get help right away, today", "foot drop", "Cleveland Clinic"),
    ("deformed", "Get help right away, today", "changed shape", "NHS, Sprains"),
]


def test_each_new_warning_sign_shows_its_level_reason_and_source(browser_page, owner):
    page = browser_page.page
    injury = Injury.objects.create(
        user=owner, side="left", onset_at=timezone.now() - dt.timedelta(hours=3)
    )
    injury.entries.create(recorded_at=timezone.now() - dt.timedelta(hours=3), pain=4)
    log_in(browser_page, then=injury.get_absolute_url())
    form = page.locator("#live form")
    expect(form.get_by_role("group", name="Signs in the leg")).to_be_hidden()  # one tap away
    form.get_by_text("Any warning signs?").click()
    expect(form.get_by_role("group", name="Signs in the leg")).to_be_visible()
    expect(form.get_by_role("group", name="Signs elsewhere in the body")).to_be_visible()
    assert_accessible(page)
    for saved, (flag, heading, words, source) in enumerate(NEW_SIGNS, start=2):
        form = page.locator("#live form")
        form.get_by_role("radio", name="5 ").check()
        details = form.locator("details.warning-signs")
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        form.get_by_label(SymptomEntry.RED_FLAGS[flag], exact=True).check()
        form.get_by_role("button", name="Save entry").click()
        expect(page.locator(".timeline-entry")).to_have_count(saved)
        advice = page.locator("#advice")
        expect(advice.get_by_role("heading", level=2)).to_have_text(heading)
        expect(advice).to_contain_text(words)
        expect(advice).to_contain_text(f"Source: {source}")
        expect(page.locator("#banner-heading")).to_have_text(heading)
        if heading.startswith("Call emergency"):
            expect(advice.get_by_role("link", name="Call 999 now")).to_be_visible()
        else:
            expect(advice.get_by_role("link", name="Call NHS 111")).to_be_visible()
            expect(advice.get_by_role("link", name="Call 999 now")).to_have_count(0)
    assert injury.entries.count() == 1 + len(NEW_SIGNS)
    assert_accessible(page)


def test_a_foot_drop_injury_is_urgent_from_the_start(browser_page, owner):
    page = browser_page.page
    log_in(browser_page, then="/injuries/new/")
    page.get_by_label("Chosen muscles").select_option("tibialis-anterior")
    page.get_by_role("radio", name="Right leg").check()
    page.get_by_role("radio", name="2 mild").check()
    page.locator("details.more-fields summary").click()
    page.get_by_role("radio", name="Foot drop").check()
    page.get_by_role("button", name="Log injury").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Foot drop")
    advice = page.locator("#advice")
    expect(advice.get_by_role("heading", level=2)).to_have_text("Get help right away, today")
    expect(advice).to_contain_text("You logged this as foot drop")
    expect(page.get_by_role("heading", name="Typical recovery")).to_have_count(0)
    expect(page.get_by_role("heading", name="RICE today (first 2 to 3 days)")).to_have_count(0)
    assert_accessible(page)


def test_an_11_minute_cramp_says_get_help_today(browser_page, owner):
    page = browser_page.page
    log_in(browser_page, then="/cramps/")
    page.get_by_role("radio", name="Left leg").check()
    page.get_by_label("How long did it last?").fill("11")
    page.get_by_role("radio", name="minutes").check()
    page.get_by_role("radio", name="6 moderate").check()
    page.get_by_role("button", name="Log the cramp").click()
    expect(page.get_by_text("Cramp logged.")).to_be_visible()
    advice = page.locator("#advice")
    expect(advice.get_by_role("heading", level=2)).to_have_text("Get help right away, today")
    expect(advice).to_contain_text("lasted 11 minutes")
    expect(advice).to_contain_text("Source: NHS, Leg cramps")
    expect(page.locator("#banner-heading")).to_have_text("Get help right away, today")
    assert_accessible(page)
    page.get_by_role("button", name="I got care for my cramps").click()
    expect(page.get_by_text("Recorded: you got care for your cramps.")).to_be_visible()
    expect(page.locator("#banner-heading")).to_have_count(0)


def test_a_5_day_old_strain_shows_movement_advice_not_rice(browser_page, owner):
    page = browser_page.page
    onset = timezone.now() - dt.timedelta(days=5)
    injury = Injury.objects.create(user=owner, side="left", onset_at=onset)
    injury.entries.create(recorded_at=onset, pain=7)
    injury.entries.create(recorded_at=timezone.now() - dt.timedelta(hours=1), pain=3)
    log_in(browser_page)
    card = page.locator(".injury-card")
    expect(card).to_contain_text("RICE is for the first 2 to 3 days, and those have passed")
    expect(card).not_to_contain_text("RICE today:")
    card.get_by_role("heading").get_by_role("link").click()
    expect(page.get_by_role("heading", name="Moving again")).to_be_visible()
    expect(page.get_by_role("heading", name="RICE today (first 2 to 3 days)")).to_have_count(0)
    assert_accessible(page)


def test_a_long_paste_in_the_notes_is_kept_counted_and_explained(browser_page, owner):
    page = browser_page.page
    injury = Injury.objects.create(user=owner, side="left", onset_at=timezone.now())
    log_in(browser_page, then=injury.get_absolute_url())
    form = page.locator("#live form")
    form.locator("details.more-fields summary").click()
    notes = form.get_by_label("Notes (optional)")
    expect(form.locator(".char-counter")).to_have_text("5,000 of 5,000 characters left.")
    text = "Sore on the stairs 😀\n" * 250  # 5,250 characters, an emoji counting as one
    notes.fill(text)
    expect(form.locator(".char-counter")).to_contain_text("250 characters over the 5,000 limit")
    assert notes.input_value() == text  # every character kept
    form.get_by_role("radio", name="3 mild").check()
    form.get_by_role("button", name="Save entry").click()
    expect(page.locator("#live")).to_contain_text("Your text is kept below")
    assert page.locator("#live form").get_by_label("Notes (optional)").input_value() == text
    assert_accessible(page)
