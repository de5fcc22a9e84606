"""The guided set timer in a real Chromium at phone size: holds and rests counted down and
kept across a reload, a set of repetitions ended with a tap and its rest counted down to the
next set, the session logged and its pain asked; every state passes axe."""

import datetime as dt
import re

import pytest
import time_machine
from playwright.sync_api import expect

from anatomy.models import Exercise
from recovery.models import ExerciseSession, Injury, ProgrammeExercise
from tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def planned(owner, slug, **targets):
    injury = Injury.objects.create(
        user=owner,
        side="left",
        kind="strain",
        onset_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=9),
    )
    item = ProgrammeExercise.from_library(injury, Exercise.objects.get(slug=slug))
    for name, value in targets.items():
        setattr(item, name, value)
    item.save()
    return item


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_holds_are_counted_down_survive_a_reload_and_are_logged(browser_page, owner):
    item = planned(owner, "wall-sit", sets=2, hold_seconds=30, rest_seconds=10)
    page = browser_page.page
    start = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with time_machine.travel(start, tick=True) as server_clock:
        page.context.clock.install(time=start)
        log_in(browser_page, then=f"/injuries/{item.injury_id}/programme/")
        page.get_by_role("button", name="With the timer: Wall sit (isometric quadriceps)").click()
        heading = page.locator("[data-phase-heading]")
        expect(heading).to_have_text("Hold 1 of 2")
        expect(page.get_by_role("timer")).to_have_text(re.compile(r"^(30|29)$"))
        assert_accessible(page)

        server_clock.shift(dt.timedelta(seconds=32))
        page.clock.fast_forward("00:32")
        expect(heading).to_have_text("Rest, then hold 2 of 2")
        page.reload()
        expect(heading).to_have_text("Rest, then hold 2 of 2")

        server_clock.shift(dt.timedelta(seconds=40))
        page.clock.fast_forward("00:40")
        guide = page.locator("#guide")
        expect(guide).to_contain_text("Done: 2 holds logged")
        assert_accessible(page)
        page.get_by_role("radio", name="2 mild").check()
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Saved: pain during 2/10.")).to_be_visible()
        expect(page.locator("ul.programme")).to_contain_text("30, 30 seconds; pain during 2/10")
    session = ExerciseSession.objects.get()
    assert [s.seconds for s in session.sets.all()] == [30, 30]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_a_set_ends_with_a_tap_and_its_rest_counts_down_to_the_next(browser_page, owner):
    planned(owner, "calf-raise-double-leg", sets=2, reps=15, rest_seconds=20)
    page = browser_page.page
    start = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with time_machine.travel(start, tick=True) as server_clock:
        page.context.clock.install(time=start)
        log_in(browser_page, then="/")
        page.get_by_role("button", name="With the timer: Calf raise on both legs").click()
        expect(page.get_by_role("heading", name="Set 1 of 2", exact=True)).to_be_visible()
        count = page.get_by_label("Repetitions done in set 1")
        expect(count).to_have_value("15")
        count.fill("0")
        page.get_by_role("button", name="Set 1 done").click()
        expect(page.get_by_text("Enter from 1 to 100 repetitions").first).to_be_visible()
        expect(page.get_by_label("Repetitions done in set 1")).to_have_value("0")  # kept
        assert_accessible(page)
        page.get_by_label("Repetitions done in set 1").fill("14")
        page.get_by_role("button", name="Set 1 done").click()
        expect(page.get_by_role("heading", name="Rest, then set 2 of 2")).to_be_visible()
        expect(page.get_by_role("timer")).to_have_text(re.compile(r"^(20|19)$"))
        assert_accessible(page)

        # The browser's rest ends first (the server's clock is behind): the server's rest,
        # swapped in, counts on by itself to the next set.
        server_clock.shift(dt.timedelta(seconds=10))
        page.clock.fast_forward("00:22")
        expect(page.get_by_role("timer")).to_have_text(re.compile(r"^(10|9)$"))
        server_clock.shift(dt.timedelta(seconds=12))
        page.clock.run_for("00:12")  # every timer on the way, as time passes
        expect(page.get_by_role("heading", name="Set 2 of 2", exact=True)).to_be_visible()
        page.get_by_role("button", name="Set 2 done").click()
        expect(page.get_by_text("All 2 sets done: logged.")).to_be_visible()
        expect(page.locator("#guide")).to_contain_text("Done: 2 sets logged")
    session = ExerciseSession.objects.get()
    assert [s.reps for s in session.sets.all()] == [14, 15]
    browser_page.goto("/")
    expect(page.get_by_text("Calf raise on both legs: done today.")).to_be_visible()
