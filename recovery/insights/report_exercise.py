"""The provider report's exercise lines for each injury: the programme as it stands (each
exercise's targets), how much of it was done in the report's days (sessions done of those
planned), and each exercise's sessions in those days with the last one's sets. Three queries
however much was logged."""

from django.db.models import Count, F, Max, OuterRef, Subquery

from recovery.common import compiled
from recovery.common.days import mondays_between, week_of
from recovery.common.local_day import LocalDate
from recovery.insights.charts import in_range, injury_rows
from recovery.models import ExerciseSession, ExerciseSet, ProgrammeExercise
from recovery.rehab import adherence, words


def _session_days(zone):
    def build(ids, start, end):
        sessions = in_range(ExerciseSession.objects.filter(injury__in=ids), "at", start, end)
        return (
            sessions.annotate(day=LocalDate("at", tzinfo=zone))
            .values_list("injury_id", "exercise_id", "day")
            .annotate(
                count=Count("pk"),
                last=Max("at"),
                pain=Max("pain_during"),
                name=Max("exercise__name"),
                unit=Max("exercise__rep_unit"),
            )
            .order_by("injury_id", "name", "day")
        )

    return build


def _programme(ids, start=None, end=None):
    return ProgrammeExercise.objects.filter(injury__in=ids).select_related("exercise")


def _last_sets(ids, start, end):
    """The sets of each injury's last session of each exercise in the range."""
    sessions = in_range(ExerciseSession.objects.filter(injury__in=ids), "at", start, end)
    newest = sessions.filter(injury=OuterRef("injury"), exercise=OuterRef("exercise")).order_by(
        "-at", "-pk"
    )
    last = sessions.annotate(newest=Subquery(newest.values("pk")[:1])).filter(pk=F("newest"))
    return (
        ExerciseSet.objects.filter(session__in=last.values("pk"))
        .values_list("session__injury_id", "session__exercise_id", "reps", "seconds", "load_kg")
        .order_by("session_id", "number")
    )


def _plans(items, start_day, end_day, zone):
    """The programme's items as `adherence.by_week` reads them, cut to the report's days."""
    plans = []
    for item in items:
        added = max(item.added_at.astimezone(zone).date(), start_day)
        until = min(item.injury.resolved_on or end_day, end_day)
        plans.append(((item.injury_id, item.exercise_id), item.sessions_per_week, added, until))
    return plans


def exercise_lines(injuries, zone, start, end, start_day, end_day, units_system):
    """{injury id: {"programme": [(name, targets in words, how often)], "adherence":
    Adherence or None, "sessions": [{"name", "count", "last", "pain", "last_sets"}]}}."""
    by_id = {injury.pk: injury for injury in injuries}
    lines = {pk: {"programme": [], "adherence": None, "sessions": []} for pk in by_id}
    days = injury_rows("report exercise days", zone, _session_days(zone), injuries, start, end)
    items = injury_rows("report programme", None, _programme, injuries, run=compiled.instances)
    sets: dict[tuple, list] = {}
    for injury_id, exercise_id, reps, seconds, load in injury_rows(
        "report last sets", None, _last_sets, injuries, start, end
    ):
        sets.setdefault((injury_id, exercise_id), []).append((reps or seconds, load))

    done: dict[tuple, int] = {}
    sessions: dict[tuple, dict] = {}
    for injury_id, exercise_id, day, count, last, pain, name, unit in days:
        key = (injury_id, exercise_id)
        done[(key, week_of(day))] = done.get((key, week_of(day)), 0) + count
        row = sessions.setdefault(
            key, {"name": name, "unit": unit, "count": 0, "last": last, "pain": None}
        )
        row["count"] += count
        row["last"] = max(row["last"], last)
        if pain is not None:
            row["pain"] = pain if row["pain"] is None else max(row["pain"], pain)
    for (injury_id, exercise_id), row in sessions.items():
        last_sets = sets.get((injury_id, exercise_id), [])
        row["last_sets"] = words.sets_words(
            [count for count, _ in last_sets],
            [load for _, load in last_sets],
            words.UNIT_WORDS[row.pop("unit")],
            units_system,
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
        plans = _plans([item for item in items if item.injury_id == pk], start_day, end_day, zone)
        if plans:
            total = [week for _, week in adherence.by_week(plans, done, weeks)]
            lines[pk]["adherence"] = adherence.Adherence(
                sum(week.done for week in total), sum(week.planned for week in total)
            )
    return lines
