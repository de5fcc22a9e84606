"""Drinks against the daily goal, counted in the user's own days (one query each)."""

from datetime import date, datetime, tzinfo
from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet, Sum

from recovery.common import compiled, units
from recovery.common.days import day_bounds
from recovery.common.local_day import LocalDate, sql_depends_on
from recovery.models import FluidEntry, Profile

# The quick-add buttons: a glass and a bottle in each unit system, in mL.
QUICK_AMOUNTS = {
    units.METRIC: [(250, "250 mL glass"), (500, "500 mL bottle")],
    units.US: [(237, "8 fl oz glass"), (473, "16 fl oz bottle")],
}


def drinks_on(user: User, day: date, zone: tzinfo) -> list[FluidEntry]:
    """The user's drinks on a day of theirs, latest first."""
    start, end = day_bounds(day, zone)
    return list(FluidEntry.objects.filter(user=user, at__gte=start, at__lt=end))


def total_for_day(user: User, day: date, zone: tzinfo) -> int:
    start, end = day_bounds(day, zone)
    total = FluidEntry.objects.filter(user=user, at__gte=start, at__lt=end).aggregate(
        total=Sum("amount_ml")
    )["total"]
    return total or 0


def daily_totals(user: User, zone: tzinfo, since: date) -> dict[date, int]:
    """{local day: total mL} for the days since `since` (a date), aggregated in the database
    (the SQL compiled once per zone and day: the cramps, drinks and report pages ask)."""
    start, _ = day_bounds(since, zone)

    def build(user_id: int, start: datetime) -> QuerySet[Any]:
        return (
            FluidEntry.objects.filter(user=user_id, at__gte=start)
            .annotate(day=LocalDate("at", tzinfo=zone))
            .values_list("day")
            .annotate(total=Sum("amount_ml"))
            .order_by("-day")
        )

    shape = ("daily drinks", *sql_depends_on(zone))
    return dict(compiled.rows(shape, build, user_id=user.pk, start=start))


def progress(total_ml: int, profile: Profile) -> dict[str, Any]:
    """What the page says about today's drinks; never urges drinking past a clinician's limit."""
    goal = profile.effective_fluid_goal_ml()
    limit = profile.fluid_limit_ml
    percent = min(100, round(100 * total_ml / goal)) if goal else 0
    at_limit = limit is not None and total_ml >= limit
    return {
        "total_ml": total_ml,
        "goal_ml": goal,
        "percent": percent,
        "reached": total_ml >= goal,
        "at_limit": at_limit,
        "left_ml": max(0, goal - total_ml),
        "limit_ml": limit,
    }
