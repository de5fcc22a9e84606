"""An injury's rehab programme: the suggested starter, and the user's own choice of exercises
and targets. Every query is scoped to the signed-in user; another user's injury or programme
item is a 404."""

import copy
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from anatomy.models import Exercise
from recovery.common import submissions, units
from recovery.common.days import day_bounds
from recovery.common.deletion import confirm_delete
from recovery.injuries import advice
from recovery.models import ExerciseSession, Injury, ProgrammeExercise, SetTimer, get_profile
from recovery.rehab import progression, sessions, set_timer, starter, words
from recovery.rehab.forms import AddExerciseForm, MorningForm, SessionForm, TargetsForm
from recovery.treatments.sessions import settle_sessions


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
    running = settle_sessions(request.user).exercise
    items = list(
        injury.programme.select_related("exercise__harder").prefetch_related(
            "exercise__easier_ones"
        )
    )
    recent = _recent_sessions(injury)
    suggested = _starter(request, injury)
    planned = {item.exercise_id for item in items}
    for item in items:
        item.dose_words = words.dose_words(item, item.exercise, units_system)
        item.days_words = words.days_words(item)
        done = [session for session in recent if session.exercise_id == item.exercise_id]
        item.last_session = done[-1] if done else None
        if item.last_session:
            item.last_words = words.session_words(item.last_session, units_system)
        item.suggestion = progression.suggest(
            [_pain_of(session) for session in done if session.at >= item.changed_at]
        )
        item.step = _next_step(item, item.suggestion, units_system)
    return render(
        request,
        "recovery/rehab/programme.html",
        {
            "injury": injury,
            "items": items,
            "starter": suggested,
            "to_add": [e for e in suggested.exercises if e.pk not in planned],
            "form": form,
            "mornings": _awaiting_morning(recent),
            "running": running,
        },
        status=400 if form.errors else 200,
    )


def _next_step(item, suggestion, units_system):
    """The concrete step the suggestion points to (`progression.harder` or `easier`): its
    kind and, when it changes the targets, the targets proposed (in words, and the targets
    form's values); None to keep."""
    exercise = item.exercise
    ladder = progression.Ladder(
        count_most=exercise.count_most,
        count_step=exercise.count_step,
        sets_most=exercise.sets_most,
        load_step_kg=exercise.load_step_kg,
        load_most_kg=exercise.load_most_kg,
        count_least=ProgrammeExercise.LIMITS["hold_seconds" if exercise.is_hold else "reps"][0],
    )
    now = progression.Targets(item.sets, item.hold_seconds or item.reps, item.load_kg)
    if suggestion.step == "progress":
        step = progression.harder(now, ladder, exercise.harder_id is not None)
    elif suggestion.step == "step back":
        step = progression.easier(now, ladder, bool(exercise.easier_ones.all()))
    else:
        return None
    if step.targets is None:
        return {"kind": step.kind}
    proposed = copy.copy(item)
    proposed.sets, proposed.load_kg = step.targets.sets, step.targets.load_kg
    if exercise.is_hold:
        proposed.hold_seconds = step.targets.count
    else:
        proposed.reps = step.targets.count
    return {
        "kind": step.kind,
        "words": words.dose_words(proposed, exercise, units_system),
        "targets": proposed,
        "load": units.from_kg(proposed.load_kg, units_system) if proposed.load_kg else "",
    }


RECENT_DAYS = 60


def _recent_sessions(injury):
    """The injury's sessions of the last RECENT_DAYS days with their sets, oldest first (two
    queries, however many sessions)."""
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    return list(
        injury.exercise_sessions.filter(at__gte=since)
        .select_related("exercise")
        .prefetch_related("sets")
        .order_by("at", "pk")
    )


