"""The import in the background: short batches, progress on the data page, all or nothing
(what a refused file added is removed, what the user logged meanwhile stays), one at a time,
and a stalled import that can be cancelled."""

import datetime as dt
import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recovery.accounts import export, importer
from recovery.models import (
    Cramp,
    FluidEntry,
    ImportJob,
    Injury,
    InjuryState,
    Profile,
    SymptomEntry,
    get_profile,
)
from recovery.models.imports import record_added
from tests.accounts.test_export import NOW, log_everything
from tests.tasks import import_now, run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def document(owner, pinned):
    """An export of a few days with many entries: enough rows for several small batches."""
    injury = log_everything(owner, pinned)
    for hour in range(1, 40):
        injury.entries.create(recorded_at=NOW - dt.timedelta(hours=hour, minutes=30), pain=3)
    for hour in range(1, 12):
        FluidEntry.objects.create(user=owner, at=NOW - dt.timedelta(hours=hour), amount_ml=250)
    return export.collect(owner)


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(importer, "BATCH_ROWS", 5)


def raw(data):
    return json.dumps(data).encode()


# --- pure parts ----------------------------------------------------------------------------


def test_rows_written_are_kept_as_runs_of_consecutive_ids():
    added = record_added({}, "recovery.fluidentry", [7, 5, 6, 9])
    assert added == {"recovery.fluidentry": [[5, 7], [9, 9]]}
    added = record_added(added, "recovery.fluidentry", [10, 11])
    assert added == {"recovery.fluidentry": [[5, 7], [9, 11]]}
    assert record_added(added, "recovery.cramp", [3])["recovery.cramp"] == [[3, 3]]


@pytest.mark.parametrize(
    ("status", "done", "total", "percent"),
    [
        ("waiting", 0, 0, 0),
        ("running", 0, 400, 0),
        ("running", 399, 400, 99),  # 100 only once it is really done
        ("running", 400, 400, 99),
        ("done", 400, 400, 100),
        ("running", 1, 3, 33),
    ],
)
def test_the_percentage_shown(status, done, total, percent):
    assert ImportJob(status=status, done_rows=done, total_rows=total).percent == percent


def test_a_job_is_stalled_after_five_silent_minutes_and_shown_for_an_hour_after_it_ends():
    job = ImportJob(status="running", updated_at=NOW)
    assert not job.is_stalled(NOW + dt.timedelta(minutes=5))
    assert job.is_stalled(NOW + dt.timedelta(minutes=5, seconds=1))
    assert job.is_shown(NOW + dt.timedelta(days=3))  # unfinished: always shown
    finished = ImportJob(status="done", updated_at=NOW)
    assert not finished.is_stalled(NOW + dt.timedelta(days=1))
    assert finished.is_shown(NOW + dt.timedelta(hours=1))
    assert not finished.is_shown(NOW + dt.timedelta(hours=1, seconds=1))


# --- the worker ----------------------------------------------------------------------------


def test_a_file_is_written_in_batches_with_its_progress(document, other_user, small_batches):
    progress = []
    original = importer._write_batch

    def watched(job, rows):
        more = original(job, rows)
        progress.append(ImportJob.objects.get(pk=job.pk).done_rows)
        return more

    importer._write_batch = watched
    try:
        job = import_now(other_user, raw(document))
    finally:
        importer._write_batch = original
    total = 1 + 41 + 1 + 2 + 1 + 1 + 2 + 12 + 1 + 1  # injury, entries, ack, programme...
    assert job.total_rows == total
    assert job.status == "done"
    assert job.done_rows == total
    assert progress[:3] == [5, 10, 15]  # each batch committed with how far it got
    assert progress[-2:] == [total, total]  # 13 batches of 5 (the last of 2), then none left
    assert job.document == ""
    assert job.added == {}
    assert SymptomEntry.objects.filter(injury__user=other_user).count() == 41
    state = InjuryState.objects.get(injury__user=other_user)
    assert state.entry_count == 41  # kept facts worked out once the rows are in


