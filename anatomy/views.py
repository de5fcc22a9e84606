from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from anatomy import figures, glossary, illustrations, leg_map, search
from anatomy.models import (
    CareTopic,
    Compartment,
    Condition,
    Exercise,
    GlossaryTerm,
    Muscle,
    MuscleGroup,
    Region,
    Stretch,
)
from anatomy.page_cache import per_version, reference_page


def _muscles():
    return Muscle.objects.select_related("compartment__region", "group", "part_of")


def muscle_index():
    """The muscles' texts prepared for searching, once per version of the reference data."""
    return per_version("search", lambda: search.index(_muscles()))


def _regions_with_compartments():
    return Region.objects.prefetch_related(
        Prefetch(
            "compartments",
            queryset=Compartment.objects.prefetch_related(
                Prefetch("muscles", queryset=Muscle.objects.order_by("order"))
            ),
        )
    )


@require_safe
def overview(request):
    def context():
        return {
            "regions": _regions_with_compartments(),
            "groups": MuscleGroup.objects.all(),
            "conditions": Condition.objects.all(),
            "care_topics": CareTopic.objects.all(),
            "leg_map": leg_map.build(list(_muscles())),
        }

    return reference_page(request, "anatomy/overview.html", context)


@require_safe
def map_page(request):
    return reference_page(
        request, "anatomy/map.html", lambda: {"leg_map": leg_map.build(list(_muscles()))}
    )


@require_safe
def region(request, slug):
    def context():
        region = get_object_or_404(Region, slug=slug)
        compartments = region.compartments.prefetch_related(
            Prefetch("muscles", queryset=Muscle.objects.select_related("part_of").order_by("order"))
        )
        return {"region": region, "compartments": compartments, "terms": glossary.term_index()}

    return reference_page(request, "anatomy/region.html", context)


@require_safe
def compartment(request, slug):
    def context():
        compartment = get_object_or_404(Compartment.objects.select_related("region"), slug=slug)
        muscles = compartment.muscles.select_related("group", "part_of").order_by("order")
        return {
            "compartment": compartment,
            "crumbs": [compartment.region],
            "superficial": [m for m in muscles if m.layer != Muscle.Layer.DEEP],
            "deep": [m for m in muscles if m.layer == Muscle.Layer.DEEP],
            "terms": glossary.term_index(),
        }

    return reference_page(request, "anatomy/compartment.html", context)


@require_safe
def group(request, slug):
    def context():
        group = get_object_or_404(MuscleGroup, slug=slug)
        muscles = group.muscles.select_related("compartment__region", "part_of")
        return {"group": group, "muscles": muscles, "terms": glossary.term_index()}

    return reference_page(request, "anatomy/group.html", context)


@require_safe
def muscle(request, slug):
    def context():
        muscle = get_object_or_404(_muscles(), slug=slug)
        parts = list(muscle.parts.order_by("order"))
        return {
            "muscle": muscle,
            "crumbs": [muscle.compartment.region, muscle.compartment],
            "parts": parts,
            "drawing": leg_map.drawing_for({muscle.slug, *(part.slug for part in parts)}),
            "conditions": muscle.conditions.all(),
            "stretches": muscle.stretches.all(),
            "exercises": muscle.exercises.all(),
            "terms": glossary.term_index(),
        }

    return reference_page(request, "anatomy/muscle.html", context, your_numbers=True)


@require_safe
def conditions(request):
    def context():
        conditions = list(Condition.objects.all())
        care_topics = list(CareTopic.objects.all())
        sources = sorted({source for page in conditions + care_topics for source in page.sources})
        return {"conditions": conditions, "care_topics": care_topics, "sources": sources}

    return reference_page(request, "anatomy/conditions.html", context)


@require_safe
def condition(request, slug):
    def context():
        condition = get_object_or_404(Condition, slug=slug)
        return {"condition": condition, "muscles": condition.muscles.order_by("name")}

    return reference_page(request, "anatomy/condition.html", context, your_numbers=True)


@require_safe
def care(request, slug):
    def context():
        topic = get_object_or_404(CareTopic, slug=slug)
        return {"topic": topic, "care_topics": CareTopic.objects.all()}

    return reference_page(request, "anatomy/care.html", context, your_numbers=True)


@require_safe
def glossary_page(request):
    return reference_page(
        request, "anatomy/glossary.html", lambda: {"terms": GlossaryTerm.objects.all()}
    )


@vary_on_headers("HX-Request")
@require_safe
def search_page(request):
    query = request.GET.get("q", "")[:200]
    results = []
    if query.strip():
        # The muscles' texts are prepared once per version of the reference data.
        results = search.search_index(query, muscle_index())
    template = "anatomy/search.html#results" if request.htmx else "anatomy/search.html"
    return render(
        request,
        template,
        {"query": query, "results": results, "groups": MuscleGroup.objects.all()},
    )


@require_safe
def stretches(request):
    return reference_page(
        request,
        "anatomy/stretches.html",
        lambda: {"stretches": Stretch.objects.prefetch_related("muscles")},
    )


@require_safe
def stretch(request, slug):
    def context():
        stretch = get_object_or_404(Stretch, slug=slug)
        return {
            "stretch": stretch,
            "muscles": stretch.muscles.order_by("name"),
            "drawing": illustrations.drawing_of(stretch),
        }

    return reference_page(request, "anatomy/stretch.html", context)


@require_safe
def warm_up(request):
    return reference_page(
        request,
        "anatomy/warm_up.html",
        lambda: {"stretches": Stretch.objects.filter(in_warm_up=True).prefetch_related("muscles")},
    )


@require_safe
def exercises(request):
    def context():
        library = list(Exercise.objects.prefetch_related("muscles"))
        return {
            "phases": [
                (label, [exercise for exercise in library if exercise.phase == value])
                for value, label in Exercise.Phase.choices
            ]
        }

    return reference_page(request, "anatomy/exercises.html", context)


@require_safe
def exercise(request, slug):
    def context():
        exercise = get_object_or_404(Exercise.objects.select_related("harder"), slug=slug)
        return {
            "exercise": exercise,
            "muscles": exercise.muscles.order_by("name"),
            "easier_ones": exercise.easier_ones.all(),
            "drawing": figures.drawing_of(exercise),
        }

    return reference_page(request, "anatomy/exercise.html", context)
