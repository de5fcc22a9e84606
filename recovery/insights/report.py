"""The report for a provider: what the log shows for a range of days, on at most two printed
pages for one injury (one page per injury for several).

Up to a month, the pain chart shows every entry, and so does the table while the entries fit
(`ENTRY_ROWS`); past that the table has a row per day (`day_rows`). Over longer ranges the chart
has a point per day and the table sums the days by week (up to three months) or by month. Every
warning sign and every note is still listed.
"""

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.db.models import Count, Q
from django.utils import timezone

from recovery.common import compiled
from recovery.common.days import day_bounds, days_of, month_bounds, week_bounds
from recovery.habits import hydration
from recovery.injuries import advice
from recovery.insights import charts, pain_days
from recovery.insights.charts import in_range, injury_rows, series_from_entries
from recovery.insights.report_exercise import exercise_lines
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
)

# The part of the report each kind of log feeds, and the logs it leaves out, and why.
REPORTED = {
    Injury: "injuries",
    SymptomEntry: "injuries",
    Acknowledgement: "injuries",
    Treatment: "ice_count",
    StretchSession: "stretch_count",
    FluidEntry: "average_fluids",
    Cramp: "cramps",
    ExerciseSession: "exercise_count",
}
NOT_REPORTED = {
    IceSession: "a finished ice session is reported through the treatment it records",
}

ENTRY_DAYS = 31  # ranges up to this long chart every entry
# The most entries a table lists one by one (a report of one injury; of several, each injury's);
# more become a row per day.
ENTRY_ROWS = 36
ENTRY_ROWS_EACH = 16
# More doses than this in the range are summed per medication.
MEDICATION_LINES = 8
WEEK_DAYS = 92  # longer ones sum by week up to this long, then by month


def period_of(days):
    """How a range of `days` is summed in the tables: None (every entry), weeks or months."""
    if days <= ENTRY_DAYS:
        return None
    return week_bounds if days <= WEEK_DAYS else month_bounds


def _notable():
    """Entries the long report lists one by one: any warning sign, or a note."""
    return ~Q(notes="") | SymptomEntry.warning_sign_q()


@dataclass(frozen=True)
class DayRow:
    """A day of an injury's entries, as the report's table sums them."""

    day: dt.date
    entries: int
    lowest: int
    average: float
    highest: int
    flags: tuple[str, ...]  # the warning signs answered yes that day, each once


def day_rows(entries, zone):
    """The entries (in time order) as a row per local day in `zone`."""
    days: dict[dt.date, list] = {}
    for entry in entries:
        days.setdefault(entry.recorded_at.astimezone(zone).date(), []).append(entry)
    rows = []
    for day, those in days.items():
        pains = [entry.pain for entry in those]
        flags = dict.fromkeys(flag for entry in those for flag in entry.flags)
        rows.append(
            DayRow(day, len(pains), min(pains), round(sum(pains) / len(pains), 1), max(pains),
                   tuple(flags))
        )  # fmt: skip
    return rows


@dataclass(frozen=True)
class MedicationLine:
    """A medication as the patient wrote it, with how often it was logged in the range."""

    detail: str
    times: int
    first: dt.datetime
    last: dt.datetime
    notes: tuple[str, ...]  # each different note the patient wrote with a dose, once


def medication_lines(medications):
    """The medication treatments (in time order) summed per detail as the patient wrote it
    (case and spacing aside), in the order first taken."""
    lines: dict[str, list] = {}
    for treatment in medications:
        key = " ".join(treatment["detail"].split()).casefold()
        lines.setdefault(key, []).append(treatment)
    return [
        MedicationLine(
            those[0]["detail"],
            len(those),
            those[0]["at"],
            those[-1]["at"],
            tuple(dict.fromkeys(t["notes"] for t in those if t["notes"])),
        )
        for those in lines.values()
    ]


@dataclass(frozen=True)
class ReportEntry:
    """A symptom entry as the report lists it, read as plain values (a month can hold a few
    hundred entries), with its warning signs named once."""

    injury_id: int
    recorded_at: dt.datetime
    pain: int
    notes: str
    flags: tuple[str, ...]  # the warning signs answered yes, as the questions read

    @classmethod
    def from_rows(cls, rows):
        """From `_entry_rows` rows, warning signs named once (`warning_signs_named`)."""
        return [
            cls(injury_id, recorded_at, pain, notes, tuple(SymptomEntry.questions_of(flags)))
            for injury_id, recorded_at, pain, notes, flags in rows
        ]

    @property
    def signs_then_notes(self):
        """The table's last column: each warning sign as a sentence, then the notes."""
        return "".join(f"{flag}. " for flag in self.flags) + self.notes

    @property
    def signs(self):
        return "; ".join(self.flags)


