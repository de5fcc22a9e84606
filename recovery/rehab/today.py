"""Today's exercises for the home page: each planned exercise of the active injuries, whether
it was done today, the week's adherence, and whether a next-morning answer is waiting."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from recovery.common.days import day_bounds, week_of
from recovery.models import ExerciseSession, ProgrammeExercise
from recovery.rehab import adherence


def exercises_today(injuries, zone, today):
    """{"exercise_items", "exercise_week", "morning_waiting"} for the active `injuries` (one
    query, however much was logged)."""
    by_id = {injury.pk: injury for injury in injuries}
    if not by_id:
        return {"exercise_items": [], "exercise_week": None, "morning_waiting": None}
    monday = week_of(today)
    week_start, _ = day_bounds(monday, zone)
    today_start, _ = day_bounds(today, zone)
    yesterday_start, _ = day_bounds(today - dt.timedelta(days=1), zone)
    same = ExerciseSession.objects.filter(
        injury=OuterRef("injury_id"), exercise=OuterRef("exercise_id")
    )
    # One query: each planned exercise with its sessions this week, whether one was today,
    # and whether yesterday's still waits for its next-morning answer.
    items = list(
        ProgrammeExercise.objects.filter(injury__in=list(by_id))
        .select_related("exercise")
        .annotate(
            done_week=Coalesce(
                Subquery(
                    same.filter(at__gte=week_start)
                    .order_by()
                    .values("injury")
                    .annotate(count=Count("pk"))
                    .values("count")
                ),
                0,
            ),
            done_today=Exists(same.filter(at__gte=today_start)),
            morning_waiting=Exists(
                same.filter(
                    at__gte=yesterday_start, at__lt=today_start, next_morning_pain__isnull=True
                )
            ),
        )
    )
    if not items:
        return {"exercise_items": [], "exercise_week": None, "morning_waiting": None}
    for item in items:
        item.injury = by_id[item.injury_id]
    week = adherence.of_week(
        {item.pk: item.sessions_per_week for item in items},
        {item.pk: item.done_week for item in items},
    )
    waiting = next((item.injury for item in items if item.morning_waiting), None)
    return {"exercise_items": items, "exercise_week": week, "morning_waiting": waiting}
