"""Export, import and account deletion: the user's data is theirs to take and to remove."""

import csv
import datetime as dt
import io
import json
import uuid
import zipfile
from decimal import Decimal

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from anatomy.models import Exercise, Muscle, Stretch
from recovery.accounts import export, importer
from recovery.models import (
    Cramp,
    FluidEntry,
    FormSubmission,
    IceSession,
    ImportJob,
    Injury,
    Profile,
    ProgrammeExercise,
    Reminder,
    ReminderSetting,
    SetTimer,
    ShareLink,
    StretchSession,
    Treatment,
    get_profile,
)
from recovery.rehab import sessions
from recovery.treatments import ice
from tests.browser import PASSWORD
from tests.reminders.fake_push import subscribed
from tests.tasks import import_now, run_queued_tasks

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def log_everything(user, pinned):
    injury = Injury.objects.create(
        user=user, side="left", onset_at=NOW - dt.timedelta(days=3), notes="=HYPERLINK(evil)"
    )
    injury.muscles.set(Muscle.objects.filter(slug__in=["soleus", "gastrocnemius"]))
    injury.entries.create(recorded_at=NOW - dt.timedelta(days=3), pain=6, numbness=True)
    injury.entries.create(recorded_at=NOW - dt.timedelta(days=1), pain=4, notes="+1 better")
    injury.acknowledgements.create(kind="contacted", at=NOW - dt.timedelta(hours=5), note="physio")
    for slug, load in [("calf-hold-isometric", None), ("split-squat", Decimal("12.5"))]:
        planned = ProgrammeExercise.from_library(injury, Exercise.objects.get(slug=slug))
        planned.load_kg = load
        planned.added_at = NOW - dt.timedelta(hours=4)
        planned.save()
    sessions.record(planned, NOW - dt.timedelta(hours=3), [(8, Decimal("12.5")), (6, None)], 3)
    profile = get_profile(user)
    profile.cramps_contacted_at = NOW - dt.timedelta(hours=6)
    profile.quiet_start, profile.days_off = dt.time(23, 30), "6"
    profile.save()
    injury.remind_daily = False
    injury.save()
    ReminderSetting.objects.create(user=user, kind="drinks", enabled=True, by_push=False)
    ReminderSetting.objects.create(user=user, kind="check_in", at=dt.time(8, 30), days="01234")
    Reminder.objects.create(user=user, kind="check_in", due_at=NOW - dt.timedelta(hours=2))
    subscribed(user, f"https://push.example.test/{user.username}")
    session = ice.start(user=user, injury=injury, now=NOW - dt.timedelta(hours=3))
    ice.settle(session, NOW)
    Treatment.objects.create(
        user=user, injury=injury, kind="medication", detail="@ibuprofen 200 mg", at=NOW
    )
    FluidEntry.objects.create(user=user, at=NOW - dt.timedelta(hours=1), amount_ml=500)
    Cramp.objects.create(
        user=user,
        started_at=NOW - dt.timedelta(hours=9),
        muscle=Muscle.objects.get(slug="soleus"),
        side="right",
        duration_seconds=90,
        pain=7,
        at_night=True,
        helped=["stretching"],
    )
    StretchSession.objects.create(
        user=user,
        stretch=Stretch.objects.first(),
        injury=injury,
        holds=3,
        holds_done=3,
        hold_seconds=30,
        pain_during=2,
        at=NOW - dt.timedelta(hours=2),
    )
    FormSubmission.objects.create(user=user, key=uuid.uuid4())  # a form sent today
    ShareLink.objects.create(
        user=user,
        injury=injury,
        start_day=NOW.date(),
        end_day=NOW.date(),
        expires_at=NOW + dt.timedelta(days=7),
    )
    return injury