def build(user, profile, injuries, start_day, end_day, assessed=None, whole_log=True):
    """Everything the report shows, for the given injuries (the user's own, annotated with
    `advice.with_triage_facts`) and days, in a fixed number of queries. `assessed` is the
    advice already worked out for the user's injuries (`advice.assess`), if any. A report of
    one injury (`whole_log` false) holds only what was logged for it: no treatments, stretches,
    drinks or cramps logged for no injury or another."""
    zone = profile.zone
    start, _ = day_bounds(start_day, zone)
    _, end = day_bounds(end_day, zone)
    injury_ids = [injury.pk for injury in injuries]
    by_id = {injury.pk: injury for injury in injuries}
    days = (end_day - start_day).days + 1
    period = period_of(days)
    entries_by_injury = {pk: [] for pk in injury_ids}
    acks_by_injury = {pk: [] for pk in injury_ids}
    flagged = []
    # Each query's SQL is compiled once per shape (`recovery.common.compiled`).
    notable = period is not None
    name = "report notable entries" if notable else "report entries"
    entry_rows = injury_rows(name, None, _entry_rows(notable), injuries, start, end)
    for entry in ReportEntry.from_rows(entry_rows):
        entries_by_injury[entry.injury_id].append(entry)
        if entry.flags:
            flagged.append((by_id[entry.injury_id], entry))
    acks = injury_rows("report acks", None, _acks, injuries, start, end, run=compiled.instances)
    for ack in acks:
        acks_by_injury[ack.injury_id].append(ack)
    exercise = exercise_lines(injuries, zone, start, end, start_day, end_day, profile.fluid_units)
    if assessed is None:
        assessed = advice.assess(injuries)
    advice_by_id = {item.injury.pk: item.advice for item in assessed}
    ids = {f"injury_{index}": pk for index, pk in enumerate(injury_ids)}
    # Plain rows, not model objects: a year holds well over a thousand ice sessions.
    treatments = compiled.dicts(
        ("report treatments", len(ids), whole_log),
        partial(_treatments, unattached=whole_log),
        user_id=user.pk,
        start=start,
        end=end,
        **ids,
    )
    ice = [t for t in treatments if t["kind"] == Treatment.Kind.ICE]
    if whole_log:
        stretches = compiled.rows(
            "report stretches", _stretch_rows, user_id=user.pk, start=start, end=end
        )
    else:
        stretches = injury_rows(
            "report injury stretches", None, _injury_stretches, injuries, start, end
        )
    marks = {pk: {"ice": [], "stretches": []} for pk in injury_ids}
    for injury_id, moment, kind in [(t["injury_id"], t["at"], "ice") for t in ice] + [
        (injury_id, moment, "stretches") for injury_id, moment in stretches
    ]:
        if injury_id in marks:
            marks[injury_id][kind].append(moment)
    if period is None:
        series = {pk: series_from_entries(entries_by_injury[pk]) for pk in injury_ids}
        for pk, item in series.items():
            item["ice"] = [charts.epoch_ms(moment) for moment in marks[pk]["ice"]]
            item["stretches"] = [charts.epoch_ms(moment) for moment in marks[pk]["stretches"]]
        sent, tables = series, {}
    else:
        series = pain_days.daily_pain_series(injuries, zone, start, details=True, end=end)
        for pk, item in series.items():
            item["ice"] = days_of(marks[pk]["ice"], zone)
            item["stretches"] = days_of(marks[pk]["stretches"], zone)
        sent = {pk: pain_days.compact_daily(item, start_day) for pk, item in series.items()}
        tables = {
            pk: pain_days.pain_by_period(item, period, start_day, end_day)
            for pk, item in series.items()
        }
    limit = ENTRY_ROWS if len(injuries) == 1 else ENTRY_ROWS_EACH
    by_day = {
        pk: day_rows(entries, zone) if period is None and len(entries) > limit else None
        for pk, entries in entries_by_injury.items()
    }
    medications = [t for t in treatments if t["kind"] == Treatment.Kind.MEDICATION]
    cramps, average_fluids = None, None  # a report of one injury leaves them out
    if whole_log:
        found = compiled.dicts(
            "report cramps", _cramp_counts, user_id=user.pk, start=start, end=end
        )
        cramps = found[0] if found else {"count": 0, "night": 0}
        fluid_totals = hydration.daily_totals(user, zone, start_day)
        fluid_total = sum(ml for day, ml in fluid_totals.items() if day <= end_day)
        average_fluids = profile.format_volume(round(fluid_total / days)) if days else None
    return {
        "start_day": start_day,
        "end_day": end_day,
        "injuries": [
            {
                "injury": injury,
                "entries": entries_by_injury[injury.pk],
                "day_rows": by_day[injury.pk],
                "notable": [e for e in entries_by_injury[injury.pk] if e.flags or e.notes],
                "has_pain": bool(series[injury.pk]["pain"]),
                "periods": tables.get(injury.pk, []),
                "advice": advice_by_id.get(injury.pk),
                "acknowledgements": acks_by_injury[injury.pk],
                "exercise": exercise[injury.pk],
            }
            for injury in injuries
        ],
        "by_week": period is week_bounds,
        "chart_data": {
            "daily": period is not None,
            "day0_ms": pain_days.local_noon_ms(start_day, zone) if period else None,
            "zone": profile.time_zone,
            "injuries": [
                {"id": injury.pk, "title": injury.title(), **sent[injury.pk]} for injury in injuries
            ],
        },
        "flagged": flagged,
        "ice_count": len(ice),
        "ice_minutes": sum(t["duration_minutes"] or 0 for t in ice),
        "stretch_count": len(stretches),
        "exercise_count": sum(
            row["count"] for lines in exercise.values() for row in lines["sessions"]
        ),
        "medications": medications,
        "medication_lines": (
            medication_lines(medications) if len(medications) > MEDICATION_LINES else None
        ),
        "therapy": [
            {**t, "kind_label": Treatment.Kind(t["kind"]).label}
            for t in treatments
            if t["kind"] not in (Treatment.Kind.ICE, Treatment.Kind.MEDICATION)
        ],
        "cramps": cramps,
        "average_fluids": average_fluids,
        "days": days,
    }


