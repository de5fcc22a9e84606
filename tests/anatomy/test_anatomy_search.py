import pytest
from django.urls import reverse

from anatomy.models import Muscle
from anatomy.search import match_score, search_muscles, stem

pytestmark = pytest.mark.django_db


def found(query):
    muscles = Muscle.objects.select_related("group", "compartment")
    return [result.muscle.slug for result in search_muscles(query, muscles)]


def test_the_exact_name_comes_first():
    assert found("soleus")[0] == "soleus"
    assert found("Gastrocnemius")[0] == "gastrocnemius"
    assert found("adductor longus")[0] == "adductor-longus"


def test_the_sources_misspelling_halluces_finds_both_hallucis_muscles():
    assert set(found("halluces")[:2]) == {"extensor-hallucis-longus", "flexor-hallucis-longus"}
    assert found("extensor halluces longus")[0] == "extensor-hallucis-longus"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("soleous", "soleus"), ("gastrocnemious", "gastrocnemius"), ("sartorious", "sartorius")],
)
def test_common_misspellings_still_find_the_muscle(query, expected):
    assert found(query)[0] == expected


def test_a_group_name_finds_its_muscles():
    assert set(found("calf")[:2]) == {"gastrocnemius", "soleus"}
    assert set(found("hamstring")[:3]) == {"biceps-femoris", "semitendinosus", "semimembranosus"}
    assert set(found("hamstrings")[:3]) == {"biceps-femoris", "semitendinosus", "semimembranosus"}
    assert found("quads")[0] == "quadriceps-femoris"
    assert "adductor-longus" in found("groin")


def test_the_old_name_peroneus_finds_the_fibularis_muscles():
    assert set(found("peroneus")) >= {"fibularis-longus", "fibularis-brevis", "fibularis-tertius"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("point my toes", {"gastrocnemius", "soleus"}),
        ("lift my foot", {"tibialis-anterior"}),
        ("bend my knee", {"biceps-femoris", "semitendinosus", "semimembranosus"}),
        (
            "move my leg toward the other leg",
            {"adductor-longus", "adductor-brevis", "adductor-magnus", "gracilis"},
        ),
    ],
)
def test_plain_descriptions_of_a_movement_find_the_muscles_that_make_it(query, expected):
    results = found(query)
    assert expected <= set(results[: len(expected) + 1])


@pytest.mark.parametrize("query", ["", "   ", "the", "zzzzqx", "%%%", "'; DROP TABLE muscles;--"])
def test_junk_finds_nothing_and_breaks_nothing(query):
    assert found(query) == []


def test_stemming_handles_the_plurals_people_type():
    assert stem("hamstrings") == "hamstring"
    assert stem("calves") == "calf"
    assert stem("soleus") == "soleus"
    assert stem("gracilis") == "gracilis"


def test_match_scores_rank_exact_above_prefix_above_words():
    assert match_score("soleus", "Soleus") == 1.0
    assert match_score("vastus", "vastus lateralis") == 0.9
    assert 0 < match_score("point my toes", "points your foot and toes down") < 0.9
    assert match_score("knee", "hip") == 0.0


def test_the_search_page_lists_results_with_the_reason_they_match(client):
    response = client.get(reverse("anatomy:search"), {"q": "point my toes"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "2 muscles match &ldquo;point my toes&rdquo;." in body
    assert ">Gastrocnemius</a>" in body
    assert ">Soleus</a>" in body
    assert "matched search term" in body
    assert 'value="point my toes"' in body


def test_an_empty_search_gets_suggestions_not_an_error(client):
    body = client.get(reverse("anatomy:search")).content.decode()
    assert "Type a muscle&#x27;s name" in body or "Type a muscle's name" in body
    assert reverse("anatomy:group", args=["calf"]) in body


def test_a_search_that_finds_nothing_says_what_to_try(client):
    body = client.get(reverse("anatomy:search"), {"q": "elbow flexor xyz"}).content.decode()
    assert "No muscle matches" in body
    assert "Try a shorter word" in body


def test_a_huge_query_is_cut_short_and_answered(client):
    response = client.get(reverse("anatomy:search"), {"q": "calf " * 100_000})
    assert response.status_code == 200


def test_htmx_gets_only_the_results_fragment(client):
    response = client.get(reverse("anatomy:search"), {"q": "calf"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert "2 muscles match" in body
    assert "HX-Request" in response["Vary"]


def test_search_needs_one_query_for_the_muscles(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get(reverse("anatomy:search"), {"q": "calf"}, headers={"HX-Request": "true"})


@pytest.mark.parametrize(
    ("query", "expected"),
    [("hamstrng", "biceps-femoris"), ("calfe", "gastrocnemius"), ("grion", "adductor-longus")],
)
def test_a_misspelt_everyday_word_still_finds_its_muscles(query, expected):
    """One misspelt word is a whole query's match (it once needed every word spelt right
    unless there were two or more)."""
    assert expected in found(query)
