"""The anatomy reference as a reader meets it: every muscle, compartment, condition and word."""

import itertools
import re

import pytest
from django.apps import apps
from django.urls import reverse

from anatomy import leg_map, leg_shapes, reference
from anatomy.glossary import link_terms
from anatomy.models import CareTopic, Compartment, Condition, GlossaryTerm, Muscle

pytestmark = pytest.mark.django_db

# Every muscle the seed article names, spelled correctly, by where the article puts it.
SOURCE_COMPARTMENTS = {
    "lower-leg-anterior": [
        "Extensor digitorum longus",
        "Extensor hallucis longus",
        "Fibularis tertius",
        "Tibialis anterior",
    ],
    "lower-leg-lateral": ["Fibularis longus", "Fibularis brevis"],
    "lower-leg-posterior": [
        "Gastrocnemius",
        "Soleus",
        "Flexor digitorum longus",
        "Flexor hallucis longus",
        "Popliteus",
        "Tibialis posterior",
    ],
    "thigh-anterior": [
        "Pectineus",
        "Quadriceps femoris",
        "Rectus femoris",
        "Vastus lateralis",
        "Vastus medialis",
        "Vastus intermedius",
        "Sartorius",
        "Iliopsoas",
        "Psoas major",
        "Iliacus",
    ],
    "thigh-medial": [
        "Adductor brevis",
        "Adductor longus",
        "Adductor magnus",
        "Gracilis",
        "Obturator externus",
    ],
    "thigh-posterior": ["Biceps femoris", "Semimembranosus", "Semitendinosus"],
}
ALL_MUSCLES = [name for names in SOURCE_COMPARTMENTS.values() for name in names]


def test_every_muscle_the_source_names_is_in_the_reference_spelled_correctly():
    assert sorted(Muscle.objects.values_list("name", flat=True)) == sorted(ALL_MUSCLES)


