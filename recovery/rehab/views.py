"""An injury's rehab programme: the suggested starter, and the user's own choice of exercises
and targets. Every query is scoped to the signed-in user; another user's injury or programme
item is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from anatomy.models import Exercise
from recovery.common import units
from recovery.common.deletion import confirm_delete
from recovery.injuries import advice
from recovery.models import Injury, ProgrammeExercise, get_profile
from recovery.rehab import starter
from recovery.rehab.forms import AddExerciseForm, TargetsForm


def _injury_for(request, pk):
    return get_object_or_404(
        Injury.objects.select_related("state").prefetch_related(
            "muscles__parts", "muscles__part_of"
        ),
        pk=pk,
        user=request.user,
    )


def _item_for(request, pk):
    return get_object_or_404(
        ProgrammeExercise.objects.select_related("injury", "exercise"),
        pk=pk,
        injury__user=request.user,
    )


def _muscle_slugs(injury):
    """The injury's muscles, their parts and the wholes they belong to."""
    slugs = set()
    for muscle in injury.muscles.all():
        slugs.add(muscle.slug)
        slugs.update(part.slug for part in muscle.parts.all())
        if muscle.part_of_id:
            slugs.add(muscle.part_of.slug)
    return slugs


def _library():
    library = list(Exercise.objects.prefetch_related("muscles"))
    for exercise in library:
        exercise.muscle_slugs = {muscle.slug for muscle in exercise.muscles.all()}
    return library


def _starter(request, injury):
    state = getattr(injury, "state", None)
    return starter.suggest(
        _library(),
        _muscle_slugs(injury),
        state.latest_pain if state else None,
        injury.milestones or {},
        advice.advice_for_injury(request, injury).level,
    )


def _load(item, units_system):
    if item.load_kg is None:
        return "body weight"
    amount = units.from_kg(item.load_kg, units_system)
    return f"{amount} {units.load_unit(units_system)} added"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def programme(request, pk):
    """GET: the programme and the suggested starter; POST: add an exercise from the library."""
    injury = _injury_for(request, pk)
    form = AddExerciseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        exercise = form.cleaned_data["exercise"]
        if _add(injury, exercise):
            messages.success(request, f"{exercise.name} added to the programme.")
        else:
            messages.info(request, f"{exercise.name} is already in the programme.")
        return redirect("programme", pk=injury.pk)
    units_system = get_profile(request.user).fluid_units
    items = list(injury.programme.select_related("exercise"))
    for item in items:
        item.load_words = _load(item, units_system)
    return render(
        request,
        "recovery/rehab/programme.html",
        {
            "injury": injury,
            "items": items,
            "starter": _starter(request, injury),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _add(injury, exercise):
    """Add the exercise with the library's usual dose; False if the programme has it already."""
    try:
        with transaction.atomic():
            ProgrammeExercise.from_library(injury, exercise).save()
    except IntegrityError:
        return False
    return True


@login_required
@require_POST
def programme_start(request, pk):
    """Add every exercise of the suggested starter that the programme does not have yet."""
    injury = _injury_for(request, pk)
    suggested = _starter(request, injury)
    added = [exercise.name for exercise in suggested.exercises if _add(injury, exercise)]
    if added:
        messages.success(request, f"Added to the programme: {', '.join(added)}.")
    elif suggested.exercises:
        messages.info(request, "The programme already has every suggested exercise.")
    else:
        messages.error(request, f"Nothing was added. {suggested.reason}")
    return redirect("programme", pk=injury.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def programme_item_edit(request, pk):
    item = _item_for(request, pk)
    units_system = get_profile(request.user).fluid_units
    form = TargetsForm(request.POST or None, instance=item, units_system=units_system)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Targets for {item.exercise.name} saved.")
        return redirect("programme", pk=item.injury_id)
    return render(
        request,
        "recovery/rehab/targets_form.html",
        {"item": item, "injury": item.injury, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def programme_item_remove(request, pk):
    item = _item_for(request, pk)
    back = reverse("programme", args=[item.injury_id])
    return confirm_delete(
        request,
        item,
        title="Remove this exercise?",
        what=f"{item.exercise.name}, from the programme for {item.injury.title()}",
        consequence="You can add it again from the library at any time.",
        back=back,
        done=back,
        message=f"{item.exercise.name} removed from the programme.",
    )
