"""When to get help, as the condition and care pages show it after the clinical review of
2026-12-02: emergency signs first, then same-day signs, then reasons to call a provider, each
with its source beside it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from anatomy import reference
from anatomy.models import CareTopic, Condition

pytestmark = pytest.mark.django_db

DATA = reference.read_data()
SIGNS = DATA["warning_signs"]
EMERGENCY = [key for key, sign in SIGNS.items() if sign["level"] == "emergency"]
SAME_DAY = [key for key, sign in SIGNS.items() if sign["level"] == "same-day"]
CONDITIONS = [row["slug"] for row in DATA["conditions"]]

EMERGENCY_HEADING = "<h3>Call emergency services now if</h3>"
SAME_DAY_HEADING = "<h3>Get help the same day if</h3>"
PROVIDER_HEADING = "<h3>Call your provider if</h3>"


def page(client, url):
    return client.get(url).content.decode().replace("&quot;", '"').replace("&#x27;", "'")


def help_card(client, slug):
    """A condition page's help card, split at its three headings."""
    body = page(client, reverse("anatomy:condition", args=[slug]))
    card = body[body.index('class="card card-alert help-now"') :]
    card = card[: card.index("</section>")]
    before, rest = card.split(EMERGENCY_HEADING)
    emergency, rest = rest.split(SAME_DAY_HEADING)
    same_day, provider = rest.split(PROVIDER_HEADING)
    return emergency, same_day, provider


def test_the_compartment_syndrome_page_says_call_emergency_services_and_do_not_raise_the_leg(
    client,
):
    emergency, same_day, provider = help_card(client, "compartment-syndrome")
    assert "acute compartment syndrome" in emergency
    assert "Loosen any bandage, and do not raise the leg" in emergency
    assert "999" in emergency
    assert "compartment" not in same_day
    body = page(client, reverse("anatomy:condition", args=["compartment-syndrome"]))
    assert "It is an emergency." in body
    assert "do not raise the leg" in body


@pytest.mark.parametrize("slug", CONDITIONS)
def test_each_condition_page_shows_every_emergency_and_same_day_sign_under_its_heading(
    client, slug
):
    emergency, same_day, provider = help_card(client, slug)
    for key in EMERGENCY:
        assert SIGNS[key]["text"] in emergency, f"{slug}: {key} is not an emergency sign"
    for key in SAME_DAY:
        assert SIGNS[key]["text"] in same_day, f"{slug}: {key} is not a same-day sign"
    assert "<li>" in provider


@pytest.mark.parametrize("slug", CONDITIONS)
def test_compartment_syndrome_is_never_merely_urgent_on_a_condition_page(client, slug):
    emergency, same_day, provider = help_card(client, slug)
    for text in [same_day, provider]:
        assert "compartment syndrome" not in text
        assert "tight, hard" not in text
    assert "compartment syndrome" in emergency


def test_no_warning_sign_below_emergency_mentions_compartment_syndrome_or_a_cold_leg():
    for key, sign in SIGNS.items():
        if sign["level"] != "emergency":
            for words in ["compartment syndrome", "tight, hard", "cold, pale", "stroke"]:
                assert words not in sign["text"], key


def test_the_emergency_signs_cover_a_clot_compartment_syndrome_a_cold_leg_cauda_equina_and_stroke():
    emergency = " ".join(SIGNS[key]["text"] for key in EMERGENCY)
    for words in [
        "chest pain, breathlessness or coughing up blood",
        "tight, hard and swollen",
        "keeps climbing after an injury, under a cast or beneath a tight bandage",
        "cold, pale, blue or grey",
        "numbness between the inner thighs or around the genitals or buttocks",
        "new trouble peeing or holding in urine or stools",
        "weakness in both legs",
        "face that droops",
        "weak arm",
        "slurred speech",
    ]:
        assert words in emergency


def test_the_same_day_signs_cover_the_review():
    same_day = " ".join(SIGNS[key]["text"] for key in SAME_DAY)
    for words in [
        "Swelling in one calf, one thigh or the whole leg",
        "warmth, redness or tenderness",
        "swollen veins that feel hard or sore",
        "Numbness, or pins and needles",
        "very weak",
        "New foot drop",
        "cannot rise onto tiptoe",
        "cannot put any weight on the leg",
        "changed shape or points at an odd angle",
        "heard a crack",
        "more than 10 minutes and does not let go when you stretch",
        "Swelling or numbness in the leg after a cramp",
    ]:
        assert words in same_day


def test_long_cramps_and_cramps_with_swelling_are_same_day_reasons_on_the_cramps_page(client):
    emergency, same_day, provider = help_card(client, "leg-cramps")
    assert SIGNS["long-cramp"]["text"] in same_day
    assert SIGNS["cramp-then-swelling"]["text"] in same_day
    assert "10 minutes" not in provider
    assert SIGNS["night-cramps"]["text"] in provider


