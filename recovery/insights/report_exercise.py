"""The provider report's exercise lines for each injury: the programme as it stands (each
exercise's targets), how much of it was done in the report's days (sessions done of those
planned), and each exercise's sessions in those days with the last one's sets. Two queries
however much was logged."""

from recovery.common import compiled
from recovery.common.days import mondays_between, week_of
from recovery.insights.charts import in_range, injury_rows
from recovery.models import ExerciseSet, ProgrammeExercise
from recovery.rehab import adherence, words


def _sets(ids, start, end):
    """Every set of the sessions in the range, in time order, with its session's injury,
    exercise, time and pain during, and the exercise's name and unit."""
    sets = in_range(ExerciseSet.objects.filter(session__injury__in=ids), "session__at", start, end)
    return sets.values_list(
        "session_id",
        "session__injury_id",
        "session__exercise_id",
        "session__at",
        "session__pain_during",
        "session__exercise__name",
        "session__exercise__rep_unit",
        "reps",
        "seconds",
        "load_kg",
    ).order_by("session__at", "session_id", "number")


def _programme(ids, start=None, end=None):
    return ProgrammeExercise.objects.filter(injury__in=ids).select_related("exercise")


def exercise_lines(injuries, zone, start, end, start_day, end_day, units_system):
    """{injury id: {"programme": [(name, targets in words, how often)], "adherence":
    Adherence or None, "sessions": [{"name", "count", "last", "pain", "last_sets"}]}}."""
    by_id = {injury.pk: injury for injury in injuries}
    lines = {pk: {"programme": [], "adherence": None, "sessions": []} for pk in by_id}
    items = injury_rows("report programme", None, _programme, injuries, run=compiled.instances)
    done: dict[tuple, int] = {}
    sessions: dict[tuple, dict] = {}
    last_session = None
    for session, injury_id, exercise_id, at, pain, name, unit, reps, seconds, load in injury_rows(
        "report exercise sets", None, _sets, injuries, start, end
    ):
        key = (injury_id, exercise_id)
        row = sessions.setdefault(key, {"name": name, "count": 0, "pain": None, "unit": unit})
        if session != last_session:  # the first set of a session
            last_session = session
            week = (key, week_of(at.astimezone(zone).date()))
            done[week] = done.get(week, 0) + 1
            row["count"] += 1
            row["last"], row["counts"], row["loads"] = at, [], []  # in time order
            if pain is not None:
                row["pain"] = pain if row["pain"] is None else max(row["pain"], pain)
        row["counts"].append(reps or seconds)
        row["loads"].append(load)
    for (injury_id, _), row in sorted(sessions.items(), key=lambda pair: pair[1]["name"]):
        row["last_sets"] = words.sets_words(
            row.pop("counts"), row.pop("loads"), words.UNIT_WORDS[row.pop("unit")], units_system
        )
        lines[injury_id]["sessions"].append(row)

    for item in items:
        item.injury = by_id[item.injury_id]
        lines[item.injury_id]["programme"].append(
            (
                item.exercise.name,
                words.dose_words(item, item.exercise, units_system),
                words.days_words(item),
            )
        )
    weeks = mondays_between(start_day, end_day)
    for pk in by_id:
        plans = [
            adherence.plan_of(item, zone, start_day, end_day)
            for item in items
            if item.injury_id == pk
        ]
        if plans:
            total = [week for _, week in adherence.by_week(plans, done, weeks)]
            lines[pk]["adherence"] = adherence.Adherence(
                sum(week.done for week in total), sum(week.planned for week in total)
            )
    return lines