def _pain_of(session):
    """A session as the progression rule reads it; the usual level is the pain logged before
    it (0 when none was: any pain the next morning then counts as a rise)."""
    if session.pain_during is None:
        return progression.SessionPain(during=0, next_morning=None, usual=0)
    return progression.SessionPain(
        during=session.pain_during,
        next_morning=session.next_morning_pain,
        usual=session.pain_before or 0,
    )


def _awaiting_morning(sessions):
    """The days before today (in the user's zone), of the last two, with sessions whose next
    morning's pain is not known yet: [{"day", "names" of the exercises, "session": the
    newest}], one answer for each day."""
    today = timezone.localdate()
    waiting: dict[dt.date, dict] = {}
    for session in sessions:
        day = timezone.localdate(session.at)
        if session.next_morning_pain is None and today - dt.timedelta(days=2) <= day < today:
            entry = waiting.setdefault(
                day,
                # Several forms on one page: ids of their own.
                {"day": day, "names": [], "form": MorningForm(auto_id=f"id_morning_{day:%j}_%s")},
            )
            if session.exercise.name not in entry["names"]:
                entry["names"].append(session.exercise.name)
            entry["session"] = session
    return list(waiting.values())


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
        if form.has_changed():  # a new level: the progression rule starts counting again
            form.instance.changed_at = timezone.now()
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
    if request.method == "POST":  # a guided session of it under way: log what was done first
        for timer in SetTimer.objects.filter(item=item, status=SetTimer.Status.RUNNING):
            set_timer.stop(timer)
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


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_new(request, pk):
    """Log a session of a programme exercise: each set, the pain during it, when."""
    item = _item_for(request, pk)
    units_system = get_profile(request.user).fluid_units
    form = SessionForm(request.POST or None, item=item, units_system=units_system)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        submissions.save_once(
            request,
            lambda: sessions.record(item, data["at"], data["sets"], data["pain_during"]),
        )
        messages.success(request, f"{item.exercise.name}: session logged.")
        return redirect("programme", pk=item.injury_id)
    return render(
        request,
        "recovery/rehab/session_form.html",
        {"item": item, "injury": item.injury, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def session_done(request, pk):
    """One tap: the exercise done now, exactly as planned."""
    item = _item_for(request, pk)
    submissions.save_once(request, lambda: sessions.as_planned(item, timezone.now()))
    messages.success(
        request,
        f"{item.exercise.name}: done as planned. Tomorrow morning, say how the leg feels.",
    )
    if request.POST.get("from") == "today":  # the home page's button: back to it
        return redirect("home")
    return redirect("programme", pk=item.injury_id)


def _session_for(request, pk):
    return get_object_or_404(
        ExerciseSession.objects.select_related("injury", "exercise"),
        pk=pk,
        injury__user=request.user,
    )


@login_required
@require_POST
def session_morning(request, pk):
    """The pain the morning after a day's exercise: it answers for every session of the
    injury that day still without an answer."""
    session = _session_for(request, pk)
    form = MorningForm(request.POST)
    if form.is_valid():
        pain = form.cleaned_data["pain"]
        start, end = day_bounds(timezone.localdate(session.at), timezone.get_current_timezone())
        ExerciseSession.objects.filter(
            injury=session.injury, at__gte=start, at__lt=end, next_morning_pain__isnull=True
        ).update(next_morning_pain=pain)
        messages.success(request, f"Saved: {pain}/10 the morning after.")
    else:
        messages.error(request, f"Nothing was saved. {form.errors['pain'][0]}")
    if request.POST.get("from") == "today":  # the home page's question: back to it
        return redirect("home")
    return redirect("programme", pk=session.injury_id)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_delete(request, pk):
    session = _session_for(request, pk)
    back = reverse("programme", args=[session.injury_id])
    local = timezone.localtime(session.at)
    return confirm_delete(
        request,
        session,
        title="Delete this session?",
        what=f"{session.exercise.name} on {local:%d %B %Y at %H:%M}",
        consequence="Its sets go with it. This cannot be undone.",
        back=back,
        done=back,
        message="Session deleted.",
    )
