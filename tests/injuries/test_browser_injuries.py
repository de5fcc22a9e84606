"""Logging an injury and getting advice, as a new user would, in a real Chromium."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from recovery.models import Injury
from tests.browser import assert_accessible, sign_up

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BERLIN = ZoneInfo("Europe/Berlin")  # the browser's zone, which sign-up picks up


def local(moment):
    return moment.astimezone(BERLIN).strftime("%Y-%m-%dT%H:%M")


def add_entry(page, pain, when=None, flags=()):
    form = page.locator("#live form")
    form.get_by_role("radio", name=f"{pain} ").check()
    if flags:  # the warning signs are one tap away
        form.locator("details.warning-signs summary").click()
    for flag in flags:
        form.get_by_label(flag).check()
    if when is not None:
        details = form.locator("details.more-fields")
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        form.get_by_label("When", exact=True).fill(local(when))
    form.get_by_role("button", name="Save entry").click()
    expect(page.locator("#live")).to_contain_text("Entry saved.")


def test_a_new_user_logs_a_strain_sees_the_call_prompt_quiets_it_and_gets_urgent_advice(
    browser_page,
):
    page = browser_page.page
    now = dt.datetime.now(dt.UTC)
    browser_page.goto("/accounts/signup/")
    sign_up(page, "grace")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    assert_accessible(page)

    page.get_by_role("link", name="Log an injury").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log an injury")
    assert_accessible(page)
    page.get_by_role("radio", name="Back", exact=True).check()
    page.locator('svg a.map-muscle[data-muscle="biceps-femoris"]').click()
    expect(page.get_by_label("Chosen muscles")).to_have_values(["biceps-femoris"])
    expect(page.locator("[data-picked-status]")).to_have_text("Biceps femoris chosen.")
    page.get_by_role("radio", name="Left leg").check()
    page.get_by_role("radio", name="6 moderate").check()
    page.locator("details.more-fields summary").click()
    page.get_by_label("When did it start?").fill(local(now - dt.timedelta(days=3)))
    page.get_by_role("button", name="Log injury").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Biceps femoris")
    injury = Injury.objects.get(user__username="grace")
    assert injury.side == "left"
    assert injury.entries.get().pain == 6

    add_entry(page, 6, when=now - dt.timedelta(days=2))
    add_entry(page, 6, when=now - dt.timedelta(days=1))
    banner = page.locator("#advice-banner")
    expect(banner).to_contain_text("Call your provider")
    expect(banner).to_contain_text("is not 2 points or 30% lower than your highest")
    expect(page.locator("#advice")).to_contain_text("Source: Cleveland Clinic")
    assert_accessible(page)

    ack = page.locator("form[action$='/acknowledge/']")
    ack.get_by_role("radio", name="I contacted my provider").check()
    ack.get_by_label("Note (optional)").fill("Booked physio for Friday")
    ack.get_by_role("button", name="Record it").click()
    expect(page.get_by_text("Recorded: i contacted my provider.")).to_be_visible()
    expect(page.locator("#advice-banner")).not_to_contain_text("Call your provider")
    expect(page.locator("#advice")).to_contain_text("paused until")
    expect(page.locator(".timeline")).to_contain_text("Booked physio for Friday")

    add_entry(page, 5, flags=["Numbness or tingling"])
    expect(page.locator("#advice-banner")).to_contain_text("Get help right away, today")
    # Signed up in Berlin: the urgent level leads with the same-day line, 112 is the fallback.
    banner = page.locator("#advice-banner")
    expect(
        banner.get_by_role("link", name="Call Ärztlicher Bereitschaftsdienst (116117)")
    ).to_have_attribute("href", "tel:116117")
    expect(banner.get_by_role("link", name="112")).to_have_attribute("href", "tel:112")
    assert_accessible(page)
    for path in ["/", "/accounts/profile/", "/anatomy/", "/injuries/"]:
        browser_page.goto(path)
        expect(page.locator("#advice-banner")).to_contain_text("Get help right away, today")
        assert_accessible(page)


def test_an_entry_with_a_mistake_shows_the_error_in_place_and_keeps_the_answers(
    browser_page, owner
):
    page = browser_page.page
    injury = Injury.objects.create(
        user=owner, side="right", onset_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=3)
    )
    injury.entries.create(recorded_at=injury.onset_at, pain=4)
    browser_page.goto("/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("correct horse battery staple 42")
    page.get_by_role("button", name="Log in").click()
    browser_page.goto(injury.get_absolute_url())

    form = page.locator("#live form")
    form.locator("details.warning-signs summary").click()
    form.get_by_label("Unable to put weight on the leg").check()
    form.locator("details.more-fields summary").click()
    form.get_by_label("Notes (optional)").fill("Worse on the stairs")
    form.get_by_role("button", name="Save entry").click()
    expect(page.locator("#id_pain_error")).to_contain_text("Pain is a whole number from 0")
    form = page.locator("#live form")
    expect(form.get_by_label("Unable to put weight on the leg")).to_be_checked()
    expect(form.get_by_label("Notes (optional)")).to_have_value("Worse on the stairs")
    assert injury.entries.count() == 1
    assert_accessible(page)

    # A time typed in the future is explained in place too, the answers still kept.
    london = ZoneInfo("Europe/London")
    form.get_by_role("radio", name="3 mild").check()
    tomorrow = dt.datetime.now(london) + dt.timedelta(days=1)
    form.get_by_label("When", exact=True).fill(tomorrow.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_role("button", name="Save entry").click()
    expect(page.locator("#id_recorded_at_error")).to_contain_text("This time is in the future")
    form = page.locator("#live form")
    expect(form.get_by_label("Notes (optional)")).to_have_value("Worse on the stairs")
    assert injury.entries.count() == 1

    an_hour_ago = dt.datetime.now(london) - dt.timedelta(hours=1)
    form.get_by_label("When", exact=True).fill(an_hour_ago.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_role("button", name="Save entry").click()
    expect(page.locator("#advice-banner")).to_contain_text("Get help right away")
    assert injury.entries.count() == 2


def test_editing_and_deleting_an_entry_asks_first(browser_page, owner):
    page = browser_page.page
    injury = Injury.objects.create(
        user=owner, side="both", onset_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=5)
    )
    entry = injury.entries.create(recorded_at=injury.onset_at, pain=7)
    browser_page.goto("/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("correct horse battery staple 42")
    page.get_by_role("button", name="Log in").click()
    browser_page.goto(injury.get_absolute_url())

    page.locator(".timeline").get_by_role("link", name="Edit").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit entry")
    assert_accessible(page)
    page.get_by_role("radio", name="5 moderate").check()
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_text("Entry updated.")).to_be_visible()
    entry.refresh_from_db()
    assert entry.pain == 5

    page.locator(".timeline").get_by_role("link", name="Delete").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this entry?")
    assert_accessible(page)
    page.get_by_role("link", name="No, keep it").click()
    assert injury.entries.count() == 1
    page.locator(".timeline").get_by_role("link", name="Delete").first.click()
    page.get_by_role("button", name="Yes, delete").click()
    expect(page.get_by_text("Entry deleted.")).to_be_visible()
    assert injury.entries.count() == 0


@pytest.mark.parametrize("browser_page", [{"width": 360, "height": 740}], indirect=True)
def test_logging_from_a_muscle_page_on_a_phone(browser_page, owner):
    page = browser_page.page
    browser_page.goto("/anatomy/muscles/soleus/")
    page.get_by_role("link", name="Log an injury here").click()
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("correct horse battery staple 42")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log an injury")
    expect(page.get_by_label("Chosen muscles")).to_have_values(["soleus"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("radio", name="Right leg").check()
    page.get_by_role("radio", name="4 moderate").check()
    page.get_by_role("button", name="Log injury").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Soleus")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