@pytest.mark.parametrize("name", ALL_MUSCLES)
def test_every_muscle_has_a_page_with_its_nerve_actions_origin_and_insertion(client, name):
    muscle = Muscle.objects.get(name=name)
    response = client.get(reverse("anatomy:muscle", args=[muscle.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"<h1>{name}</h1>" in body
    for heading in ["Nerve supply", "Origin (where it starts)", "Insertion (where it ends)"]:
        assert heading in body
    assert muscle.nerve
    assert muscle.origin
    assert muscle.insertion
    assert muscle.actions
    assert muscle.everyday_actions
    assert muscle.sources, f"{name} cites no source"
    assert "Sources" in body


@pytest.mark.parametrize(("slug", "names"), SOURCE_COMPARTMENTS.items())
def test_every_compartment_lists_the_muscles_the_source_puts_there(client, slug, names):
    body = client.get(reverse("anatomy:compartment", args=[slug])).content.decode()
    for name in names:
        assert f">{name}</a>" in body
    compartment = Compartment.objects.get(slug=slug)
    assert sorted(compartment.muscles.values_list("name", flat=True)) == sorted(names)


def test_the_back_of_the_lower_leg_shows_its_superficial_and_deep_layers(client):
    body = client.get(reverse("anatomy:compartment", args=["lower-leg-posterior"])).content
    body = body.decode()
    superficial, deep = body.split("<h2>Deep layer</h2>")
    assert "Gastrocnemius" in superficial
    assert "Soleus" in superficial
    for name in ["Popliteus", "Tibialis posterior", "Flexor hallucis longus"]:
        assert name in deep
        assert name not in superficial


@pytest.mark.parametrize(
    ("slug", "superficial_name", "deep_name"),
    [
        ("lower-leg-lateral", "Fibularis longus", "Fibularis brevis"),
        ("lower-leg-anterior", "Tibialis anterior", "Extensor hallucis longus"),
    ],
)
def test_muscles_that_lie_under_others_are_listed_in_the_deep_layer(
    client, slug, superficial_name, deep_name
):
    body = client.get(reverse("anatomy:compartment", args=[slug])).content.decode()
    superficial, deep = body.split("<h2>Deep layer</h2>")
    assert f">{superficial_name}</a>" in superficial
    assert f">{deep_name}</a>" in deep
    assert f">{deep_name}</a>" not in superficial


def test_a_muscle_described_as_lying_under_another_has_the_deep_layer():
    for slug in ["fibularis-brevis", "extensor-hallucis-longus"]:
        muscle = Muscle.objects.get(slug=slug)
        assert "under" in muscle.summary
        assert muscle.layer == Muscle.Layer.DEEP


def test_only_popliteus_unlocks_the_knee_and_nothing_is_said_to_lock_it(client):
    body = client.get(reverse("anatomy:compartment", args=["lower-leg-posterior"])).content
    body = body.decode()
    assert "help unlock and bend the knee" in body
    assert "Help unlock and bend the knee" in body
    compartment = Compartment.objects.get(slug="lower-leg-posterior")
    for text in [compartment.what_it_does, *compartment.jobs]:
        assert not re.search(r"\block", text, re.IGNORECASE), text
    popliteus = client.get(reverse("anatomy:muscle", args=["popliteus"])).content.decode()
    assert "unlocks your straightened knee" in popliteus


def test_no_reference_text_says_a_muscle_locks_the_knee():
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)

    locking = [text for text in strings(reference.read_data()) if re.search(r"\blocks?\b", text)]
    assert locking == []


def test_compartments_say_what_their_muscles_do_as_the_source_describes(client):
    lateral = Compartment.objects.get(slug="lower-leg-lateral")
    assert "steady" in lateral.what_it_does
    assert "side to side" in lateral.what_it_does


def test_the_pectineus_page_says_where_textbooks_place_it_differently(client):
    body = client.get(reverse("anatomy:muscle", args=["pectineus"])).content.decode()
    assert "Where it is placed" in body
    assert "inner (medial) thigh" in body


def test_the_sources_misspelling_of_hallucis_is_explained(client):
    body = client.get(reverse("anatomy:muscle", args=["extensor-hallucis-longus"])).content
    assert "the correct Latin is hallucis" in body.decode()


def test_fibularis_muscles_are_also_known_as_peroneus():
    for slug in ["fibularis-longus", "fibularis-brevis", "fibularis-tertius"]:
        assert any("peroneus" in name for name in Muscle.objects.get(slug=slug).other_names)


def test_where_texts_disagree_on_nerve_roots_the_page_says_so(client):
    body = client.get(reverse("anatomy:muscle", args=["psoas-major"])).content.decode()
    assert "some texts give L1 to L4" in body


def test_parts_and_wholes_link_to_each_other(client):
    body = client.get(reverse("anatomy:muscle", args=["quadriceps-femoris"])).content.decode()
    for part in ["rectus-femoris", "vastus-lateralis", "vastus-medialis", "vastus-intermedius"]:
        assert reverse("anatomy:muscle", args=[part]) in body
    body = client.get(reverse("anatomy:muscle", args=["iliacus"])).content.decode()
    assert reverse("anatomy:muscle", args=["iliopsoas"]) in body


def test_a_muscle_page_offers_to_log_an_injury_there(client):
    body = client.get(reverse("anatomy:muscle", args=["soleus"])).content.decode()
    assert f'href="{reverse("injury_new")}?muscle=soleus">Log an injury here</a>' in body


def test_confirmed_identifiers_are_shown(client):
    body = client.get(reverse("anatomy:muscle", args=["gastrocnemius"])).content.decode()
    assert "UBERON:0001388" in body
    assert "FMA:22541" in body


def test_an_unknown_muscle_is_a_404(client):
    assert client.get(reverse("anatomy:muscle", args=["wingus"])).status_code == 404


def test_the_overview_explains_the_leg_muscles_and_links_every_region(client):
    body = client.get(reverse("anatomy:overview")).content.decode()
    assert "<h1>Leg muscles</h1>" in body
    for word in ["walk", "run", "jump", "striated", "tendons", "ligaments"]:
        assert word in body
    assert reverse("anatomy:region", args=["thigh"]) in body
    assert reverse("anatomy:region", args=["lower-leg"]) in body


CONDITIONS = ["foot-drop", "leg-cramps", "muscle-strain", "tennis-leg", "compartment-syndrome"]


@pytest.mark.parametrize("slug", CONDITIONS)
def test_each_condition_page_covers_the_whole_story_and_when_to_get_help(client, slug):
    condition = Condition.objects.get(slug=slug)
    body = client.get(condition.get_absolute_url()).content.decode()
    for heading in [
        "What it is",
        "Causes",
        "Symptoms",
        "How a provider checks it",
        "Treatments",
        "Prevention",
        "Call emergency services now if",
        "Get help the same day if",
        "Call your provider if",
        "Sources",
    ]:
        assert heading in body, f"{slug} lacks {heading}"
    assert condition.get_help_now
    assert condition.call_provider
    assert "cannot tell you what you have" in body


def test_calf_conditions_name_a_clot_as_a_reason_to_get_checked():
    for slug in ["muscle-strain", "tennis-leg", "leg-cramps"]:
        help_now = " ".join(sign["text"] for sign in Condition.objects.get(slug=slug).get_help_now)
        assert "blood clot in a deep vein (DVT)" in help_now


@pytest.mark.parametrize("slug", ["symptoms", "tests", "treatments", "prevention"])
def test_the_care_pages_the_source_covers_exist(client, slug):
    topic = CareTopic.objects.get(slug=slug)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert topic.sections
    assert "Sources" in response.content.decode()


def test_the_treatments_page_states_the_ice_rules(client):
    body = client.get(reverse("anatomy:care", args=["treatments"])).content.decode()
    assert "20 minutes" in body
    assert "cloth or towel" in body


def test_the_glossary_explains_every_anatomical_word_used(client):
    body = client.get(reverse("anatomy:glossary")).content.decode()
    for word in [
        "anterior",
        "posterior",
        "medial",
        "lateral",
        "adduction",
        "dorsiflexion",
        "plantarflexion",
        "inversion",
        "eversion",
        "superficial",
        "deep",
    ]:
        assert f'id="{word}"' in body


def test_anatomical_words_link_to_the_glossary_where_they_appear(client):
    body = client.get(reverse("anatomy:muscle", args=["tibialis-anterior"])).content.decode()
    glossary = reverse("anatomy:glossary")
    assert f'href="{glossary}#dorsiflexion">Dorsiflexion</a>' in body
    assert f'href="{glossary}#inversion">Inversion</a>' in body


def test_glossary_linking_escapes_the_text_and_links_each_word_once():
    index = {"lateral": "lateral", "adductor": "adduction", "adductors": "adduction"}
    html = link_terms("<b>lateral</b> and Lateral; the adductors", index)
    assert "&lt;b&gt;" in html
    assert html.count('href="/anatomy/glossary/#lateral"') == 1
    assert '#adduction">adductors</a>' in html


def test_loading_the_reference_again_changes_nothing(client):
    before = {model: model.objects.count() for model in [Muscle, Condition, GlossaryTerm]}
    reference.load(apps.get_model)
    assert {model: model.objects.count() for model in before} == before


def test_every_muscle_is_drawn_and_the_surface_ones_on_their_own_view():
    muscles = list(Muscle.objects.select_related("compartment"))
    drawing = leg_map.build(muscles)
    views = {view.name: {region.muscle.slug for region in view.regions} for view in drawing.views}
    drawn = set().union(*views.values())
    # Only a whole made of parts is left undrawn, and then every one of its parts is drawn.
    for muscle, _ in drawing.undrawn:
        parts = {part.slug for part in muscle.parts.all()}
        assert parts, muscle.slug
        assert parts <= drawn, muscle.slug
    assert drawn | {muscle.slug for muscle, _ in drawing.undrawn} == {m.slug for m in muscles}
    for muscle in muscles:
        if muscle.map_view:
            assert muscle.slug in views[muscle.map_view]
    assert {"popliteus", "tibialis-posterior"} <= views["back-deep"]
    assert {"vastus-intermedius", "psoas-major", "iliacus"} <= views["front-deep"]
    shape_slugs = {slug for *_, geometry in leg_shapes.VIEWS for slug, *_ in geometry["muscles"]}
    assert shape_slugs == drawn


def test_each_view_names_its_muscles_in_tags_that_never_overlap_and_keep_their_order():
    drawing = leg_map.build(list(Muscle.objects.all()))
    for view in drawing.views:
        for column in (0, leg_map.WIDTH - leg_map.TAG_WIDTH):
            tops = sorted(r.tag_y for r in view.regions if r.tag_x == column)
            assert all(b - a >= leg_map.TAG_HEIGHT for a, b in itertools.pairwise(tops)), view.name
            assert all(0 <= top <= leg_map.HEIGHT - leg_map.TAG_HEIGHT for top in tops)
        for region in view.regions:
            assert 1 <= len(region.lines) <= 2, region.muscle.name  # fits the tag's height
            edge, anchor = region.leader.split()
            assert int(edge.split(",")[1]) == region.tag_y + leg_map.TAG_HEIGHT // 2


@pytest.mark.parametrize(
    ("centres", "tops"),
    [
        ([100, 300], [77, 277]),  # room for each: centred on its anchor
        ([100, 110, 120], [77, 129, 181]),  # crowded: pushed down in order
        ([470, 475], [350, 402]),  # at the bottom: pushed up to stay inside
        ([0], [4]),  # at the top: kept inside
    ],
)
def test_tags_sit_by_their_anchors_as_far_as_room_allows(centres, tops):
    assert leg_map.spread(centres, height=46, gap=6, top=4, bottom=448) == tops


def test_a_long_name_breaks_at_a_space_and_a_long_word_is_squeezed_into_its_tag():
    assert [text for _, text, _ in leg_map.tag_lines("Soleus")] == ["Soleus"]
    lines = leg_map.tag_lines("Extensor digitorum longus")
    assert [text for _, text, _ in lines] == ["Extensor", "digitorum longus"]
    assert lines[0][0] < 0 < lines[1][0]  # centred: the first line above the middle
    ((_, word, squeeze),) = leg_map.tag_lines("Semimembranosus")
    assert squeeze == leg_map.TEXT_ROOM


def test_the_map_page_has_a_named_link_for_every_drawn_muscle(client):
    body = client.get(reverse("anatomy:map")).content.decode()
    for muscle in Muscle.objects.exclude(map_view=""):
        link = f'href="{muscle.get_absolute_url()}" class="map-muscle" aria-label="{muscle.name}"'
        assert link in body


PAGES = [
    ("anatomy:overview", []),
    ("anatomy:map", []),
    ("anatomy:region", ["thigh"]),
    ("anatomy:compartment", ["thigh-anterior"]),
    ("anatomy:group", ["quadriceps"]),
    ("anatomy:muscle", ["quadriceps-femoris"]),
    ("anatomy:conditions", []),
    ("anatomy:condition", ["muscle-strain"]),
    ("anatomy:care", ["treatments"]),
    ("anatomy:glossary", []),
]


def add_muscles(count):
    compartment = Compartment.objects.get(slug="thigh-anterior")
    quadriceps = Muscle.objects.get(slug="quadriceps-femoris")
    condition = Condition.objects.get(slug="muscle-strain")
    for number in range(count):
        muscle = Muscle.objects.create(
            slug=f"extra-{number}",
            name=f"Extra muscle {number}",
            summary="A test muscle.",
            compartment=compartment,
            group=quadriceps.group,
            part_of=quadriceps,
            origin="o",
            insertion="i",
            nerve="n",
            actions=["Flexion"],
            everyday_actions=["bends things"],
            map_view="",
        )
        condition.muscles.add(muscle)


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_no_page_makes_more_queries_when_there_are_more_muscles(
    client, django_assert_max_num_queries, name, args
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse(name, args=args)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    add_muscles(25)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200
    assert len(before.captured_queries) <= 10


def test_reference_data_is_editable_in_the_admin(admin_client):
    muscle = Muscle.objects.get(slug="soleus")
    response = admin_client.get(reverse("admin:anatomy_muscle_change", args=[muscle.pk]))
    assert response.status_code == 200
    assert "Tibial nerve" in response.content.decode()
    listing = admin_client.get(reverse("admin:anatomy_muscle_changelist"))
    assert "Gastrocnemius" in listing.content.decode()


def test_a_muscles_page_shows_it_lit_on_the_drawing(client):
    body = client.get(reverse("anatomy:muscle", args=["soleus"])).content.decode()
    drawing = body.split('<figure class="muscle-drawing">', 1)[1].split("</figure>", 1)[0]
    assert drawing.count("drawn-muscle is-current") == 1
    assert "Soleus, highlighted on the back of the right leg." in drawing
    whole = client.get(reverse("anatomy:muscle", args=["quadriceps-femoris"])).content.decode()
    assert whole.count("drawn-muscle is-current") == 3  # its drawn parts
    deep = client.get(reverse("anatomy:muscle", args=["popliteus"])).content.decode()
    assert "Popliteus, highlighted on the deep muscles at the back of the right leg." in deep
    assert 'href="/anatomy/map/#map-back-deep-title"' in deep


def test_every_stretch_has_its_own_line_drawing_on_its_page(client):
    from django.template.loader import get_template

    from anatomy.illustrations import STRETCH_DRAWINGS
    from anatomy.models import Stretch

    slugs = set(Stretch.objects.values_list("slug", flat=True))
    assert slugs == set(STRETCH_DRAWINGS)  # one per stretch, none for a stretch that is gone
    for slug in slugs:
        svg = get_template(f"anatomy/illustrations/{slug}.html").render({})
        assert svg.startswith('<svg viewBox="0 0 160 120"')
        assert 'stroke="#c0392b"' in svg  # the stretched part, in red
        assert "<image" not in svg  # lines drawn here, no embedded picture
    body = client.get(reverse("anatomy:stretch", args=["calf-stretch-straight-knee"])).content
    assert (
        b'<figure class="stretch-drawing" role="img" aria-label="Drawing: A person leaning' in body
    )
