"""The pain chart a day at a time, for long chart ranges and long reports.

A year of entries is thousands of points, more than a chart can show apart and more than a page
should carry, so from 90 days on a chart point is a day: the day's average pain, whether it had
warning signs, and whether there was ice or stretching for the injury. One query however many
entries; the rest is pure.
"""

import datetime as dt

from django.db.models import Count, Max, Q, Sum

from recovery.common import compiled
from recovery.common.local_day import LocalDate
from recovery.insights.charts import ROLLING_WINDOW, epoch_ms, in_range, injury_rows
from recovery.models import SymptomEntry


def daily_pain_series(injuries, zone, start=None, details=False, end=None):
    """{injury id: series} with a point per local day: the day's average pain and whether it
    had warning signs (`add_day_markers` adds the days with ice or stretches). With `details`
    (for the tables), also the day's total, highest score, number of entries and which
    warning signs were seen. `end`, if given, is the first moment left out."""
    flags = {f"flag_{name}": name for name in SymptomEntry.RED_FLAGS} if details else {}
    extra = {"highest": Max("pain")} if details else {}

    def build(ids, start=None, end=None):
        return (
            in_range(SymptomEntry.objects.filter(injury__in=ids), "recorded_at", start, end)
            .annotate(day=LocalDate("recorded_at", tzinfo=zone))
            .values("injury_id", "day")
            .annotate(
                total=Sum("pain"),
                count=Count("pk"),
                flagged=Count("pk", filter=SymptomEntry.warning_sign_q()),
                **extra,
                **{key: Count("pk", filter=Q(**{name: True})) for key, name in flags.items()},
            )
            .order_by("injury_id", "day")
        )

    name = "pain days, details" if details else "pain days"
    rows = injury_rows(name, zone, build, injuries, start, end, run=compiled.dicts)
    keys = ["days", "pain", "flagged", "ice", "stretches"]
    if details:
        keys += ["totals", "highest", "entries", "red_flags"]
    series = {injury.pk: {key: [] for key in keys} for injury in injuries}
    totals = {injury.pk: [] for injury in injuries}
    for row in rows:
        item = series[row["injury_id"]]
        if row["flagged"]:
            item["flagged"].append(len(item["days"]))
        item["days"].append(row["day"])
        item["pain"].append(round(row["total"] / row["count"], 1))
        if details:
            item["totals"].append(row["total"])
            item["highest"].append(row["highest"])
            item["entries"].append(row["count"])
            item["red_flags"].append(
                [SymptomEntry.RED_FLAGS[name] for key, name in flags.items() if row[key]]
            )
        totals[row["injury_id"]].append((row["day"], row["total"], row["count"]))
    for pk, item in series.items():
        item["average"] = daily_rolling_average(totals[pk])
    return series


def add_day_markers(series, ice_rows, stretch_rows):
    """Mark on each injury's day series the days it had ice and stretches, from the rows of
    `ice_by_injury_day` and `stretching_by_injury_day` (in day order)."""
    for kind, rows in (("ice", ice_rows), ("stretches", stretch_rows)):
        for injury_id, day, *_ in rows:
            if injury_id in series:
                series[injury_id][kind].append(day)


def daily_rolling_average(days, window=ROLLING_WINDOW):
    """For each (day, total pain, entries) in day order, the mean pain of all the entries on
    that day and the days before it within the `window`, rounded to one decimal."""
    averages = []
    start = 0
    total = count = 0
    for day, day_total, day_count in days:
        total += day_total
        count += day_count
        while days[start][0] <= day - window:
            total -= days[start][1]
            count -= days[start][2]
            start += 1
        averages.append(round(total / count, 1))
    return averages


def pain_by_period(series, bounds_of, first_day, last_day):
    """A detailed day series summed by period (`bounds_of` is `week_bounds` or
    `month_bounds`): [(first day, last day, entries, average, highest, warning signs seen)],
    each period cut to the range from `first_day` to `last_day`."""
    periods = {}
    for day, total, count, highest, flags in zip(
        series["days"],
        series["totals"],
        series["entries"],
        series["highest"],
        series["red_flags"],
        strict=True,
    ):
        sums = periods.setdefault(bounds_of(day), {"total": 0, "count": 0, "high": 0, "flags": []})
        sums["total"] += total
        sums["count"] += count
        sums["high"] = max(sums["high"], highest)
        sums["flags"] += [flag for flag in flags if flag not in sums["flags"]]
    return [
        (
            max(start, first_day),
            min(end, last_day),
            p["count"],
            round(p["total"] / p["count"], 1),
            p["high"],
            p["flags"],
        )
        for (start, end), p in periods.items()
    ]


def compact_daily(series, first_day):
    """A day series as the page sends it: days as numbers counted from `first_day`, and
    only what the chart draws (warning signs as the positions of the flagged days)."""

    def offsets(days):
        return [(day - first_day).days for day in days]

    return {
        "days": offsets(series["days"]),
        "pain": series["pain"],
        "average": series["average"],
        "flagged": series["flagged"],
        "ice": offsets(series["ice"]),
        "stretches": offsets(series["stretches"]),
    }


def first_day(daily_series):
    """The earliest day any of the series has, or None."""
    return min(
        (
            days[0]
            for item in daily_series
            for key in ("days", "ice", "stretches")
            if (days := item[key])
        ),
        default=None,
    )


def local_noon_ms(day, zone):
    """Where a day's point sits on the time axis: noon that day in the user's zone."""
    return epoch_ms(dt.datetime.combine(day, dt.time(12), tzinfo=zone))
