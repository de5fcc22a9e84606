"""The numbers behind the exercise charts: each exercise's weekly volume (sets x repetitions,
or seconds held), heaviest load and highest pain during, and the programme's adherence per
week (sessions done of those planned). Two queries however much was logged: the sets by
injury, exercise and day, and the programme. Whole weeks only, from the Monday of the
range's first day: a weekly bar of part of a week would mislead."""

import datetime as dt

from django.db.models import Count, Max, Sum
from django.utils import timezone

from anatomy.models import Exercise
from recovery.common import units
from recovery.common.days import day_bounds, mondays_between, week_of
from recovery.common.local_day import LocalDate
from recovery.insights.charts import in_range, user_rows
from recovery.models import ExerciseSet, ProgrammeExercise
from recovery.rehab import adherence


def first_monday(start, zone):
    """The first moment of the week of the range's `start` (None for all time)."""
    if start is None:
        return None
    return day_bounds(week_of(timezone.localtime(start, zone).date()), zone)[0]


def _set_rows(user, zone, start):
    """[(injury id, exercise id, day, sessions, sets, repetitions, seconds, heaviest load in kg,
    highest pain during, the exercise's name, its unit, its place in the library)], in day
    order (one query)."""

    def build(user_id, start=None, end=None):
        sets = ExerciseSet.objects.filter(session__injury__user=user_id)
        return (
            in_range(sets, "session__at", start)
            .annotate(day=LocalDate("session__at", tzinfo=zone))
            .values_list("session__injury_id", "session__exercise_id", "day")
            .annotate(
                sessions=Count("session", distinct=True),
                sets=Count("pk"),
                reps=Sum("reps"),
                seconds=Sum("seconds"),
                load=Max("load_kg"),
                pain=Max("session__pain_during"),
                name=Max("session__exercise__name"),
                unit=Max("session__exercise__rep_unit"),
                order=Max("session__exercise__order"),
            )
            .order_by("day", "session__injury_id", "session__exercise_id")
        )

    return user_rows("chart exercise sets", zone, build, user, start)


def _larger(a, b):
    return b if a is None else a if b is None else max(a, b)


def weeks_per_exercise(rows):
    """{exercise id: [(Monday, sets, volume, heaviest load, highest pain)]} from `_set_rows`
    rows, the volume being repetitions (steps) or seconds held, whichever the sets have."""
    weeks: dict[int, dict[dt.date, list]] = {}
    for _, exercise, day, _, sets, reps, seconds, load, pain, *_ in rows:
        week = weeks.setdefault(exercise, {}).setdefault(week_of(day), [0, 0, None, None])
        week[0] += sets
        week[1] += (reps or 0) + (seconds or 0)
        week[2] = _larger(week[2], load)
        week[3] = _larger(week[3], pain)
    return {
        exercise: [(monday, *numbers) for monday, numbers in sorted(by_week.items())]
        for exercise, by_week in weeks.items()
    }


def _plans(user, zone):
    """The user's programme as `adherence.by_week` reads it (one query)."""
    items = ProgrammeExercise.objects.filter(injury__user=user).select_related("exercise", "injury")
    return [adherence.plan_of(item, zone) for item in items]


def exercise_charts(user, zone, start, units_system):
    """{"exercise": [[Monday, done, planned]] a week from the range's first week (or the first
    exercise planned) to this one, while anything was planned; "exercises": a chart's data
    for each exercise done in the range}."""
    monday_start = first_monday(start, zone)
    rows = _set_rows(user, zone, monday_start)
    plans = _plans(user, zone)
    today = timezone.localdate(timezone=zone)
    done: dict[tuple, int] = {}
    for injury, exercise, day, sessions, *_ in rows:
        key = ((injury, exercise), week_of(day))
        done[key] = done.get(key, 0) + sessions
    first = (
        timezone.localtime(monday_start, zone).date()
        if monday_start is not None
        else min((added for _, _, added, _ in plans), default=today)
    )
    adherence_weeks = [
        [monday.isoformat(), week.done, week.planned]
        for monday, week in adherence.by_week(plans, done, mondays_between(first, today))
        if week.planned
    ]
    per_exercise = weeks_per_exercise(rows)
    about = {row[1]: row[-3:] for row in rows}  # exercise id: (name, unit, order)
    return {
        "exercise": adherence_weeks,
        "exercises": [
            {
                "id": pk,
                "name": about[pk][0],
                "unit": Exercise.RepUnit(about[pk][1]).label,
                "weeks": [
                    [monday.isoformat(), sets, volume, _in_units(load, units_system), pain]
                    for monday, sets, volume, load, pain in per_exercise[pk]
                ],
            }
            for pk in sorted(per_exercise, key=lambda pk: (about[pk][2], pk))
        ],
    }


def _in_units(load_kg, units_system):
    return float(units.from_kg(load_kg, units_system)) if load_kg is not None else None
