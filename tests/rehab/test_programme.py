"""An injury's rehab programme: the suggested start, adding, changing targets (each limit with
a message that says what is allowed, and nothing typed lost), removing, and another user's
programme out of reach."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from anatomy.models import Exercise
from recovery.models import Injury, ProgrammeExercise, SymptomEntry, get_profile

pytestmark = pytest.mark.django_db

NOW = dt.datetime.now(dt.UTC)


@pytest.fixture
def injury(owner, muscles):
    injury = Injury.objects.create(
        user=owner, side="left", kind="strain", onset_at=NOW - dt.timedelta(days=5)
    )
    injury.muscles.set([muscles["gastrocnemius"]])
    return injury


@pytest.fixture
def muscles():
    from anatomy.models import Muscle

    return {muscle.slug: muscle for muscle in Muscle.objects.all()}


def plan(injury, slug):
    item = ProgrammeExercise.from_library(injury, Exercise.objects.get(slug=slug))
    item.save()
    return item


def test_a_new_programme_suggests_holds_while_pain_at_rest_is_high(owner_client, injury):
    SymptomEntry.objects.create(injury=injury, recorded_at=NOW, pain=5)
    page = owner_client.get(reverse("programme", args=[injury.pk])).content.decode()
    assert "No exercises yet" in page
    assert "Pain at rest is 5/10: holds without movement first" in page
    assert "Calf hold on tiptoe (isometric)" in page
    owner_client.post(reverse("programme_start", args=[injury.pk]))
    assert [p.exercise.slug for p in injury.programme.all()] == ["calf-hold-isometric"]
    added = injury.programme.get()
    assert (added.sets, added.hold_seconds, added.reps, added.load_kg) == (5, 30, None, None)


def test_once_pain_settles_the_suggestion_builds_strength(owner_client, injury):
    SymptomEntry.objects.create(injury=injury, recorded_at=NOW, pain=2)
    owner_client.post(reverse("programme_start", args=[injury.pk]))
    assert {p.exercise.phase for p in injury.programme.all()} == {"middle"}
    assert "calf-raise-double-leg" in {p.exercise.slug for p in injury.programme.all()}


def test_nothing_is_suggested_or_added_while_urgent_advice_stands(owner_client, injury):
    SymptomEntry.objects.create(injury=injury, recorded_at=NOW, pain=2, calf_swelling=True)
    page = owner_client.get(reverse("programme", args=[injury.pk])).content.decode()
    assert "Loading waits while urgent or emergency advice stands" in page
    assert "Start with these" not in page
    response = owner_client.post(reverse("programme_start", args=[injury.pk]), follow=True)
    assert "Nothing was added. Loading waits" in response.content.decode()
    assert not injury.programme.exists()


def test_adding_from_the_library_once(owner_client, injury):
    exercise = Exercise.objects.get(slug="wall-sit")
    url = reverse("programme", args=[injury.pk])
    owner_client.post(url, {"exercise": exercise.pk})
    again = owner_client.post(url, {"exercise": exercise.pk}, follow=True)
    assert "Wall sit (isometric quadriceps) is already in the programme." in again.content.decode()
    assert injury.programme.count() == 1
    bad = owner_client.post(url, {"exercise": "99999"})
    assert bad.status_code == 400
    assert "Choose an exercise from the list." in bad.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reps", "0", "Enter from 1 to 100 repetitions (or steps) per set."),
        ("reps", "10000", "Enter from 1 to 100 repetitions (or steps) per set."),
        ("reps", "", "Enter from 1 to 100 repetitions (or steps) per set."),
        ("sets", "11", "Enter from 1 to 10 sets."),
        ("rest_seconds", "-5", "Rest for 0 to 600 seconds (10 minutes)."),
        ("days_per_week", "8", "Enter from 1 to 7 days a week."),
        ("load", "501", "a number from 0 to 500 kg, to one decimal place"),
        ("load", "-1", "a number from 0 to 500 kg, to one decimal place"),
        ("load", "1e400", "a number from 0 to 500 kg, to one decimal place"),
        ("load", "ten", "a number from 0 to 500 kg, to one decimal place"),
    ],
)
def test_targets_out_of_range_say_what_is_allowed_and_keep_what_was_typed(
    owner_client, injury, field, value, message
):
    item = plan(injury, "calf-raise-double-leg")
    data = {
        "sets": "3",
        "reps": "12",
        "rest_seconds": "60",
        "days_per_week": "3",
        "load": "4.5",
        field: value,
    }
    response = owner_client.post(reverse("programme_item_edit", args=[item.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert f'value="{data["sets"]}"' in body or field == "sets"
    item.refresh_from_db()
    assert (item.sets, item.reps, item.load_kg) == (3, 15, None)  # unchanged


def test_a_hold_has_seconds_up_to_ten_minutes_and_no_repetitions(owner_client, injury):
    item = plan(injury, "wall-sit")
    url = reverse("programme_item_edit", args=[item.pk])
    page = owner_client.get(url).content.decode()
    assert "Seconds per hold" in page
    assert "Repetitions per set" not in page
    long = owner_client.post(
        url, {"sets": "3", "hold_seconds": "601", "rest_seconds": "60", "days_per_week": "3"}
    )
    assert "Hold for 5 seconds to 10 minutes (600 seconds)." in long.content.decode()
    owner_client.post(
        url,
        {"sets": "4", "hold_seconds": "45", "rest_seconds": "60", "days_per_week": "3", "load": ""},
    )
    item.refresh_from_db()
    assert (item.sets, item.hold_seconds, item.reps, item.load_kg) == (4, 45, None, None)


def test_load_is_entered_and_shown_in_the_profiles_units(owner, owner_client, injury):
    item = plan(injury, "split-squat")
    url = reverse("programme_item_edit", args=[item.pk])
    owner_client.post(
        url, {"sets": "3", "reps": "8", "rest_seconds": "90", "days_per_week": "3", "load": "12.5"}
    )
    item.refresh_from_db()
    assert item.load_kg == Decimal("12.5")
    profile = get_profile(owner)
    profile.fluid_units = "us"
    profile.save()
    assert "Added load (lb)" in owner_client.get(url).content.decode()
    owner_client.post(
        url, {"sets": "3", "reps": "8", "rest_seconds": "90", "days_per_week": "3", "load": "20"}
    )
    item.refresh_from_db()
    assert item.load_kg == Decimal("9.1")
    page = owner_client.get(reverse("programme", args=[injury.pk])).content.decode()
    assert "20 lb added" in page
    over = owner_client.post(
        url, {"sets": "3", "reps": "8", "rest_seconds": "90", "days_per_week": "3", "load": "1200"}
    )
    assert "from 0 to 1,102 lb" in over.content.decode()


def test_removing_asks_first_and_keeps_the_rest(owner_client, injury):
    keep, gone = plan(injury, "wall-sit"), plan(injury, "step-up")
    url = reverse("programme_item_remove", args=[gone.pk])
    assert "Remove this exercise?" in owner_client.get(url).content.decode()
    owner_client.post(url)
    assert list(injury.programme.all()) == [keep]


def test_another_users_programme_is_a_404(client, other_user, injury):
    item = plan(injury, "wall-sit")
    client.force_login(other_user)
    for url in [
        reverse("programme", args=[injury.pk]),
        reverse("programme_item_edit", args=[item.pk]),
        reverse("programme_item_remove", args=[item.pk]),
    ]:
        assert client.get(url).status_code == 404
        assert client.post(url, {"sets": "1"}).status_code == 404
    assert client.post(reverse("programme_start", args=[injury.pk])).status_code == 404
    assert ProgrammeExercise.objects.get(pk=item.pk).sets == 5


def test_the_injury_page_leads_to_its_programme(owner_client, injury):
    page = owner_client.get(injury.get_absolute_url()).content.decode()
    assert f'href="{reverse("programme", args=[injury.pk])}"' in page
