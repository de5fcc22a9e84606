"""The reminders page (a test per control, and bad input kept with its message), the list on
Today (done by logging, or dismissed), an injury's check-in switch, the email's one-click
unsubscribe (signed: a forged link changes nothing), and saving a browser's push subscription;
another user's reminder, injury or device is never reached."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recovery.models import Injury, PushSubscription, Reminder, ReminderSetting, get_profile
from recovery.reminders import email
from tests.reminders.fake_push import Browser, subscribed

pytestmark = pytest.mark.django_db

URL = "/reminders/"


def page_data(**changes):
    """What the page sends as it first shows (the defaults), with `changes`."""
    data = {
        "check_in-enabled": "on",
        "check_in-at": "09:00",
        "check_in-days": list("0123456"),
        "check_in-by_push": "on",
        "ice-enabled": "on",
        "ice-by_push": "on",
        "drinks-by_push": "on",
        "programme-enabled": "on",
        "programme-at": "18:00",
        "programme-days": ["0", "2", "4"],
        "programme-by_push": "on",
        "provider-enabled": "on",
        "provider-by_push": "on",
        "provider-by_email": "on",
        "quiet-quiet_start": "22:00",
        "quiet-quiet_end": "07:00",
    }
    for name, value in changes.items():
        name = name.replace("__", "-")
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def setting(user, kind):
    return ReminderSetting.objects.get(user=user, kind=kind)


def test_the_page_lists_each_reminder_with_its_controls(owner_client):
    body = owner_client.get(URL).content.decode()
    for legend in ["Daily check-in", "Next ice session", "Drinks", "Exercises and stretches",
                   "Call your provider, repeated", "Quiet hours and days off"]:  # fmt: skip
        assert f"<legend>{legend}</legend>" in body
    assert body.count('type="time"') == 4  # two reminders' times, and quiet hours' two ends
    assert "Source: NHS" in body


@pytest.mark.parametrize(
    ("change", "check"),
    [
        ({"check_in__enabled": None}, lambda u: not setting(u, "check_in").enabled),
        ({"check_in__at": "07:45"}, lambda u: setting(u, "check_in").at == dt.time(7, 45)),
        ({"check_in__days": ["5", "6"]}, lambda u: setting(u, "check_in").days == "56"),
        ({"check_in__by_email": "on"}, lambda u: setting(u, "check_in").by_email),
        ({"check_in__by_push": None}, lambda u: not setting(u, "check_in").by_push),
        ({"ice__enabled": None}, lambda u: not setting(u, "ice").enabled),
        ({"ice__by_push": None}, lambda u: not setting(u, "ice").by_push),
        ({"ice__by_email": "on"}, lambda u: setting(u, "ice").by_email),
        ({"drinks__by_push": None}, lambda u: not setting(u, "drinks").by_push),
        ({"drinks__by_email": "on"}, lambda u: setting(u, "drinks").by_email),
        ({"programme__enabled": None}, lambda u: not setting(u, "programme").enabled),
        ({"programme__by_push": None}, lambda u: not setting(u, "programme").by_push),
        ({"programme__by_email": "on"}, lambda u: setting(u, "programme").by_email),
        ({"provider__enabled": None}, lambda u: not setting(u, "provider").enabled),
        ({"provider__by_push": None}, lambda u: not setting(u, "provider").by_push),
        ({"drinks__enabled": "on"}, lambda u: setting(u, "drinks").enabled),
        ({"programme__days": ["1", "3"]}, lambda u: setting(u, "programme").days == "13"),
        ({"programme__at": "06:30"}, lambda u: setting(u, "programme").at == dt.time(6, 30)),
        ({"provider__by_email": None}, lambda u: not setting(u, "provider").by_email),
        ({"quiet__quiet_start": "21:15"}, lambda u: get_profile(u).quiet_start == dt.time(21, 15)),
        ({"quiet__quiet_end": "08:00"}, lambda u: get_profile(u).quiet_end == dt.time(8)),
        ({"quiet__days_off": ["6"]}, lambda u: get_profile(u).days_off == "6"),
    ],
)
def test_each_control_is_saved(owner_client, owner, change, check):
    response = owner_client.post(URL, page_data(**change), follow=True)
    assert "Reminders saved" in response.content.decode()
    owner.refresh_from_db()
    owner.profile = get_profile(owner)
    assert check(owner)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"check_in__at": "25:00"}, "Enter a time of day as hours and minutes"),
        ({"check_in__at": ""}, "Choose the time this reminder comes, or turn it off."),
        ({"programme__days": None}, "Choose at least one day, or turn this reminder off."),
        ({"quiet__days_off": list("0123456")}, "Leave at least one day on"),
        ({"quiet__quiet_end": "soon"}, "Enter a time of day as hours and minutes"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_the_rest_is_kept(
    owner_client, owner, change, message
):
    data = page_data(drinks__enabled="on", **change)
    response = owner_client.post(URL, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    assert "Everything else you chose is kept" in body
    assert '<input type="checkbox" name="drinks-enabled" id="id_drinks-enabled" checked>' in body
    assert not ReminderSetting.objects.exists()  # nothing half-saved


def test_without_an_email_address_email_is_off_and_says_why(owner_client, owner):
    owner.email = ""
    owner.save()
    body = owner_client.get(URL).content.decode()
    assert body.count("Your account has no email address, so none by email.") == 5
    assert (
        '<input type="checkbox" name="provider-by_email" disabled id="id_provider-by_email">'
        in body
    )
    owner_client.post(URL, page_data())
    assert not setting(owner, "provider").by_email


def test_an_open_reminder_shows_on_today_until_answered_or_dismissed(owner_client, owner):
    injury = Injury.objects.create(user=owner, side="left", onset_at=timezone.now())
    due = timezone.now() - dt.timedelta(minutes=5)
    Reminder.objects.create(user=owner, kind="check_in", due_at=due)
    drinks = Reminder.objects.create(user=owner, kind="drinks", due_at=due)
    body = owner_client.get("/").content.decode()
    assert "How does your leg feel today? Log how it feels." in body
    assert "Time for a drink" in body
    injury.entries.create(recorded_at=timezone.now(), pain=3)  # answers the check-in
    body = owner_client.get("/").content.decode()
    assert "How does your leg feel today? Log how it feels." not in body
    owner_client.post(reverse("reminder_close", args=[drinks.pk]))
    assert 'id="reminders-heading"' not in owner_client.get("/").content.decode()


def test_another_users_reminder_injury_and_device_are_out_of_reach(client, owner, other_user):
    theirs = Reminder.objects.create(user=other_user, kind="drinks", due_at=timezone.now())
    injury = Injury.objects.create(user=other_user, side="left", onset_at=timezone.now())
    client.force_login(owner)
    assert client.post(reverse("reminder_close", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("injury_check_in", args=[injury.pk])).status_code == 404
    theirs.refresh_from_db(), injury.refresh_from_db()
    assert theirs.closed_at is None
    assert injury.remind_daily
    endpoint = "https://push.example.test/bob"
    PushSubscription.objects.create(
        user=other_user, endpoint=endpoint, p256dh="B" * 87, auth="a" * 22
    )
    client.post(
        reverse("push_unsubscribe"), {"endpoint": endpoint}, content_type="application/json"
    )
    assert PushSubscription.objects.filter(user=other_user).exists()


def test_an_injurys_check_in_switch(owner_client, owner):
    injury = Injury.objects.create(user=owner, side="left", onset_at=timezone.now())
    body = owner_client.get(injury.get_absolute_url()).content.decode()
    assert 'name="remind_daily" id="id_remind_daily" checked' in body
    response = owner_client.post(reverse("injury_check_in", args=[injury.pk]), follow=True)
    assert "The daily check-in reminder for this injury is off." in response.content.decode()
    injury.refresh_from_db()
    assert not injury.remind_daily
    owner_client.post(reverse("injury_check_in", args=[injury.pk]), {"remind_daily": "on"})
    injury.refresh_from_db()
    assert injury.remind_daily


def test_the_unsubscribe_link_asks_first_and_a_mail_programs_one_click_post_works(owner):
    ReminderSetting.objects.create(user=owner, kind="provider", by_email=True)
    link = reverse("reminder_unsubscribe", args=[email.unsubscribe_token(owner.pk, "provider")])
    browser = Client(enforce_csrf_checks=True)  # signed out, no CSRF token: as a mail program
    page = browser.get(link).content.decode()
    assert 'Stop the emails for "Call your provider, repeated"?' in page
    assert setting(owner, "provider").by_email  # a link checker's GET changes nothing
    done = browser.post(link, {"List-Unsubscribe": "One-Click"}).content.decode()
    assert 'No more emails for "Call your provider, repeated"' in done
    assert not setting(owner, "provider").by_email
    assert setting(owner, "provider").enabled  # still in the app


def test_a_forged_or_altered_unsubscribe_link_changes_nothing(owner, other_user):
    ReminderSetting.objects.create(user=other_user, kind="check_in", by_email=True)
    token = email.unsubscribe_token(other_user.pk, "check_in")
    browser = Client(enforce_csrf_checks=True)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in [forged, "not-a-token", email.unsubscribe_token(other_user.pk, "nonsense")]:
        response = browser.post(reverse("reminder_unsubscribe", args=[bad]))
        assert response.status_code == 404
        assert "not one this app sent" in response.content.decode()
    assert setting(other_user, "check_in").by_email


GOOD = Browser("https://push.example.test/abc").subscription()


@pytest.mark.parametrize(
    "bad",
    [
        {**GOOD, "endpoint": "http://push.example.test/abc"},  # not https
        {**GOOD, "endpoint": "file:///etc/passwd"},
        {**GOOD, "keys": {"p256dh": "short", "auth": GOOD["keys"]["auth"]}},
        {**GOOD, "keys": {"p256dh": "B" * 87, "auth": GOOD["keys"]["auth"]}},  # not a point
        {**GOOD, "keys": {"p256dh": GOOD["keys"]["p256dh"], "auth": "a" * 30}},
        {"endpoint": GOOD["endpoint"]},
        "not json",
        ["a", "list"],
    ],
)
def test_a_push_subscription_that_is_not_one_is_refused(owner_client, bad):
    body = bad if isinstance(bad, str) else __import__("json").dumps(bad)
    response = owner_client.post(reverse("push_subscribe"), body, content_type="application/json")
    assert response.status_code == 400
    assert "https push service address" in response.content.decode()
    assert not PushSubscription.objects.exists()


def test_a_browser_subscription_is_saved_once_and_moves_with_the_account_signed_in(
    client, owner, other_user
):
    for user in (owner, owner, other_user):
        client.force_login(user)
        response = client.post(reverse("push_subscribe"), GOOD, content_type="application/json")
        assert response.json() == {"saved": True}
    assert [(one.user, one.endpoint) for one in PushSubscription.objects.all()] == [
        (other_user, GOOD["endpoint"])
    ]


def test_twenty_devices_at_most_and_one_already_kept_is_saved_again(owner_client, owner):
    kept = [subscribed(owner, f"https://push.example.test/{number}") for number in range(20)]
    another = Browser("https://push.example.test/new").subscription()
    refused = owner_client.post(reverse("push_subscribe"), another, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["reason"].startswith("Notifications can be on for 20 devices at most")
    again = kept[0].subscription()
    saved = owner_client.post(reverse("push_subscribe"), again, content_type="application/json")
    assert saved.json() == {"saved": True}
    assert PushSubscription.objects.filter(user=owner).count() == 20
