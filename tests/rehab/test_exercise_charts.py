"""The exercise charts: each exercise's weekly volume, heaviest load and highest pain during,
and the programme's adherence per week, in the user's zone and units, with the range switch."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from anatomy.models import Exercise
from recovery.common.days import mondays_between
from recovery.insights.exercise_charts import exercise_charts
from recovery.models import Injury, ProgrammeExercise, get_profile
from recovery.rehab import sessions

pytestmark = pytest.mark.django_db

# Thursday 26 November 2026, 12:00 in London; weeks start on Mondays: 9, 16 and 23 November.
NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def programme(owner):
    with time_machine.travel(NOW, tick=False):
        injury = Injury.objects.create(
            user=owner, side="left", kind="strain", onset_at=dt.datetime(2026, 11, 1, tzinfo=LONDON)
        )
        items = {}
        for slug, added in [("calf-raise-double-leg", 9), ("wall-sit", 18)]:
            item = ProgrammeExercise.from_library(injury, Exercise.objects.get(slug=slug))
            item.added_at = dt.datetime(2026, 11, added, 8, tzinfo=LONDON)
            item.save()
            items[slug] = item
        yield items


def at(day, hour=18):
    return dt.datetime(2026, 11, day, hour, tzinfo=LONDON)


def test_each_exercise_gets_its_weekly_volume_heaviest_load_and_pain(owner, programme):
    raise_ = programme["calf-raise-double-leg"]
    sessions.record(raise_, at(10), [(15, None)] * 3, pain_during=2)
    sessions.record(raise_, at(12), [(15, Decimal(5)), (12, Decimal("7.5"))], pain_during=4)
    sessions.record(raise_, at(17), [(15, Decimal(10))] * 3)  # pain not given
    sessions.record(programme["wall-sit"], at(24), [(30, None), (45, None)], pain_during=1)
    with time_machine.travel(NOW, tick=False):
        data = exercise_charts(owner, LONDON, None, "metric")
    calf, wall = data["exercises"]
    assert (calf["name"], calf["unit"]) == ("Calf raise on both legs", "repetitions")
    assert calf["weeks"] == [
        ["2026-11-09", 5, 72, 7.5, 4],  # 3 x 15 + 15 + 12 repetitions
        ["2026-11-16", 3, 45, 10.0, None],
    ]
    assert (wall["unit"], wall["weeks"]) == ("seconds held", [["2026-11-23", 2, 75, None, 1]])


def test_adherence_is_counted_a_week_at_a_time_from_the_first_plan(owner, programme):
    raise_ = programme["calf-raise-double-leg"]
    # Week of 9 Nov: added Monday, done 4 times (3 planned, only 3 count).
    for day in [9, 10, 11, 12]:
        sessions.as_planned(raise_, at(day))
    # Week of 16 Nov: nothing. The wall sit joins on Wednesday the 18th (5 days of 7: 2).
    # Week of 23 Nov: one of each so far.
    sessions.as_planned(raise_, at(23))
    sessions.as_planned(programme["wall-sit"], at(24))
    with time_machine.travel(NOW, tick=False):
        data = exercise_charts(owner, LONDON, None, "metric")
    assert data["exercise"] == [
        ["2026-11-09", 3, 3],
        ["2026-11-16", 0, 5],
        ["2026-11-23", 2, 6],
    ]


def test_a_range_starts_on_the_monday_of_its_first_day(owner, programme):
    raise_ = programme["calf-raise-double-leg"]
    sessions.as_planned(raise_, at(16, 7))  # Monday of the week the 7-day range begins in
    sessions.as_planned(raise_, at(13))  # the week before: outside
    with time_machine.travel(NOW, tick=False):
        start = dt.datetime(2026, 11, 20, tzinfo=LONDON)  # the first day of the last 7
        data = exercise_charts(owner, LONDON, start, "metric")
    assert [week[0] for week in data["exercises"][0]["weeks"]] == ["2026-11-16"]
    assert [week[0] for week in data["exercise"]] == ["2026-11-16", "2026-11-23"]


def test_loads_are_in_the_users_units(owner, programme):
    sessions.record(programme["calf-raise-double-leg"], at(10), [(10, Decimal(10))])
    with time_machine.travel(NOW, tick=False):
        data = exercise_charts(owner, LONDON, None, "us")
    assert data["exercises"][0]["weeks"][0][3] == 22.0


def test_a_recovered_injurys_programme_is_planned_no_more(owner, programme):
    injury = programme["wall-sit"].injury
    injury.status, injury.resolved_on = Injury.Status.RESOLVED, dt.date(2026, 11, 15)
    injury.save()
    with time_machine.travel(NOW, tick=False):
        data = exercise_charts(owner, LONDON, None, "metric")
    assert data["exercise"] == [["2026-11-09", 0, 3]]


def test_the_weeks_between_two_days_are_their_mondays():
    assert mondays_between(dt.date(2026, 11, 12), dt.date(2026, 11, 23)) == [
        dt.date(2026, 11, 9), dt.date(2026, 11, 16), dt.date(2026, 11, 23),
    ]  # fmt: skip
    assert mondays_between(dt.date(2026, 11, 12), dt.date(2026, 11, 12)) == [dt.date(2026, 11, 9)]


def test_the_charts_page_has_a_chart_and_table_for_each_exercise(owner_client, owner, programme):
    raise_ = programme["calf-raise-double-leg"]
    sessions.record(raise_, at(24), [(15, Decimal(5))] * 2, pain_during=3)
    profile = get_profile(owner)
    profile.fluid_units = "us"
    profile.save()
    with time_machine.travel(NOW, tick=False):
        html = owner_client.get(reverse("charts") + "?range=7").content.decode()
    assert "Exercise programme: sessions per week" in html
    assert "Calf raise on both legs: per week" in html
    assert 'data-chart="exercise-one"' in html
    assert "<td>2026-11-23</td><td>2</td><td>30</td><td>11 lb</td><td>3/10</td>" in html
    # Both exercises planned this week (3 + 3): one session done.
    assert "<td>2026-11-23</td><td>1</td><td>6</td><td>17%</td>" in html
