"""Stretching: the guided hold timer, stretches logged by hand, and the "ease off" check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from anatomy import illustrations
from recovery.common import compiled, submissions
from recovery.common.deletion import confirm_delete
from recovery.habits import stretch_rules, stretch_timer
from recovery.habits.forms import StretchLogForm, StretchPainForm, StretchStartForm
from recovery.models import StretchSession, SymptomEntry, with_name_of
from recovery.treatments.sessions import settle_sessions

SESSION_PAGE = "recovery/habits/stretch_session.html"


def _session_for(request, pk):
    return get_object_or_404(
        StretchSession.objects.select_related("stretch"), pk=pk, user=request.user
    )


def _last_resting_pain(user, injury=None):
    entries = SymptomEntry.objects.filter(injury__user=user, resting=True)
    if injury is not None:
        entries = entries.filter(injury=injury)
    latest = entries.order_by("-recorded_at").first()
    return latest.pain if latest else None


def _ease_off_message(request, session):
    last = _last_resting_pain(request.user, session.injury)
    during = session.pain_during
    if stretch_rules.ease_off(during, last):
        why = (
            f"pain during the stretch ({during}/10) was above your last score at rest ({last}/10)"
            if last is not None and during > last
            else f"pain during the stretch reached {during}/10"
        )
        messages.warning(
            request,
            f"Ease off: {why}. A stretch should feel like a gentle pull, never pain. Stretch "
            "more gently, and do not move on to harder exercise until it settles. Source: NHS, "
            "Sprains and strains; Cleveland Clinic, Leg Muscles (2021).",
        )


def _recent_stretches(user_id):
    """The 30 latest finished stretches with their stretch's name (one query)."""
    finished = StretchSession.objects.filter(user=user_id).exclude(
        status=StretchSession.Status.RUNNING
    )
    return with_name_of(finished, "stretch")[:30]


def _stretches_page(request, start_form, status=200):
    """The stretching page: the guided-stretch form and the recent sessions."""
    running = settle_sessions(request.user).stretch
    sessions = compiled.instances("recent stretches", _recent_stretches, user_id=request.user.pk)
    context = {"running": running, "sessions": sessions, "start_form": start_form}
    return render(request, "recovery/habits/stretches.html", context, status=status)


@login_required
@require_safe
def stretches(request):
    form = StretchStartForm(user=request.user, initial={"stretch": request.GET.get("stretch")})
    return _stretches_page(request, form)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def stretch_log(request):
    form = StretchLogForm(
        request.POST or None, user=request.user, initial={"stretch": request.GET.get("stretch")}
    )
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.user = request.user
        session.holds_done = session.holds
        if submissions.save_once(request, session.save):  # sent twice, logged once
            _ease_off_message(request, session)
        messages.success(request, "Stretch logged.")
        return redirect("stretches")
    return render(request, "recovery/habits/stretch_form.html", {"form": form})


@login_required
@require_POST
def stretch_start(request):
    form = StretchStartForm(request.POST, user=request.user)
    if not form.is_valid():
        return _stretches_page(request, form, status=400)
    try:
        session = stretch_timer.start(user=request.user, **form.cleaned_data)
    except stretch_timer.AlreadyRunning as running:
        messages.info(request, "A guided stretch is already running; here it is.")
        return redirect(running.session)
    return redirect(session)


def _session_context(session, pain_form=None):
    return {
        "session": session,
        "phase": stretch_timer.phase(session),
        "elapsed": int((timezone.now() - session.at).total_seconds()),
        "total": stretch_rules.total_seconds(
            session.holds, session.hold_seconds, session.rest_seconds
        ),
        "pain_form": pain_form or StretchPainForm(),
        "drawing": illustrations.drawing_of(session.stretch),
    }


@login_required
@vary_on_headers("HX-Request")
@require_safe
def stretch_session(request, pk):
    session = _session_for(request, pk)
    stretch_timer.settle(session)
    context = _session_context(session)
    return render(request, f"{SESSION_PAGE}#guide" if request.htmx else SESSION_PAGE, context)


@login_required
@require_POST
def stretch_stop(request, pk):
    session = get_object_or_404(StretchSession, pk=pk, user=request.user)
    stretch_timer.settle(session)
    if stretch_timer.stop(session):
        messages.success(
            request, f"Stopped after {session.holds_done} of {session.holds} holds; logged."
        )
    else:
        messages.info(request, "This stretch had already ended; nothing more was recorded.")
    return redirect(session)


@login_required
@require_POST
def stretch_pain(request, pk):
    session = _session_for(request, pk)
    form = StretchPainForm(request.POST)
    if not form.is_valid():
        stretch_timer.settle(session)
        return render(request, SESSION_PAGE, _session_context(session, form), status=400)
    session.pain_during = form.cleaned_data["pain_during"]
    session.save(update_fields=["pain_during"])
    _ease_off_message(request, session)
    messages.success(request, "Pain during the stretch saved.")
    return redirect(session)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def stretch_edit(request, pk):
    session = get_object_or_404(StretchSession, pk=pk, user=request.user)
    form = StretchLogForm(request.POST or None, instance=session, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Stretch updated.")
        return redirect("stretches")
    return render(request, "recovery/habits/stretch_form.html", {"form": form, "session": session})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def stretch_delete(request, pk):
    session = get_object_or_404(StretchSession, pk=pk, user=request.user)
    return confirm_delete(
        request,
        session,
        title="Delete this stretch?",
        what=f"{session.stretch} on {timezone.localtime(session.at):%d %B %Y at %H:%M}",
        consequence="This cannot be undone.",
        back=reverse("stretches"),
        done="stretches",
        message="Stretch deleted.",
    )
