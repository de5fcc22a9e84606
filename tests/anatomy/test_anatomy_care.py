"""The care pages after the clinical review: RICE for the first 2 to 3 days and what to avoid
then, safe ice and compression, no raised leg when compartment syndrome is possible, and no
massage for a fresh injury."""

import pytest
from django.urls import reverse

from anatomy.models import CareTopic, Condition

pytestmark = pytest.mark.django_db


def page(client, url):
    return client.get(url).content.decode().replace("&quot;", '"').replace("&#x27;", "'")


def section(slug, heading):
    """One section of a care page, as its words: the text, its points and its sources."""
    found = next(s for s in CareTopic.objects.get(slug=slug).sections if s["heading"] == heading)
    return " ".join([found.get("text", ""), *found.get("points", []), *found.get("sources", [])])


def test_the_treatments_page_says_rice_is_for_the_first_2_to_3_days(client):
    body = page(client, reverse("anatomy:care", args=["treatments"]))
    assert "<h2>RICE for the first 2 to 3 days</h2>" in body
    assert "For the first 2 to 3 days (48 to 72 hours) after an injury, RICE" in body
    after = section("treatments", "After 2 to 3 days: move, then load gradually")
    assert "moving the leg gently" in after
    assert "as pain allows" in after
    assert "PEACE and LOVE, BJSM 2020" in after


def test_the_treatments_page_lists_what_to_avoid_beside_rice_with_its_sources(client):
    body = page(client, reverse("anatomy:care", args=["treatments"]))
    rice = body.index("<h2>RICE for the first 2 to 3 days</h2>")
    avoid = body.index("<h2>What to avoid for the first 2 to 3 days</h2>")
    assert rice < avoid < body.index("<h2>Using ice safely</h2>")
    words = section("treatments", "What to avoid for the first 2 to 3 days")
    for thing in ["hot baths", "heat packs", "Alcohol", "Running", "Massage"]:
        assert thing in words
    assert "NHS, Sprains and strains" in words
    assert "nidirect, Sprains and strains" in words
    assert "Sources: NHS, Sprains and strains; nidirect, Sprains and strains." in body


def test_ice_cautions_name_numb_skin_poor_circulation_raynauds_and_cold_sensitivity(client):
    words = section("treatments", "Using ice safely")
    for caution in [
        "20 minutes",
        "cloth or towel",
        "about every 5 minutes",
        "numb or has poor feeling",
        "poor circulation",
        "Raynaud's",
        "strong reaction to cold",
        "ask a provider first",
    ]:
        assert caution in words


def test_compression_is_snug_not_tight_off_at_night_and_loosened_if_the_toes_change():
    words = section("treatments", "Compression")
    for advice in [
        "snug, but not tight",
        "Take it off before you go to sleep",
        "Loosen it straight away if the toes tingle, go numb, or turn pale, blue or cold",
        "compartment syndrome",
    ]:
        assert advice in words


def test_elevation_is_not_advised_when_compartment_syndrome_is_possible():
    words = section("treatments", "Elevation")
    assert "possible compartment syndrome" in words
    assert "then do not raise the leg" in words
    assert "call emergency services" in words


def test_massage_is_never_suggested_for_an_injury_under_72_hours_old(client):
    words = section("treatments", "Massage")
    assert words.startswith("Not on an injury less than 2 to 3 days (72 hours) old.")
    for slug in ["muscle-strain", "tennis-leg", "compartment-syndrome", "foot-drop"]:
        condition = Condition.objects.get(slug=slug)
        for treatment in condition.treatments:
            if "massage" in treatment.lower():
                assert "2 to 3 days" in treatment, (slug, treatment)


def test_massage_during_a_cramp_is_still_suggested(client):
    cramps = Condition.objects.get(slug="leg-cramps")
    assert any("Massage the muscle" in item for item in cramps.treatments)
    assert "rubbing the cramping muscle" in section("treatments", "Massage")


@pytest.mark.parametrize("slug", ["muscle-strain", "tennis-leg"])
def test_strain_pages_limit_rice_to_the_first_days_and_then_load_gradually(client, slug):
    treatments = " ".join(Condition.objects.get(slug=slug).treatments)
    assert "RICE" in treatments
    assert "first 2 to 3 days" in treatments
    assert "no heat, alcohol, running or massage" in treatments
    assert "as pain allows" in treatments


def test_each_piece_of_treatment_advice_shows_its_source_beside_it(client):
    body = page(client, reverse("anatomy:care", args=["treatments"]))
    for topic_section in CareTopic.objects.get(slug="treatments").sections:
        heading = f"<h2>{topic_section['heading']}</h2>"
        after = body[body.index(heading) :]
        next_heading = after.find("<h2>", len(heading))
        assert '<p class="source">Source' in after[:next_heading], heading