def without_ids(data):
    data = json.loads(json.dumps(data))
    data.pop("exported_at")
    id_map = {i["id"]: n for n, i in enumerate(data["injuries"])}
    session_map = {s["id"]: n for n, s in enumerate(data["ice_sessions"])}
    for injury in data["injuries"]:
        injury["id"] = id_map[injury["id"]]
    for session in data["ice_sessions"]:
        session["id"] = session_map[session["id"]]
        session["injury"] = id_map.get(session["injury"])
    for item in data["treatments"] + data["stretches"]:
        item["injury"] = id_map.get(item["injury"])
    for item in data["treatments"]:
        item["ice_session"] = session_map.get(item["ice_session"])
    return data


def test_the_zip_holds_a_csv_per_log_and_the_json(owner_client, owner, pinned):
    log_everything(owner, pinned)
    response = owner_client.get(reverse("export"))
    assert response["Content-Type"] == "application/zip"
    assert "leg-recovery-2026-11-25.zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {*export.CSV_COLUMNS, "data.json"}
    entries = list(csv.DictReader(io.StringIO(archive.read("symptom_entries.csv").decode())))
    assert entries[0]["recorded_at"] == "2026-11-22T12:00:00+00:00"
    assert entries[0]["numbness"] == "yes"
    assert entries[1]["notes"] == "'+1 better"
    injuries = list(csv.DictReader(io.StringIO(archive.read("injuries.csv").decode())))
    assert injuries[0]["notes"] == "'=HYPERLINK(evil)"
    assert injuries[0]["muscles"] == "gastrocnemius, soleus"
    treatments = archive.read("treatments.csv").decode()
    assert "'@ibuprofen 200 mg" in treatments
    assert json.loads(archive.read("data.json"))["format"] == "leg-recovery-tracker"


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+44", "'+44"),
        ("-3", "'-3"),
        ("@SUM", "'@SUM"),
        ("plain", "plain"),
        (None, ""),
        (True, "yes"),
    ],
)
def test_cells_cannot_run_as_spreadsheet_formulas(value, safe):
    assert export.safe_cell(value) == safe


def test_export_import_export_gives_the_same_data(owner, other_user, pinned):
    log_everything(owner, pinned)
    first = export.collect(owner)
    import_now(other_user, json.dumps(first).encode())
    second = export.collect(other_user)
    assert without_ids(second) == without_ids(first)
    assert Injury.objects.filter(user=other_user).count() == 1
    stored = Profile.objects.get(user=other_user).cramps_contacted_at
    assert stored == NOW - dt.timedelta(hours=6)


