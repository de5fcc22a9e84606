"""Logs kept on the device while offline, arriving at /offline/sync/: each stored exactly once
with its original time through the same checks as its page, or refused with a reason; never
stored for another user."""

import datetime as dt
import json
import uuid

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from anatomy.models import Exercise, Stretch
from recovery.models import (
    Cramp,
    ExerciseSession,
    FluidEntry,
    IceSession,
    Injury,
    ProgrammeExercise,
    StretchSession,
    SymptomEntry,
    Treatment,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)  # 09:00 in London
URL = "/offline/sync/"


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def injury(owner):
    return Injury.objects.create(user=owner, side="left", onset_at=NOW - dt.timedelta(days=3))


def ms(moment):
    return int(moment.timestamp() * 1000)


def send(client, kind, fields, made_at=NOW - dt.timedelta(hours=6), target=None, id=None):
    body = {
        "id": str(id or uuid.uuid4()),
        "kind": kind,
        "made_at": ms(made_at),
        "fields": fields,
        "target": target,
    }
    response = client.post(URL, json.dumps(body), content_type="application/json")
    return response, response.json()


def test_an_entry_is_stored_once_with_its_own_time_however_often_it_comes(owner_client, injury):
    fields = {"pain": "6", "recorded_at": "2026-12-03T03:10", "calf_swelling": "on"}
    key = uuid.uuid4()
    first, answer = send(owner_client, "entry", fields, target=injury.pk, id=key)
    entry = SymptomEntry.objects.get()
    row = {"id": entry.pk, "at": "2026-12-03T03:10:00+00:00"}
    assert (first.status_code, answer) == (201, {"status": "stored", "row": row})
    for _ in range(2):  # a replay of the queue, a second tab: the stored row
        again, answer = send(owner_client, "entry", fields, target=injury.pk, id=key)
        assert (again.status_code, answer) == (
            200,
            {"status": "stored", "repeat": True, "row": row},
        )
    entry.refresh_from_db()
    assert (entry.pain, entry.calf_swelling, entry.client_id) == (6, True, key)
    assert entry.recorded_at == dt.datetime(2026, 12, 3, 3, 10, tzinfo=dt.UTC)


def test_a_value_out_of_range_is_refused_with_what_is_allowed(owner_client, injury):
    response, answer = send(
        owner_client, "entry", {"pain": "11", "recorded_at": "2026-12-03T03:10"}, target=injury.pk
    )
    assert response.status_code == 422
    assert answer["status"] == "refused"
    assert answer["reason"].startswith("Not stored: Pain is a whole number from 0")
    assert "pain" in answer["errors"]
    assert not SymptomEntry.objects.exists()


def test_an_entry_for_an_injury_deleted_meanwhile_is_refused(owner_client, injury):
    target = injury.pk
    injury.delete()
    response, answer = send(
        owner_client, "entry", {"pain": "3", "recorded_at": "2026-12-03T03:10"}, target=target
    )
    assert response.status_code == 422
    assert answer["reason"] == "Not stored: the injury it was for is no longer in your log."


def test_another_users_injury_is_refused_and_nothing_is_stored_for_them(client, other_user, injury):
    client.force_login(other_user)
    response, answer = send(
        client, "entry", {"pain": "3", "recorded_at": "2026-12-03T03:10"}, target=injury.pk
    )
    assert response.status_code == 422
    assert not SymptomEntry.objects.exists()


def test_the_same_id_from_another_account_is_not_the_first_ones_row(client, owner, other_user):
    key = uuid.uuid4()
    client.force_login(owner)
    send(client, "drink", {"quick": "250"}, id=key)
    client.force_login(other_user)
    response, answer = send(client, "drink", {"quick": "250"}, id=key)
    assert (response.status_code, answer["status"]) == (201, "stored")
    assert FluidEntry.objects.filter(client_id=key).count() == 2  # one each


