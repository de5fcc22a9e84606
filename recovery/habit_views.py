"""Drinks, leg cramps and stretching: the daily habits, each quick to log."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from recovery import hydration, stretch_timer, stretching, units
from recovery.context_processors import cramp_advice_for
from recovery.days import day_bounds
from recovery.deletion import confirm_delete
from recovery.local_day import LocalDate
from recovery.log_forms import CrampForm, FluidForm, StretchLogForm, StretchStartForm
from recovery.models import Cramp, FluidEntry, StretchSession, SymptomEntry, get_profile

# --- drinks -----------------------------------------------------------------------------------


def _fluids_context(request, form=None):
    profile = get_profile(request.user)
    total = hydration.today(request.user, profile)
    start, end = day_bounds(timezone.localdate(), profile.zone)
    return {
        "profile": profile,
        "progress": hydration.progress(total, profile),
        "total_text": profile.format_volume(total),
        "goal_text": profile.format_volume(profile.effective_fluid_goal_ml()),
        "quick_amounts": hydration.QUICK_AMOUNTS[profile.fluid_units],
        "form": form or FluidForm(unit_system=profile.fluid_units),
        "entries": [
            (entry, profile.format_volume(entry.amount_ml))
            for entry in FluidEntry.objects.filter(user=request.user, at__gte=start, at__lt=end)
        ],
        "limit_text": profile.format_volume(profile.fluid_limit_ml)
        if profile.fluid_limit_ml
        else None,
    }


@login_required
@require_GET
def fluids(request):
    return render(request, "recovery/fluids.html", _fluids_context(request))


def _fluids_response(request, context, status=200):
    template = "recovery/fluids.html#today" if request.htmx else "recovery/fluids.html"
    return render(request, template, context, status=status)


@login_required
@require_POST
def fluid_add(request):
    profile = get_profile(request.user)
    if "quick" in request.POST:
        allowed = {str(ml) for ml, _ in hydration.QUICK_AMOUNTS[profile.fluid_units]}
        if request.POST["quick"] not in allowed:
            messages.error(request, "Choose one of the buttons, or type an amount.")
            return redirect("fluids")
        FluidEntry.objects.create(
            user=request.user, at=timezone.now(), amount_ml=int(request.POST["quick"])
        )
    else:
        form = FluidForm(request.POST, unit_system=profile.fluid_units)
        if not form.is_valid():
            return _fluids_response(request, _fluids_context(request, form), status=400)
        FluidEntry.objects.create(
            user=request.user,
            at=form.cleaned_data["at"] or timezone.now(),
            amount_ml=form.cleaned_data["amount"],
            drink=form.cleaned_data["drink"],
        )
    if not request.htmx:
        return redirect("fluids")
    return _fluids_response(request, _fluids_context(request))


@login_required
@require_POST
def fluid_undo(request):
    last = FluidEntry.objects.filter(user=request.user).order_by("-created_at", "-pk").first()
    if last is None:
        messages.info(request, "There is nothing to undo.")
    else:
        last.delete()
        messages.success(
            request,
            f"Removed the last drink ({get_profile(request.user).format_volume(last.amount_ml)}).",
        )
    if not request.htmx:
        return redirect("fluids")
    return _fluids_response(request, _fluids_context(request))


@login_required
@require_GET
def fluid_history(request):
    profile = get_profile(request.user)
    since = timezone.localdate() - dt.timedelta(days=29)
    totals = hydration.daily_totals(request.user, profile.zone, since)
    goal = profile.effective_fluid_goal_ml()
    days = [
        {
            "day": day,
            "total": profile.format_volume(totals.get(day, 0)),
            "reached": totals.get(day, 0) >= goal,
        }
        for day in (timezone.localdate() - dt.timedelta(days=n) for n in range(30))
    ]
    return render(request, "recovery/fluid_history.html", {"days": days, "profile": profile})


@login_required
@require_GET
def fluid_day(request, day):
    profile = get_profile(request.user)
    start, end = day_bounds(day, profile.zone)
    entries = list(FluidEntry.objects.filter(user=request.user, at__gte=start, at__lt=end))
    total = sum(entry.amount_ml for entry in entries)
    return render(
        request,
        "recovery/fluid_day.html",
        {
            "day": day,
            "entries": [(entry, profile.format_volume(entry.amount_ml)) for entry in entries],
            "total": profile.format_volume(total),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def fluid_edit(request, pk):
    entry = get_object_or_404(FluidEntry, pk=pk, user=request.user)
    profile = get_profile(request.user)
    initial = {
        "amount": units.from_ml(entry.amount_ml, profile.fluid_units)
        if profile.fluid_units == units.US
        else entry.amount_ml,
        "drink": entry.drink,
        "at": timezone.localtime(entry.at),
    }
    form = FluidForm(request.POST or None, initial=initial, unit_system=profile.fluid_units)
    if request.method == "POST" and form.is_valid():
        entry.amount_ml = form.cleaned_data["amount"]
        entry.drink = form.cleaned_data["drink"]
        entry.at = form.cleaned_data["at"] or entry.at
        entry.save()
        messages.success(request, "Drink updated.")
        return redirect("fluid_day", day=timezone.localtime(entry.at).date())
    return render(request, "recovery/fluid_form.html", {"form": form, "entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def fluid_delete(request, pk):
    entry = get_object_or_404(FluidEntry, pk=pk, user=request.user)
    local = timezone.localtime(entry.at)
    back = reverse("fluid_day", args=[local.date()])
    return confirm_delete(
        request,
        entry,
        title="Delete this drink?",
        what=f"{get_profile(request.user).format_volume(entry.amount_ml)} at "
        f"{local:%H:%M on %d %B %Y}",
        consequence="This cannot be undone.",
        back=back,
        done=back,
        message="Drink deleted.",
    )


# --- cramps -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def cramps(request):
    form = CrampForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cramp = form.save(commit=False)
        cramp.user = request.user
        form.save()
        messages.success(request, "Cramp logged.")
        return redirect("cramps")
    profile = get_profile(request.user)
    recent = list(
        Cramp.objects.filter(user=request.user)
        .select_related("muscle")
        .order_by("-started_at")[:30]
    )
    since = timezone.localdate() - dt.timedelta(days=30)
    fluids = hydration.daily_totals(request.user, profile.zone, since)
    start, _ = day_bounds(since, profile.zone)
    stretch_counts = {
        row["day"]: row["count"]
        for row in StretchSession.objects.filter(user=request.user, at__gte=start)
        .exclude(status="running")
        .annotate(day=LocalDate("at", tzinfo=profile.zone))
        .values("day")
        .annotate(count=Count("pk"))
    }
    rows = []
    for cramp in recent:
        day = timezone.localtime(cramp.started_at).date()
        rows.append(
            {
                "cramp": cramp,
                "fluids": profile.format_volume(fluids.get(day, 0)),
                "stretches": stretch_counts.get(day, 0),
            }
        )
    return render(
        request,
        "recovery/cramps.html",
        {"form": form, "rows": rows, "advice": cramp_advice_for(request), "profile": profile},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def cramp_edit(request, pk):
    cramp = get_object_or_404(Cramp, pk=pk, user=request.user)
    form = CrampForm(request.POST or None, instance=cramp)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Cramp updated.")
        return redirect("cramps")
    return render(request, "recovery/cramp_form.html", {"form": form, "cramp": cramp})


@login_required
@require_http_methods(["GET", "POST"])
def cramp_delete(request, pk):
    cramp = get_object_or_404(Cramp, pk=pk, user=request.user)
    return confirm_delete(
        request,
        cramp,
        title="Delete this cramp?",
        what=f"Cramp on {timezone.localtime(cramp.started_at):%d %B %Y at %H:%M}",
        consequence="The advice will be worked out again without it.",
        back=reverse("cramps"),
        done="cramps",
        message="Cramp deleted.",
    )


@login_required
@require_POST
def cramps_contacted(request):
    profile = get_profile(request.user)
    profile.cramps_contacted_at = timezone.now()
    profile.save(update_fields=["cramps_contacted_at"])
    messages.success(request, "Recorded: you contacted your provider about your cramps.")
    return redirect("cramps")


# --- stretching ---------------------------------------------------------------------------------


def _last_resting_pain(user, injury=None):
    entries = SymptomEntry.objects.filter(injury__user=user, resting=True)
    if injury is not None:
        entries = entries.filter(injury=injury)
    latest = entries.order_by("-recorded_at").first()
    return latest.pain if latest else None


@login_required
@require_GET
def stretches(request):
    form = StretchStartForm(user=request.user, initial={"stretch": request.GET.get("stretch")})
    return _stretches_page(request, form)


def _stretches_page(request, start_form, status=200):
    """The stretching page: the guided-stretch form and the recent sessions."""
    running = stretch_timer.settle_for_user(request.user)
    sessions = StretchSession.objects.filter(user=request.user).exclude(status="running")
    sessions = sessions.select_related("stretch")[:30]
    context = {"running": running, "sessions": sessions, "start_form": start_form}
    return render(request, "recovery/stretches.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def stretch_log(request):
    form = StretchLogForm(
        request.POST or None, user=request.user, initial={"stretch": request.GET.get("stretch")}
    )
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.user = request.user
        session.holds_done = session.holds
        session.save()
        _ease_off_message(request, session)
        messages.success(request, "Stretch logged.")
        return redirect("stretches")
    return render(request, "recovery/stretch_form.html", {"form": form})


def _ease_off_message(request, session):
    last = _last_resting_pain(request.user, session.injury)
    if stretching.ease_off(session.pain_during, last):
        messages.warning(
            request,
            f"Ease off: pain during the stretch ({session.pain_during}/10) was more than 2 "
            f"points above your last score at rest ({last}/10). Stretch more gently, and do not "
            "move on to harder exercise until it settles. (Clinical rules, section 4.)",
        )


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


@login_required
@require_GET
def stretch_session(request, pk):
    session = get_object_or_404(
        StretchSession.objects.select_related("stretch"), pk=pk, user=request.user
    )
    stretch_timer.settle(session)
    phase = stretch_timer.phase(session)
    context = {
        "session": session,
        "phase": phase,
        "elapsed": int((timezone.now() - session.at).total_seconds()),
        "total": stretching.total_seconds(
            session.holds, session.hold_seconds, session.rest_seconds
        ),
    }
    template = (
        "recovery/stretch_session.html#guide" if request.htmx else "recovery/stretch_session.html"
    )
    return render(request, template, context)


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
    session = get_object_or_404(StretchSession, pk=pk, user=request.user)
    try:
        pain = int(request.POST.get("pain_during", ""))
    except ValueError:
        pain = -1
    if not 0 <= pain <= 10:
        messages.error(
            request, "Pain is a whole number from 0 (no pain) to 10 (worst pain imaginable)."
        )
        return redirect(session)
    session.pain_during = pain
    session.save(update_fields=["pain_during"])
    _ease_off_message(request, session)
    messages.success(request, "Pain during the stretch saved.")
    return redirect(session)


@login_required
@require_http_methods(["GET", "POST"])
def stretch_edit(request, pk):
    session = get_object_or_404(StretchSession, pk=pk, user=request.user)
    form = StretchLogForm(request.POST or None, instance=session, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Stretch updated.")
        return redirect("stretches")
    return render(request, "recovery/stretch_form.html", {"form": form, "session": session})


@login_required
@require_http_methods(["GET", "POST"])
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