def test_importing_through_the_page(client, owner, other_user, pinned):
    log_everything(owner, pinned)
    document = json.dumps(export.collect(owner)).encode()
    client.force_login(other_user)
    response = client.post(
        reverse("import"), {"file": SimpleUploadedFile("data.json", document, "application/json")}
    )
    assert response.status_code == 302
    assert response.url == reverse("data")
    assert not FluidEntry.objects.filter(user=other_user).exists()  # queued, not yet run
    waiting = client.get(reverse("data")).content.decode()
    assert "Waiting to start" in waiting
    assert 'hx-trigger="every 1s"' in waiting
    run_queued_tasks()
    assert FluidEntry.objects.filter(user=other_user).count() == 1
    done = client.get(reverse("data")).content.decode()
    assert "Your data was imported" in done
    assert "every 1s" not in done  # the page stops asking


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\\x89PNG not json", "This is not a JSON file"),
        (b'{"format": "another-app", "version": 1}', "not an export from this app"),
        (b'{"format": "leg-recovery-tracker", "version": 99}', "version (99) is not supported"),
        (
            b'{"format": "leg-recovery-tracker", "version": 1, "profile": {}}',
            "incomplete or damaged",
        ),
    ],
)
def test_a_malformed_or_foreign_file_is_explained_and_changes_nothing(
    owner_client, owner, content, message
):
    response = owner_client.post(
        reverse("import"), {"file": SimpleUploadedFile("data.json", content)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Injury.objects.filter(user=owner).exists()


def test_a_file_with_one_bad_row_imports_nothing(owner, other_user, pinned):
    log_everything(owner, pinned)
    data = export.collect(owner)
    data["fluids"].append({"at": NOW.isoformat(), "amount_ml": 999999, "drink": "water"})
    with pytest.raises(importer.ImportRefused, match="Drink 2: .*Nothing was imported"):
        import_now(other_user, json.dumps(data).encode())
    assert not Injury.objects.filter(user=other_user).exists()
    assert not FluidEntry.objects.filter(user=other_user).exists()


def exported(owner, pinned):
    log_everything(owner, pinned)
    return export.collect(owner)


def refused(user, data):
    """The refusal's message for a document (a dict, or bytes as sent); nothing is stored."""
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    with pytest.raises(importer.ImportRefused) as refusal:
        import_now(user, raw)
    for model in (Injury, FluidEntry, Cramp, StretchSession, Treatment):
        assert not model.objects.filter(user=user).exists()
    assert get_profile(user).time_zone != "Pacific/Kiritimati"
    return str(refusal.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # A running stretch of 2**62 holds of 0 seconds once made the stretching page loop.
        (lambda d: d["stretches"][0].update(holds=2**62, hold_seconds=0), "Stretch 1, holds"),
        (lambda d: d["stretches"][0].update(hold_seconds=0), "Stretch 1, hold_seconds"),
        (lambda d: d["stretches"][0].update(holds_done=9), "Stretch 1, holds_done"),
        # An ice session from 1800 to 2000 once built a skin check every 5 minutes.
        (
            lambda d: d["ice_sessions"][0].update(
                started_at="1800-01-01T00:00:00+00:00", planned_end_at="2000-01-01T00:00:00+00:00"
            ),
            "1900 up to now",
        ),
        (
            lambda d: d["ice_sessions"][0].update(planned_end_at=NOW.isoformat()),
            "Ice session 1, planned_end_at: An ice session lasts from 1 to 20 minutes.",
        ),
        (
            lambda d: d["treatments"].append(
                {**d["treatments"][0], "kind": "ice", "duration_minutes": 2**63}
            ),
            "Treatment 3, duration_minutes",
        ),
        (
            lambda d: d["treatments"][0].update(kind="ice", duration_minutes=45),
            "Ice is used in intervals of at most 20 minutes",
        ),
        (lambda d: d["cramps"][0].update(helped=["prayer"]), "Cramp 1, helped: Choose what"),
        (lambda d: d["cramps"][0].update(helped="stretching"), "Cramp 1, helped"),
        (lambda d: d["injuries"][0].update(milestones=["walk"]), "Injury 1, milestones"),
        (
            lambda d: d["injuries"][0].update(onset_at="0001-01-01T00:00:00+14:00"),
            "outside the calendar",
        ),
        (
            lambda d: d["injuries"][0]["entries"][0].update(
                recorded_at="2999-01-01T00:00:00+00:00"
            ),
            "1900 up to now",
        ),
        (
            lambda d: d["injuries"][0]["entries"][0].update(
                recorded_at=(NOW - dt.timedelta(days=30)).isoformat()
            ),
            "Symptom entry 1 of injury 1, recorded_at: This is before the injury started",
        ),
        (
            lambda d: d["injuries"][0]["entries"][0].update(notes="x" * 5001),
            "Symptom entry 1 of injury 1, notes",
        ),
        (lambda d: d["profile"].update(time_zone="Mars/Olympus"), "The profile, time_zone"),
    ],
)
def test_an_import_is_held_to_the_forms_rules_and_names_the_record(
    owner, other_user, pinned, change, message
):
    data = exported(owner, pinned)
    data["profile"]["time_zone"] = "Pacific/Kiritimati"  # kept only if the file is imported
    change(data)
    assert message in refused(other_user, data)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested far deeper"),
        (b'{"format": "leg-recovery-tracker", "version": 1, "x": Infinity}', "Infinity"),
        (b'{"format": "leg-recovery-tracker", "version": 1, "x": NaN}', "NaN"),
        (b'{"format": "leg-recovery-tracker", "version": 1, "x": "a\\u0000b"}', "NUL"),
    ],
)
def test_crafted_files_get_a_clear_refusal(other_user, raw, message):
    assert message in refused(other_user, raw)


