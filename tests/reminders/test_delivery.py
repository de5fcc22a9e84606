"""Sending reminders: by web push to a push service on this machine (signed, encrypted for
each device, a device gone forgotten), by email (no health detail, one-click unsubscribe), and
what happens when a channel fails: tried again with growing waits, then shown in the app,
never holding up another user's reminder."""

import datetime as dt
import re
import socket
import threading
from unittest import mock

import http_ece
import pytest
import time_machine
from django.core import mail

from recovery.management.commands.vapid_keys import new_pair
from recovery.models import PushSubscription, Reminder, ReminderSetting
from recovery.reminders import delivery, due, inbox
from tests.reminders.fake_push import PushService, subscribed, vapid_claims
from tests.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
HEALTH_WORDS = re.compile(r"pain|injur|strain|ice|swell|numb|cramp|doctor|provider|call", re.I)


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def service(settings):
    public, private = new_pair()
    settings.WEBPUSH_PUBLIC_KEY, settings.WEBPUSH_PRIVATE_KEY = public, private
    settings.WEBPUSH_HTTP_HOSTS = ["127.0.0.1"]
    found = PushService().start()
    yield found
    found.stop()


def device(user, service, path):
    return subscribed(user, f"{service.url}{path}")


def remind(user, kind="check_in"):
    """A reminder found due now, queued for sending as the search queues it."""
    return due.store(user, kind, NOW)


def test_a_reminder_goes_to_each_device_signed_and_readable_only_by_it(owner, service, settings):
    phone, laptop = device(owner, service, "/phone"), device(owner, service, "/laptop")
    reminder = remind(owner)
    delivery.deliver(reminder.pk)
    assert [one.path for one in service.received] == ["/phone", "/laptop"]
    for browser, received in zip([phone, laptop], service.received, strict=True):
        claims = vapid_claims(
            received.headers["authorization"], settings.WEBPUSH_PUBLIC_KEY, service.url
        )
        assert claims["sub"] == settings.WEBPUSH_CONTACT
        assert received.headers["content-encoding"] == "aes128gcm"
        assert len(received.body) <= 4096
        assert browser.read(received.body) == {
            "title": "How does your leg feel today?",
            "body": "Take a moment to note how your leg feels today.",
            "url": "/#injuries-heading",
            "tag": f"r{reminder.pk}",
        }
    with pytest.raises(http_ece.ECEException):  # the other device's key cannot read it
        phone.read(service.received[1].body)
    reminder.refresh_from_db()
    assert (reminder.status, reminder.pushed_at) == (Reminder.Status.SENT, NOW)
    assert delivery.deliver(reminder.pk) is None  # sent once: a second worker finds it taken
    assert len(service.received) == 2


def test_a_device_the_push_service_calls_gone_is_forgotten(owner, service):
    service.answers = {"/old": 410, "/lost": 404}
    device(owner, service, "/old"), device(owner, service, "/lost"), device(owner, service, "/new")
    reminder = remind(owner)
    delivery.deliver(reminder.pk)
    assert [one.endpoint for one in PushSubscription.objects.all()] == [f"{service.url}/new"]
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.SENT


def test_a_failing_push_service_is_tried_again_with_growing_waits_then_shown_in_the_app(
    owner, other_user, service, pinned
):
    service.answers = {"/broken": 500}
    device(owner, service, "/broken")
    device(other_user, service, "/fine")
    failing, fine = remind(owner), remind(other_user)
    run_queued_tasks()
    fine.refresh_from_db()
    assert fine.status == Reminder.Status.SENT  # the other user's was not held up
    waits = []
    for _ in range(4):
        failing.refresh_from_db()
        if failing.status != Reminder.Status.RETRY:
            break
        waits.append(failing.next_try_at - dt.datetime.now(dt.UTC))
        pinned.move_to(failing.next_try_at)
        assert due.to_send_again(dt.datetime.now(dt.UTC)) == [failing.pk]
        run_queued_tasks()
    assert waits == [dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=15)]
    failing.refresh_from_db()
    assert (failing.status, failing.attempts) == (Reminder.Status.FAILED, 4)
    assert failing.problem == "push: the push service answered 500"
    assert len([one for one in service.received if one.path == "/broken"]) == 4
    listed = inbox.listed(owner, dt.datetime.now(dt.UTC))
    assert [(one.reminder.pk, one.reminder.problem) for one in listed] == [
        (failing.pk, failing.problem)
    ]


def test_an_email_names_nothing_but_your_leg_and_can_be_stopped_in_one_click(owner, settings):
    settings.SITE_URL = "https://legs.example"
    for kind in ["check_in", "ice", "drinks", "programme", "provider"]:
        ReminderSetting.objects.create(user=owner, kind=kind, by_email=True, by_push=False)
        delivery.deliver(remind(owner, kind).pk)
    assert len(mail.outbox) == 5
    for message in mail.outbox:
        assert message.to == ["alice@example.com"]
        text = message.subject + message.body
        without_links = re.sub(r"https://\S+", "", text).replace("your leg", "")
        assert not HEALTH_WORDS.search(without_links), text
        link = re.search(
            r"To stop these emails: (https://legs\.example/reminders/unsubscribe/\S+/)", text
        )
        assert message.extra_headers["List-Unsubscribe"] == f"<{link.group(1)}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "How does your leg feel today?" in [message.subject for message in mail.outbox]


class SilentMailServer:
    """A mail server that takes the connection and never answers."""

    def __enter__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.port = self.socket.getsockname()[1]
        self.held = []
        threading.Thread(target=self._hold, daemon=True).start()
        return self

    def _hold(self):
        try:
            while True:
                self.held.append(self.socket.accept()[0])
        except OSError:
            pass

    def __exit__(self, *args):
        self.socket.close()
        for connection in self.held:
            connection.close()


def smtp_at(port, timeout=1):
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout, "use_tls": False},
        }
    }


def test_a_mail_server_that_hangs_or_refuses_holds_up_no_other_reminder(
    owner, other_user, service, settings
):
    ReminderSetting.objects.create(user=owner, kind="check_in", by_email=True, by_push=False)
    device(other_user, service, "/bob")
    with SilentMailServer() as silent:
        settings.MAILERS = smtp_at(silent.port)
        hung, other = remind(owner), remind(other_user)
        run_queued_tasks()
    hung.refresh_from_db(), other.refresh_from_db()
    assert (hung.status, hung.problem) == (
        Reminder.Status.RETRY,
        "email: the mail server did not answer",
    )
    assert other.status == Reminder.Status.SENT
    with socket.socket() as closed:  # a port nothing listens on: the connection is refused
        closed.bind(("127.0.0.1", 0))
        settings.MAILERS = smtp_at(closed.getsockname()[1])
    Reminder.objects.filter(pk=hung.pk).update(next_try_at=NOW)
    due.to_send_again(NOW)
    run_queued_tasks()
    hung.refresh_from_db()
    assert (hung.attempts, hung.problem) == (2, "email: the mail server could not be reached")


def test_a_fault_of_the_apps_own_counts_as_a_try_so_that_it_ends(owner):
    ReminderSetting.objects.create(user=owner, kind="check_in", by_email=True)
    reminder = remind(owner)
    with mock.patch.object(delivery.email, "message", side_effect=KeyError("a template bug")):
        delivery.deliver(reminder.pk)
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == (Reminder.Status.RETRY, 1)
    assert reminder.problem == "the app could not send it"
