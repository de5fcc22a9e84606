"""Everything a user logged, out as a ZIP of CSV files plus one JSON document, and back in
from that JSON document."""

import csv
import datetime as dt
import io
import json
import zipfile

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from anatomy.models import Muscle, Region, Stretch
from recovery.models import (
    ICE_MAX_MINUTES,
    USER_LOGS,
    Acknowledgement,
    Cramp,
    FluidEntry,
    IceSession,
    Injury,
    Profile,
    StretchSession,
    SymptomEntry,
    Treatment,
    get_profile,
    refresh_states_at_the_end,
)
from recovery.treatments.sessions import settle_sessions

FORMAT = "leg-recovery-tracker"
VERSION = 1
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROFILE_FIELDS = [
    "time_zone",
    "fluid_units",
    "daily_fluid_goal_ml",
    "fluid_limit_ml",
    "provider_name",
    "provider_phone",
    "emergency_number",
    "urgent_care_number",
    "urgent_care_name",
]
ENTRY_FIELDS = [
    "pain",
    "resting",
    "character",
    *SymptomEntry.SYMPTOMS,
    *SymptomEntry.RED_FLAGS,
    "notes",
]
# Fields copied as they are, both ways; the rest (times, references) are converted.
CRAMP_FIELDS = [
    "side",
    "duration_seconds",
    "pain",
    "at_night",
    "woke_me",
    "numbness",
    "swelling",
    "helped",
    "notes",
]
STRETCH_FIELDS = [
    "side",
    "holds",
    "hold_seconds",
    "rest_seconds",
    "holds_done",
    "pain_during",
    "status",
    "notes",
]


# The spreadsheet each kind of log is exported to (data.json holds them all, for import).
CSV_FILES = {
    Injury: "injuries.csv",
    SymptomEntry: "symptom_entries.csv",
    Acknowledgement: "acknowledgements.csv",
    Treatment: "treatments.csv",
    IceSession: "ice_sessions.csv",
    FluidEntry: "fluids.csv",
    Cramp: "cramps.csv",
    StretchSession: "stretches.csv",
}

CSV_COLUMNS = {
    "injuries.csv": [
        "id", "kind", "muscles", "region", "side", "onset_at", "cause", "grade", "status",
        "resolved_on", "notes",
    ],
    "symptom_entries.csv": ["injury", "recorded_at", *ENTRY_FIELDS],
    "acknowledgements.csv": ["injury", "kind", "at", "note"],
    "treatments.csv": ["injury", "kind", "detail", "at", "duration_minutes", "notes"],
    "ice_sessions.csv": ["id", "injury", "started_at", "planned_end_at", "ended_at", "status"],
    "fluids.csv": ["at", "amount_ml", "drink"],
    "cramps.csv": [
        "started_at", "muscle", "side", "duration_seconds", "pain", "at_night", "woke_me",
        "numbness", "swelling", "helped", "notes",
    ],
    "stretches.csv": [
        "stretch", "injury", "side", "holds", "holds_done", "hold_seconds", "rest_seconds",
        "pain_during", "at", "status", "notes",
    ],
}  # fmt: skip


class ImportRefused(Exception):
    """The file cannot be imported; the message says why, for the user."""


def _when(value, zone):
    return value.astimezone(zone).isoformat() if value else None