def test_a_refusal_in_a_late_batch_removes_every_earlier_batch_and_keeps_what_the_user_logged(
    document, other_user, small_batches, monkeypatch
):
    document["stretches"][0]["holds"] = 0  # the last row written: refused
    profile_zone = get_profile(other_user).time_zone
    original = importer._write_batch
    logged = []

    def user_logs_meanwhile(job, rows):
        more = original(job, rows)
        if not logged:  # the user adds a glass in another tab after the first batch
            logged.append(FluidEntry.objects.create(user=other_user, at=NOW, amount_ml=200))
        return more

    monkeypatch.setattr(importer, "_write_batch", user_logs_meanwhile)
    with pytest.raises(importer.ImportRefused, match="Stretch 1, holds"):
        import_now(other_user, raw(document))
    job = ImportJob.objects.get(user=other_user)
    assert job.status == "failed"
    assert job.done_rows > 40
    assert "Nothing was imported" in job.message
    assert not Injury.objects.filter(user=other_user).exists()
    assert not Cramp.objects.filter(user=other_user).exists()
    assert list(FluidEntry.objects.filter(user=other_user)) == logged
    assert get_profile(other_user).time_zone == profile_zone
    assert job.added == {}
    assert job.document == ""


def test_the_owners_rows_are_never_touched_by_an_undo(document, owner, other_user, small_batches):
    before = FluidEntry.objects.filter(user=owner).count()
    document["fluids"][-1]["amount_ml"] = 0
    with pytest.raises(importer.ImportRefused):
        import_now(other_user, raw(document))
    assert FluidEntry.objects.filter(user=owner).count() == before


def test_an_import_whose_account_is_deleted_stops(document, other_user, small_batches, monkeypatch):
    original = importer._write_batch

    def deleted_after_a_batch(job, rows):
        more = original(job, rows)
        other_user.delete()
        return more

    monkeypatch.setattr(importer, "_write_batch", deleted_after_a_batch)
    job = importer.create_job(other_user, raw(document))
    importer.run(job.pk)  # no error: nothing left to import into
    assert not ImportJob.objects.filter(pk=job.pk).exists()
    assert not Injury.objects.filter(user_id=other_user.pk).exists()


def test_a_second_import_waits_for_the_first(document, other_user):
    importer.create_job(other_user, raw(document))
    with pytest.raises(importer.ImportRefused, match="already under way"):
        importer.create_job(other_user, raw(document))


# --- the pages -----------------------------------------------------------------------------


def upload(client, data):
    return client.post(reverse("import"), {"file": _file(data)})


def _file(data):
    return SimpleUploadedFile("data.json", raw(data), "application/json")


def test_the_progress_part_is_what_htmx_polls(client, document, other_user, small_batches):
    client.force_login(other_user)
    upload(client, document)
    job = ImportJob.objects.get(user=other_user)
    url = reverse("import_progress", args=[job.pk])
    assert client.get(url).url == reverse("data")  # without htmx: the whole page
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert part.startswith('\n<div id="import-progress"')
    assert 'hx-trigger="every 1s"' in part
    assert "Waiting to start" in part
    run_queued_tasks()
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Your data was imported: 63 records." in part
    assert "hx-trigger" not in part  # done: polling stops


def test_the_import_form_is_hidden_while_an_import_runs(client, document, other_user):
    client.force_login(other_user)
    upload(client, document)
    page = client.get(reverse("data")).content.decode()
    assert 'action="/accounts/data/import/"' not in page
    response = upload(client, document)  # from another tab
    assert response.status_code == 400
    assert "already under way" in response.content.decode()