def upload(client, user, data):
    client.force_login(user)
    document = SimpleUploadedFile("data.json", json.dumps(data).encode())
    return client.post(reverse("import"), {"file": document})


def test_a_nul_in_a_note_is_refused_and_the_refusal_page_shows(client, owner, other_user, pinned):
    data = exported(owner, pinned)
    data["injuries"][0]["notes"] = "bad\x00note"
    data["profile"]["time_zone"] = "Mars/Olympus"
    response = upload(client, other_user, data)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_a_refused_time_zone_leaves_the_pages_working(client, owner, other_user, pinned):
    data = exported(owner, pinned)
    data["profile"]["time_zone"] = "Mars/Olympus"
    assert upload(client, other_user, data).status_code == 302
    run_queued_tasks()
    page = client.get(reverse("data")).content.decode()
    assert "The file was not imported." in page
    assert "The profile, time_zone: Choose a time zone" in page
    assert client.get(reverse("home")).status_code == 200


def test_an_export_made_while_ice_is_running_imports(owner, other_user, pinned):
    """A running session's planned end is in the future: still a time the import takes."""
    data = exported(owner, pinned)
    ice.start(user=owner, now=NOW - dt.timedelta(minutes=2))
    running = export.collect(owner)
    assert any(session["status"] == "running" for session in running["ice_sessions"])
    import_now(other_user, json.dumps(running).encode())
    assert IceSession.objects.filter(user=other_user, status="running").count() == 1
    assert len(data["ice_sessions"]) == 1


def test_a_row_the_database_refuses_is_named_after_the_import_is_undone(owner, other_user, pinned):
    data = exported(owner, pinned)
    running = {
        **data["ice_sessions"][0],
        "id": 999,
        "started_at": (NOW - dt.timedelta(minutes=2)).isoformat(),
        "planned_end_at": (NOW + dt.timedelta(minutes=18)).isoformat(),
        "ended_at": None,
        "status": "running",
    }
    data["ice_sessions"] += [running, {**running, "id": 1000}]  # two running at once
    message = refused(other_user, data)
    assert message.startswith("Ice session 3: ")
    assert "Nothing was imported." in message


def test_import_into_an_account_with_logs_is_refused(owner, pinned):
    log_everything(owner, pinned)
    with pytest.raises(importer.ImportRefused, match="no logs yet"):
        import_now(owner, json.dumps(export.collect(owner)).encode())


