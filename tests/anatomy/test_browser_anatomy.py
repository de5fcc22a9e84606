"""The anatomy reference in a real Chromium: the leg map by keyboard, live search, and
accessibility and CSP on every kind of page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

HIGHLIGHT = "rgb(255, 191, 71)"


def focused_label(page):
    return page.evaluate(
        """(el => el.getAttribute('aria-label')
            || (el.labels && el.labels.length ? el.labels[0].textContent : el.textContent)
        )(document.activeElement)"""
    )


def tab_to(page, name, presses=60):
    for _ in range(presses):
        page.keyboard.press("Tab")
        if focused_label(page).strip() == name:
            return
    pytest.fail(f"Tab never reached {name!r} on the map")


def test_reaching_a_muscle_from_the_map_with_the_keyboard_alone(browser_page):
    page = browser_page.page
    browser_page.goto("/anatomy/map/")
    tab_to(page, "Front")  # the switch between the pictures
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="Back", exact=True)).to_be_checked()
    tab_to(page, "Gastrocnemius")
    muscle = page.locator('svg a.map-muscle[data-muscle="gastrocnemius"]')
    expect(muscle.locator(".shape")).to_have_css("fill", HIGHLIGHT)
    expect(muscle.locator(".tag")).to_have_css("fill", HIGHLIGHT)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gastrocnemius")
    expect(page.get_by_text("Tibial nerve")).to_be_visible()


def test_a_map_region_highlights_on_hover_and_opens_the_muscle(browser_page):
    page = browser_page.page
    browser_page.goto("/anatomy/")
    page.get_by_role("radio", name="Back", exact=True).check()
    region = page.locator('svg a.map-muscle[data-muscle="biceps-femoris"]')
    region.locator(".shape").hover()
    expect(region.locator(".shape")).to_have_css("fill", HIGHLIGHT)
    expect(region.locator(".tag")).to_have_css("fill", HIGHLIGHT)
    region.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Biceps femoris")


def test_search_updates_as_the_user_types_and_leads_to_the_muscle(browser_page):
    page = browser_page.page
    browser_page.goto("/anatomy/search/")
    page.evaluate("window.__samePage = true")
    page.get_by_label("Name, nickname or what the muscle does").press_sequentially(
        "point my toes", delay=30
    )
    results = page.locator("#search-results")
    expect(results).to_contain_text("2 muscles match")
    expect(results.get_by_role("link", name="Soleus")).to_be_visible()
    assert page.evaluate("window.__samePage") is True  # no full page load happened
    expect(page).to_have_url(re.compile(r"q=point(\+|%20)my(\+|%20)toes"))
    assert_accessible(page)
    results.get_by_role("link", name="Soleus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Soleus")


def test_search_tolerates_the_sources_misspelling(browser_page):
    page = browser_page.page
    browser_page.goto("/anatomy/search/")
    page.get_by_label("Name, nickname or what the muscle does").fill("halluces")
    page.get_by_role("button", name="Search").click()
    results = page.locator("#search-results")
    expect(results.get_by_role("link", name="Extensor hallucis longus")).to_be_visible()
    expect(results.get_by_role("link", name="Flexor hallucis longus")).to_be_visible()


def test_search_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/anatomy/search/")
    page.get_by_label("Name, nickname or what the muscle does").fill("groin")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"q=groin"))
    expect(page.get_by_role("link", name="Adductor longus")).to_be_visible()
    context.close()


def test_a_junk_search_gets_a_helpful_empty_state(browser_page):
    page = browser_page.page
    browser_page.goto("/anatomy/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    expect(page.locator("#search-results")).to_contain_text("No muscle matches")
    expect(page.locator("#search-results")).to_contain_text("<script>alert(1)</script>")
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/anatomy/",
        "/anatomy/map/",
        "/anatomy/regions/lower-leg/",
        "/anatomy/compartments/lower-leg-posterior/",
        "/anatomy/groups/hamstrings/",
        "/anatomy/muscles/tibialis-anterior/",
        "/anatomy/muscles/quadriceps-femoris/",
        "/anatomy/conditions/",
        "/anatomy/conditions/tennis-leg/",
        "/anatomy/conditions/compartment-syndrome/",
        "/anatomy/care/when-to-get-help/",
        "/anatomy/care/treatments/",
        "/anatomy/compartments/lower-leg-lateral/",
        "/anatomy/stretches/groin-stretch-straddle/",
        "/anatomy/glossary/",
        "/anatomy/search/?q=calf",
    ],
)
def test_reference_pages_pass_axe_with_no_csp_violations(browser_page, path):
    response = browser_page.goto(path)
    assert response.status == 200
    assert_accessible(browser_page.page)


@pytest.mark.parametrize("browser_page", [{"width": 360, "height": 740}], indirect=True)
def test_the_map_and_a_muscle_page_fit_a_phone(browser_page):
    page = browser_page.page
    for path in ["/anatomy/", "/anatomy/map/", "/anatomy/muscles/adductor-magnus/"]:
        browser_page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide on a 360px phone"
    page.get_by_role("link", name="Log an injury here").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")


@pytest.mark.parametrize("browser_page", [{"width": 390, "height": 844}], indirect=True)
def test_every_muscle_has_a_named_target_of_44_px_on_a_phone_in_each_picture(browser_page):
    page = browser_page.page
    browser_page.goto("/anatomy/map/")
    seen = set()
    for picture in ["Front", "Back", "Deep front", "Deep back"]:
        page.get_by_text(picture, exact=True).click()  # the switch's label: one tap
        view = page.locator(".leg-view:visible")
        expect(view).to_have_count(1)
        tags = view.locator("a.map-muscle").evaluate_all(
            """links => links.map(link => {
                link.querySelector(".tag").scrollIntoView({block: "center"});
                const box = link.querySelector(".tag").getBoundingClientRect();
                const text = link.querySelector(".tag-text").getBoundingClientRect();
                const middle = [box.x + box.width / 2, box.y + box.height / 2];
                const hit = document.elementFromPoint(...middle);
                return {
                    name: link.getAttribute("aria-label"),
                    width: box.width, height: box.height,
                    fits: text.left >= box.left && text.right <= box.right
                        && text.top >= box.top && text.bottom <= box.bottom,
                    mine: hit !== null && hit.closest("a") === link,
                    shown: link.querySelector(".tag-text").textContent,
                };
            })"""
        )
        for tag in tags:
            assert tag["width"] >= 44, tag
            assert tag["height"] >= 44, tag
            assert tag["fits"], f"{tag['name']}'s name overflows its tag"
            assert tag["mine"], f"{tag['name']}'s tag is covered by something else"
            assert tag["shown"] == tag["name"]  # what is seen is the link's name
            seen.add(tag["name"])
    assert {"Popliteus", "Vastus intermedius", "Fibularis tertius", "Soleus"} <= seen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)


def test_a_muscle_page_links_to_the_picture_that_shows_it(browser_page):
    page = browser_page.page
    browser_page.goto("/anatomy/muscles/popliteus/")
    expect(page.get_by_role("img", name=re.compile("Popliteus, highlighted"))).to_be_visible()
    page.get_by_role("link", name="See it on the leg map").click()
    expect(page.get_by_role("radio", name="Deep back")).to_be_checked()
    expect(page.locator('a.map-muscle[data-muscle="popliteus"]')).to_be_visible()
    expect(page.locator('a.map-muscle[data-muscle="gastrocnemius"]')).to_be_hidden()
