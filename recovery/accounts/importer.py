"""An export's data.json brought back in: every row held to the rules of the form that makes
it, written in the background (recovery/accounts/tasks.py) in short batches so that other
people's writes never wait long, and all or nothing: a refused file removes what was added.

The request checks what it can at once (`check_upload`: the file is an export, the account
is empty); the worker then writes the rows (`run`), a batch per transaction, recording each
batch's rows in the job so that they can be removed (`undo`)."""

import datetime as dt
import json
from functools import cache
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from anatomy.models import Exercise, Muscle, Region, Stretch
from recovery.accounts.export import (
    CRAMP_FIELDS,
    ENTRY_FIELDS,
    FORMAT,
    PROFILE_FIELDS,
    PROGRAMME_FIELDS,
    SESSION_PAINS,
    STRETCH_FIELDS,
    VERSION,
)
from recovery.models import (
    ICE_MAX_MINUTES,
    SETS_MOST,
    USER_LOGS,
    Acknowledgement,
    Cramp,
    CrampState,
    ExerciseSession,
    ExerciseSet,
    FluidEntry,
    IceSession,
    ImportJob,
    Injury,
    Profile,
    ProgrammeExercise,
    StretchSession,
    SymptomEntry,
    Treatment,
    get_profile,
    refresh_all,
    refreshes_put_off,
)
from recovery.models.imports import record_added
from recovery.reminders import transfer

# Rows per transaction: each batch holds SQLite's write lock for about a tenth of a second.
BATCH_ROWS = 200

# The models an import writes, in the order it writes them (removed in the reverse order).
WRITTEN = (
    Injury,
    SymptomEntry,
    Acknowledgement,
    ProgrammeExercise,
    ExerciseSession,
    IceSession,
    Treatment,
    FluidEntry,
    Cramp,
    StretchSession,
)

# The document's parts and what each is.
SECTIONS = {
    "profile": dict,
    "injuries": list,
    "ice_sessions": list,
    "treatments": list,
    "fluids": list,
    "cramps": list,
    "stretches": list,
}

EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)  # as the forms: no log before 1900
CLOCK_SLACK = dt.timedelta(minutes=5)  # the exporting machine's clock may run a little ahead
ICE_AHEAD = dt.timedelta(minutes=ICE_MAX_MINUTES)  # a running session ends in the future

DAMAGED = "The file is incomplete or damaged ({}); nothing was imported."
STOPPED = (
    "The import stopped because of a problem on our side; nothing from the file was kept. "
    "Try again in a few minutes."
)


class ImportRefused(Exception):
    """The file cannot be imported; the message says why, for the user."""


class _RowRefused(Exception):
    """A row the database refused (one of its constraints): named once its batch is undone."""

    def __init__(self, obj, what):
        super().__init__(what)
        self.obj, self.what = obj, what


class _Stopped(Exception):
    """The job was cancelled (or its account deleted) while the import ran."""


# --- in the request ----------------------------------------------------------------------------


def check_upload(user, raw):
    """The decoded document, if it can be imported into this account; otherwise ImportRefused
    (the checks that need no row written: a quick answer on the data page)."""
    if ImportJob.objects.filter(user=user, status__in=ImportJob.UNFINISHED).exists():
        raise ImportRefused(
            "An import into this account is already under way; its progress is shown above."
        )
    data = _decode(_text(raw))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused(
            "This file is not an export from this app. Choose the data.json from an export."
        )
    if data.get("version") != VERSION:
        raise ImportRefused(f"This export's version ({data.get('version')!r}) is not supported.")
    for key, kind in SECTIONS.items():
        if not isinstance(data.get(key), kind):
            raise ImportRefused(DAMAGED.format(f"no {key} {kind.__name__}"))
    if any(model.objects.filter(user=user).exists() for model in USER_LOGS):
        raise ImportRefused(
            "Import works into an account with no logs yet, so nothing is doubled. This account "
            "already has logs."
        )
    return data


