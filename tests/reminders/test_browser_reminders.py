"""Reminders in a real Chromium at phone size: setting them (and a mistake shown at its
field), a due reminder on Today dismissed, the injury's check-in switch, and turning on
notifications for the browser, down to the notification the service worker shows."""

import datetime as dt
import json

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recovery.management.commands.vapid_keys import new_pair
from recovery.models import Injury, PushSubscription, Reminder, ReminderSetting
from recovery.reminders import delivery, due
from tests.browser import assert_accessible, log_in
from tests.offline.test_browser_installable import controlled
from tests.reminders.fake_push import Browser, PushService

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_setting_reminders_and_a_mistake_shown_at_its_field(browser_page, owner):
    page = browser_page.page
    log_in(browser_page, then="/more/")
    page.get_by_role("link", name="Reminders: when, how, quiet hours").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders")
    check_in = page.get_by_role("group", name="Daily check-in")
    drinks = page.get_by_role("group", name="Drinks", exact=True)
    check_in.get_by_label("Time").fill("")
    drinks.get_by_label("On", exact=True).check()
    page.get_by_role("button", name="Save reminders").click()
    expect(
        check_in.get_by_text("Choose the time this reminder comes, or turn it off.")
    ).to_be_visible()
    expect(drinks.get_by_label("On", exact=True)).to_be_checked()  # kept
    assert_accessible(page)
    check_in.get_by_label("Time").fill("07:30")
    check_in.get_by_label("Sunday").uncheck()
    check_in.get_by_label("By email").check()
    page.get_by_role("group", name="Quiet hours and days off").get_by_label("Quiet from").fill(
        "21:30"
    )
    page.get_by_role("button", name="Save reminders").click()
    expect(page.get_by_role("status")).to_contain_text("Reminders saved")
    setting = ReminderSetting.objects.get(user=owner, kind="check_in")
    assert (setting.at, setting.days, setting.by_email) == (dt.time(7, 30), "012345", True)
    assert ReminderSetting.objects.get(user=owner, kind="drinks").enabled
    owner.profile.refresh_from_db()
    assert owner.profile.quiet_start == dt.time(21, 30)
    assert_accessible(page)


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_a_due_reminder_shows_on_today_and_is_dismissed(browser_page, owner):
    injury = Injury.objects.create(user=owner, side="left", onset_at=timezone.now())
    injury.entries.create(recorded_at=timezone.now() - dt.timedelta(hours=30), pain=4)
    due.store(owner, "drinks", timezone.now() - dt.timedelta(minutes=3))
    page = browser_page.page
    log_in(browser_page)
    reminders = page.get_by_role("region", name="Reminders")
    expect(reminders).to_contain_text("Time for a drink")
    assert_accessible(page)
    reminders.get_by_role("button", name="Dismiss: Time for a drink").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    expect(page.get_by_role("region", name="Reminders")).to_have_count(0)
    assert Reminder.objects.get().closed_at is not None
    page.get_by_role("link", name=injury.title()).first.click()
    switch = page.get_by_label("Remind me each day to log how this injury feels")
    expect(switch).to_be_checked()
    switch.uncheck()
    page.get_by_role("button", name="Save the reminder").click()
    expect(page.get_by_role("status")).to_contain_text("reminder for this injury is off")
    injury.refresh_from_db()
    assert not injury.remind_daily


STUB = """(() => {
  const browser = %s;
  let current = null;
  const toBase64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
  window.keysAsked = [];
  PushManager.prototype.subscribe = async function (options) {
    window.keysAsked.push([options.userVisibleOnly, toBase64url(options.applicationServerKey)]);
    current = {
      endpoint: browser.endpoint,
      toJSON: () => browser,
      unsubscribe: async () => { current = null; return true; },
    };
    return current;
  };
  PushManager.prototype.getSubscription = async function () { return current; };
})();"""


SHOWN = """() => self.registration.getNotifications().then(
    (all) => all.map((one) => [one.title, one.body, one.tag, one.data.url]))"""


def waited_for(page, check, tries=200):
    """`check()` once it is truthy, asked while Playwright waits (its events arrive then,
    not while Python sleeps); up to 20 s, for a loaded machine waking the worker."""
    for _ in range(tries):
        if found := check():
            return found
        page.wait_for_timeout(100)
    raise AssertionError("never happened")


def notifications(page):
    return page.context.service_workers[0].evaluate(SHOWN)


def push_to_worker(installed, message):
    """A push message delivered to the page's service worker through the DevTools protocol,
    as the browser's push service would, until the worker shows it (a worker being woken on
    a loaded machine may miss one); what it shows."""
    cdp = installed.page.context.new_cdp_session(installed.page)
    found = []
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda e: found.extend(e["registrations"]))
    cdp.send("ServiceWorker.enable")
    scope = installed.base_url + "/"
    waited_for(installed.page, lambda: any(one["scopeURL"] == scope for one in found))
    registration = next(one["registrationId"] for one in found if one["scopeURL"] == scope)
    for _ in range(3):
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {
                "origin": installed.base_url,
                "registrationId": registration,
                "data": json.dumps(message),
            },
        )
        try:
            return waited_for(installed.page, lambda: notifications(installed.page), tries=50)
        except AssertionError:
            continue  # the same tag: a second delivery replaces, never adds
    raise AssertionError("the service worker showed no notification")


def test_notifications_turned_on_reach_this_browser(installed_page, owner, settings):
    # Headless Chromium has no push service of its own: the browser's subscribe is stood in
    # for (its answer points at a push service on this machine); the rest is real.
    public, private = new_pair()
    settings.WEBPUSH_PUBLIC_KEY, settings.WEBPUSH_PRIVATE_KEY = public, private
    settings.WEBPUSH_HTTP_HOSTS = ["127.0.0.1"]
    service = PushService().start()
    try:
        browser = Browser(f"{service.url}/this-phone")
        page = installed_page.page
        page.context.grant_permissions(["notifications"], origin=installed_page.base_url)
        page.add_init_script(STUB % json.dumps(browser.subscription()))
        log_in(installed_page, then="/reminders/")
        controlled(installed_page)
        page.reload()
        device = page.get_by_role("region", name="Notifications on this device")
        expect(device.get_by_role("status")).to_have_text("Notifications are off for this device.")
        device.get_by_role("button", name="Turn on notifications here").click()
        expect(device.get_by_role("status")).to_have_text("Notifications are on for this device.")
        assert page.evaluate("window.keysAsked") == [[True, public]]
        assert PushSubscription.objects.get(user=owner).endpoint == browser.endpoint
        assert_accessible(page)

        delivery.deliver(due.store(owner, "check_in", timezone.now()).pk)
        (received,) = service.received
        message = browser.read(received.body)
        assert message["title"] == "How does your leg feel today?"
        # The worker's push handler shows it: the message given to it as the browser would.
        assert push_to_worker(installed_page, message) == [
            [message["title"], message["body"], message["tag"], "/#injuries-heading"]
        ]

        device.get_by_role("button", name="Turn off notifications here").click()
        expect(device.get_by_role("status")).to_have_text("Notifications are off for this device.")
        assert not PushSubscription.objects.exists()
    finally:
        service.stop()
