"""The numbers behind the charts, with the clock pinned, and the charts page."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from recovery.insights import charts, pain_days
from recovery.models import Cramp, FluidEntry, Injury, StretchSession, SymptomEntry, Treatment

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
LONDON = ZoneInfo("Europe/London")
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_rolling_average_covers_the_last_7_days_of_points():
    points = [(NOW + n * DAY, value) for n, value in enumerate([8, 6, 4, 6, 2, 2, 2, 2])]
    assert charts.rolling_average(points) == [8.0, 7.0, 6.0, 6.0, 5.2, 4.7, 4.3, 3.4]


def test_the_rolling_average_of_several_points_in_a_day_and_a_gap():
    points = [(NOW, 6), (NOW + dt.timedelta(hours=2), 4), (NOW + 10 * DAY, 1)]
    assert charts.rolling_average(points) == [6.0, 5.0, 1.0]
    assert charts.rolling_average([]) == []


def test_the_daily_average_weighs_each_entry_over_the_day_and_the_6_before():
    days = [
        (dt.date(2026, 11, 1), 12, 2),  # 8 and 4
        (dt.date(2026, 11, 3), 2, 1),
        (dt.date(2026, 11, 7), 3, 1),
        (dt.date(2026, 11, 8), 5, 1),  # the 1st has left the window
        (dt.date(2026, 11, 20), 1, 1),
    ]
    assert pain_days.daily_rolling_average(days) == [6.0, 4.7, 4.2, 3.3, 1.0]
    assert pain_days.daily_rolling_average([]) == []


def test_days_add_up_into_weeks_that_start_on_monday():
    rows = [
        (dt.date(2026, 11, 22), 5, 1),  # a Sunday
        (dt.date(2026, 11, 23), 2, 0),  # Monday
        (dt.date(2026, 11, 29), 3, 4),  # Sunday
        (dt.date(2026, 11, 30), 1, 1),
    ]
    assert charts.weekly(rows) == [
        (dt.date(2026, 11, 16), 5, 1),
        (dt.date(2026, 11, 23), 5, 4),
        (dt.date(2026, 11, 30), 1, 1),
    ]


@pytest.mark.parametrize(
    ("value", "expected"), [("7", "7"), ("all", "all"), ("9", "30"), (None, "30")]
)
def test_an_unknown_range_falls_back_to_30_days(value, expected):
    assert charts.parse_range(value) == expected


def test_a_range_starts_at_local_midnight():
    start = charts.range_start("7", ZoneInfo("America/New_York"), today=dt.date(2026, 11, 25))
    assert start == dt.datetime(2026, 11, 19, 5, 0, tzinfo=dt.UTC)
    assert charts.range_start("all", LONDON) is None


def fill(user, rows):
    """`rows` of each kind of log, spread over the last 60 days."""
    injury = Injury.objects.create(user=user, side="left", onset_at=NOW - 60 * DAY)
    step = (60 * DAY) / rows
    SymptomEntry.objects.bulk_create(
        SymptomEntry(injury=injury, recorded_at=NOW - n * step, pain=n % 11) for n in range(rows)
    )
    FluidEntry.objects.bulk_create(
        FluidEntry(user=user, at=NOW - n * step, amount_ml=250) for n in range(rows)
    )
    Treatment.objects.bulk_create(
        Treatment(user=user, injury=injury, kind="ice", at=NOW - n * step, duration_minutes=20)
        for n in range(rows)
    )
    Cramp.objects.bulk_create(
        Cramp(
            user=user,
            started_at=NOW - n * step,
            side="left",
            duration_seconds=30,
            pain=5,
            at_night=n % 2 == 0,
        )
        for n in range(rows)
    )
    from anatomy.models import Stretch

    stretch = Stretch.objects.first()
    StretchSession.objects.bulk_create(
        StretchSession(
            user=user, stretch=stretch, holds=3, holds_done=3, hold_seconds=30, at=NOW - n * step
        )
        for n in range(rows)
    )
    return injury


@pytest.mark.parametrize("rows", [10, 1000])
def test_each_aggregation_is_one_query_however_many_rows(owner, rows, django_assert_num_queries):
    injury = fill(owner, rows)
    start = charts.range_start("all", LONDON)
    with django_assert_num_queries(1):
        charts.fluids_per_day(owner, LONDON, start)
    with django_assert_num_queries(1):
        charts.ice_by_injury_day(owner, LONDON, start)
    with django_assert_num_queries(1):
        charts.stretching_by_injury_day(owner, LONDON, start)
    with django_assert_num_queries(1):
        charts.cramps_per_week(owner, LONDON, start)
    with django_assert_num_queries(2):  # entries, then ice and stretches together
        series = charts.pain_series([injury], start)
    assert len(series[injury.pk]["pain"]) == rows


def test_aggregates_add_up_by_the_users_day_and_week(owner):
    tokyo = ZoneInfo("Asia/Tokyo")
    # 23:30 UTC on the 24th is 08:30 on the 25th in Tokyo.
    FluidEntry.objects.create(
        user=owner, at=dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.UTC), amount_ml=300
    )
    FluidEntry.objects.create(
        user=owner, at=dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC), amount_ml=200
    )
    assert charts.fluids_per_day(owner, tokyo) == [(dt.date(2026, 11, 25), 500)]
    assert charts.fluids_per_day(owner, LONDON) == [
        (dt.date(2026, 11, 24), 300),
        (dt.date(2026, 11, 25), 200),
    ]
    for night in (True, True, False):
        Cramp.objects.create(
            user=owner,
            started_at=NOW - DAY,
            side="left",
            duration_seconds=20,
            pain=3,
            at_night=night,
        )
    assert charts.cramps_per_week(owner, LONDON) == [(dt.date(2026, 11, 23), 2, 1)]


def test_the_pain_series_marks_warning_signs_ice_and_stretches(owner):
    injury = Injury.objects.create(user=owner, side="left", onset_at=NOW - 3 * DAY)
    injury.entries.create(recorded_at=NOW - 2 * DAY, pain=6)
    injury.entries.create(recorded_at=NOW - DAY, pain=4, numbness=True)
    Treatment.objects.create(
        user=owner, injury=injury, kind="ice", at=NOW - DAY, duration_minutes=20
    )
    series = charts.pain_series([injury])[injury.pk]
    assert series["pain"] == [6, 4]
    assert series["average"] == [6.0, 5.0]
    assert series["red_flags"] == [[], ["Numbness or tingling"]]
    assert series["ice"] == [charts.epoch_ms(NOW - DAY)]


def test_the_pain_series_names_every_warning_sign_of_an_entry_in_the_forms_order(owner):
    injury = Injury.objects.create(user=owner, side="left", onset_at=NOW - 3 * DAY)
    every = injury.entries.create(
        recorded_at=NOW - DAY, pain=8, **dict.fromkeys(SymptomEntry.RED_FLAGS, True)
    )
    some = injury.entries.create(
        recorded_at=NOW - DAY / 2, pain=7, stroke_signs=True, cold_limb=True
    )
    series = charts.pain_series([injury])[injury.pk]
    assert series["red_flags"] == [
        [text for _, text in every.red_flags()],
        [SymptomEntry.RED_FLAGS["cold_limb"], SymptomEntry.RED_FLAGS["stroke_signs"]],
    ]
    assert len(series["red_flags"][0]) == len(SymptomEntry.RED_FLAGS) == 16
    assert some.red_flags()[0][0] == "cold_limb"


def test_a_long_range_has_a_point_per_local_day_with_its_warning_signs_and_markers(owner):
    injury = Injury.objects.create(user=owner, side="left", onset_at=NOW - 5 * DAY)
    tokyo = ZoneInfo("Asia/Tokyo")
    # 16:00 and 23:00 UTC on the 22nd are the 23rd in Tokyo; 10:00 UTC is the 22nd.
    injury.entries.create(recorded_at=dt.datetime(2026, 11, 22, 10, tzinfo=dt.UTC), pain=7)
    injury.entries.create(
        recorded_at=dt.datetime(2026, 11, 22, 16, tzinfo=dt.UTC), pain=6, calf_swelling=True
    )
    injury.entries.create(recorded_at=dt.datetime(2026, 11, 22, 23, tzinfo=dt.UTC), pain=3)
    for hour in (15, 16):  # two sessions, one day with ice
        Treatment.objects.create(
            user=owner, injury=injury, kind="ice", duration_minutes=20,
            at=dt.datetime(2026, 11, 24, hour, tzinfo=dt.UTC),
        )  # fmt: skip
    series = pain_days.daily_pain_series([injury], tokyo)
    ice_rows = charts.ice_by_injury_day(owner, tokyo)
    assert ice_rows == [(injury.pk, dt.date(2026, 11, 25), 2, 40)]
    pain_days.add_day_markers(series, ice_rows, charts.stretching_by_injury_day(owner, tokyo))
    brief = series[injury.pk]
    assert brief["days"] == [dt.date(2026, 11, 22), dt.date(2026, 11, 23)]
    assert brief["pain"] == [7.0, 4.5]
    assert brief["average"] == [7.0, 5.3]
    assert brief["flagged"] == [1]
    assert brief["ice"] == [dt.date(2026, 11, 25)]
    assert "red_flags" not in brief

    full = pain_days.daily_pain_series([injury], tokyo, details=True)[injury.pk]
    assert full["highest"] == [7, 6]
    assert full["entries"] == [1, 2]
    assert full["red_flags"] == [[], [SymptomEntry.RED_FLAGS["calf_swelling"]]]

    first = pain_days.first_day([brief])
    assert first == dt.date(2026, 11, 22)
    assert pain_days.compact_daily(brief, first) == {
        "days": [0, 1],
        "pain": [7.0, 4.5],
        "average": [7.0, 5.3],
        "flagged": [1],
        "ice": [3],
        "stretches": [],
    }


def test_a_year_of_the_charts_page_sends_days_and_a_table_row_per_day(owner_client, owner):
    injury = Injury.objects.create(user=owner, side="left", onset_at=NOW - 200 * DAY)
    for days, pain in [(200, 8), (100, 5), (100, 3)]:
        injury.entries.create(recorded_at=NOW - days * DAY, pain=pain, numbness=pain == 3)
    body = owner_client.get(reverse("charts") + "?range=365").content.decode()
    data = json.loads(body.split('type="application/json">', 1)[1].split("</script>")[0])
    assert data["daily"] is True
    sent = data["injuries"][0]
    assert sent["days"] == [0, 100]
    assert sent["pain"] == [8.0, 4.0]
    assert sent["flagged"] == [1]
    first_noon = dt.datetime.fromtimestamp(data["day0_ms"] / 1000, tz=LONDON)
    assert (first_noon.date(), first_noon.hour) == ((NOW - 200 * DAY).date(), 12)
    assert "Each point is a day" in body

    tables = owner_client.get(reverse("charts") + "?range=365&tables=1").content.decode()
    table = tables.split(f'id="pain-table-{injury.pk}"', 1)[1].split("</table>")[0]
    assert table.count("<tr>") == 3  # the header and two days
    assert "Numbness or tingling" in table
    assert "<td>2</td><td>4.0</td><td>5</td>" in table  # entries, average, highest


def test_the_charts_page_sends_the_data_as_json_and_tables(owner_client, owner):
    injury = fill(owner, 10)
    response = owner_client.get(reverse("charts") + "?range=90")
    body = response.content.decode()
    data = json.loads(
        body.split('id="chart-data" type="application/json">', 1)[1].split("</script>")[0]
    )
    assert data["injuries"][0]["id"] == injury.pk
    assert len(data["fluids"]) == 10
    assert data["goal_ml"] == 2000
    assert "Pain as a table" in body
    assert 'aria-current="true">90 days</a>' in body


def test_the_range_switch_returns_just_the_charts_to_htmx(owner_client, owner):
    fill(owner, 10)
    response = owner_client.get(reverse("charts") + "?range=7", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert body.strip().startswith('<div id="charts">')
    data = json.loads(body.split('type="application/json">', 1)[1].split("</script>")[0])
    assert len(data["fluids"]) < 10


@pytest.mark.parametrize("rows", [10, 1000])
def test_the_charts_page_needs_the_same_queries_for_10_or_1000_rows(
    owner_client, owner, rows, django_assert_max_num_queries
):
    fill(owner, rows)
    with django_assert_max_num_queries(15):
        owner_client.get(reverse("charts") + "?range=all")


def test_long_ranges_send_the_tables_only_when_asked(owner_client, owner):
    fill(owner, 10)
    body = owner_client.get(reverse("charts") + "?range=90").content.decode()
    assert "<tbody>" not in body
    assert 'hx-trigger="toggle once"' in body
    assert "tables=1" in body
    full = owner_client.get(reverse("charts") + "?range=90&tables=1").content.decode()
    assert full.count("<tbody>") == 5


def test_an_injury_resolved_inside_the_range_has_its_chart(owner_client, owner):
    old = Injury.objects.create(
        user=owner,
        side="left",
        onset_at=NOW - 60 * DAY,
        status="resolved",
        resolved_on=(NOW - 20 * DAY).date(),
    )
    old.entries.create(recorded_at=NOW - 25 * DAY, pain=3)
    gone = Injury.objects.create(
        user=owner,
        side="right",
        onset_at=NOW - 90 * DAY,
        status="resolved",
        resolved_on=(NOW - 45 * DAY).date(),
    )
    body = owner_client.get(reverse("charts") + "?range=30").content.decode()
    assert f'id="pain-chart-{old.pk}"' in body
    assert f"pain-{gone.pk}-heading" not in body
