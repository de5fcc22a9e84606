"""The frame on a 390 x 844 phone in a real Chromium: the tab bar at the bottom, a one-row
header, a "call your provider" banner that takes one line away from Today, and the ice timer
started in two taps from Today."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from recovery.models import IceSession, Injury
from tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def not_improving(user):
    """An injury 3 days old whose pain has stayed at 6: "call your provider"."""
    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(user=user, side="left", onset_at=now - dt.timedelta(days=3))
    for hours in (70, 40, 2):
        injury.entries.create(recorded_at=now - dt.timedelta(hours=hours), pain=6)
    return injury


def bottom(locator):
    box = locator.bounding_box()
    return box["y"] + box["height"]


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_a_phone_gets_tabs_at_the_bottom_and_a_one_line_banner_off_today(browser_page, owner):
    page = browser_page.page
    not_improving(owner)
    log_in(browser_page)
    tabs = page.get_by_role("navigation", name="Main")
    expect(tabs.get_by_role("link")).to_have_text(["Today", "Log", "Ice timer", "Charts", "More"])
    expect(tabs.get_by_role("link", name="Today")).to_have_attribute("aria-current", "page")
    assert bottom(tabs) == pytest.approx(PHONE["height"], abs=1)
    for tab in tabs.get_by_role("link").all():  # thumb-sized
        box = tab.bounding_box()
        assert box["width"] >= 44
        assert box["height"] >= 44
    assert page.locator(".site-header").bounding_box()["height"] <= 60  # one row
    expect(page.get_by_role("alert").first).to_contain_text("Call your provider")  # in full
    assert_accessible(page)

    tabs.get_by_role("link", name="Ice timer").click()
    expect(tabs.get_by_role("link", name="Ice timer")).to_have_attribute("aria-current", "page")
    banner = page.locator("#advice-banner")
    expect(banner).to_have_text(re.compile(r"^\s*Call your provider: see why\s*$"))
    assert banner.bounding_box()["height"] <= 50
    start = page.get_by_role("button", name="Start the timer")
    assert bottom(start) <= tabs.bounding_box()["y"]  # on the first screen, above the tabs
    assert_accessible(page)

    tabs.get_by_role("link", name="More").click()
    expect(tabs.get_by_role("link", name="More")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("link", name="Leg cramps")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Log out").click()
    expect(tabs.get_by_role("link", name="Log in")).to_be_visible()


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_the_ice_timer_starts_in_two_taps_from_today(browser_page, owner):
    page = browser_page.page
    injury = Injury.objects.create(
        user=owner, side="right", onset_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=5)
    )
    injury.entries.create(recorded_at=dt.datetime.now(dt.UTC), pain=4)
    log_in(browser_page)
    taps = 0
    page.get_by_label("There is a cloth or towel between the ice and my skin").check()
    taps += 1
    page.get_by_role("button", name="Start 20 minutes of ice").click()
    taps += 1
    expect(page).to_have_url(re.compile(r"/ice/\d+/$"))
    session = IceSession.objects.get(user=owner)
    assert session.status == "running"
    assert session.injury == injury  # the injury in its first 72 hours
    assert (session.planned_end_at - session.started_at) == dt.timedelta(minutes=20)
    assert taps == 2
    assert_accessible(page)


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_how_it_feels_now_takes_three_taps_from_today(browser_page, owner):
    page = browser_page.page
    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(user=owner, side="left", onset_at=now - dt.timedelta(days=2))
    injury.entries.create(recorded_at=now - dt.timedelta(hours=20), pain=5)
    log_in(browser_page)
    taps = 0
    page.get_by_role("link", name="How does it feel now?").click()
    taps += 1
    page.get_by_role("radio", name="3 mild").check()
    taps += 1
    expect(page.get_by_text("Any warning signs?")).to_be_visible()  # one tap away, not in the way
    save = page.get_by_role("button", name="Save entry")
    tabs = page.get_by_role("navigation", name="Main")
    assert bottom(save) <= tabs.bounding_box()["y"]  # on the first screen
    assert_accessible(page)
    save.click()
    taps += 1
    expect(page).to_have_url(re.compile(rf"{injury.get_absolute_url()}$"))
    assert taps == 3
    assert [entry.pain for entry in injury.entries.order_by("recorded_at")] == [5, 3]


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_a_new_injury_takes_at_most_6_taps_and_two_screens(browser_page, owner):
    page = browser_page.page
    log_in(browser_page)
    taps = 0
    page.get_by_role("link", name="Log an injury").click()
    taps += 1
    expect(page.get_by_role("heading", level=1)).to_have_text("Log an injury")
    assert page.evaluate("document.documentElement.scrollHeight") <= 1700  # two phone screens
    assert_accessible(page)
    page.get_by_text("Back", exact=True).click()  # the drawing's back view
    taps += 1
    page.locator('svg a.map-muscle[data-muscle="gastrocnemius"] .tag').click()
    taps += 1
    expect(page.locator("[data-picked-status]")).to_have_text("Gastrocnemius chosen.")
    page.get_by_role("radio", name="Left leg").check()
    taps += 1
    page.get_by_role("radio", name="6 moderate").check()
    taps += 1
    page.get_by_role("button", name="Log injury").click()
    taps += 1
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gastrocnemius")
    assert taps <= 6
    injury = Injury.objects.get(user=owner)
    assert [m.slug for m in injury.muscles.all()] == ["gastrocnemius"]
    assert injury.side == "left"
    assert injury.entries.get().pain == 6


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_the_type_ahead_finds_a_misspelt_muscle_and_chooses_it(browser_page, owner):
    page = browser_page.page
    log_in(browser_page, then="/injuries/new/")
    search = page.get_by_label("Find it by name or in your own words")
    search.fill("hamstrng")
    search.press("Enter")  # searches; does not send the half-filled injury
    expect(page).to_have_url(re.compile(r"/injuries/new/$"))
    match = page.locator("#muscle-matches").get_by_role(
        "button", name=re.compile("^Biceps femoris")
    )
    expect(match).to_be_visible()
    assert_accessible(page)
    match.click()
    expect(page.get_by_label("Chosen muscles")).to_have_values(["biceps-femoris"])
    expect(page.locator("[data-picked-status]")).to_have_text("Biceps femoris chosen.")
    expect(search).to_be_focused()
    expect(search).to_have_value("")
    expect(page.locator('svg a.map-muscle[data-muscle="biceps-femoris"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    assert not Injury.objects.filter(user=owner).exists()


def test_without_javascript_the_injury_form_still_works(browser, live_server, owner):
    from tests.browser import BrowserPage

    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        plain = BrowserPage(context.new_page(), live_server.url)
        log_in(plain, then="/injuries/new/")
        page = plain.page
        expect(page.get_by_label("Find it by name or in your own words")).to_be_hidden()
        # The drawing's switch works without a script, and a muscle on it reloads the form
        # with that muscle chosen.
        page.get_by_text("Deep back", exact=True).click()
        expect(page.locator('a.map-muscle[data-muscle="gastrocnemius"]')).to_be_hidden()
        page.locator('a.map-muscle[data-muscle="popliteus"] .tag').click()
        expect(page.get_by_label("Chosen muscles")).to_have_values(["popliteus"])
        page.get_by_label("Chosen muscles").select_option(["popliteus", "soleus"])
        page.get_by_role("radio", name="Right leg").check()
        page.get_by_role("radio", name="3 mild").check()
        page.get_by_role("button", name="Log injury").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Popliteus")
    finally:
        context.close()
    injury = Injury.objects.get(user=owner)
    assert injury.side == "right"
    assert {muscle.slug for muscle in injury.muscles.all()} == {"popliteus", "soleus"}


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_a_cramp_takes_two_taps_from_today(browser_page, owner):
    from recovery.models import Cramp

    page = browser_page.page
    log_in(browser_page)
    taps = 0
    page.get_by_role("button", name="A cramp now: time it").click()
    taps += 1
    timer = page.get_by_role("region", name="Timing your cramp")
    expect(timer).to_be_visible()
    clock = timer.locator("[data-cramp-clock]")
    expect(clock).not_to_have_text("0:00", timeout=3000)  # it counts on in the browser
    first = clock.inner_text()
    expect(clock).not_to_have_text(first, timeout=3000)
    assert_accessible(page)
    timer.get_by_role("button", name="Left leg").click()
    taps += 1
    expect(page.get_by_role("status")).to_contain_text("Cramp logged:")
    assert taps == 2
    cramp = Cramp.objects.get(user=owner)
    assert cramp.side == "left"
    assert cramp.duration_seconds >= 1


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_every_page_passes_axe_and_fits_a_phone(browser_page, owner):
    """Every signed-in page at 390 x 844: no axe violation, no sideways scrolling (and, as in
    every browser test, no CSP violation)."""
    from anatomy.models import Exercise, Stretch
    from recovery.models import Cramp, FluidEntry, ProgrammeExercise, StretchSession, Treatment

    now = dt.datetime.now(dt.UTC)
    injury = not_improving(owner)
    entry = injury.entries.first()
    drink = FluidEntry.objects.create(user=owner, at=now, amount_ml=250)
    cramp = Cramp.objects.create(user=owner, started_at=now, side="left", duration_seconds=40)
    treatment = Treatment.objects.create(user=owner, kind="massage", at=now)
    stretch = StretchSession.objects.create(
        user=owner, stretch=Stretch.objects.first(), holds=2, holds_done=2, hold_seconds=30,
        at=now, status="done",
    )  # fmt: skip
    planned = ProgrammeExercise.from_library(injury, Exercise.objects.get(slug="split-squat"))
    planned.save()
    log_in(browser_page)
    page = browser_page.page
    for path in [
        "/",
        "/injuries/",
        "/injuries/new/",
        injury.get_absolute_url(),
        f"/injuries/{injury.pk}/entries/new/",
        f"/injuries/{injury.pk}/edit/",
        f"/injuries/{injury.pk}/programme/",
        f"/programme/{planned.pk}/edit/",
        f"/programme/{planned.pk}/remove/",
        f"/programme/{planned.pk}/sessions/new/",
        f"/entries/{entry.pk}/edit/",
        "/ice/",
        "/treatments/",
        "/treatments/new/",
        f"/treatments/{treatment.pk}/edit/",
        "/fluids/",
        "/fluids/history/",
        f"/fluids/entries/{drink.pk}/edit/",
        "/cramps/",
        f"/cramps/{cramp.pk}/edit/",
        "/stretches/",
        "/stretches/log/",
        f"/stretches/{stretch.pk}/",
        "/charts/",
        "/report/",
        "/more/",
        "/accounts/profile/",
        "/accounts/data/",
        "/accounts/delete/",
        "/anatomy/",
        "/anatomy/muscles/soleus/",
        "/anatomy/stretches/calf-stretch-straight-knee/",
    ]:
        assert browser_page.goto(path).status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} scrolls sideways ({width}px)"
        assert_accessible(page)
