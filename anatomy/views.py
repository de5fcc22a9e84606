from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from anatomy import glossary, leg_map, search
from anatomy.models import (
    CareTopic,
    Compartment,
    Condition,
    GlossaryTerm,
    Muscle,
    MuscleGroup,
    Region,
    Stretch,
)


def _muscles():
    return Muscle.objects.select_related("compartment__region", "group", "part_of")


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
    muscles = list(_muscles())
    return render(
        request,
        "anatomy/overview.html",
        {
            "regions": _regions_with_compartments(),
            "groups": MuscleGroup.objects.all(),
            "conditions": Condition.objects.all(),
            "care_topics": CareTopic.objects.all(),
            "leg_map": leg_map.build(muscles),
        },
    )


@require_safe
def map_page(request):
    return render(request, "anatomy/map.html", {"leg_map": leg_map.build(list(_muscles()))})


@require_safe
def region(request, slug):
    region = get_object_or_404(Region, slug=slug)
    compartments = region.compartments.prefetch_related(
        Prefetch("muscles", queryset=Muscle.objects.select_related("part_of").order_by("order"))
    )
    return render(
        request,
        "anatomy/region.html",
        {"region": region, "compartments": compartments, "terms": glossary.term_index()},
    )


@require_safe
def compartment(request, slug):
    compartment = get_object_or_404(Compartment.objects.select_related("region"), slug=slug)
    muscles = compartment.muscles.select_related("group", "part_of").order_by("order")
    return render(
        request,
        "anatomy/compartment.html",
        {
            "compartment": compartment,
            "crumbs": [compartment.region],
            "superficial": [m for m in muscles if m.layer != Muscle.Layer.DEEP],
            "deep": [m for m in muscles if m.layer == Muscle.Layer.DEEP],
            "terms": glossary.term_index(),
        },
    )


@require_safe
def group(request, slug):
    group = get_object_or_404(MuscleGroup, slug=slug)
    muscles = group.muscles.select_related("compartment__region", "part_of")
    return render(
        request,
        "anatomy/group.html",
        {"group": group, "muscles": muscles, "terms": glossary.term_index()},
    )


@require_safe
def muscle(request, slug):
    muscle = get_object_or_404(_muscles(), slug=slug)
    return render(
        request,
        "anatomy/muscle.html",
        {
            "muscle": muscle,
            "crumbs": [muscle.compartment.region, muscle.compartment],
            "parts": muscle.parts.order_by("order"),
            "conditions": muscle.conditions.all(),
            "stretches": muscle.stretches.all(),
            "terms": glossary.term_index(),
        },
    )


@require_safe
def conditions(request):
    conditions = list(Condition.objects.all())
    care_topics = list(CareTopic.objects.all())
    sources = sorted({source for page in conditions + care_topics for source in page.sources})
    return render(
        request,
        "anatomy/conditions.html",
        {"conditions": conditions, "care_topics": care_topics, "sources": sources},
    )


@require_safe
def condition(request, slug):
    condition = get_object_or_404(Condition, slug=slug)
    return render(
        request,
        "anatomy/condition.html",
        {"condition": condition, "muscles": condition.muscles.order_by("name")},
    )


@require_safe
def care(request, slug):
    topic = get_object_or_404(CareTopic, slug=slug)
    return render(
        request, "anatomy/care.html", {"topic": topic, "care_topics": CareTopic.objects.all()}
    )


@require_safe
def glossary_page(request):
    return render(request, "anatomy/glossary.html", {"terms": GlossaryTerm.objects.all()})


@vary_on_headers("HX-Request")
@require_safe
def search_page(request):
    query = request.GET.get("q", "")[:200]
    results = search.search_muscles(query, _muscles()) if query.strip() else []
    template = "anatomy/search.html#results" if request.htmx else "anatomy/search.html"
    return render(
        request,
        template,
        {"query": query, "results": results, "groups": MuscleGroup.objects.all()},
    )


@require_safe
def stretches(request):
    return render(
        request,
        "anatomy/stretches.html",
        {"stretches": Stretch.objects.prefetch_related("muscles")},
    )


@require_safe
def stretch(request, slug):
    stretch = get_object_or_404(Stretch, slug=slug)
    return render(
        request,
        "anatomy/stretch.html",
        {"stretch": stretch, "muscles": stretch.muscles.order_by("name")},
    )


@require_safe
def warm_up(request):
    return render(
        request,
        "anatomy/warm_up.html",
        {"stretches": Stretch.objects.filter(in_warm_up=True).prefetch_related("muscles")},
    )
