"""Today's exercises for the home page: each planned exercise of the active injuries, whether
it was done today, the week's adherence, and the injuries whose next-morning answer is
waiting (yesterday's exercise, asked on the home page)."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from recovery.common.days import day_bounds, week_of
from recovery.models import ExerciseSession, ProgrammeExercise
from recovery.rehab import adherence


def exercises_today(injuries, zone, today):
    """{"exercise_items", "exercise_week", "mornings"} for the active `injuries` (one query,
    however much was logged); "mornings" is [(injury, the pk of yesterday's last session
    waiting for its next-morning answer)]."""
    by_id = {injury.pk: injury for injury in injuries}
    nothing = {"exercise_items": [], "exercise_week": None, "mornings": []}
    if not by_id:
        return nothing
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
            morning_session=Subquery(
                same.filter(
                    at__gte=yesterday_start, at__lt=today_start, next_morning_pain__isnull=True
                )
                .order_by("-at")
                .values("pk")[:1]
            ),
        )
    )
    if not items:
        return nothing
    for item in items:
        item.injury = by_id[item.injury_id]
    week = adherence.of_week(
        {
            item.pk: adherence.planned_in_week(
                item.sessions_per_week, monday, item.added_at.astimezone(zone).date()
            )
            for item in items
        },
        {item.pk: item.done_week for item in items},
    )
    mornings = {}
    for item in items:
        if item.morning_session is not None:
            mornings.setdefault(item.injury_id, (item.injury, item.morning_session))
    return {"exercise_items": items, "exercise_week": week, "mornings": list(mornings.values())}