def test_the_same_day_heading_names_a_provider_or_urgent_care_line_and_the_fallback(client):
    emergency, same_day, provider = help_card(client, "muscle-strain")
    assert "NHS 111" in same_day
    assert "If it gets worse while you wait, call emergency services" in same_day


def test_every_warning_sign_shows_its_source_beside_it(client):
    urls = [reverse("anatomy:condition", args=[slug]) for slug in CONDITIONS]
    urls.append(reverse("anatomy:care", args=["when-to-get-help"]))
    for url in urls:
        body = page(client, url)
        lists = re.findall(r'<ul class="reasons">(.*?)</ul>', body, re.DOTALL)
        items = [item for found in lists for item in re.findall(r"<li>(.*?)</li>", found, re.S)]
        assert items, url
        for item in items:
            assert re.search(r'<span class="source">Sources?: \S', item), (url, item)


def test_signs_cite_the_nhs_pages_they_come_from(client):
    body = page(client, reverse("anatomy:care", args=["when-to-get-help"]))
    for short in [
        "NHS, Compartment syndrome",
        "NHS, Cauda equina syndrome",
        "NHS, Stroke (FAST)",
        "NHS, DVT",
        "NHS, Leg cramps",
    ]:
        assert f"Source: {short}." in body
    for full in [
        'NHS, "Compartment syndrome" (health A to Z)',
        'NHS, "Cauda equina syndrome" (health A to Z)',
    ]:
        assert f"<li>{full}</li>" in body


def test_every_source_beside_a_piece_of_advice_is_in_its_pages_list_of_sources():
    for row in DATA["conditions"]:
        cited = {
            source
            for key in row["get_help_now"] + row["call_provider"]
            for source in SIGNS[key]["sources"]
        }
        assert cited <= set(row["sources"]), row["slug"]
    for row in DATA["care_topics"]:
        cited = {
            source
            for section in row["sections"]
            for source in section.get("sources", [])
            + [s for key in section.get("signs", []) for s in SIGNS[key]["sources"]]
        }
        assert cited <= set(row["sources"]), row["slug"]


def test_every_source_has_a_short_name_to_show_beside_advice():
    assert set(DATA["short_sources"]) == set(DATA["sources"])


def test_the_when_to_get_help_page_lists_every_sign_under_its_level(client):
    topic = CareTopic.objects.get(slug="when-to-get-help")
    levels = {
        section["heading"]: {sign["level"] for sign in section.get("signs", [])}
        for section in topic.sections
    }
    assert levels["Call emergency services now"] == {"emergency"}
    assert levels["Get help the same day"] == {"same-day"}
    assert levels["Call your provider"] == {"call-provider"}
    shown = {sign["key"] for section in topic.sections for sign in section.get("signs", [])}
    assert shown == set(SIGNS)
    body = page(client, topic.get_absolute_url())
    headings = ["Call emergency services now", "Get help the same day", "Call your provider"]
    positions = [body.index(f"<h2>{heading}</h2>") for heading in headings]
    assert positions == sorted(positions)
    assert body.index(SIGNS["compartment-syndrome"]["text"]) < positions[1]


def test_a_muscle_page_points_to_emergency_help_as_well_as_same_day_help(client):
    body = page(client, reverse("anatomy:muscle", args=["tibialis-anterior"]))
    assert "needs emergency services now" in body
    assert "need a provider the same day" in body
    assert "(acute compartment syndrome): an emergency" in body


def test_conditions_store_each_sign_with_its_level_text_and_sources():
    for condition in Condition.objects.all():
        for sign in condition.get_help_now:
            assert sign["level"] in {"emergency", "same-day"}
            assert sign["text"]
            assert sign["sources"]
        for sign in condition.call_provider:
            assert sign["level"] == "call-provider"


@pytest.mark.parametrize(
    "url",
    [
        ("anatomy:condition", ["tennis-leg"]),
        ("anatomy:care", ["when-to-get-help"]),
        ("anatomy:muscle", ["gastrocnemius"]),
    ],
)
def test_a_signed_in_user_sees_their_own_numbers_where_a_page_says_when_to_get_help(
    owner_client, url
):
    # The owner's zone is Europe/London: 999 and NHS 111. The page itself comes from the cache
    # the anonymous visitor's request filled; the numbers are the signed-in user's own.
    name, args = url
    visitor = Client()
    assert "Your numbers" not in visitor.get(reverse(name, args=args)).content.decode()
    body = owner_client.get(reverse(name, args=args)).content.decode()
    assert 'in an emergency call <a class="phone" href="tel:999">999</a>' in body
    assert 'for same-day help call <a class="phone" href="tel:111">NHS 111</a>' in body
