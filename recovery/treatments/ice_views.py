"""The ice timer: start a session, watch it count down, stop or cancel it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from recovery.common import submissions
from recovery.injuries import advice
from recovery.models import IceSession
from recovery.treatments import ice, ice_rules
from recovery.treatments.forms import IceStartForm
from recovery.treatments.sessions import settle_sessions

RING_LENGTH = 326.73  # the progress ring's circumference: 2 * pi * 52
ALREADY_RUNNING = "An ice session is already running; here it is."


def _session_for(request, pk):
    return get_object_or_404(IceSession.objects.select_related("injury"), pk=pk, user=request.user)


def _next_at(request, session):
    """When the next session is suggested after `session`, if RICE still applies to its injury
    (its advice comes from the request's assessment, which the banner needs anyway)."""
    if session.ended_at is None:
        return None
    injury = session.injury
    if injury is None:
        return ice_rules.next_suggested(session.ended_at)
    level = advice.advice_for_injury(request, injury).level
    return ice_rules.next_suggested(session.ended_at, injury.onset_at, level, injury.kind)


def _start_form(request, data=None, initial=None):
    last = ice.last_finished(request.user)
    form = IceStartForm(
        data,
        initial=initial,
        user=request.user,
        last_ended_at=last.ended_at if last else None,
        numb_injury_ids=ice.numb_skin_ids(advice.assessed_for(request)),
    )
    return form, last


def _start_page(request, form, last, status=200):
    sessions, total = ice.today(request.user)
    context = {
        "form": form,
        "today_sessions": sessions,
        "today_minutes": total,
        "last": last,
        "next_at": _next_at(request, last) if last else None,
    }
    return render(request, "recovery/treatments/ice_start.html", context, status=status)


@login_required
@require_safe
def ice_home(request):
    running = settle_sessions(request.user).ice
    if running is not None:
        return redirect(running)
    initial = {"minutes": 20}
    if injury_id := request.GET.get("injury"):
        initial["injury"] = injury_id
    form, last = _start_form(request, initial=initial)
    return _start_page(request, form, last)


@login_required
@require_POST
def ice_start(request):
    running = settle_sessions(request.user).ice
    if running is not None:
        # Answered, with the running one: the form's key is recorded, so that a copy kept on
        # the phone as it was sent is not sent again as a second start.
        submissions.save_once(request, lambda: None)
        messages.info(request, ALREADY_RUNNING)
        return redirect(running)
    form, last = _start_form(request, request.POST)
    if not form.is_valid():
        return _start_page(request, form, last, status=400)
    started = []

    def start():
        started.append(
            ice.start(
                user=request.user,
                injury=form.cleaned_data["injury"],
                minutes=form.cleaned_data["minutes"],
            )
        )

    try:
        if not submissions.save_once(request, start):  # sent twice: the first one counts
            return redirect("ice")
    except ice.AlreadyRunning as already:
        messages.info(request, ALREADY_RUNNING)
        return redirect(already.session)
    return redirect(started[0])


@login_required
@vary_on_headers("HX-Request")
@require_safe
def ice_session(request, pk):
    session = ice.settle(_session_for(request, pk))
    now = timezone.now()
    remaining = ice_rules.remaining_seconds(session.planned_end_at, now)
    total = int((session.planned_end_at - session.started_at).total_seconds())
    context = {
        "session": session,
        "remaining": remaining,
        "remaining_text": f"{remaining // 60}:{remaining % 60:02d}",
        "total": total,
        "ring_offset": round(RING_LENGTH * remaining / total, 2),
        "ring_length": RING_LENGTH,
        "skin_checks": ice_rules.skin_checks(session.started_at, session.planned_end_at),
        "next_at": _next_at(request, session),
    }
    if not session.is_running:
        context["today_sessions"], context["today_minutes"] = ice.today(request.user)
    template = "recovery/treatments/ice_session.html"
    return render(request, f"{template}#timer" if request.htmx else template, context)


@login_required
@require_POST
def ice_stop(request, pk):
    session = _session_for(request, pk)
    stopped = []
    submissions.save_once(request, lambda: stopped.append(ice.stop(session)))
    if any(stopped):
        messages.success(request, f"Stopped. {session.minutes} minutes of ice recorded.")
    else:
        messages.info(
            request,
            f"This session had already ended ({session.get_status_display().lower()}); "
            "nothing more was recorded.",
        )
    return redirect(session)


@login_required
@require_POST
def ice_cancel(request, pk):
    session = ice.settle(_session_for(request, pk))  # one already over is kept, not cancelled
    if session.is_running and ice.cancel(session):
        messages.success(request, "Cancelled. Nothing was recorded.")
        return redirect("ice")
    messages.info(request, "This session had already ended; nothing was changed.")
    return redirect(session)
