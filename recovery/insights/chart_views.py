"""The charts page: recovery over a chosen range, drawn by Chart.js from json_script data."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from recovery.common import units
from recovery.insights import charts, pain_days
from recovery.insights.exercise_charts import exercise_charts
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
    give_muscle_names,
)
from recovery.treatments.sessions import settle_sessions

RANGE_LABELS = [
    ("7", "7 days"),
    ("30", "30 days"),
    ("90", "90 days"),
    ("365", "A year"),
    ("all", "All"),
]


INLINE_TABLE_RANGES = {"7"}

# The part of the charts' data each kind of log feeds ("injuries": a pain chart each, with
# the days of ice and stretching marked on it), and the logs that are not charted, and why.
CHARTED = {
    Injury: "injuries",
    SymptomEntry: "injuries",
    Treatment: "ice",
    FluidEntry: "fluids",
    StretchSession: "stretch",
    Cramp: "cramps",
    ExerciseSession: "exercise",
}
NOT_CHARTED = {
    Acknowledgement: "what the user did about advice: on the injury's timeline and the report",
    IceSession: "a finished ice session is charted through the treatment it records",
}


def chart_data(user, profile, range_key, injuries, details=False):
    """What the charts draw, as compact JSON for the page, and the pain series for the tables
    ({injury id: series}, with the `details` the tables need)."""
    zone = profile.zone
    start = charts.range_start(range_key, zone)
    daily = range_key in charts.DAILY_RANGES
    ice_rows = charts.ice_by_injury_day(user, zone, start)
    stretch_rows = charts.stretching_by_injury_day(user, zone, start)
    if daily:
        series = pain_days.daily_pain_series(injuries, zone, start, details=details)
        pain_days.add_day_markers(series, ice_rows, stretch_rows)
        day0 = pain_days.first_day(series.values()) or timezone.localdate(timezone=zone)
        sent = {pk: pain_days.compact_daily(item, day0) for pk, item in series.items()}
    else:
        series = sent = charts.pain_series(injuries, start)
        day0 = None
    data = {
        "daily": daily,
        "day0_ms": pain_days.local_noon_ms(day0, zone) if daily else None,
        "zone": profile.time_zone,
        "goal_ml": profile.effective_fluid_goal_ml(),
        "units": profile.fluid_units,
        "load_unit": units.load_unit(profile.fluid_units),
        "injuries": [
            {"id": injury.pk, "title": injury.title(), **sent[injury.pk]} for injury in injuries
        ],
        "fluids": [[day.isoformat(), ml] for day, ml in charts.fluids_per_day(user, zone, start)],
        "ice": [
            [day.isoformat(), sessions, minutes]
            for day, sessions, minutes in charts.by_day(ice_rows)
        ],
        "stretch": [
            [week.isoformat(), minutes]
            for week, minutes in charts.minutes_per_week(charts.by_day(stretch_rows))
        ],
        "cramps": [
            [week.isoformat(), night, day]
            for week, night, day in charts.cramps_per_week(user, zone, start)
        ],
        **exercise_charts(user, zone, start, profile.fluid_units),
    }
    return data, series


def _load_words(amount, profile):
    """A load already in the user's units, in words."""
    if amount is None:
        return "body weight"
    return f"{amount:g} {units.load_unit(profile.fluid_units)}"


def _pain_words(pain):
    return "not given" if pain is None else f"{pain}/10"


def _flags(flags):
    return "; ".join(flags) or "none"


def _pain_rows(series, zone, daily):
    """The pain table's rows: a day each from 90 days on, else an entry each."""
    if daily:
        return [
            (f"{day:%a %d %b %Y}", entries, pain, highest, average, _flags(flags))
            for day, entries, pain, highest, average, flags in zip(
                series["days"],
                series["entries"],
                series["pain"],
                series["highest"],
                series["average"],
                series["red_flags"],
                strict=True,
            )
        ]
    return [
        (
            f"{dt.datetime.fromtimestamp(moment / 1000, tz=zone):%d %b %Y %H:%M}",
            pain,
            average,
            _flags(flags),
        )
        for moment, pain, average, flags in zip(
            series["times"], series["pain"], series["average"], series["red_flags"], strict=True
        )
    ]


PAIN_COLUMNS = ["Time", "Pain (0-10)", "7-day average", "Warning signs"]
DAILY_PAIN_COLUMNS = [
    "Day",
    "Entries",
    "Average pain (0-10)",
    "Highest",
    "7-day average",
    "Warning signs",
]


def _block(key, heading, chart, label, what, rows, columns, tables, **extra):
    """One chart section: its canvas, and its table (rows only when `tables`)."""
    return {
        "key": key,
        "heading": heading,
        "chart": chart,
        "canvas": extra.pop("canvas", f"{key}-chart"),
        "label": f"{label}; the table below has the same numbers.",
        "has_data": extra.pop("has_data", bool(rows)),
        "summary": f"{what} as a table",
        "table": extra.pop("table", f"{key}-table"),
        "columns": columns,
        "rows": rows if tables else [],
        **extra,
    }


