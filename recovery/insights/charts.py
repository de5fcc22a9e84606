"""The numbers behind the charts: aggregated in the database, in the user's time zone.

Every function here costs one query however much data there is (two for the pain series),
its SQL compiled once per shape (`recovery.common.compiled`: building these queries through the
ORM cost more than running them); the rolling average and the weekly sums are pure. Up to 30
days the pain chart has a point per entry; from 90 days on, a point per day (`pain_days.py`).
"""

import datetime as dt

from django.db.models import CharField, Count, F, Q, Sum, Value
from django.utils import timezone

from recovery.common import compiled
from recovery.common.days import day_bounds, week_of
from recovery.common.local_day import LocalDate, sql_depends_on
from recovery.models import (
    Cramp,
    FluidEntry,
    StretchSession,
    SymptomEntry,
    Treatment,
)

RANGES = {"7": 7, "30": 30, "90": 90, "365": 365, "all": None}
DEFAULT_RANGE = "30"
DAILY_RANGES = {"90", "365", "all"}  # ranges whose pain chart has a point per day
ROLLING_WINDOW = dt.timedelta(days=7)


def epoch_ms(moment):
    """A time as milliseconds since 1970: the compact form the charts read."""
    return int(moment.timestamp() * 1000)


def parse_range(value):
    """The range the user chose, or the default for anything else."""
    return value if value in RANGES else DEFAULT_RANGE


def range_start(range_key, zone, today=None):
    """The first moment of the range (None for all time), on a local-day boundary."""
    days = RANGES[range_key]
    if days is None:
        return None
    today = today or timezone.localdate()
    return day_bounds(today - dt.timedelta(days=days - 1), zone)[0]


def rolling_average(points, window=ROLLING_WINDOW):
    """For each (time, value) point in time order, the mean of the values in the `window`
    up to and including it, rounded to one decimal."""
    averages = []
    start = 0
    total = 0.0
    for index, (moment, value) in enumerate(points):
        total += value
        while points[start][0] <= moment - window:
            total -= points[start][1]
            start += 1
        averages.append(round(total / (index - start + 1), 1))
    return averages


def weekly(rows):
    """Per-day rows (day, *numbers) summed into weeks that start on Monday, in order."""
    weeks = {}
    for day, *numbers in rows:
        sums = weeks.setdefault(week_of(day), [0] * len(numbers))
        for index, number in enumerate(numbers):
            sums[index] += number
    return [(monday, *sums) for monday, sums in sorted(weeks.items())]


def in_range(queryset, field, start, end=None):
    if start is not None:
        queryset = queryset.filter(**{f"{field}__gte": start})
    return queryset.filter(**{f"{field}__lt": end}) if end is not None else queryset


def _bounds(start, end):
    """The range's bounds as compiled-query values: only those given."""
    return {name: value for name, value in (("start", start), ("end", end)) if value is not None}


def user_rows(name, zone, build, user, start=None, end=None):
    """The rows of `build(user_id, start=None, end=None)` for the user, compiled once per
    name, zone and day."""
    shape = (name, *sql_depends_on(zone))
    return compiled.rows(shape, build, user_id=user.pk, **_bounds(start, end))


def injury_rows(name, zone, build, injuries, start=None, end=None, *, run=compiled.rows):
    """The rows of `build(ids, start=None, end=None)` for the injuries, compiled once per
    name, number of injuries, zone and day (`run`: `compiled.rows` gives tuples,
    `compiled.dicts` dicts)."""
    ids = [injury.pk for injury in injuries]
    if not ids:
        return []
    keys = [f"injury_{index}" for index in range(len(ids))]

    def build_for(**values):
        return build([values[key] for key in keys], values.get("start"), values.get("end"))

    shape = (name, len(ids), *(sql_depends_on(zone) if zone is not None else ()))
    return run(shape, build_for, **dict(zip(keys, ids, strict=True)), **_bounds(start, end))


def pain_series(injuries, start=None):
    """{injury id: series} with each entry as a point, the 7-day rolling average and the
    red flags, for several injuries in one query (plus one for ice and stretches)."""

    def build(ids, start=None, end=None):
        return (
            in_range(SymptomEntry.objects.filter(injury__in=ids), "recorded_at", start)
            .order_by("injury_id", "recorded_at", "pk")
            .values_list("injury_id", "recorded_at", "pain", SymptomEntry.warning_signs_named())
        )

    series = {injury.pk: _empty_series() for injury in injuries}
    for injury_id, recorded_at, pain, flags in injury_rows(
        "pain entries", None, build, injuries, start
    ):
        item = series[injury_id]
        item["times"].append(epoch_ms(recorded_at))
        item["pain"].append(pain)
        item["red_flags"].append(SymptomEntry.questions_of(flags))
        item["_points"].append((recorded_at, pain))
    add_markers(series, injuries, start)
    for item in series.values():
        item["average"] = rolling_average(item.pop("_points"))
    return series


