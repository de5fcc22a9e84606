"""The exercise charts in a real Chromium at phone size: the programme's adherence and each
exercise's volume, load and pain drawn from the logged sessions, and the range switch."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from anatomy.models import Exercise
from recovery.models import Injury, ProgrammeExercise
from recovery.rehab import sessions
from tests.browser import assert_accessible, drawn, eventually, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_exercise_charts_draw_each_exercise_and_the_weeks_adherence(browser_page, owner):
    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(
        user=owner, side="left", kind="strain", onset_at=now - dt.timedelta(days=60)
    )
    bridge = ProgrammeExercise.from_library(
        injury, Exercise.objects.get(slug="hamstring-bridge-double")
    )
    bridge.added_at = now - dt.timedelta(days=50)
    bridge.save()
    sessions.record(bridge, now - dt.timedelta(days=40), [(12, None)] * 3, pain_during=4)
    sessions.record(bridge, now - dt.timedelta(hours=2), [(12, Decimal(5))] * 2, pain_during=2)

    page = browser_page.page
    log_in(browser_page, then="/charts/?range=90")
    canvas = f"exercise-{bridge.exercise_id}-chart"
    one = {d["label"]: d for d in drawn(page, canvas)}
    assert one["Repetitions"]["values"] == [36, 24]
    assert one["Highest pain during (0-10)"]["values"] == [4, 2]
    assert one["Heaviest load (kg)"]["values"] == [None, 5]
    week = {d["label"]: d for d in drawn(page, "exercise-chart")}
    assert sum(week["Sessions done"]["values"]) == 2
    planned = week["Sessions planned"]["values"]
    assert len(planned) >= 8  # a week each since it was added, missed ones too
    assert set(planned[1:]) == {3}  # the first week in proportion to its days in the plan
    assert 0 <= planned[0] <= 3
    assert_accessible(page)

    page.get_by_role("link", name="7 days").click()
    expect(page.get_by_role("link", name="7 days")).to_have_attribute("aria-current", "true")
    eventually(lambda: drawn(page, canvas)[0]["count"] == 1)
    page.get_by_text("Bridge on both legs as a table").click()
    expect(page.locator(f"#exercise-{bridge.exercise_id}-table")).to_contain_text("5 kg")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
