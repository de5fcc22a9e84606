"""Logging offline in a real Chromium at phone size with the service worker running: entries,
a cramp and a glass kept on the phone, pages that still open, everything stored exactly once
with its own time when the connection returns (a replay and a double tap change nothing), a
warning sign's advice at once, a refused log kept with its reason, and kept logs never sent
as the next account's."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from anatomy.models import Exercise
from recovery.models import (
    Cramp,
    ExerciseSession,
    FluidEntry,
    IceSession,
    Injury,
    ProgrammeExercise,
    SymptomEntry,
)
from tests.browser import assert_accessible, eventually, log_in
from tests.offline.test_browser_installable import back_online, controlled, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEPT = """() => idb.openDB("leg-recovery-offline").then((db) => db.getAll("kept"))"""
REPLAY = """async (items) => {
    const answers = [];
    for (const item of items) {  // one at a time, as the page sends them
        const response = await fetch("/offline/sync/", {method: "POST", headers: {
            "Content-Type": "application/json",
            "X-CSRFToken": JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]},
            body: JSON.stringify({id: item.id, kind: item.kind, made_at: item.made_at,
                                  fields: item.fields, target: item.target})});
        answers.push(await response.json());
    }
    return answers;
}"""


@pytest.fixture
def injury(owner):
    return Injury.objects.create(
        user=owner, side="left", kind="strain", onset_at=timezone.now() - dt.timedelta(days=2)
    )


def seen_online(installed, *paths):
    log_in(installed)
    controlled(installed)
    for path in paths:
        installed.goto(path)


def test_logs_made_offline_are_stored_once_with_their_own_times(installed_page, injury):
    page = installed_page.page
    entry_page = f"/injuries/{injury.pk}/entries/new/"
    seen_online(installed_page, entry_page, "/cramps/", "/")
    page.context.set_offline(True)

    visit(installed_page, entry_page)
    waiting = page.locator(".offline-waiting")
    for count, pain in enumerate(["4 moderate", "5 moderate", "6 moderate"], 1):
        page.get_by_role("radio", name=pain).check()
        if count == 1:
            page.get_by_role("button", name="Save entry").dblclick()  # a double tap
        else:
            page.get_by_role("button", name="Save entry").click()
        expect(waiting).to_have_text(
            f"Saved on this phone; will sync when the connection returns: {count} waiting."
        )
    assert_accessible(page)
    visit(installed_page, "/cramps/")
    page.get_by_label("How long did it last?").fill("40")
    page.get_by_role("radio", name="Left").check()
    page.get_by_role("radio", name="5 moderate").check()
    page.get_by_role("button", name="Log the cramp").click()
    expect(waiting).to_contain_text("4 waiting")
    visit(installed_page, "/")
    page.get_by_role("button", name="Add a 250 mL glass").click()
    expect(waiting).to_contain_text("5 waiting")
    page.reload()  # still offline: the page opens, and what is kept is still there
    expect(page.get_by_text("You are offline: this is a saved copy")).to_be_visible()
    expect(waiting).to_contain_text("5 waiting")
    kept = page.evaluate(KEPT)
    assert [item["kind"] for item in kept] == ["entry"] * 3 + ["cramp", "drink"]
    assert not SymptomEntry.objects.exists()

    page.context.set_offline(False)
    expect(page.locator(".offline-synced")).to_contain_text("Synced 5 kept on this phone at")
    assert sorted(SymptomEntry.objects.values_list("pain", flat=True)) == [4, 5, 6]
    assert Cramp.objects.get().duration_seconds == 40
    glass = FluidEntry.objects.get()
    tapped = dt.datetime.fromtimestamp(kept[-1]["made_at"] / 1000, tz=dt.UTC)
    assert abs(glass.at - tapped) < dt.timedelta(seconds=1)  # its own time, not the sync's
    # The queue sent again, twice: each is found, none stored twice.
    for _ in range(2):
        answers = page.evaluate(REPLAY, kept)
        assert {answer["status"] for answer in answers} == {"stored"}
        assert all(answer.get("repeat") for answer in answers)
    assert SymptomEntry.objects.count() == 3
    assert (Cramp.objects.count(), FluidEntry.objects.count()) == (1, 1)
    assert_accessible(page)


def offline_on_the_entry_page(installed, injury):
    """Signed in, the entry page seen online, then the connection gone and the page open."""
    entry_page = f"/injuries/{injury.pk}/entries/new/"
    seen_online(installed, entry_page)
    installed.page.context.set_offline(True)
    visit(installed, entry_page)
    return installed.page


def keep_an_entry_that_will_be_refused(installed, injury):
    """An entry kept offline for an injury then deleted on another device; back online on a
    blank page, so that nothing has sent it yet."""
    page = offline_on_the_entry_page(installed, injury)
    page.get_by_role("radio", name="2 mild").check()
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator(".offline-waiting")).to_contain_text("1 waiting")
    injury.delete()
    page.goto("about:blank")
    back_online(installed)
    return page


def test_a_warning_sign_logged_offline_shows_its_advice_at_once(installed_page, injury):
    page = offline_on_the_entry_page(installed_page, injury)
    page.get_by_role("radio", name="3 mild").check()
    page.get_by_text("Any warning signs?").click()
    page.get_by_label("Chest pain, shortness of breath or coughing blood").check()
    page.get_by_role("button", name="Save entry").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Call emergency services now")
    expect(alert.get_by_role("link", name="Call 999")).to_have_attribute("href", "tel:999")
    expect(alert).to_contain_text("Source: NHS, DVT")
    assert_accessible(page)


def test_a_refused_log_is_shown_with_its_reason_and_kept_until_discarded(installed_page, injury):
    page = keep_an_entry_that_will_be_refused(installed_page, injury)
    visit(installed_page, "/")
    refused = page.get_by_role("region", name="Kept on this phone")
    expect(refused).to_contain_text("Not stored: the injury it was for is no longer in your log.")
    assert len(page.evaluate(KEPT)) == 1  # kept, not dropped
    assert_accessible(page)
    page.reload()
    expect(refused).to_contain_text("no longer in your log")
    refused.get_by_role("button", name="Discard").click()
    expect(refused).to_be_hidden()
    assert page.evaluate(KEPT) == []


def test_logs_kept_when_signing_out_are_never_sent_as_the_next_account(
    installed_page, owner, other_user
):
    page = installed_page.page
    seen_online(installed_page, "/")
    page.context.set_offline(True)
    visit(installed_page, "/")
    page.get_by_role("button", name="Add a 250 mL glass").click()
    expect(page.locator(".offline-waiting")).to_contain_text("1 waiting")
    page.context.clear_cookies()  # signed out; someone else signs in on this phone
    page.goto("about:blank")
    back_online(installed_page)
    client = Client()
    client.force_login(other_user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": installed_page.base_url}]
    )
    visit(installed_page, "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    eventually(lambda: page.evaluate(KEPT) == [])
    assert not FluidEntry.objects.exists()


def test_ice_started_offline_counts_down_and_syncs_with_its_own_times(installed_page, injury):
    page = installed_page.page
    seen_online(installed_page, "/ice/")
    page.context.set_offline(True)
    visit(installed_page, "/ice/")
    page.get_by_label("There is a cloth or towel between the ice and my skin").check()
    page.get_by_role("button", name="Start the timer").click()
    countdown = page.get_by_role("timer", name="Ice time left")
    expect(countdown).to_have_text(re.compile(r"^(20:00|19:5\d)$"))
    expect(page.locator(".offline-ice")).to_contain_text("(kept on this phone): ends at")
    assert_accessible(page)
    page.get_by_role("button", name="Stop the ice now").click()
    expect(countdown).to_have_count(0)
    kept = page.evaluate(KEPT)
    assert [item["kind"] for item in kept] == ["ice-start", "ice-stop"]
    page.goto("about:blank")
    back_online(installed_page)
    visit(installed_page, "/")
    eventually(lambda: page.evaluate(KEPT) == [])
    session = IceSession.objects.get()
    started, stopped = (
        dt.datetime.fromtimestamp(item["made_at"] / 1000, tz=dt.UTC) for item in kept
    )
    assert abs(session.started_at - started) < dt.timedelta(seconds=1)
    assert abs(session.ended_at - stopped) < dt.timedelta(seconds=1)
    assert session.status == "stopped"


def test_a_running_ice_timer_stopped_offline_stops_at_that_time(installed_page, owner):
    from recovery.treatments import ice

    session = ice.start(user=owner)
    page = installed_page.page
    seen_online(installed_page, session.get_absolute_url())
    page.context.set_offline(True)
    visit(installed_page, session.get_absolute_url())
    page.get_by_role("button", name="Stop now").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Stopped at \d\d:\d\d$"))).to_be_visible()
    expect(page.locator(".offline-waiting")).to_contain_text("1 waiting")
    tapped = dt.datetime.fromtimestamp(page.evaluate(KEPT)[0]["made_at"] / 1000, tz=dt.UTC)
    page.goto("about:blank")
    back_online(installed_page)
    visit(installed_page, "/")
    eventually(lambda: page.evaluate(KEPT) == [])
    session.refresh_from_db()
    assert session.status == "stopped"
    assert abs(session.ended_at - tapped) < dt.timedelta(seconds=1)


def test_logging_out_deletes_what_is_kept_and_an_expired_session_does_not(installed_page, injury):
    page = keep_an_entry_that_will_be_refused(installed_page, injury)
    page.context.clear_cookies()  # the session ran out: the log-in page, of no account
    visit(installed_page, "/accounts/login/")
    page.wait_for_timeout(300)
    assert len(page.evaluate(KEPT)) == 1  # kept for when the same person is back
    log_in(installed_page, then="/more/")
    expect(page.get_by_text("no longer in your log")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")
    ).to_be_visible()
    eventually(lambda: page.evaluate(KEPT) == [])


def test_an_entry_sent_on_a_connection_that_fails_is_kept_all_the_same(installed_page, injury):
    page = installed_page.page
    seen_online(installed_page, injury.get_absolute_url())
    page.route("**/entries/new/", lambda route: route.abort())  # the request never arrives
    page.get_by_role("radio", name="5 moderate").check()
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator(".offline-waiting")).to_contain_text("1 waiting")
    assert not SymptomEntry.objects.exists()
    page.unroute("**/entries/new/")
    page.reload()
    expect(page.locator(".offline-synced")).to_contain_text("Synced 1 kept on this phone")
    assert SymptomEntry.objects.get().pain == 5


ALWAYS_ONLINE = "Object.defineProperty(Navigator.prototype, 'onLine', { get: () => true });"


def test_a_form_sent_where_the_browser_says_online_but_nothing_gets_through_is_kept(
    installed_page, injury
):
    page = installed_page.page
    entry_page = f"/injuries/{injury.pk}/entries/new/"
    page.add_init_script(ALWAYS_ONLINE)  # a weak signal: the browser keeps saying online
    seen_online(installed_page, entry_page)
    page.context.set_offline(True)
    page.get_by_role("radio", name="5 moderate").check()
    page.get_by_role("button", name="Save entry").click()
    # Not the browser's error page: the form's own page again, with the entry waiting.
    expect(page.get_by_text("You are offline: this is a saved copy")).to_be_visible()
    expect(page.locator(".offline-waiting")).to_contain_text("1 waiting")
    assert_accessible(page)
    assert not SymptomEntry.objects.exists()
    back_online(installed_page)
    # The saved copy opens the live page by itself when the server answers, and that sends it.
    expect(page.locator(".offline-synced")).to_contain_text(
        "Synced 1 kept on this phone", timeout=25_000
    )
    assert SymptomEntry.objects.get().pain == 5
    assert page.evaluate(KEPT) == []


def test_a_log_sent_with_a_connection_is_stored_once_and_nothing_stays_kept(installed_page, injury):
    page = installed_page.page
    entry_page = f"/injuries/{injury.pk}/entries/new/"
    seen_online(installed_page, entry_page)
    page.get_by_role("button", name="Save entry").click()  # no pain chosen: refused
    expect(page.get_by_text("Pain is a whole number from 0").first).to_be_visible()
    eventually(lambda: page.evaluate(KEPT) == [])  # the page showed why; nothing waits
    expect(page.get_by_role("region", name="Kept on this phone")).to_be_hidden()
    page.get_by_role("radio", name="3 mild").check()
    page.get_by_role("button", name="Save entry").click()
    expect(page).to_have_url(re.compile(rf"/injuries/{injury.pk}/$"))
    eventually(lambda: page.evaluate(KEPT) == [])
    expect(page.locator(".offline-synced")).to_have_count(0)  # nothing new to say
    assert SymptomEntry.objects.get().pain == 3


def test_without_the_worker_a_form_that_never_arrived_is_sent_from_the_next_page(
    browser_page, owner, injury
):
    page = browser_page.page
    entry_page = f"/injuries/{injury.pk}/entries/new/"
    log_in(browser_page, then=entry_page)
    page.route(
        "**/entries/new/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.get_by_role("radio", name="6 moderate").check()
    with page.expect_event("requestfailed"):  # the browser's own error page follows
        page.get_by_role("button", name="Save entry").click()
    page.unroute("**/entries/new/")
    browser_page.goto(entry_page)
    expect(page.locator(".offline-synced")).to_contain_text("Synced 1 kept on this phone")
    assert SymptomEntry.objects.get().pain == 6


def test_an_exercise_session_logged_set_by_set_offline_syncs_once(installed_page, injury):
    item = ProgrammeExercise.from_library(injury, Exercise.objects.get(slug="wall-sit"))
    item.save()
    session_page = reverse("session_new", args=[item.pk])
    page = installed_page.page
    seen_online(installed_page, session_page)
    page.context.set_offline(True)
    visit(installed_page, session_page)
    page.get_by_label("Set 1: seconds held").fill("25")
    page.get_by_role("radio", name="2 mild").check()
    page.get_by_role("button", name="Log session").click()
    expect(page.locator(".offline-waiting")).to_contain_text("1 waiting")
    assert_accessible(page)
    page.goto("about:blank")
    back_online(installed_page)
    visit(installed_page, "/")
    eventually(lambda: page.evaluate(KEPT) == [])
    session = ExerciseSession.objects.get()
    assert (session.pain_during, session.sets.first().seconds) == (2, 25)