def test_a_glass_cramp_stretch_treatment_and_exercise_keep_the_time_they_were_made(
    owner_client, owner, injury
):
    made = NOW - dt.timedelta(hours=6)  # 03:00: a cramp in the night
    send(owner_client, "drink", {"quick": "250"}, made_at=made)
    _, cramp = send(
        owner_client,
        "cramp",
        {
            "when": "now",
            "side": "left",
            "duration": "2",
            "duration_unit": "minutes",
            "pain": "5",
            "at_night": "on",
        },
        made_at=made,
    )
    stretch = Stretch.objects.first()
    _, stretched = send(
        owner_client,
        "stretch",
        {
            "stretch": str(stretch.pk),
            "side": "both",
            "holds": "3",
            "hold_seconds": "30",
            "pain_during": "1",
            "at": "2026-12-03T02:50",
        },
    )
    send(
        owner_client,
        "treatment",
        {
            "kind": "ice",
            "at": "2026-12-03T02:30",
            "duration_minutes": "15",
            "injury": str(injury.pk),
        },
    )
    item = ProgrammeExercise.from_library(injury, Exercise.objects.get(slug="wall-sit"))
    item.save()
    send(owner_client, "exercise", {}, made_at=made, target=item.pk)
    assert FluidEntry.objects.get().at == made
    assert cramp["status"] == "stored"
    assert Cramp.objects.get().started_at == made
    assert stretched["status"] == "stored"
    assert StretchSession.objects.get().at == dt.datetime(2026, 12, 3, 2, 50, tzinfo=dt.UTC)
    assert Treatment.objects.get().duration_minutes == 15
    assert ExerciseSession.objects.get().at == made
    assert all(model.objects.get().client_id for model in (FluidEntry, Cramp, ExerciseSession))


def test_what_cannot_be_read_or_is_from_the_future_is_refused(owner_client):
    response = owner_client.post(URL, "not json", content_type="application/json")
    assert response.status_code == 400
    response, answer = send(
        owner_client, "drink", {"quick": "250"}, made_at=NOW + dt.timedelta(minutes=10)
    )
    assert response.status_code == 400
    assert answer["reason"] == "Not stored: the app could not read its time."
    response, _ = send(owner_client, "unknown", {})
    assert response.status_code == 400
    response = owner_client.post(
        URL, json.dumps({"id": "x" * 30_000}), content_type="application/json"
    )
    assert response.json()["reason"] == "Not stored: the app could not read its size."
    assert not FluidEntry.objects.exists()


def test_signed_out_nothing_is_stored_and_the_answer_says_so(client):
    response, answer = send(client, "drink", {"quick": "250"})
    assert response.status_code == 403
    assert answer["status"] == "signed out"
    assert not FluidEntry.objects.exists()


def test_the_form_key_is_checked_as_for_any_form(owner):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    response = strict.post(URL, "{}", content_type="application/json")
    assert response.status_code == 403
    assert reverse("offline_sync") == URL


def test_an_ice_session_started_and_stopped_offline_keeps_its_times(owner_client, injury):
    start = uuid.uuid4()
    started = NOW - dt.timedelta(hours=2)
    fields = {"injury": str(injury.pk), "minutes": "20", "barrier": "on"}
    response, answer = send(owner_client, "ice-start", fields, made_at=started, id=start)
    assert (response.status_code, answer["status"]) == (201, "stored")
    # Synced two hours later: the server finished it at its planned end meanwhile, but it
    # was stopped after 12 minutes on the phone.
    stopped = started + dt.timedelta(minutes=12)
    for _ in range(2):  # sent twice: the same stop
        response, answer = send(owner_client, "ice-stop", {"start": str(start)}, made_at=stopped)
        assert answer["status"] == "stored"
    session = IceSession.objects.get()
    assert (session.started_at, session.ended_at, session.status) == (started, stopped, "stopped")
    assert Treatment.objects.get(ice_session=session).duration_minutes == 12


def test_an_offline_stop_is_never_before_the_start_nor_after_20_minutes(owner_client, owner):
    session = IceSession.objects.create(
        user=owner, started_at=NOW - dt.timedelta(minutes=5),
        planned_end_at=NOW + dt.timedelta(minutes=15),
    )  # fmt: skip
    send(owner_client, "ice-stop", {}, made_at=NOW - dt.timedelta(minutes=30), target=session.pk)
    session.refresh_from_db()
    assert session.ended_at == session.started_at  # not before it started
    late = IceSession.objects.create(
        user=owner, started_at=NOW - dt.timedelta(minutes=50),
        planned_end_at=NOW - dt.timedelta(minutes=30),
    )  # fmt: skip
    send(owner_client, "ice-stop", {}, made_at=NOW, target=late.pk)
    late.refresh_from_db()
    assert late.ended_at == late.planned_end_at  # within the 20-minute cap


def test_an_ice_start_without_the_cloth_is_refused_with_its_reason(owner_client, injury):
    response, answer = send(owner_client, "ice-start", {"injury": str(injury.pk), "minutes": "20"})
    assert response.status_code == 422
    assert "cloth or towel" in answer["reason"]
    assert not IceSession.objects.exists()