def collect(user):
    """The user's whole log as plain data (a fixed number of queries)."""
    settle_sessions(user)  # a session that has ended is exported as ended
    profile = get_profile(user)
    zone = profile.zone
    injuries = Injury.objects.filter(user=user).select_related("region").order_by("onset_at", "pk")
    injuries = injuries.prefetch_related("muscles", "entries", "acknowledgements")
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _when(timezone.now(), zone),
        "profile": {
            **{name: getattr(profile, name) for name in PROFILE_FIELDS},
            "cramps_contacted_at": _when(profile.cramps_contacted_at, zone),
            "cramps_care_at": _when(profile.cramps_care_at, zone),
        },
        "injuries": [
            {
                "id": injury.pk,
                "kind": injury.kind,
                "muscles": sorted(m.slug for m in injury.muscles.all()),
                "region": injury.region.slug if injury.region else None,
                "side": injury.side,
                "onset_at": _when(injury.onset_at, zone),
                "cause": injury.cause,
                "grade": injury.grade,
                "notes": injury.notes,
                "status": injury.status,
                "resolved_on": injury.resolved_on.isoformat() if injury.resolved_on else None,
                "milestones": injury.milestones,
                "entries": [
                    {"recorded_at": _when(e.recorded_at, zone)}
                    | {name: getattr(e, name) for name in ENTRY_FIELDS}
                    for e in sorted(injury.entries.all(), key=lambda e: (e.recorded_at, e.pk))
                ],
                "acknowledgements": [
                    {"kind": a.kind, "at": _when(a.at, zone), "note": a.note}
                    for a in sorted(injury.acknowledgements.all(), key=lambda a: (a.at, a.pk))
                ],
            }
            for injury in injuries
        ],
        "ice_sessions": [
            {
                "id": s.pk,
                "injury": s.injury_id,
                "started_at": _when(s.started_at, zone),
                "planned_end_at": _when(s.planned_end_at, zone),
                "ended_at": _when(s.ended_at, zone),
                "status": s.status,
            }
            for s in IceSession.objects.filter(user=user).order_by("started_at", "pk")
        ],
        "treatments": [
            {
                "injury": t.injury_id,
                "kind": t.kind,
                "detail": t.detail,
                "at": _when(t.at, zone),
                "duration_minutes": t.duration_minutes,
                "notes": t.notes,
                "ice_session": t.ice_session_id,
            }
            for t in Treatment.objects.filter(user=user).order_by("at", "pk")
        ],
        "fluids": [
            {"at": _when(f.at, zone), "amount_ml": f.amount_ml, "drink": f.drink}
            for f in FluidEntry.objects.filter(user=user).order_by("at", "pk")
        ],
        "cramps": [
            {
                "started_at": _when(c.started_at, zone),
                "muscle": c.muscle.slug if c.muscle else None,
                **{name: getattr(c, name) for name in CRAMP_FIELDS},
            }
            for c in Cramp.objects.filter(user=user)
            .select_related("muscle")
            .order_by("started_at", "pk")
        ],
        "stretches": [
            {
                "stretch": s.stretch.slug,
                "injury": s.injury_id,
                "at": _when(s.at, zone),
                **{name: getattr(s, name) for name in STRETCH_FIELDS},
            }
            for s in StretchSession.objects.filter(user=user)
            .exclude(status=StretchSession.Status.RUNNING)
            .select_related("stretch")
            .order_by("at", "pk")
        ],
    }


