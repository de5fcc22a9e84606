"""The ice timer's rules and pages, with the clock pinned."""

import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from recovery.models import IceSession, Injury, Treatment
from recovery.treatments import ice, ice_rules
from tests.concurrency import post_together

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


# --- pure timing rules ------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [1, 20])
def test_a_session_lasts_from_1_to_20_minutes(minutes):
    assert ice_rules.planned_end(NOW, minutes * MINUTE) == NOW + minutes * MINUTE


@pytest.mark.parametrize("minutes", [0, 21, -5])
def test_longer_or_empty_sessions_are_refused(minutes):
    with pytest.raises(ValueError, match="1 to 20 minutes"):
        ice_rules.planned_end(NOW, minutes * MINUTE)


def test_remaining_time_comes_from_the_servers_timestamps():
    end = NOW + 20 * MINUTE
    assert ice_rules.remaining_seconds(end, NOW + 7 * MINUTE) == 13 * 60
    assert ice_rules.remaining_seconds(end, NOW + 25 * MINUTE) == 0


def test_a_session_read_after_its_end_finished_at_the_planned_end():
    end = NOW + 20 * MINUTE
    assert ice_rules.finished_at(end, NOW + 3 * dt.timedelta(hours=1)) == end
    assert ice_rules.finished_at(end, NOW + 5 * MINUTE) == NOW + 5 * MINUTE


def test_skin_checks_come_every_5_minutes_before_the_end():
    assert ice_rules.skin_checks(NOW, NOW + 20 * MINUTE) == [
        NOW + 5 * MINUTE,
        NOW + 10 * MINUTE,
        NOW + 15 * MINUTE,
    ]
    assert ice_rules.skin_checks(NOW, NOW + 4 * MINUTE) == []


