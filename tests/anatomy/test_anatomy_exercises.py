"""The strengthening exercise library: reviewed data loaded by a migration, a page per
exercise with its line drawing, targets, progressions, cautions and sources."""

import pytest
from django.urls import reverse

from anatomy import figures, reference
from anatomy.models import Exercise, Muscle

pytestmark = pytest.mark.django_db

PAIN_RULE = "pain during the exercise stays at 3 out of 10 or below"


def test_the_library_covers_the_common_leg_injuries_at_every_stage():
    library = list(Exercise.objects.prefetch_related("muscles"))
    assert len(library) >= 16
    assert {exercise.phase for exercise in library} == {"early", "middle", "late"}
    worked = {muscle.slug for exercise in library for muscle in exercise.muscles.all()}
    for muscle in [
        "gastrocnemius",
        "soleus",
        "biceps-femoris",
        "adductor-longus",
        "rectus-femoris",
        "tibialis-anterior",
        "iliopsoas",
        "fibularis-longus",
    ]:
        assert muscle in worked, muscle


def test_every_exercise_is_complete_and_sourced():
    sources = set(reference.read_data()["sources"].values())
    for exercise in Exercise.objects.all():
        assert exercise.muscles.exists(), exercise.slug
        assert len(exercise.steps) >= 3, exercise.slug
        assert exercise.progress, exercise.slug
        assert exercise.easier, exercise.slug
        assert any(PAIN_RULE in caution for caution in exercise.cautions), exercise.slug
        assert any("urgent or emergency" in caution for caution in exercise.cautions)
        assert exercise.sources, exercise.slug
        assert set(exercise.sources) <= sources, exercise.slug
        # A hold has seconds and no repetitions; a set has repetitions and no hold.
        assert (exercise.hold_seconds is None) != (exercise.reps is None), exercise.slug
        assert 1 <= exercise.sets <= 5, exercise.slug


@pytest.mark.parametrize(
    ("slug", "dose", "source"),
    [
        ("eccentric-heel-drop", "3 sets of 15 repetitions, twice a day", "Alfredson"),
        ("nordic-hamstring-curl", "2 sets of 5 repetitions", "Petersen"),
        ("copenhagen-adduction", "2 sets of 6 repetitions", "Haroy"),
        ("calf-hold-isometric", "5 holds of 30 seconds", "Rio"),
    ],
)
def test_named_protocols_give_their_dose_and_cite_their_study(slug, dose, source):
    exercise = Exercise.objects.get(slug=slug)
    assert exercise.dose == dose
    assert any(source in cited for cited in exercise.sources)


def test_harder_variants_form_a_ladder_that_never_loops():
    for exercise in Exercise.objects.select_related("harder"):
        seen = {exercise.slug}
        step = exercise.harder
        while step is not None:
            assert step.slug not in seen, f"{exercise.slug} loops back to {step.slug}"
            seen.add(step.slug)
            step = step.harder
    assert Exercise.objects.get(slug="calf-raise-double-leg").harder.slug == "calf-raise-single-leg"


def test_every_exercise_has_a_ladder_the_progression_rule_can_climb():
    for exercise in Exercise.objects.all():
        start = exercise.hold_seconds or exercise.reps
        assert exercise.count_most >= start, exercise.slug  # the ladder starts at its dose
        assert exercise.count_step >= 1, exercise.slug
        assert exercise.sets_most is None or exercise.sets_most > exercise.sets, exercise.slug
        if exercise.load_most_kg is not None:  # a top to load only before a harder version
            assert exercise.load_step_kg, exercise.slug
            assert exercise.harder_id, exercise.slug
    # Alfredson's heel drop stays at 3 x 15 and adds weight, as in the study.
    heel_drop = Exercise.objects.get(slug="eccentric-heel-drop")
    assert (heel_drop.count_most, heel_drop.load_step_kg) == (15, 2.5)


def test_every_exercise_has_its_own_drawing_inside_its_box():
    assert set(figures.POSES) == set(Exercise.objects.values_list("slug", flat=True))
    for slug, pose in figures.POSES.items():
        assert set(pose.worked) <= set(figures.SEGMENTS), slug
        assert pose.worked, slug  # something is marked as worked
        for x, y in pose.joints.values():
            assert 0 <= x <= 240, slug
            assert 0 <= y <= 140, slug
        assert pose.alt.endswith("marked."), slug


def test_an_exercise_page_shows_how_to_do_it_its_drawing_and_its_sources(client):
    body = client.get(reverse("anatomy:exercise", args=["eccentric-heel-drop"])).content.decode()
    assert "<h1>Heel drop off a step (Alfredson)</h1>" in body
    assert "3 sets of 15 repetitions, twice a day, resting 60 seconds between sets" in body
    assert 'role="img" aria-label="Drawing: A person standing on the ball of one foot' in body
    assert body.count('class="figure-limb is-worked"') == 1
    assert f'href="{Muscle.objects.get(slug="soleus").get_absolute_url()}"' in body
    assert "Heavy-load eccentric calf muscle training" in body  # the full source
    assert "Take care" in body
    easier = client.get(reverse("anatomy:exercise", args=["calf-raise-single-leg"]))
    assert 'Next: <a href="/anatomy/exercises/eccentric-heel-drop/">' in easier.content.decode()
    assert "Or go back to:" in easier.content.decode()


def test_the_library_lists_every_exercise_by_stage_and_muscles_link_to_theirs(client):
    body = client.get(reverse("anatomy:exercises")).content.decode()
    for exercise in Exercise.objects.all():
        assert f'href="{exercise.get_absolute_url()}"' in body
    assert body.index("Early: holds") < body.index("Middle: building") < body.index("Late: heavy")
    muscle = client.get(reverse("anatomy:muscle", args=["soleus"])).content.decode()
    assert "Exercises that strengthen it" in muscle
    assert 'href="/anatomy/exercises/calf-raise-bent-knee/"' in muscle
    overview = client.get(reverse("anatomy:overview")).content.decode()
    assert f'href="{reverse("anatomy:exercises")}"' in overview


def test_an_unknown_exercise_is_a_404(client):
    assert client.get(reverse("anatomy:exercise", args=["moonwalk"])).status_code == 404


def test_loading_the_reference_again_changes_no_exercise():
    before = list(Exercise.objects.values_list("slug", "harder__slug", "sets"))
    reference.load(__import__("django.apps").apps.apps.get_model)
    assert list(Exercise.objects.values_list("slug", "harder__slug", "sets")) == before