def test_deleting_the_account_needs_the_username_and_removes_every_row(
    client, owner, other_user, pinned
):
    log_everything(owner, pinned)
    log_everything(other_user, pinned)
    for user in (owner, other_user):  # an import's outcome, kept for the data page
        ImportJob.objects.create(user=user, status=ImportJob.Status.DONE)
        # and a guided set timer that has ended
        item = ProgrammeExercise.objects.filter(injury__user=user).first()
        SetTimer.objects.create(
            user=user, item=item, started_at=NOW, sets=1, reps=5, rest_seconds=0, status="done"
        )
    client.force_login(owner)

    def rows_of(user_id):
        counts = {}
        for model in apps.get_app_config("recovery").get_models():
            fields = {field.name for field in model._meta.get_fields()}
            if "user" in fields:
                counts[model.__name__] = model.objects.filter(user_id=user_id).count()
            elif "injury" in fields:
                counts[model.__name__] = model.objects.filter(injury__user_id=user_id).count()
        return counts

    before = rows_of(owner.pk)
    assert all(before.values())
    response = client.post(reverse("delete_account"), {"password": "alice"})
    assert "That is not your password; nothing was deleted" in response.content.decode()
    owner_id = owner.pk
    AccessLog.objects.create(username="alice", ip_address="127.0.0.1", user_agent="test")
    AccessAttempt.objects.create(
        username="alice", ip_address="127.0.0.1", user_agent="test", failures_since_start=1
    )
    AccessLog.objects.create(username="bob", ip_address="127.0.0.1", user_agent="test")
    response = client.post(reverse("delete_account"), {"password": PASSWORD}, follow=True)
    assert "have been deleted" in response.content.decode()
    assert not any(rows_of(owner_id).values())
    assert all(rows_of(other_user.pk).values())
    assert not response.context["user"].is_authenticated
    assert not AccessLog.objects.filter(username="alice").exists()  # nor their log-ins
    assert not AccessAttempt.objects.filter(username="alice").exists()
    assert AccessLog.objects.filter(username="bob").exists()


def test_an_upload_past_the_limit_is_dropped_as_it_arrives(other_user, monkeypatch):
    """A 25 MB file is not written whole to a temporary file before the size is checked."""
    from django.core.files import uploadhandler
    from django.test import Client

    kept = []  # the bytes written to the temporary file (a file this size is not kept in memory)
    original = uploadhandler.TemporaryFileUploadHandler.receive_data_chunk

    def counting(self, raw_data, start):
        kept.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(uploadhandler.TemporaryFileUploadHandler, "receive_data_chunk", counting)
    client = Client(enforce_csrf_checks=True)
    client.force_login(other_user)
    client.get(reverse("data"))
    token = client.cookies["csrftoken"].value
    big = SimpleUploadedFile("data.json", b"{" + b" " * (25 * 1024 * 1024) + b"}")
    response = client.post(reverse("import"), {"csrfmiddlewaretoken": token, "file": big})
    assert response.status_code == 400
    assert "larger than 20 MB" in response.content.decode()
    assert 0 < sum(kept) <= 20 * 1024 * 1024  # what reached the file: never past the limit
    assert not Injury.objects.filter(user=other_user).exists()


def test_a_file_within_the_limit_still_imports_with_the_csrf_check(owner, other_user, pinned):
    from django.test import Client

    document = json.dumps(exported(owner, pinned)).encode()
    client = Client(enforce_csrf_checks=True)
    client.force_login(other_user)
    client.get(reverse("data"))
    token = client.cookies["csrftoken"].value
    upload = SimpleUploadedFile("data.json", document, "application/json")
    response = client.post(reverse("import"), {"csrfmiddlewaretoken": token, "file": upload})
    assert response.status_code == 302
    run_queued_tasks()
    assert Injury.objects.filter(user=other_user).count() == 1
    refused_without_token = Client(enforce_csrf_checks=True)
    refused_without_token.force_login(owner)
    upload = SimpleUploadedFile("data.json", document, "application/json")
    assert refused_without_token.post(reverse("import"), {"file": upload}).status_code == 403


@pytest.mark.parametrize("days", [20])
def test_the_demo_data_is_all_in_the_past_and_its_export_imports(other_user, days, pinned):
    from recovery.management.commands.seed_demo import seed_demo

    seed_demo(username="demo", days=days)
    demo = get_user_model().objects.get(username="demo")
    data = export.collect(demo)
    for kind in ["ice_sessions", "treatments", "fluids", "cramps", "stretches"]:
        for item in data[kind]:
            for key in ["at", "started_at", "ended_at"]:
                if item.get(key):
                    assert dt.datetime.fromisoformat(item[key]) <= NOW, (kind, item)
    import_now(other_user, json.dumps(data).encode())
    assert FluidEntry.objects.filter(user=other_user).count() == len(data["fluids"]) > 0
