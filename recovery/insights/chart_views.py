"""The charts page: recovery over a chosen range, drawn by Chart.js from json_script data."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from recovery.insights import charts, pain_days
from recovery.models import Injury, get_profile
from recovery.treatments.sessions import settle_sessions

RANGE_LABELS = [
    ("7", "7 days"),
    ("30", "30 days"),
    ("90", "90 days"),
    ("365", "A year"),
    ("all", "All"),
]


INLINE_TABLE_RANGES = {"7"}


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
    }
    return data, series


def _pain_table(series, zone, daily):
    if daily:
        return list(
            zip(
                (f"{day:%a %d %b %Y}" for day in series["days"]),
                series["entries"],
                series["pain"],
                series["highest"],
                series["average"],
                series["red_flags"],
                strict=True,
            )
        )
    return [
        (
            f"{dt.datetime.fromtimestamp(moment / 1000, tz=zone):%d %b %Y %H:%M}",
            pain,
            average,
            flags,
        )
        for moment, pain, average, flags in zip(
            series["times"], series["pain"], series["average"], series["red_flags"], strict=True
        )
    ]


@login_required
@vary_on_headers("HX-Request")
@require_safe
def charts_page(request):
    profile = get_profile(request.user)
    settle_sessions(request.user)
    range_key = charts.parse_range(request.GET.get("range"))
    start = charts.range_start(range_key, profile.zone)
    injuries = Injury.objects.filter(user=request.user).prefetch_related("muscles")
    injuries = injuries.select_related("region")
    if start is not None:
        # Every injury that was going on at some time in the range.
        first_day = timezone.localtime(start, profile.zone).date()
        injuries = injuries.filter(
            Q(status=Injury.Status.ACTIVE) | Q(onset_at__gte=start) | Q(resolved_on__gte=first_day)
        )
    injuries = list(injuries[:10])
    # Long ranges send the tables only when asked (opening one, or without JavaScript the
    # "show the tables" link), so the page stays small.
    inline_tables = range_key in INLINE_TABLE_RANGES or request.GET.get("tables") == "1"
    data, series = chart_data(request.user, profile, range_key, injuries, details=inline_tables)
    context = {
        "inline_tables": inline_tables,
        "injury_blocks": [
            {
                **injury,
                "table": _pain_table(series[injury["id"]], profile.zone, data["daily"])
                if inline_tables
                else [],
            }
            for injury in data["injuries"]
        ],
        "range_key": range_key,
        "ranges": RANGE_LABELS,
        "data": data,
        "profile": profile,
        "fluid_rows": [(day, profile.format_volume(ml)) for day, ml in data["fluids"]]
        if inline_tables
        else [],
    }
    template = (
        "recovery/insights/charts.html#charts" if request.htmx else "recovery/insights/charts.html"
    )
    return render(request, template, context)
