"""Timing a cramp as it happens: the pure rules with the clock pinned, and the two taps (start,
then which leg) that log it."""

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse

from recovery.accounts import export
from recovery.habits import cramp_timer
from recovery.models import Cramp
from tests.tasks import import_now

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("seconds", "logged"),
    [(0, 1), (0.4, 1), (45, 45), (600, 600), (7200, 7200), (7201, None)],
)
def test_the_length_logged_is_the_whole_seconds_it_ran_up_to_2_hours(seconds, logged):
    assert cramp_timer.logged_seconds(NOW, NOW + dt.timedelta(seconds=seconds)) == logged


@pytest.mark.parametrize(
    ("hour", "minute", "night"),
    [(21, 59, False), (22, 0, True), (3, 0, True), (6, 59, True), (7, 0, False), (12, 0, False)],
)
def test_a_cramp_from_10_pm_to_7_am_is_at_night(hour, minute, night):
    assert cramp_timer.at_night(dt.datetime(2026, 11, 25, hour, minute)) is night


@pytest.mark.parametrize(("seconds", "text"), [(1, "0:01"), (65, "1:05"), (600, "10:00")])
def test_the_clock_reads_minutes_and_seconds(seconds, text):
    assert cramp_timer.clock(seconds) == text


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_two_taps_log_a_cramp_with_its_real_length(owner_client, owner):
    with time_machine.travel(NOW, tick=False):
        owner_client.post(reverse("cramp_timer_start"))
        page = owner_client.get(reverse("cramps")).content.decode()
    assert "Timing your cramp" in page
    with time_machine.travel(NOW + dt.timedelta(seconds=20), tick=False):
        owner_client.post(reverse("cramp_timer_start"))  # a second tap keeps the first start
    with time_machine.travel(NOW + dt.timedelta(seconds=95), tick=False):
        response = owner_client.post(reverse("cramp_timer_stop"), {"side": "right"}, follow=True)
    cramp = Cramp.objects.get(user=owner)
    assert cramp.started_at == NOW
    assert cramp.duration_seconds == 95
    assert cramp.side == "right"
    assert cramp.pain is None
    assert "Cramp logged: 1 min 35 s, right leg." in response.content.decode()
    assert "pain not rated" in response.content.decode()
    assert "Timing your cramp" not in response.content.decode()  # the clock is gone


@pytestmark_db
def test_a_cramp_timed_past_10_minutes_shows_what_to_do_and_is_urgent(owner_client, owner):
    with time_machine.travel(NOW, tick=False):
        owner_client.post(reverse("cramp_timer_start"))
    with time_machine.travel(NOW + dt.timedelta(minutes=11), tick=False):
        page = owner_client.get(reverse("cramps")).content.decode()
        assert 'data-cramp-long role="alert">' in page  # shown, not hidden
        owner_client.post(reverse("cramp_timer_stop"), {"side": "left"})
        body = owner_client.get(reverse("home")).content.decode()
    assert "banner-urgent" in body


@pytestmark_db
def test_a_timer_left_running_for_hours_logs_nothing_and_says_so(owner_client, owner):
    with time_machine.travel(NOW, tick=False):
        owner_client.post(reverse("cramp_timer_start"))
    with time_machine.travel(NOW + dt.timedelta(hours=3), tick=False):
        response = owner_client.post(reverse("cramp_timer_stop"), {"side": "left"}, follow=True)
    assert "probably left running" in response.content.decode()
    assert not Cramp.objects.filter(user=owner).exists()


@pytestmark_db
@pytest.mark.parametrize("side", ["", "middle", "left; drop table"])
def test_stopping_needs_a_leg_and_keeps_the_clock_running(owner_client, owner, side):
    owner_client.post(reverse("cramp_timer_start"))
    response = owner_client.post(reverse("cramp_timer_stop"), {"side": side}, follow=True)
    assert "Choose the leg: left, right or both." in response.content.decode()
    assert "Timing your cramp" in response.content.decode()
    assert not Cramp.objects.filter(user=owner).exists()


@pytestmark_db
@pytest.mark.parametrize(
    "stored", ["not a time", "2026-11-25T12:00:00", "2999-01-01T00:00:00+00:00"]
)
def test_a_damaged_or_future_start_in_the_session_is_no_timer(owner_client, owner, stored):
    session = owner_client.session
    session[cramp_timer.SESSION_KEY] = stored
    session.save()
    response = owner_client.post(reverse("cramp_timer_stop"), {"side": "left"}, follow=True)
    assert "No cramp was being timed" in response.content.decode()
    assert not Cramp.objects.filter(user=owner).exists()


@pytestmark_db
def test_a_cramp_without_a_pain_score_exports_and_imports(owner, other_user):
    Cramp.objects.create(user=owner, started_at=NOW, side="left", duration_seconds=30, pain=None)
    data = export.collect(owner)
    assert data["cramps"][0]["pain"] is None
    import_now(other_user, json.dumps(data).encode())
    assert Cramp.objects.get(user=other_user).pain is None


@pytestmark_db
def test_a_timer_left_running_past_2_hours_is_no_longer_shown_and_a_tap_starts_afresh(
    owner_client, owner
):
    with time_machine.travel(NOW, tick=False):
        owner_client.post(reverse("cramp_timer_start"))
    later = NOW + dt.timedelta(hours=3)
    with time_machine.travel(later, tick=False):
        page = owner_client.get(reverse("home")).content.decode()
        assert "Timing your cramp" not in page  # no endless "over 10 minutes" alert
        owner_client.post(reverse("cramp_timer_start"))
    with time_machine.travel(later + dt.timedelta(seconds=30), tick=False):
        owner_client.post(reverse("cramp_timer_stop"), {"side": "left"})
    assert Cramp.objects.get(user=owner).duration_seconds == 30


@pytestmark_db
def test_logging_the_cramp_with_its_details_stops_its_timer(owner_client, owner):
    owner_client.post(reverse("cramp_timer_start"))
    owner_client.post(
        reverse("cramps"),
        {"when": "now", "side": "left", "duration": "40", "duration_unit": "seconds", "pain": "7"},
    )
    assert "Timing your cramp" not in owner_client.get(reverse("cramps")).content.decode()


@pytestmark_db
def test_two_taps_on_a_leg_at_once_log_one_cramp(owner_client, owner):
    import uuid

    from recovery.common.submissions import FIELD

    key = str(uuid.uuid4())
    owner_client.post(reverse("cramp_timer_start"))
    owner_client.post(reverse("cramp_timer_stop"), {"side": "left", FIELD: key})
    owner_client.post(reverse("cramp_timer_start"))  # the same form sent again
    owner_client.post(reverse("cramp_timer_stop"), {"side": "left", FIELD: key})
    assert Cramp.objects.filter(user=owner).count() == 1