def create_job(user, raw):
    """A waiting job for the file (checked first, `check_upload`); the caller queues its task in
    the same transaction. Earlier finished jobs of the user are dropped."""
    check_upload(user, raw)
    ImportJob.objects.filter(user=user, status__in=ImportJob.FINISHED).delete()
    try:
        with transaction.atomic():
            return ImportJob.objects.create(user=user, document=_text(raw))
    except IntegrityError:  # another tab's upload was queued a moment ago
        raise ImportRefused(
            "An import into this account is already under way; its progress is shown above."
        ) from None


def _text(raw):
    """The uploaded bytes as text: an export is UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportRefused(
            "This is not a JSON file (an export is UTF-8 text). Choose the data.json from an "
            "export."
        ) from None


def _decode(raw):
    """The file's JSON, refusing what no export holds: deep nesting, NaN or Infinity, and
    text with NUL characters (which a database cannot store)."""

    def no_constant(name):
        raise ImportRefused(f"The file holds {name}, which is not a number an export has.")

    try:
        data = json.loads(raw, parse_constant=no_constant)
    except RecursionError:
        raise ImportRefused("The file is nested far deeper than an export.") from None
    except ValueError:
        raise ImportRefused(
            "This is not a JSON file. Choose the data.json from an export."
        ) from None
    if _holds_nul(data):
        raise ImportRefused("The file holds a NUL character, which no export has.")
    return data


def _holds_nul(data):
    """Whether any text in the decoded file (keys included) has a NUL character."""
    waiting = [data]
    while waiting:
        value = waiting.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return True
        elif isinstance(value, dict):
            waiting.extend(value)
            waiting.extend(value.values())
        elif isinstance(value, list):
            waiting.extend(value)
    return False


# --- in the worker -----------------------------------------------------------------------------


def run(job_id):
    """Import the job's file, a batch at a time; on a refusal, remove what was added and keep the
    reason on the job for the data page."""
    job = _claim(job_id)
    if job is None:
        return
    user = job.user
    try:
        data = _decode(job.document)
        profile, fields = _checked_profile(user, data)
        try:
            reminders = transfer.checked(user, data)
        except transfer.Refused as refused:
            raise ImportRefused(str(refused)) from None
        _set_total(job, data)
        with refreshes_put_off() as pending:
            rows = _rows(user, data)
            while _write_batch(job, rows):
                pass
        with transaction.atomic():
            _lock(job, ImportJob.Status.RUNNING)
            refresh_all(pending)  # the kept facts of what was written, worked out once
            profile.save(update_fields=fields)  # changes made meanwhile to others stay
            transfer.save(user, *reminders)
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.Status.DONE, document="", added={}, updated_at=timezone.now()
            )
    except _Stopped:
        return
    except ImportRefused as refused:
        undo(job, str(refused))
    except _RowRefused as refused:  # its batch is rolled back: the constraint's message
        undo(job, _named(refused))
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as error:
        undo(job, DAMAGED.format(f"{error!s:.80}"))
    except Exception:
        undo(job, STOPPED)
        raise


def _claim(job_id):
    """The job, now running, if it was waiting (a job cancelled meanwhile is left alone)."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != ImportJob.Status.WAITING:
            return None
        job.status = ImportJob.Status.RUNNING
        job.save(update_fields=["status", "updated_at"])
    return job


def _lock(job, status):
    """Lock the job's row for this transaction; _Stopped if it is gone or no longer `status`
    (cancelled, or its account deleted)."""
    if not ImportJob.objects.select_for_update().filter(pk=job.pk, status=status).exists():
        raise _Stopped


def _set_total(job, data):
    total = len(data["injuries"]) + len(data["ice_sessions"]) + len(data["treatments"])
    total += len(data["fluids"]) + len(data["cramps"]) + len(data["stretches"])
    total += sum(
        len(i["entries"])
        + len(i["acknowledgements"])
        + len(i.get("programme", []))
        + len(i.get("exercise_sessions", []))
        for i in data["injuries"]
    )
    job.total_rows = total
    ImportJob.objects.filter(pk=job.pk).update(total_rows=total, updated_at=timezone.now())