def chart_blocks(data, series, profile, tables):
    """What each chart section of the page shows: ([a pain chart per injury], [the habit
    charts]); the tables' rows only when `tables` (otherwise they load when opened)."""
    daily = data["daily"]
    pain = [
        _block(
            f"pain-{injury['id']}",
            f"Pain: {injury['title']}",
            "pain",
            f"Pain over time for {injury['title']}",
            "Pain",
            _pain_rows(series[injury["id"]], profile.zone, daily) if tables else [],
            DAILY_PAIN_COLUMNS if daily else PAIN_COLUMNS,
            tables,
            has_data=bool(injury["pain"]),
            canvas=f"pain-chart-{injury['id']}",
            table=f"pain-table-{injury['id']}",
            injury=injury["id"],
            daily=daily,
            caption="A row per day" if daily else "",
            empty="No pain scores in this range.",
        )
        for injury in data["injuries"]
    ]
    habits = [
        ("fluids", "Drinks per day", "Drinks per day against your goal", "Drinks",
         [(day, profile.format_volume(ml)) for day, ml in data["fluids"]], ["Day", "Total"]),
        ("ice", "Ice per day", "Ice sessions and minutes per day", "Ice",
         data["ice"], ["Day", "Sessions", "Minutes"]),
        ("stretch", "Stretching minutes per week", "Minutes of stretching per week",
         "Stretching", data["stretch"], ["Week starting", "Minutes"]),
        ("cramps", "Cramps per week", "Cramps per week, at night and by day", "Cramps",
         data["cramps"], ["Week starting", "At night", "By day"]),
        ("exercise", "Exercise programme: sessions per week",
         "Exercise sessions done each week against those planned", "Exercise sessions",
         [(week, done, planned, f"{round(100 * done / planned)}%")
          for week, done, planned in data["exercise"]],
         ["Week starting", "Done", "Planned", "Done of planned"]),
    ]  # fmt: skip
    blocks = [
        _block(
            key,
            heading,
            key,
            label,
            what,
            rows,
            columns,
            tables,
            empty=f"No {what.lower()} logged in this range.",
        )
        for key, heading, label, what, rows, columns in habits
    ]
    blocks[-1]["empty"] = "No exercise was planned in this range."
    blocks[-1]["note"] = (
        "Planned sessions follow the programme as it stands now: each exercise counts from the "
        "week it was added (in proportion to its days that week) until its injury recovered."
    )
    return pain, blocks + [_exercise_block(item, profile, tables) for item in data["exercises"]]


def _exercise_block(item, profile, tables):
    """One exercise's weekly chart: its volume, heaviest load and highest pain during."""
    unit = item["unit"]
    rows = [
        (week, sets, volume, _load_words(load, profile), _pain_words(pain))
        for week, sets, volume, load, pain in item["weeks"]
    ]
    return _block(
        f"exercise-{item['id']}",
        f"{item['name']}: per week",
        "exercise-one",
        f"{unit.capitalize()} per week of {item['name']}, with the heaviest load and the "
        "highest pain during",
        item["name"],
        rows,
        ["Week starting", "Sets", unit.capitalize(), "Heaviest load", "Highest pain during"],
        tables,
        exercise=item["id"],
    )


@login_required
@vary_on_headers("HX-Request")
@require_safe
def charts_page(request):
    profile = get_profile(request.user)
    settle_sessions(request.user)
    range_key = charts.parse_range(request.GET.get("range"))
    start = charts.range_start(range_key, profile.zone)
    injuries = Injury.objects.filter(user=request.user).select_related("region")
    if start is not None:
        # Every injury that was going on at some time in the range.
        first_day = timezone.localtime(start, profile.zone).date()
        injuries = injuries.filter(
            Q(status=Injury.Status.ACTIVE) | Q(onset_at__gte=start) | Q(resolved_on__gte=first_day)
        )
    injuries = give_muscle_names(list(injuries[:10]))
    # Long ranges send the tables only when asked (opening one, or without JavaScript the
    # "show the tables" link), so the page stays small.
    inline_tables = range_key in INLINE_TABLE_RANGES or request.GET.get("tables") == "1"
    data, series = chart_data(request.user, profile, range_key, injuries, details=inline_tables)
    pain_blocks, habit_blocks = chart_blocks(data, series, profile, inline_tables)
    context = {
        "inline_tables": inline_tables,
        "pain_blocks": pain_blocks,
        "habit_blocks": habit_blocks,
        "range_key": range_key,
        "ranges": RANGE_LABELS,
        "data": data,
        "profile": profile,
    }
    template = (
        "recovery/insights/charts.html#charts" if request.htmx else "recovery/insights/charts.html"
    )
    return render(request, template, context)
