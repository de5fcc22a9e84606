"""An injury's exercise programme in a real Chromium at phone size: start with the suggestion,
change a target, remove an exercise; every page passes axe."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from anatomy.models import Muscle
from recovery.models import Injury, ProgrammeExercise
from tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_starting_changing_and_trimming_a_programme(browser_page, owner):
    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(
        user=owner, side="right", kind="strain", onset_at=now - dt.timedelta(days=6)
    )
    injury.muscles.set([Muscle.objects.get(slug="gastrocnemius")])
    injury.entries.create(recorded_at=now - dt.timedelta(hours=1), pain=2)
    page = browser_page.page
    log_in(browser_page, then=injury.get_absolute_url())

    page.get_by_role("link", name="Exercise programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exercise programme")
    expect(
        page.get_by_text("Pain at rest is 2/10, at most 3/10: building strength.")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start with these").click()
    expect(page.get_by_text("Added to the programme:")).to_be_visible()
    plan = page.locator("ul.programme")
    expect(plan.get_by_role("heading", name="Calf raise on both legs")).to_be_visible()
    expect(plan).to_contain_text("3 sets of 15 repetitions, body weight, 60 seconds' rest")

    plan.get_by_role("link", name="Change targets for Calf raise on both legs").click()
    page.get_by_label("Repetitions per set").fill("0")
    page.get_by_label("Added load (kg)").fill("5")
    page.get_by_role("button", name="Save targets").click()
    expect(
        page.get_by_text("Enter from 1 to 100 repetitions (or steps) per set.").first
    ).to_be_visible()
    expect(page.get_by_label("Added load (kg)")).to_have_value("5")  # nothing typed is lost
    assert_accessible(page)
    page.get_by_label("Repetitions per set").fill("12")
    page.get_by_role("button", name="Save targets").click()
    expect(plan).to_contain_text("3 sets of 12 repetitions, 5 kg added")

    plan.get_by_role("link", name="Remove Calf raise on both legs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove this exercise?")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, remove").or_(
        page.get_by_role("button", name="Yes, delete")
    ).click()
    expect(page.get_by_text("Calf raise on both legs removed from the programme.")).to_be_visible()
    remaining = list(ProgrammeExercise.objects.filter(injury=injury))
    assert "calf-raise-double-leg" not in {item.exercise.slug for item in remaining}
    assert remaining  # the others stay
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_logging_sessions_and_the_next_morning(browser_page, owner):
    from anatomy.models import Exercise
    from recovery.models import ExerciseSession

    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(
        user=owner, side="left", kind="strain", onset_at=now - dt.timedelta(days=9)
    )
    injury.muscles.set([Muscle.objects.get(slug="biceps-femoris")])
    injury.entries.create(recorded_at=now - dt.timedelta(days=2), pain=1)
    bridge = ProgrammeExercise.from_library(
        injury, Exercise.objects.get(slug="hamstring-bridge-double")
    )
    bridge.changed_at = now - dt.timedelta(days=5)
    bridge.save()
    ExerciseSession.objects.create(
        injury=injury, exercise=bridge.exercise, at=now - dt.timedelta(days=1, hours=2),
        pain_before=1, pain_during=2,
    )  # fmt: skip
    page = browser_page.page
    log_in(browser_page, then=f"/injuries/{injury.pk}/programme/")

    morning = page.get_by_role("region", name="How does the leg feel this morning?")
    morning.get_by_role("radio", name="1 mild").check()
    morning.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved: 1/10 the morning after.")).to_be_visible()
    expect(page.get_by_text("one more like it")).to_be_visible()

    page.get_by_role("link", name="Log a session of Bridge on both legs").click()
    expect(page.get_by_label("Set 1: repetitions")).to_have_value("12")
    page.get_by_label("Set 3: repetitions").fill("10")
    page.get_by_label("Set 1: added load (kg)").fill("600")
    page.get_by_role("radio", name="3 mild").check()
    page.get_by_role("button", name="Log session").click()
    expect(page.get_by_text("a number from 0 to 500 kg").first).to_be_visible()
    expect(page.get_by_label("Set 3: repetitions")).to_have_value("10")  # kept
    assert_accessible(page)
    page.get_by_label("Set 1: added load (kg)").fill("")
    page.get_by_role("button", name="Log session").click()
    expect(page.get_by_text("Bridge on both legs: session logged.")).to_be_visible()
    expect(page.locator("ul.programme")).to_contain_text("12, 12, 10 repetitions; pain during 3/10")

    page.get_by_role("button", name="Done as planned: Bridge on both legs").click()
    expect(page.get_by_text("Bridge on both legs: done as planned.")).to_be_visible()
    assert ExerciseSession.objects.filter(injury=injury).count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_taking_the_suggested_next_step_in_one_tap(browser_page, owner):
    from anatomy.models import Exercise
    from recovery.models import ExerciseSession

    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(
        user=owner, side="left", kind="strain", onset_at=now - dt.timedelta(days=12)
    )
    raise_ = ProgrammeExercise.from_library(
        injury, Exercise.objects.get(slug="calf-raise-double-leg")
    )
    raise_.changed_at = now - dt.timedelta(days=6)
    raise_.save()
    for days in (4, 2):
        ExerciseSession.objects.create(
            injury=injury, exercise=raise_.exercise, at=now - dt.timedelta(days=days),
            pain_before=1, pain_during=2, next_morning_pain=1,
        )  # fmt: skip
    page = browser_page.page
    log_in(browser_page, then=f"/injuries/{injury.pk}/programme/")
    plan = page.locator("ul.programme")
    expect(plan).to_contain_text("Ready to make it harder.")
    expect(plan).to_contain_text("Next step: 3 sets of 17 repetitions, body weight")
    assert_accessible(page)
    page.get_by_role("button", name="Use these targets for Calf raise on both legs").click()
    expect(page.get_by_text("Targets for Calf raise on both legs saved.")).to_be_visible()
    expect(plan).to_contain_text("3 sets of 17 repetitions, body weight, 60 seconds' rest")
    expect(plan).to_contain_text("No session at this level yet.")
    raise_.refresh_from_db()
    assert raise_.reps == 17


@pytest.mark.parametrize("browser_page", [PHONE], indirect=True)
def test_the_next_morning_is_answered_on_today(browser_page, owner):
    from anatomy.models import Exercise
    from recovery.models import ExerciseSession

    now = dt.datetime.now(dt.UTC)
    injury = Injury.objects.create(
        user=owner, side="right", kind="strain", onset_at=now - dt.timedelta(days=8)
    )
    wall_sit = ProgrammeExercise.from_library(injury, Exercise.objects.get(slug="wall-sit"))
    wall_sit.save()
    yesterday = now - dt.timedelta(days=1)
    session = ExerciseSession.objects.create(
        injury=injury, exercise=wall_sit.exercise, at=yesterday, pain_during=2
    )
    page = browser_page.page
    log_in(browser_page)
    question = page.get_by_role(
        "group", name="How does the leg feel this morning, after yesterday's exercise?"
    )
    expect(question).to_be_visible()
    assert_accessible(page)
    question.get_by_role("radio", name="2 mild").check()
    page.get_by_role("button", name="Save this morning's pain").click()
    expect(page.get_by_text("Saved: 2/10 the morning after.")).to_be_visible()
    expect(question).to_have_count(0)
    expect(page).to_have_url(f"{browser_page.base_url}/")
    session.refresh_from_db()
    assert session.next_morning_pain == 2