def _write_batch(job, rows):
    """Write up to BATCH_ROWS rows in one transaction, recording them on the job; whether any
    were left to write."""
    with transaction.atomic():
        _lock(job, ImportJob.Status.RUNNING)
        written = list(islice(rows, BATCH_ROWS))
        if not written:
            return False
        for model in WRITTEN:
            pks = [obj.pk for obj in written if type(obj) is model]
            if pks:
                job.added = record_added(job.added, model._meta.label_lower, pks)
        job.done_rows += len(written)
        job.save(update_fields=["added", "done_rows", "updated_at"])
    return True


def undo(job, message):
    """Remove every row the job added (in short transactions, as they were written), then mark
    it failed with `message`. Rows the user logged meanwhile are not the job's, and stay."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job.pk).first()
        if job is None:  # the account was deleted, and everything with it
            return
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.UNDOING, updated_at=timezone.now()
        )
    for model in reversed(WRITTEN):  # an injury last, once its imported rows are gone
        runs = job.added.get(model._meta.label_lower, [])
        owner = Q(user=job.user_id) if model in USER_LOGS else Q(injury__user=job.user_id)
        for start in range(0, len(runs), 100):
            within = Q()
            for first, last in runs[start : start + 100]:
                within |= Q(pk__range=(first, last))
            rows = model.objects.filter(owner, within)
            if model is Injury:
                rows = rows.exclude(_logged_on)  # the user logged on it meanwhile: it stays
            with transaction.atomic():
                rows.delete()
                ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now())
    CrampState.refresh(job.user_id)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.FAILED,
        message=message,
        document="",
        added={},
        updated_at=timezone.now(),
    )


# An injury with any of these left once the import's own rows are removed: the user's.
_logged_on = (
    Q(entries__isnull=False)
    | Q(acknowledgements__isnull=False)
    | Q(treatments__isnull=False)
    | Q(ice_sessions__isnull=False)
    | Q(stretches__isnull=False)
    | Q(programme__isnull=False)
    | Q(exercise_sessions__isnull=False)
)


def cancel(job):
    """Stop a job that has stalled (not started, or stopped while writing or removing rows) and
    remove what it added."""
    with transaction.atomic():
        updated = ImportJob.objects.filter(pk=job.pk, status__in=ImportJob.UNFINISHED).update(
            status=ImportJob.Status.UNDOING, updated_at=timezone.now()
        )
    if updated:
        job.refresh_from_db()
        undo(job, "You cancelled the import; nothing from the file was kept.")


# --- the rows ----------------------------------------------------------------------------------


def _time(value, what, ahead=dt.timedelta(0)):
    """A logged time from the file: with its offset, from 1900 up to now (a log is of the past;
    `ahead`: how far past now it may be, as a running ice session's planned end), and one that
    converts to UTC."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ImportRefused(f"A time of {what} ({value!r:.40}) is not a date and time.") from None
    if moment.tzinfo is None:
        raise ImportRefused(f"A time of {what} ({value!r}) has no time-zone offset.")
    try:
        moment = moment.astimezone(dt.UTC)
    except OverflowError:
        raise ImportRefused(f"A time of {what} ({value!r}) is outside the calendar.") from None
    latest = timezone.now() + CLOCK_SLACK + ahead
    if not EARLIEST <= moment <= latest:
        raise ImportRefused(
            f"A time of {what} ({value!r}) is not from 1900 up to now; logs are of the past."
        )
    return moment


def _refusal(error, what):
    field, messages = next(iter(error.message_dict.items()))
    where = "" if field == "__all__" else f", {field}"
    return ImportRefused(f"{what}{where}: {messages[0]:.200} Nothing was imported.")


def _named(refused):
    """The message for a row the database refused, read from the model's own constraints."""
    try:
        refused.obj.validate_constraints()
    except ValidationError as error:
        return str(_refusal(error, refused.what))
    return f"{refused.what}: a value is not allowed. Nothing was imported."


def _save(obj, what):
    """Check the row as a form would (`full_clean`: its fields and the model's rules), then save
    it; a refusal names the record and the field. The model's constraints are the database's
    to check as the row is written (checking each beforehand costs a query per constraint and
    row: half the time of a year's import); a row it refuses is named afterwards (`_named`)."""
    try:
        obj.full_clean(exclude=_relations(type(obj)), validate_constraints=False)
    except ValidationError as error:
        raise _refusal(error, what) from None
    try:
        obj.save()  # a refusal rolls back the whole batch
    except IntegrityError:
        raise _RowRefused(obj, what) from None
    return obj


def _save_session(session, sets, what):
    """A session and its sets, each set held to the same rules as the session form's."""
    if not isinstance(sets, list) or not 1 <= len(sets) <= SETS_MOST:
        raise ImportRefused(f"{what}: a session has from 1 to {SETS_MOST} sets.")
    rows = [
        ExerciseSet(number=number, reps=row["reps"], seconds=row["seconds"], load_kg=row["load_kg"])
        for number, row in enumerate(sets, 1)
    ]
    for number, row in enumerate(rows, 1):
        try:
            row.full_clean(exclude=["session"], validate_constraints=False)
        except ValidationError as error:
            raise _refusal(error, f"{what}, set {number}") from None
    _save(session, what)
    for row in rows:
        row.session = session
    ExerciseSet.objects.bulk_create(rows)
    return session


@cache
def _relations(model):
    """A model's foreign keys: the import sets each from a row it holds (the user, an injury or
    ice session it has just written, a muscle, region or stretch looked up by its slug), so
    asking the database whether that row exists (a query per key and row: a third of a
    year's import) can only say yes."""
    return [field.name for field in model._meta.fields if field.is_relation]


def _checked_profile(user, data):
    """The file's profile on a copy of the user's (saved only once every row is in), checked,
    and the names of the fields the file sets."""
    profile = Profile.objects.get(pk=get_profile(user).pk)
    fields = [name for name in PROFILE_FIELDS if name in data["profile"]]
    for name in fields:
        setattr(profile, name, data["profile"][name])
    for name in ("quiet_start", "quiet_end", "days_off"):  # exports from before have none
        if name in data["profile"]:
            setattr(profile, name, data["profile"][name])
            fields.append(name)
    for name in ("cramps_contacted_at", "cramps_care_at"):
        if data["profile"].get(name):
            setattr(profile, name, _time(data["profile"][name], "the profile"))
            fields.append(name)
    # An export from before local numbers carries the old default, 911, and no urgent-care
    # line: it gets the zone's numbers, as the migration gave existing accounts.
    old_default = "urgent_care_number" not in data["profile"] and profile.emergency_number == "911"
    if not profile.emergency_number or old_default:
        profile.use_local_numbers()
        fields += ["emergency_number", "urgent_care_number", "urgent_care_name"]
    try:
        profile.full_clean()
    except ValidationError as error:
        raise _refusal(error, "The profile") from None
    return profile, sorted(set(fields))


def _rows(user, data):
    """Write the file's rows one at a time, yielding each once saved (the caller decides how many
    go in a transaction)."""
    muscles = {m.slug: m for m in Muscle.objects.all()}
    regions = {r.slug: r for r in Region.objects.all()}
    stretches = {s.slug: s for s in Stretch.objects.all()}
    exercises = {e.slug: e for e in Exercise.objects.all()}
    injury_ids, session_ids = {}, {}
    for number, item in enumerate(data["injuries"], 1):
        unknown = [slug for slug in item["muscles"] if slug not in muscles]
        if unknown:
            raise ImportRefused(
                f"The file names muscles this app does not know: {', '.join(unknown)}."
            )
        injury = _save(
            Injury(
                user=user,
                kind=item["kind"],
                region=regions.get(item["region"]) if item["region"] else None,
                side=item["side"],
                onset_at=_time(item["onset_at"], "an injury"),
                cause=item["cause"],
                grade=item["grade"],
                notes=item["notes"],
                status=item["status"],
                resolved_on=dt.date.fromisoformat(item["resolved_on"])
                if item["resolved_on"]
                else None,
                milestones=item["milestones"],
                remind_daily=item.get("remind_daily", True) is not False,
            ),
            f"Injury {number}",
        )
        injury.muscles.set([muscles[slug] for slug in item["muscles"]])
        injury_ids[item["id"]] = injury
        yield injury
        for entry_number, entry in enumerate(item["entries"], 1):
            yield _save(
                SymptomEntry(
                    injury=injury,
                    recorded_at=_time(entry["recorded_at"], "an entry"),
                    # Exports made before a warning sign was asked have no column for it.
                    **{
                        name: entry.get(name, False)
                        if name in SymptomEntry.RED_FLAGS
                        else entry[name]
                        for name in ENTRY_FIELDS
                    },
                ),
                f"Symptom entry {entry_number} of injury {number}",
            )
        for ack_number, ack in enumerate(item["acknowledgements"], 1):
            yield _save(
                Acknowledgement(
                    injury=injury,
                    kind=ack["kind"],
                    at=_time(ack["at"], "an acknowledgement"),
                    note=ack["note"],
                ),
                f"Acknowledgement {ack_number} of injury {number}",
            )
        # Exports made before programmes have none.
        planned_slugs = set()
        for planned_number, planned in enumerate(item.get("programme", []), 1):
            what = f"Exercise {planned_number} of injury {number}'s programme"
            if planned["exercise"] not in exercises:
                raise ImportRefused(f"{what} is not in this app's library: {planned['exercise']}.")
            if planned["exercise"] in planned_slugs:
                raise ImportRefused(f"{what}: the programme has this exercise already.")
            planned_slugs.add(planned["exercise"])
            yield _save(
                ProgrammeExercise(
                    injury=injury,
                    exercise=exercises[planned["exercise"]],
                    added_at=_time(planned["added_at"], "a programme's exercise"),
                    # Exports made before days a week have the default.
                    **{name: planned[name] for name in PROGRAMME_FIELDS if name in planned},
                ),
                what,
            )
        for session_number, done in enumerate(item.get("exercise_sessions", []), 1):
            what = f"Exercise session {session_number} of injury {number}"
            if done["exercise"] not in exercises:
                raise ImportRefused(f"{what} is not in this app's library: {done['exercise']}.")
            yield _save_session(
                ExerciseSession(
                    injury=injury,
                    exercise=exercises[done["exercise"]],
                    at=_time(done["at"], "an exercise session"),
                    **{name: done[name] for name in SESSION_PAINS},
                ),
                done["sets"],
                what,
            )
    for number, item in enumerate(data["ice_sessions"], 1):
        session = _save(
            IceSession(
                user=user,
                injury=injury_ids.get(item["injury"]),
                started_at=_time(item["started_at"], "an ice session"),
                planned_end_at=_time(item["planned_end_at"], "an ice session", ICE_AHEAD),
                ended_at=_time(item["ended_at"], "an ice session") if item["ended_at"] else None,
                status=item["status"],
                barrier_confirmed=True,
            ),
            f"Ice session {number}",
        )
        session_ids[item["id"]] = session
        yield session
    for number, item in enumerate(data["treatments"], 1):
        yield _save(
            Treatment(
                user=user,
                injury=injury_ids.get(item["injury"]),
                kind=item["kind"],
                detail=item["detail"],
                at=_time(item["at"], "a treatment"),
                duration_minutes=item["duration_minutes"],
                notes=item["notes"],
                ice_session=session_ids.get(item["ice_session"]),
            ),
            f"Treatment {number}",
        )
    for number, item in enumerate(data["fluids"], 1):
        yield _save(
            FluidEntry(
                user=user,
                at=_time(item["at"], "a drink"),
                amount_ml=item["amount_ml"],
                drink=item["drink"],
            ),
            f"Drink {number}",
        )
    for number, item in enumerate(data["cramps"], 1):
        yield _save(
            Cramp(
                user=user,
                started_at=_time(item["started_at"], "a cramp"),
                muscle=muscles.get(item["muscle"]) if item["muscle"] else None,
                **{name: item[name] for name in CRAMP_FIELDS},
            ),
            f"Cramp {number}",
        )
    for number, item in enumerate(data["stretches"], 1):
        if item["stretch"] not in stretches:
            raise ImportRefused(
                f"The file names a stretch this app does not know: {item['stretch']}."
            )
        yield _save(
            StretchSession(
                user=user,
                stretch=stretches[item["stretch"]],
                injury=injury_ids.get(item["injury"]),
                at=_time(item["at"], "a stretch"),
                **{name: item[name] for name in STRETCH_FIELDS},
            ),
            f"Stretch {number}",
        )