def add_markers(series, injuries, start=None):
    """Add when ice and stretches were done for each injury, in one query."""

    def build(ids, start=None, end=None):
        ice = Treatment.objects.filter(injury__in=ids, kind=Treatment.Kind.ICE)
        stretches = StretchSession.objects.filter(injury__in=ids).exclude(
            status=StretchSession.Status.RUNNING
        )
        ice = in_range(ice, "at", start).values_list(
            "injury_id", "at", Value("ice", output_field=CharField())
        )
        stretches = in_range(stretches, "at", start).values_list(
            "injury_id", "at", Value("stretches", output_field=CharField())
        )
        return ice.order_by().union(stretches.order_by()).order_by()

    for injury_id, moment, kind in injury_rows("pain markers", None, build, injuries, start):
        series[injury_id][kind].append(epoch_ms(moment))
    for item in series.values():
        item["ice"].sort()
        item["stretches"].sort()


def series_from_entries(entries):
    """A pain series from entries already loaded (`report.ReportEntry`), in time order."""
    series = _empty_series()
    for entry in entries:
        series["times"].append(epoch_ms(entry.recorded_at))
        series["pain"].append(entry.pain)
        series["red_flags"].append(list(entry.flags))
    series["average"] = rolling_average([(e.recorded_at, e.pain) for e in entries])
    del series["_points"]
    return series


def _empty_series():
    return {"times": [], "pain": [], "red_flags": [], "ice": [], "stretches": [], "_points": []}


def fluids_per_day(user, zone, start=None):
    def build(user_id, start=None, end=None):
        return (
            in_range(FluidEntry.objects.filter(user=user_id), "at", start)
            .annotate(day=LocalDate("at", tzinfo=zone))
            .values_list("day")
            .annotate(total=Sum("amount_ml"))
            .order_by("day")
        )

    return user_rows("chart drinks", zone, build, user, start)


def ice_by_injury_day(user, zone, start=None):
    """[(injury id or None, local day, sessions, minutes)] of ice, in day order: the ice chart
    sums it over the injuries, the pain charts mark their days from it."""

    def build(user_id, start=None, end=None):
        return (
            in_range(Treatment.objects.filter(user=user_id, kind=Treatment.Kind.ICE), "at", start)
            .annotate(day=LocalDate("at", tzinfo=zone))
            .values_list("injury_id", "day")
            .annotate(sessions=Count("pk"), minutes=Sum("duration_minutes"))
            .order_by("day", "injury_id")
        )

    rows = user_rows("chart ice", zone, build, user, start)
    return [(injury, day, sessions, minutes or 0) for injury, day, sessions, minutes in rows]


def stretching_by_injury_day(user, zone, start=None):
    """[(injury id or None, local day, seconds held)] of finished stretching, in day order."""

    def build(user_id, start=None, end=None):
        finished = StretchSession.objects.filter(user=user_id).exclude(
            status=StretchSession.Status.RUNNING
        )
        return (
            in_range(finished, "at", start)
            .annotate(day=LocalDate("at", tzinfo=zone))
            .values_list("injury_id", "day")
            .annotate(seconds=Sum(F("holds_done") * F("hold_seconds")))
            .order_by("day", "injury_id")
        )

    rows = user_rows("chart stretching", zone, build, user, start)
    return [(injury, day, seconds or 0) for injury, day, seconds in rows]


def by_day(rows):
    """Rows (injury id, day, *numbers) in day order, summed over the injuries:
    [(day, *sums)]."""
    totals = {}
    for _, day, *numbers in rows:
        sums = totals.setdefault(day, [0] * len(numbers))
        for index, number in enumerate(numbers):
            sums[index] += number
    return [(day, *sums) for day, sums in totals.items()]


def minutes_per_week(seconds_per_day):
    return [(week, round(seconds / 60, 1)) for week, seconds in weekly(seconds_per_day)]


def cramps_per_week(user, zone, start=None):
    def build(user_id, start=None, end=None):
        return (
            in_range(Cramp.objects.filter(user=user_id), "started_at", start)
            .annotate(day=LocalDate("started_at", tzinfo=zone))
            .values_list("day")
            .annotate(
                night=Count("pk", filter=Q(at_night=True)),
                day_count=Count("pk", filter=Q(at_night=False)),
            )
            .order_by("day")
        )

    return weekly(user_rows("chart cramps", zone, build, user, start))
