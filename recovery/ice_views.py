"""The ice timer and the treatment log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from recovery import ice, timers
from recovery.deletion import confirm_delete
from recovery.log_forms import IceStartForm, TreatmentForm
from recovery.models import IceSession, Treatment

RING_LENGTH = 326.73  # the progress ring's circumference: 2 * pi * 52


def _session_for(request, pk):
    return get_object_or_404(IceSession, pk=pk, user=request.user)


def _start_context(request, form):
    sessions, total = ice.today(request.user)
    last = ice.last_finished(request.user)
    now = timezone.now()
    return {
        "form": form,
        "today_sessions": sessions,
        "today_minutes": total,
        "last": last,
        "next_at": timers.next_suggested(last.ended_at) if last else None,
        "too_soon": bool(last and timers.needs_confirmation(last.ended_at, now)),
    }


@login_required
@require_GET
def ice_home(request):
    running = ice.settle_for_user(request.user)
    if running is not None:
        return redirect(running)
    initial = {"minutes": 20}
    if injury_id := request.GET.get("injury"):
        initial["injury"] = injury_id
    form = IceStartForm(initial=initial, user=request.user)
    return render(request, "recovery/ice_start.html", _start_context(request, form))


@login_required
@require_POST
def ice_start(request):
    running = ice.settle_for_user(request.user)
    if running is not None:
        messages.info(request, "An ice session is already running; here it is.")
        return redirect(running)
    form = IceStartForm(request.POST, user=request.user)
    context = _start_context(request, form)
    if form.is_valid():
        if context["too_soon"] and not form.cleaned_data["start_anyway"]:
            form.add_error(
                "start_anyway",
                "Your last session ended less than an hour ago. The usual advice is up to 20 "
                "minutes every 2 to 3 hours. Tick this box to start anyway.",
            )
        else:
            try:
                session = ice.start(
                    user=request.user,
                    injury=form.cleaned_data["injury"],
                    minutes=form.cleaned_data["minutes"],
                )
            except ice.AlreadyRunning as running:
                messages.info(request, "An ice session is already running; here it is.")
                return redirect(running.session)
            return redirect(session)
    return render(request, "recovery/ice_start.html", context, status=400)


@login_required
@vary_on_headers("HX-Request")
@require_GET
def ice_session(request, pk):
    session = ice.settle(_session_for(request, pk))
    now = timezone.now()
    remaining = timers.remaining_seconds(session.planned_end_at, now)
    total = int((session.planned_end_at - session.started_at).total_seconds())
    context = {
        "session": session,
        "remaining": remaining,
        "remaining_text": f"{remaining // 60}:{remaining % 60:02d}",
        "total": total,
        "ring_offset": round(RING_LENGTH * remaining / total, 2),
        "ring_length": RING_LENGTH,
        "skin_checks": timers.skin_checks(session.started_at, session.planned_end_at),
        "next_at": timers.next_suggested(session.ended_at) if session.ended_at else None,
    }
    if not session.is_running:
        context["today_sessions"], context["today_minutes"] = ice.today(request.user)
    template = "recovery/ice_session.html#timer" if request.htmx else "recovery/ice_session.html"
    return render(request, template, context)


@login_required
@require_POST
def ice_stop(request, pk):
    session = _session_for(request, pk)
    if ice.stop(session):
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


# --- the treatment log ----------------------------------------------------------------------


def _treatment_for(request, pk):
    return get_object_or_404(Treatment, pk=pk, user=request.user)


@login_required
@require_GET
def treatment_list(request):
    ice.settle_for_user(request.user)
    treatments = (
        Treatment.objects.filter(user=request.user)
        .select_related("injury__region")
        .prefetch_related("injury__muscles")
    )
    page = Paginator(treatments, 30).get_page(request.GET.get("page"))
    return render(request, "recovery/treatment_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def treatment_new(request):
    initial = {}
    if kind := request.GET.get("kind"):
        initial["kind"] = kind
    if injury_id := request.GET.get("injury"):
        initial["injury"] = injury_id
    form = TreatmentForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        treatment = form.save(commit=False)
        treatment.user = request.user
        treatment.save()
        messages.success(request, f"{treatment.get_kind_display()} logged.")
        return redirect(treatment.injury or "treatments")
    return render(request, "recovery/treatment_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def treatment_edit(request, pk):
    treatment = _treatment_for(request, pk)
    form = TreatmentForm(request.POST or None, instance=treatment, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Treatment updated.")
        return redirect(treatment.injury or "treatments")
    return render(request, "recovery/treatment_form.html", {"form": form, "treatment": treatment})


@login_required
@require_http_methods(["GET", "POST"])
def treatment_delete(request, pk):
    treatment = _treatment_for(request, pk)
    back = treatment.injury.get_absolute_url() if treatment.injury else reverse("treatments")
    return confirm_delete(
        request,
        treatment,
        title="Delete this treatment?",
        what=f"{treatment.get_kind_display()} on "
        f"{timezone.localtime(treatment.at):%d %B %Y at %H:%M}",
        consequence="This cannot be undone.",
        back=back,
        done=back,
        message="Treatment deleted.",
    )