def safe_cell(value):
    """A spreadsheet cell that cannot run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(rows, columns):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(column)) for column in columns])
    return out.getvalue()


def zip_archive(data):
    """The ZIP: one CSV per kind of log, and data.json for re-import."""
    entries, acks = [], []
    for injury in data["injuries"]:
        entries += [{"injury": injury["id"], **entry} for entry in injury["entries"]]
        acks += [{"injury": injury["id"], **ack} for ack in injury["acknowledgements"]]
    injury_rows = [{**i, "muscles": ", ".join(i["muscles"])} for i in data["injuries"]]
    rows = {
        "injuries.csv": injury_rows,
        "symptom_entries.csv": entries,
        "acknowledgements.csv": acks,
        "treatments.csv": data["treatments"],
        "ice_sessions.csv": data["ice_sessions"],
        "fluids.csv": data["fluids"],
        "cramps.csv": data["cramps"],
        "stretches.csv": data["stretches"],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, columns in CSV_COLUMNS.items():
            archive.writestr(name, _csv(rows[name], columns))
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
    return buffer.getvalue()


# --- import ------------------------------------------------------------------------------------


def _has_logs(user):
    return any(model.objects.filter(user=user).exists() for model in USER_LOGS)


EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)  # as the forms: no log before 1900
CLOCK_SLACK = dt.timedelta(minutes=5)  # the exporting machine's clock may run a little ahead
ICE_AHEAD = dt.timedelta(minutes=ICE_MAX_MINUTES)  # a running session ends in the future


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


class _RowRefused(Exception):
    """A row the database refused (one of its constraints): named once the import is undone."""

    def __init__(self, obj, what):
        super().__init__(what)
        self.obj, self.what = obj, what


def _refusal(error, what):
    field, messages = next(iter(error.message_dict.items()))
    where = "" if field == "__all__" else f", {field}"
    return ImportRefused(f"{what}{where}: {messages[0]:.200} Nothing was imported.")


def _save(obj, what):
    """Check the row as a form would (`full_clean`: its fields and the model's rules), then save
    it; a refusal names the record and the field. The model's constraints are the database's
    to check as the row is written (checking each beforehand costs a query per constraint and
    row: half the time of a year's import); a row it refuses is named afterwards (`restore`)."""
    try:
        obj.full_clean(validate_constraints=False)
    except ValidationError as error:
        raise _refusal(error, what) from None
    try:
        obj.save()
    except IntegrityError:
        raise _RowRefused(obj, what) from None
    return obj


def _decode(raw):
    """The file's JSON, refusing what no export holds: deep nesting, NaN or Infinity, and
    text with NUL characters (which a database cannot store)."""

    def no_constant(name):
        raise ImportRefused(f"The file holds {name}, which is not a number an export has.")

    try:
        data = json.loads(raw, parse_constant=no_constant)
    except RecursionError:
        raise ImportRefused("The file is nested far deeper than an export.") from None
    except (UnicodeDecodeError, ValueError):
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


def restore(user, raw):
    """Import an exported JSON document into an empty account, all or nothing."""
    data = _decode(raw)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused(
            "This file is not an export from this app. Choose the data.json from an export."
        )
    if data.get("version") != VERSION:
        raise ImportRefused(f"This export's version ({data.get('version')!r}) is not supported.")
    if _has_logs(user):
        raise ImportRefused(
            "Import works into an account with no logs yet, so nothing is doubled. This account "
            "already has logs."
        )
    try:
        with transaction.atomic(), refresh_states_at_the_end():
            profile = _restore(user, data)
    except _RowRefused as refused:  # rolled back: the constraint's own message, read now
        try:
            refused.obj.validate_constraints()
        except ValidationError as error:
            raise _refusal(error, refused.what) from None
        raise ImportRefused(
            f"{refused.what}: a value is not allowed. Nothing was imported."
        ) from None
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as error:
        raise ImportRefused(
            f"The file is incomplete or damaged ({error!s:.80}); nothing was imported."
        ) from None
    user.profile = profile  # what was imported, for the rest of the request


def _restore(user, data):
    # A copy of the profile: a refused file must not leave its values on the signed-in user's.
    profile = Profile.objects.get(pk=get_profile(user).pk)
    for name in PROFILE_FIELDS:
        if name in data["profile"]:
            setattr(profile, name, data["profile"][name])
    for name in ("cramps_contacted_at", "cramps_care_at"):
        if data["profile"].get(name):
            setattr(profile, name, _time(data["profile"][name], "the profile"))
    # An export from before local numbers carries the old default, 911, and no urgent-care
    # line: it gets the zone's numbers, as the migration gave existing accounts.
    old_default = "urgent_care_number" not in data["profile"] and profile.emergency_number == "911"
    if not profile.emergency_number or old_default:
        profile.use_local_numbers()
    _save(profile, "The profile")
    muscles = {m.slug: m for m in Muscle.objects.all()}
    regions = {r.slug: r for r in Region.objects.all()}
    stretches = {s.slug: s for s in Stretch.objects.all()}
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
            ),
            f"Injury {number}",
        )
        injury.muscles.set([muscles[slug] for slug in item["muscles"]])
        injury_ids[item["id"]] = injury
        for entry_number, entry in enumerate(item["entries"], 1):
            _save(
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
            _save(
                Acknowledgement(
                    injury=injury,
                    kind=ack["kind"],
                    at=_time(ack["at"], "an acknowledgement"),
                    note=ack["note"],
                ),
                f"Acknowledgement {ack_number} of injury {number}",
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
    for number, item in enumerate(data["treatments"], 1):
        _save(
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
        _save(
            FluidEntry(
                user=user,
                at=_time(item["at"], "a drink"),
                amount_ml=item["amount_ml"],
                drink=item["drink"],
            ),
            f"Drink {number}",
        )
    for number, item in enumerate(data["cramps"], 1):
        _save(
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
        _save(
            StretchSession(
                user=user,
                stretch=stretches[item["stretch"]],
                injury=injury_ids.get(item["injury"]),
                at=_time(item["at"], "a stretch"),
                **{name: item[name] for name in STRETCH_FIELDS},
            ),
            f"Stretch {number}",
        )
    return profile