REPORTED_TREATMENTS = [
    Treatment.Kind.ICE,
    Treatment.Kind.MEDICATION,
    Treatment.Kind.THERAPY,
    Treatment.Kind.MASSAGE,
    Treatment.Kind.SURGERY,
]


def _entry_rows(notable):
    def build(ids, start, end):
        entries = in_range(SymptomEntry.objects.filter(injury__in=ids), "recorded_at", start, end)
        if notable:
            entries = entries.filter(_notable())
        return entries.order_by("recorded_at", "pk").values_list(
            "injury_id", "recorded_at", "pain", "notes", SymptomEntry.warning_signs_named()
        )

    return build


def _acks(ids, start, end):
    return in_range(Acknowledgement.objects.filter(injury__in=ids), "at", start, end).order_by("at")


def _treatments(user_id, start, end, unattached=True, **ids):
    """The user's reported treatments in the range: the injuries' (`ids`), and with
    `unattached` those for no particular injury."""
    treatments = Treatment.objects.filter(
        user=user_id, at__gte=start, at__lt=end, kind__in=REPORTED_TREATMENTS
    )
    if ids:
        mine = Q(injury__in=list(ids.values()))
        treatments = treatments.filter(mine | Q(injury__isnull=True) if unattached else mine)
    return treatments.order_by("at").values(
        "injury_id", "kind", "at", "duration_minutes", "detail", "notes"
    )


def _stretch_rows(user_id, start, end):
    return (
        StretchSession.objects.filter(user=user_id, at__gte=start, at__lt=end)
        .exclude(status=StretchSession.Status.RUNNING)
        .order_by("at")
        .values_list("injury_id", "at")
    )


def _injury_stretches(ids, start, end):
    return (
        in_range(StretchSession.objects.filter(injury__in=ids), "at", start, end)
        .exclude(status=StretchSession.Status.RUNNING)
        .order_by("at")
        .values_list("injury_id", "at")
    )


def _cramp_counts(user_id, start, end):
    """One row (none without cramps): the cramps in the range, and those at night."""
    return (
        Cramp.objects.filter(user=user_id, started_at__gte=start, started_at__lt=end)
        .values("user")
        .annotate(count=Count("pk"), night=Count("pk", filter=Q(at_night=True)))
        .values("count", "night")
        .order_by()
    )


def default_days(injury, today):
    """From the injury's first day (or 30 days back for all injuries) to today."""
    if injury is not None:
        return timezone.localtime(injury.onset_at).date(), today
    return today - dt.timedelta(days=29), today
