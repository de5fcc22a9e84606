"""The account flows as a new user meets them, in a real Chromium."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from recovery.models import Profile
from tests.browser import PASSWORD, assert_accessible, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, username, password=PASSWORD):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_a_new_user_signs_up_logs_out_logs_back_in_and_sets_up_the_profile(browser_page):
    page = browser_page.page
    browser_page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recover from a leg strain")
    assert_accessible(page)

    page.get_by_role("link", name="Create a free account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    assert_accessible(page)
    sign_up(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    expect(page.get_by_text("Welcome! Your account is ready.")).to_be_visible()
    expect(page.get_by_text("Hello, erin.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Log out").click()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Log in")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)

    nav.get_by_role("link", name="Log in").click()
    assert_accessible(page)
    log_in(page, "erin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")

    nav.get_by_role("link", name="Account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_accessible(page)
    page.get_by_label("Time zone").fill("America/Chicago")
    page.get_by_label("US fluid ounces (fl oz)").check()
    page.get_by_label("Daily fluid goal").fill("64")
    page.get_by_label("Your provider's name (optional)").fill("Dr Nguyen")
    page.get_by_label("Your provider's phone number (optional)").fill("(312) 555-0147")
    page.get_by_role("button", name="Save profile").click()

    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value("America/Chicago")
    expect(page.get_by_label("Daily fluid goal")).to_have_value("64")
    profile = Profile.objects.get(user__username="erin")
    assert (profile.time_zone, profile.fluid_units, profile.daily_fluid_goal_ml) == (
        "America/Chicago",
        "us",
        1893,
    )

    nav.get_by_role("link", name="Today").click()
    expect(page.get_by_text("64 fl oz", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="(312) 555-0147")).to_have_attribute(
        "href", "tel:(312) 555-0147"
    )


def test_sign_up_fills_in_the_time_zone_of_the_device(browser_page):
    page = browser_page.page
    browser_page.goto("/accounts/signup/")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    sign_up(page, "frank")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    assert Profile.objects.get(user__username="frank").time_zone == "Europe/Berlin"


def test_a_taken_username_and_a_weak_password_are_explained_and_the_rest_kept(browser_page, owner):
    page = browser_page.page
    browser_page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Email").fill("someone@example.com")
    page.get_by_label("Password", exact=True).fill("password")
    page.get_by_label("Password confirmation").fill("password")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below")
    expect(page.locator("#id_username_error")).to_have_text(
        "A user with that username already exists."
    )
    expect(page.locator("#id_password2_error")).to_contain_text("too common")
    expect(page.get_by_label("Username")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Email")).to_have_value("someone@example.com")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    assert_accessible(page)
    assert not get_user_model().objects.filter(email="someone@example.com").exists()


def test_bad_profile_input_is_explained_by_each_field_and_nothing_typed_is_lost(
    browser_page, owner
):
    page = browser_page.page
    browser_page.goto("/accounts/login/")
    log_in(page, "alice")
    browser_page.goto("/accounts/profile/")
    page.get_by_label("Time zone").fill("Moon/Tranquility")
    page.get_by_label("Daily fluid goal").fill("50")
    page.get_by_label("Your provider's name (optional)").fill("Dr Haddad")
    page.get_by_label("Your provider's phone number (optional)").fill("call the clinic")
    page.get_by_role("button", name="Save profile").click()

    expect(page.locator("#id_time_zone_error")).to_contain_text("Choose a time zone from the list")
    expect(page.locator("#id_daily_fluid_goal_error")).to_contain_text("between 0.5 and 6 litres")
    expect(page.locator("#id_provider_phone_error")).to_contain_text("digits, spaces")
    expect(page.get_by_label("Time zone")).to_have_value("Moon/Tranquility")
    expect(page.get_by_label("Daily fluid goal")).to_have_value("50")
    expect(page.get_by_label("Your provider's name (optional)")).to_have_value("Dr Haddad")
    assert_accessible(page)
    assert Profile.objects.get(user=owner).time_zone == "Europe/London"


def test_the_profile_offers_the_devices_time_zone_without_overwriting_the_saved_one(
    browser_page, owner
):
    page = browser_page.page
    browser_page.goto("/accounts/login/")
    log_in(page, "alice")
    browser_page.goto("/accounts/profile/")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/London")
    page.get_by_role("button", name="Use this device's time zone (Europe/Berlin)").click()
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    assert Profile.objects.get(user=owner).time_zone == "Europe/Berlin"


def test_changing_the_password(browser_page, owner):
    page = browser_page.page
    browser_page.goto("/accounts/login/")
    log_in(page, "alice")
    browser_page.goto("/accounts/profile/")
    page.get_by_role("link", name="Change your password").click()
    assert_accessible(page)
    page.get_by_label("Old password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill("sunrise over the harbour 9")
    page.get_by_label("New password confirmation").fill("sunrise over the harbour 9")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Password changed")
    owner.refresh_from_db()
    assert owner.check_password("sunrise over the harbour 9")


def test_resetting_a_forgotten_password_by_email(browser_page, owner):
    page = browser_page.page
    browser_page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    assert_accessible(page)
    page.get_by_label("Email").fill("alice@example.com")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)

    link = re.search(r"http://\S+/accounts/reset/\S+", mail.outbox[0].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("a fresh start at dawn 5")
    page.get_by_label("New password confirmation").fill("a fresh start at dawn 5")
    page.get_by_role("button", name="Save new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Password saved")

    page.get_by_role("link", name="Log in").last.click()
    log_in(page, "alice", "a fresh start at dawn 5")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")


def test_the_skip_link_is_the_first_stop_for_the_keyboard(browser_page):
    page = browser_page.page
    browser_page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_the_branded_404_page_is_accessible(browser_page):
    page = browser_page.page
    response = browser_page.goto("/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We can't find that page")
    assert_accessible(page)


PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_every_page_fits_a_360_pixel_phone_screen(browser_page, owner):
    page = browser_page.page
    for path in ["/", "/accounts/signup/", "/accounts/password_reset/", "/accounts/login/"]:
        browser_page.goto(path)
        assert_fits_width(page, path)
        assert_accessible(page)
    log_in(page, "alice")
    for path in ["/", "/accounts/profile/", "/accounts/password_change/", "/more/"]:
        browser_page.goto(path)
        assert_fits_width(page, path)
        assert_accessible(page)
    expect(page.get_by_role("button", name="Log out")).to_be_visible()  # on "More", on a phone


def assert_fits_width(page, path):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"{path} scrolls sideways on a phone ({scroll_width}px wide)"


def test_a_form_sent_without_its_check_gets_the_apps_own_accessible_page(browser_page, owner):
    """The CSRF refusal: a form opened before its cookie was lost, for example."""
    page = browser_page.page
    browser_page.goto("/accounts/login/")
    page.context.clear_cookies()
    log_in(page, "alice")
    expect(page.get_by_role("heading", level=1)).to_have_text("The form could not be sent")
    expect(page.get_by_text("nothing was saved")).to_be_visible()
    assert_accessible(page)


def test_the_pause_after_spraying_passwords_is_explained_accessibly(browser_page, owner):
    from axes.models import AccessAttempt

    for name in ["ann", "ben", "cat", "dan", "eve"]:
        AccessAttempt.objects.create(
            username=name, ip_address="127.0.0.1", user_agent="x", failures_since_start=4
        )
    page = browser_page.page
    browser_page.goto("/accounts/login/")
    log_in(page, "alice")
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many log-in tries from here")
    assert_accessible(page)
