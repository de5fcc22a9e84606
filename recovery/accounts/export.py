"""Everything a user logged, out as a ZIP of CSV files plus one JSON document (which
recovery/accounts/importer.py brings back in)."""

import csv
import io
import json
import zipfile

from django.utils import timezone

from recovery.models import (
    Acknowledgement,
    Cramp,
    ExerciseSession,
    FluidEntry,
    IceSession,
    Injury,
    StretchSession,
    SymptomEntry,
    Treatment,
    get_profile,
)
from recovery.reminders import transfer
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
    ExerciseSession: "exercise_sessions.csv",
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
    "exercise_sessions.csv": [
        "injury", "exercise", "at", "sets", "pain_before", "pain_during", "next_morning_pain",
    ],
}  # fmt: skip


SESSION_PAINS = ["pain_before", "pain_during", "next_morning_pain"]

# An injury's planned exercises: their targets as stored (load in kg, empty for body weight).
PROGRAMME_FIELDS = ["sets", "reps", "hold_seconds", "load_kg", "rest_seconds", "days_per_week"]


def _when(value, zone):
    return value.astimezone(zone).isoformat() if value else None


def collect(user):
    """The user's whole log as plain data (a fixed number of queries)."""
    settle_sessions(user)  # a session that has ended is exported as ended
    profile = get_profile(user)
    zone = profile.zone
    injuries = Injury.objects.filter(user=user).select_related("region").order_by("onset_at", "pk")
    injuries = injuries.prefetch_related(
        "muscles",
        "entries",
        "acknowledgements",
        "programme__exercise",
        "exercise_sessions__exercise",
        "exercise_sessions__sets",
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _when(timezone.now(), zone),
        "profile": {
            **{name: getattr(profile, name) for name in PROFILE_FIELDS},
            "cramps_contacted_at": _when(profile.cramps_contacted_at, zone),
            "cramps_care_at": _when(profile.cramps_care_at, zone),
            "quiet_start": profile.quiet_start.strftime("%H:%M"),
            "quiet_end": profile.quiet_end.strftime("%H:%M"),
            "days_off": profile.days_off,
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
                "remind_daily": injury.remind_daily,
                "entries": [
                    {"recorded_at": _when(e.recorded_at, zone)}
                    | {name: getattr(e, name) for name in ENTRY_FIELDS}
                    for e in sorted(injury.entries.all(), key=lambda e: (e.recorded_at, e.pk))
                ],
                "acknowledgements": [
                    {"kind": a.kind, "at": _when(a.at, zone), "note": a.note}
                    for a in sorted(injury.acknowledgements.all(), key=lambda a: (a.at, a.pk))
                ],
                "programme": [
                    {"exercise": p.exercise.slug, "added_at": _when(p.added_at, zone)}
                    | {name: getattr(p, name) for name in PROGRAMME_FIELDS}
                    | {"load_kg": float(p.load_kg) if p.load_kg is not None else None}
                    for p in injury.programme.all()
                ],
                "exercise_sessions": [
                    {
                        "exercise": session.exercise.slug,
                        "at": _when(session.at, zone),
                        "sets": [
                            {
                                "reps": row.reps,
                                "seconds": row.seconds,
                                "load_kg": float(row.load_kg) if row.load_kg is not None else None,
                            }
                            for row in session.sets.all()
                        ],
                    }
                    | {name: getattr(session, name) for name in SESSION_PAINS}
                    for session in sorted(
                        injury.exercise_sessions.all(), key=lambda s: (s.at, s.pk)
                    )
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
        **transfer.export(user),
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


def _sets_words(sets):
    """A session's sets in one cell: "12 reps + 5 kg; 10 reps; 30 s"."""
    words = []
    for row in sets:
        word = f"{row['reps']} reps" if row["reps"] is not None else f"{row['seconds']} s"
        words.append(word + (f" + {row['load_kg']:g} kg" if row["load_kg"] is not None else ""))
    return "; ".join(words)


def zip_archive(data):
    """The ZIP: one CSV per kind of log, and data.json for re-import."""
    entries, acks, sessions = [], [], []
    for injury in data["injuries"]:
        entries += [{"injury": injury["id"], **entry} for entry in injury["entries"]]
        acks += [{"injury": injury["id"], **ack} for ack in injury["acknowledgements"]]
        sessions += [
            {"injury": injury["id"], **session, "sets": _sets_words(session["sets"])}
            for session in injury["exercise_sessions"]
        ]
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
        "exercise_sessions.csv": sessions,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, columns in CSV_COLUMNS.items():
            archive.writestr(name, _csv(rows[name], columns))
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
    return buffer.getvalue()
