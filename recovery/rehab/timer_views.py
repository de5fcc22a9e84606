"""The guided set timer's pages: start it from a programme exercise, follow it (holds and
rests counted down, sets of repetitions ended with a tap), stop early, and say how much it
hurt. Every query is scoped to the signed-in user; another user's timer is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from anatomy import figures
from recovery.models import ProgrammeExercise, SetTimer, get_profile
from recovery.rehab import set_timer, words
from recovery.rehab.forms import PainDuringForm, SetDoneForm

PAGE = "recovery/rehab/set_timer.html"


def _timer_for(request, pk):
    return get_object_or_404(
        SetTimer.objects.select_related("item__exercise", "item__injury", "session"),
        pk=pk,
        user=request.user,
    )


def _set_form(timer, step, data=None):
    return SetDoneForm(
        data,
        number=step.number,
        unit=words.unit_of(timer.item.exercise),
        initial={"reps": timer.reps},
    )


def _page(request, timer, set_form=None, pain_form=None, status=200):
    step = set_timer.step(timer)
    exercise = timer.item.exercise
    context = {
        "timer": timer,
        "item": timer.item,
        "injury": timer.item.injury,
        "exercise": exercise,
        "step": step,
        "unit": words.unit_of(exercise),
        "elapsed": int((timezone.now() - timer.started_at).total_seconds()),
        "dose_words": words.dose_words(timer, exercise, get_profile(request.user).fluid_units),
        "set_form": set_form or _set_form(timer, step),
        "pain_form": pain_form or PainDuringForm(),
        "drawing": figures.drawing_of(exercise),
    }
    template = f"{PAGE}#guide" if request.htmx and status == 200 else PAGE
    return render(request, template, context, status=status)


@login_required
@require_POST
def set_timer_start(request, pk):
    item = get_object_or_404(
        ProgrammeExercise.objects.select_related("exercise"), pk=pk, injury__user=request.user
    )
    try:
        timer = set_timer.start(user=request.user, item=item)
    except set_timer.AlreadyRunning as running:
        messages.info(request, "A guided session is already running; here it is.")
        return redirect(running.timer)
    return redirect(timer)


@login_required
@vary_on_headers("HX-Request")
@require_safe
def set_timer_page(request, pk):
    timer = _timer_for(request, pk)
    set_timer.settle(timer)
    return _page(request, timer)


@login_required
@require_POST
def set_timer_set_done(request, pk):
    timer = _timer_for(request, pk)
    set_timer.settle(timer)
    if not timer.is_running:
        messages.info(request, "This session has ended; that set was not recorded.")
        return redirect(timer)
    form = _set_form(timer, set_timer.step(timer), request.POST)
    if not form.is_valid():
        return _page(request, timer, set_form=form, status=400)
    outcome = set_timer.set_done(timer, form.cleaned_data["number"], form.cleaned_data["reps"])
    if outcome == set_timer.SetDone.ENDED:
        messages.info(request, "This session has ended; that set was not recorded.")
    elif outcome == set_timer.SetDone.NOT_DUE:
        messages.info(request, "That set was counted already.")
    elif not timer.is_running:
        messages.success(request, f"All {timer.sets} sets done: logged.")
    return redirect(timer)


@login_required
@require_POST
def set_timer_stop(request, pk):
    timer = _timer_for(request, pk)
    if not set_timer.stop(timer):
        messages.info(request, "This session had already ended; nothing more was recorded.")
    elif timer.session_id is None:
        messages.info(request, "Stopped. Nothing was logged: no set was finished.")
    else:
        done = timer.session.sets.count()
        what = "holds" if timer.hold_seconds else "sets"
        messages.success(request, f"Stopped after {done} of {timer.sets} {what}; logged.")
    return redirect(timer)


@login_required
@require_POST
def set_timer_pain(request, pk):
    """The highest pain during a guided session that has ended and was logged."""
    timer = _timer_for(request, pk)
    set_timer.settle(timer)
    if timer.session is None:
        messages.error(request, "Nothing was logged in this session, so there is no pain to add.")
        return redirect(timer)
    form = PainDuringForm(request.POST)
    if not form.is_valid():
        return _page(request, timer, pain_form=form, status=400)
    timer.session.pain_during = form.cleaned_data["pain_during"]
    timer.session.save(update_fields=["pain_during"])
    messages.success(request, f"Saved: pain during {timer.session.pain_during}/10.")
    return redirect("programme", pk=timer.item.injury_id)