def test_another_users_ice_session_cannot_be_stopped(client, other_user, owner):
    session = IceSession.objects.create(
        user=owner, started_at=NOW, planned_end_at=NOW + dt.timedelta(minutes=20)
    )
    client.force_login(other_user)
    response, _ = send(client, "ice-stop", {}, made_at=NOW, target=session.pk)
    assert response.status_code == 422
    session.refresh_from_db()
    assert session.status == "running"


def test_a_phone_clock_a_little_fast_counts_as_now_and_deep_nesting_is_refused(owner_client):
    send(owner_client, "drink", {"quick": "250"}, made_at=NOW + dt.timedelta(minutes=2))
    assert FluidEntry.objects.get().at == NOW  # never stored in the future
    nested = "[" * 100_000 + "]" * 100_000
    response = owner_client.post(URL, nested[:19_000], content_type="application/json")
    assert response.status_code == 400


def test_a_log_sent_from_its_page_whose_answer_was_lost_is_not_stored_again(owner_client, injury):
    # The page sent the form (its key as the phone's id); the answer never came back, so the
    # phone kept it and sends it again through the sync: the key says it is stored.
    key = uuid.uuid4()
    fields = {"pain": "4", "recorded_at": "2026-12-03T08:55"}
    page = owner_client.post(
        reverse("entry_new", args=[injury.pk]), {**fields, "submission": str(key)}
    )
    assert page.status_code == 302
    response, answer = send(owner_client, "entry", fields, target=injury.pk, id=key)
    assert (response.status_code, answer["status"], answer["repeat"]) == (200, "stored", True)
    assert SymptomEntry.objects.count() == 1


CRAMP = {"when": "now", "side": "left", "duration": "40", "duration_unit": "seconds", "pain": "5"}


@pytest.mark.parametrize(
    ("kind", "url", "fields", "model"),
    [
        ("drink", "fluid_add", {"quick": "250"}, FluidEntry),
        ("cramp", "cramps", CRAMP, Cramp),
        ("ice-start", "ice_start", {"minutes": "20", "barrier": "on"}, IceSession),
    ],
)
def test_a_log_synced_first_is_not_stored_again_by_its_page(owner_client, kind, url, fields, model):
    # The other order: the sync stored it (a second tab), then the page's own send arrives.
    key = uuid.uuid4()
    response, answer = send(owner_client, kind, fields, made_at=NOW, id=key)
    assert response.status_code == 201, answer
    owner_client.post(reverse(url), {**fields, "submission": str(key)})
    assert model.objects.count() == 1


def test_a_page_answering_a_form_with_its_errors_names_the_form_it_answers(owner_client, injury):
    key = str(uuid.uuid4())
    response = owner_client.post(
        reverse("entry_new", args=[injury.pk]), {"pain": "12", "submission": key}
    )
    assert response.status_code in (200, 400)
    assert f'data-answered="{key}"' in response.text
    assert not SymptomEntry.objects.exists()


def test_a_session_set_by_set_is_stored_once_and_bad_counts_are_refused_at_their_field(
    owner_client, injury
):
    bridge = Exercise.objects.get(slug="hamstring-bridge-single")
    item = ProgrammeExercise.from_library(injury, bridge)
    item.save()
    fields = {"count_1": "10", "count_2": "8", "pain_during": "2", "at": "2026-12-03T07:30"}
    key = uuid.uuid4()
    for _ in range(2):
        send(owner_client, "session", fields, target=item.pk, id=key)
    session = ExerciseSession.objects.get()
    assert session.at == dt.datetime(2026, 12, 3, 7, 30, tzinfo=dt.UTC)
    assert [one.reps for one in session.sets.all()] == [10, 8]
    assert (session.pain_during, session.client_id) == (2, key)
    response, answer = send(owner_client, "session", {**fields, "count_1": "10000"}, target=item.pk)
    assert (response.status_code, answer["status"]) == (422, "refused")
    assert "count_1" in answer["errors"]
    assert answer["reason"].startswith("Not stored: ")
    assert ExerciseSession.objects.count() == 1


def test_an_ice_start_answered_with_the_running_session_is_not_sent_again(owner_client, owner):
    from recovery.treatments import ice

    ice.start(user=owner)
    key = uuid.uuid4()
    fields = {"minutes": "20", "barrier": "on"}
    owner_client.post(reverse("ice_start"), {**fields, "submission": str(key)})
    response, answer = send(owner_client, "ice-start", fields, made_at=NOW, id=key)
    assert (response.status_code, answer["status"]) == (200, "stored")
    assert IceSession.objects.count() == 1