def test_a_stalled_import_can_be_cancelled_and_what_it_added_is_removed(
    client, document, other_user, small_batches, pinned, monkeypatch
):
    client.force_login(other_user)
    upload(client, document)
    job = ImportJob.objects.get(user=other_user)
    original = importer._write_batch
    stop_after_two = iter([True, True])

    def worker_killed(job, rows):  # two batches, then the worker dies mid-import
        if next(stop_after_two, False):
            return original(job, rows)
        raise KeyboardInterrupt

    monkeypatch.setattr(importer, "_write_batch", worker_killed)
    with pytest.raises(KeyboardInterrupt):
        importer.run(job.pk)
    monkeypatch.undo()
    job.refresh_from_db()
    assert job.status == "running"
    assert Injury.objects.filter(user=other_user).exists()

    cancel = reverse("import_cancel", args=[job.pk])
    response = client.post(cancel, follow=True)
    assert "still moving, so it was not cancelled" in response.content.decode()
    assert Injury.objects.filter(user=other_user).exists()

    pinned.shift(dt.timedelta(minutes=6))
    page = client.get(reverse("data")).content.decode()
    assert "has not moved for 5 minutes" in page
    response = client.post(cancel, follow=True)
    page = response.content.decode()
    assert "You cancelled the import; nothing from the file was kept." in page
    assert not Injury.objects.filter(user=other_user).exists()
    assert not SymptomEntry.objects.filter(injury__user=other_user).exists()
    assert 'action="/accounts/data/import/"' in page  # the form is back


def test_a_file_that_is_not_utf8_is_refused_at_once(client, other_user):
    client.force_login(other_user)
    utf16 = json.dumps({"format": "leg-recovery-tracker", "version": 1}).encode("utf-16")
    response = client.post(reverse("import"), {"file": SimpleUploadedFile("data.json", utf16)})
    assert response.status_code == 400
    assert "an export is UTF-8 text" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_an_import_that_stopped_while_removing_rows_can_still_be_cancelled(
    document, other_user, small_batches, pinned
):
    job = importer.create_job(other_user, raw(document))
    job.status = "running"
    job.save()
    rows = importer._rows(other_user, document)
    importer._write_batch(job, rows)
    ImportJob.objects.filter(pk=job.pk).update(status="undoing")  # then the worker was killed
    pinned.shift(dt.timedelta(minutes=6))
    job.refresh_from_db()
    assert job.is_stalled(dt.datetime.now(dt.UTC))
    importer.cancel(job)
    job.refresh_from_db()
    assert job.status == "failed"
    assert not Injury.objects.filter(user=other_user).exists()


def test_an_undo_keeps_an_imported_injury_the_user_logged_on_meanwhile(
    document, other_user, small_batches, monkeypatch
):
    document["stretches"][0]["holds"] = 0  # refused at the very end
    original = importer._write_batch
    logged = []

    def user_logs_on_the_imported_injury(job, rows):
        more = original(job, rows)
        injury = Injury.objects.filter(user=other_user).first()
        if injury is not None and not logged:
            logged.append(injury.entries.create(recorded_at=NOW, pain=2, notes="mine"))
        return more

    monkeypatch.setattr(importer, "_write_batch", user_logs_on_the_imported_injury)
    with pytest.raises(importer.ImportRefused):
        import_now(other_user, raw(document))
    kept = Injury.objects.get(user=other_user)  # the user's entry needs its injury
    assert list(kept.entries.all()) == logged  # the imported entries are gone


def test_profile_changes_made_during_an_import_are_kept(document, other_user, monkeypatch):
    document["profile"].pop("cramps_contacted_at", None)
    original = importer._write_batch

    def contacted_meanwhile(job, rows):
        more = original(job, rows)
        Profile.objects.filter(user=other_user).update(cramps_contacted_at=NOW)
        return more

    monkeypatch.setattr(importer, "_write_batch", contacted_meanwhile)
    import_now(other_user, raw(document))
    profile = Profile.objects.get(user=other_user)
    assert profile.cramps_contacted_at == NOW
    assert profile.time_zone == document["profile"]["time_zone"]  # the file's own fields