def test_skin_checks_stop_at_the_longest_session_whatever_the_stored_end():
    """An imported session from 1800 to 2000 once built a check for every 5 minutes of it."""
    far = dt.datetime(1800, 1, 1, tzinfo=dt.UTC)
    checks = ice_rules.skin_checks(far, dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    assert checks == [far + 5 * MINUTE, far + 10 * MINUTE, far + 15 * MINUTE]


def test_the_next_session_is_suggested_2_hours_after_the_last_ended():
    assert ice_rules.next_suggested(NOW) == NOW + dt.timedelta(hours=2)


@pytest.mark.parametrize(
    ("onset_ago", "suggested"),
    [
        (dt.timedelta(hours=69, minutes=59), True),  # suggested at 71:59, inside 72 hours
        (dt.timedelta(hours=70), False),  # it would fall at 72 hours: RICE is over
        (dt.timedelta(days=5), False),
    ],
)
def test_no_next_ice_session_is_suggested_past_the_first_72_hours(onset_ago, suggested):
    at = ice_rules.next_suggested(NOW, onset_at=NOW - onset_ago)
    assert (at == NOW + dt.timedelta(hours=2)) is suggested
    assert (at is None) is not suggested


@pytest.mark.parametrize(
    ("since_last", "confirm"),
    [(dt.timedelta(minutes=59, seconds=59), True), (dt.timedelta(hours=1), False)],
)
def test_starting_within_an_hour_of_the_last_session_asks_for_confirmation(since_last, confirm):
    assert ice_rules.needs_confirmation(NOW - since_last, NOW) is confirm
    assert ice_rules.needs_confirmation(None, NOW) is False


# --- sessions in the database -------------------------------------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture
def pinned():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_only_one_session_can_run_per_user_in_the_database(owner):
    IceSession.objects.create(
        user=owner, started_at=NOW, planned_end_at=NOW + 20 * MINUTE, barrier_confirmed=True
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        IceSession.objects.create(
            user=owner, started_at=NOW, planned_end_at=NOW + 20 * MINUTE, barrier_confirmed=True
        )


def test_starting_while_one_runs_shows_the_running_one(owner, pinned):
    first = ice.start(user=owner)
    with pytest.raises(ice.AlreadyRunning) as raised:
        ice.start(user=owner)
    assert raised.value.session == first


def test_a_session_completes_at_its_planned_end_when_next_read(owner, pinned):
    session = ice.start(user=owner, minutes=20)
    pinned.move_to(NOW + dt.timedelta(hours=3))
    assert ice.settle_for_user(owner) is None
    session.refresh_from_db()
    assert session.status == "completed"
    assert session.ended_at == NOW + 20 * MINUTE
    treatment = Treatment.objects.get(ice_session=session)
    assert (treatment.kind, treatment.duration_minutes, treatment.at) == ("ice", 20, NOW)


def test_stopping_early_records_the_real_duration_once(owner, pinned):
    session = ice.start(user=owner)
    pinned.move_to(NOW + 8 * MINUTE)
    assert ice.stop(session) is True
    assert session.status == "stopped"
    assert session.minutes == 8
    assert ice.stop(session) is False
    assert Treatment.objects.filter(ice_session=session).count() == 1


def test_cancelling_leaves_no_record(owner, pinned):
    session = ice.start(user=owner)
    assert ice.cancel(session) is True
    assert session.status == "cancelled"
    assert not Treatment.objects.exists()


# --- pages ----------------------------------------------------------------------------------------


def test_the_timer_page_shows_the_end_time_and_a_stop_button_without_javascript(
    owner_client, owner, pinned
):
    owner_client.post(reverse("ice_start"), {"minutes": "20", "barrier": "on"})
    session = IceSession.objects.get(user=owner)
    pinned.move_to(NOW + 7 * MINUTE)
    body = owner_client.get(session.get_absolute_url()).content.decode()
    assert 'data-remaining="780"' in body  # 13 minutes, from the server's clock
    assert ">13:00</p>" in body
    assert "Ends at <strong>12:20</strong>" in body  # Europe/London is UTC in November
    assert f'action="{reverse("ice_stop", args=[session.pk])}"' in body
    assert "12:05, 12:10, 12:15" in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"minutes": "0", "barrier": "on"}, "from 1 to 20"),
        ({"minutes": "21", "barrier": "on"}, "at most 20 minutes at a time"),
        ({"minutes": "abc", "barrier": "on"}, "from 1 to 20"),
        ({"minutes": "20"}, "Put a cloth or towel between the ice and your skin"),
        ({"minutes": "20", "barrier": "on", "injury": "999999"}, "Choose one of your injuries"),
    ],
)
def test_bad_start_input_is_explained_and_nothing_starts(owner_client, owner, data, message):
    response = owner_client.post(reverse("ice_start"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not IceSession.objects.exists()


def test_another_users_injury_cannot_be_iced(owner_client, other_user):
    theirs = Injury.objects.create(user=other_user, side="left", onset_at=NOW)
    response = owner_client.post(
        reverse("ice_start"), {"minutes": "20", "barrier": "on", "injury": theirs.pk}
    )
    assert "Choose one of your injuries" in response.content.decode()


def test_starting_soon_after_the_last_session_asks_first(owner_client, owner, pinned):
    owner_client.post(reverse("ice_start"), {"minutes": "20", "barrier": "on"})
    pinned.move_to(NOW + 50 * MINUTE)  # ended at 12:20, 30 minutes ago
    response = owner_client.post(reverse("ice_start"), {"minutes": "20", "barrier": "on"})
    assert "ended less than an hour ago" in response.content.decode()
    assert IceSession.objects.count() == 1
    response = owner_client.post(
        reverse("ice_start"), {"minutes": "20", "barrier": "on", "start_anyway": "on"}
    )
    assert response.status_code == 302
    assert IceSession.objects.count() == 2


def test_the_start_page_shows_today_and_the_next_suggested_time(owner_client, owner, pinned):
    owner_client.post(reverse("ice_start"), {"minutes": "15", "barrier": "on"})
    pinned.move_to(NOW + 30 * MINUTE)
    body = owner_client.get(reverse("ice")).content.decode()
    assert "1 session, 15 minutes in all." in body
    assert "suggested from <strong>14:15</strong>" in body


def test_opening_the_timer_while_one_runs_goes_to_it(owner_client, owner, pinned):
    owner_client.post(reverse("ice_start"), {"minutes": "20", "barrier": "on"})
    session = IceSession.objects.get()
    assert owner_client.get(reverse("ice"))["Location"] == session.get_absolute_url()
    response = owner_client.post(reverse("ice_start"), {"minutes": "20", "barrier": "on"})
    assert response["Location"] == session.get_absolute_url()


def test_stopping_an_already_stopped_session_says_so_and_records_nothing_more(
    owner_client, owner, pinned
):
    owner_client.post(reverse("ice_start"), {"minutes": "20", "barrier": "on"})
    session = IceSession.objects.get()
    pinned.move_to(NOW + 4 * MINUTE)
    owner_client.post(reverse("ice_stop", args=[session.pk]))
    response = owner_client.post(reverse("ice_stop", args=[session.pk]), follow=True)
    assert "had already ended" in response.content.decode()
    assert Treatment.objects.count() == 1


def test_another_users_session_is_404_and_keeps_running(client, owner, other_user, pinned):
    session = ice.start(user=owner)
    client.force_login(other_user)
    for name in ["ice_session", "ice_stop", "ice_cancel"]:
        response = client.post(reverse(name, args=[session.pk]))
        assert response.status_code in {404, 405}
        assert client.get(reverse(name, args=[session.pk])).status_code in {404, 405}
    session.refresh_from_db()
    assert session.is_running


# --- the treatment log ---------------------------------------------------------------------------


def test_a_manual_ice_treatment_over_20_minutes_cites_the_interval(owner_client, pinned):
    response = owner_client.post(
        reverse("treatment_new"),
        {"kind": "ice", "at": "2026-11-25T10:00", "duration_minutes": "180", "notes": "sofa"},
    )
    body = response.content.decode()
    assert "intervals of at most 20 minutes" in body
    assert "sofa</textarea>" in body
    assert not Treatment.objects.exists()


def test_medication_is_recorded_as_written(owner_client, owner, pinned):
    injury = Injury.objects.create(user=owner, side="left", onset_at=NOW - dt.timedelta(days=1))
    owner_client.post(
        reverse("treatment_new"),
        {
            "kind": "medication",
            "detail": "Ibuprofen 200 mg",
            "at": "2026-11-25T09:00",
            "injury": injury.pk,
        },
    )
    treatment = Treatment.objects.get()
    assert (treatment.detail, treatment.injury) == ("Ibuprofen 200 mg", injury)
    body = owner_client.get(injury.get_absolute_url()).content.decode()
    assert "Ibuprofen 200 mg" in body


def test_treatments_show_on_the_timeline_and_in_the_rice_panel(owner_client, owner, pinned):
    injury = Injury.objects.create(user=owner, side="left", onset_at=NOW - dt.timedelta(hours=5))
    injury.entries.create(recorded_at=NOW - dt.timedelta(hours=5), pain=5)
    session = ice.start(user=owner, injury=injury)
    pinned.move_to(NOW + dt.timedelta(hours=1))
    Treatment.objects.create(user=owner, injury=injury, kind="elevation", at=NOW + 30 * MINUTE)
    body = owner_client.get(injury.get_absolute_url()).content.decode()
    session.refresh_from_db()
    assert session.status == "completed"
    assert "<strong>Ice</strong>, 20 minutes" in body
    assert "<strong>Ice</strong>: done, 20 minutes" in body
    assert "<strong>Elevation</strong>: done" in body
    assert "<strong>Rest</strong>: not logged yet" in body


def test_treatments_can_be_edited_and_deleted_after_confirmation(owner_client, owner, pinned):
    treatment = Treatment.objects.create(user=owner, kind="massage", at=NOW, detail="roller")
    owner_client.post(
        reverse("treatment_edit", args=[treatment.pk]),
        {"kind": "massage", "detail": "by hand", "at": "2026-11-25T11:00"},
    )
    treatment.refresh_from_db()
    assert treatment.detail == "by hand"
    assert (
        "Delete this treatment?"
        in owner_client.get(reverse("treatment_delete", args=[treatment.pk])).content.decode()
    )
    owner_client.post(reverse("treatment_delete", args=[treatment.pk]))
    assert not Treatment.objects.exists()


def test_another_users_treatment_is_404(client, owner, other_user):
    treatment = Treatment.objects.create(user=owner, kind="rest", at=NOW)
    client.force_login(other_user)
    for name in ["treatment_edit", "treatment_delete"]:
        assert client.get(reverse(name, args=[treatment.pk])).status_code == 404
        assert client.post(reverse(name, args=[treatment.pk])).status_code == 404
    assert Treatment.objects.filter(pk=treatment.pk).exists()


# --- two tabs stopping at once ------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs concurrent connections: runs in the PostgreSQL pass of CI.",
)
@pytest.mark.django_db(transaction=True)
def test_two_tabs_stopping_at_the_same_moment_make_one_stop_and_one_record(owner):
    session = IceSession.objects.create(
        user=owner,
        started_at=dt.datetime.now(dt.UTC) - 5 * MINUTE,
        planned_end_at=dt.datetime.now(dt.UTC) + 15 * MINUTE,
        barrier_confirmed=True,
    )
    statuses = post_together(owner, reverse("ice_stop", args=[session.pk]))
    assert statuses == [302, 302]
    session.refresh_from_db()
    assert session.status == "stopped"
    assert Treatment.objects.filter(ice_session=session).count() == 1


def test_cancelling_a_session_that_is_already_over_keeps_it(owner_client, owner, pinned):
    session = ice.start(user=owner)
    pinned.move_to(NOW + dt.timedelta(hours=1))
    owner_client.post(reverse("ice_cancel", args=[session.pk]))
    session.refresh_from_db()
    assert session.status == "completed"
    assert Treatment.objects.filter(ice_session=session).count() == 1
