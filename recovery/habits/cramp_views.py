"""Leg cramps: log one in a few taps, see them beside that day's drinks and stretching, and the
advice they lead to."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from recovery.common import compiled, submissions
from recovery.common.days import day_bounds
from recovery.common.deletion import confirm_delete
from recovery.common.local_day import LocalDate, sql_depends_on
from recovery.habits import cramp_timer, hydration
from recovery.habits.forms import CrampForm
from recovery.injuries import advice
from recovery.models import Cramp, StretchSession, get_profile, with_name_of
from recovery.treatments.sessions import settle_sessions


def _stretches_per_day(user, zone, since):
    """{local day: finished stretches} since the first moment of `since`, in one query."""
    start, _ = day_bounds(since, zone)

    def build(user_id, start):
        return (
            StretchSession.objects.filter(user=user_id, at__gte=start)
            .exclude(status=StretchSession.Status.RUNNING)
            .annotate(day=LocalDate("at", tzinfo=zone))
            .values_list("day")
            .annotate(count=Count("pk"))
            .order_by()
        )

    shape = ("stretches per day", *sql_depends_on(zone))
    return dict(compiled.rows(shape, build, user_id=user.pk, start=start))


def _recent_cramps(user_id):
    """The 30 latest cramps with their muscle's name (one query)."""
    return with_name_of(Cramp.objects.filter(user=user_id), "muscle").order_by("-started_at")[:30]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cramps(request):
    form = CrampForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.user = request.user
        submissions.save_once(request, form.save)  # sent twice, logged once
        request.session.pop(cramp_timer.SESSION_KEY, None)  # a cramp being timed is this one
        messages.success(request, "Cramp logged.")
        return redirect("cramps")
    profile = get_profile(request.user)
    settle_sessions(request.user)
    recent = compiled.instances("recent cramps", _recent_cramps, user_id=request.user.pk)
    since = timezone.localdate() - dt.timedelta(days=30)
    fluids = hydration.daily_totals(request.user, profile.zone, since)
    stretches = _stretches_per_day(request.user, profile.zone, since)
    rows = []
    for cramp in recent:
        day = timezone.localtime(cramp.started_at).date()
        rows.append(
            {
                "cramp": cramp,
                "fluids": profile.format_volume(fluids.get(day, 0)),
                "stretches": stretches.get(day, 0),
            }
        )
    return render(
        request,
        "recovery/habits/cramps.html",
        {
            "form": form,
            "rows": rows,
            "advice": advice.cramp_advice_for(request),
            "profile": profile,
            **cramp_timer.timer_context(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def cramp_timer_start(request):
    """A cramp now: start its clock (a second tap while it runs changes nothing)."""
    started = cramp_timer.timed_cramp(request)
    if started is None or cramp_timer.logged_seconds(started, timezone.now()) is None:
        request.session[cramp_timer.SESSION_KEY] = timezone.now().isoformat()
    return redirect("cramps")


@login_required
@require_POST
def cramp_timer_stop(request):
    """It has eased, in this leg: log the cramp with the time it lasted."""
    started = cramp_timer.timed_cramp(request)
    if started is None:
        messages.info(request, "No cramp was being timed (it may be logged already).")
        return redirect("cramps")
    side = request.POST.get("side")
    if side not in Cramp.Side.values:
        messages.error(request, "Choose the leg: left, right or both.")
        return redirect("cramps")
    now = timezone.now()
    seconds = cramp_timer.logged_seconds(started, now)
    del request.session[cramp_timer.SESSION_KEY]
    if seconds is None:
        messages.info(
            request,
            "The timer ran for over 2 hours, so it was probably left running. Log the cramp "
            "below with how long it lasted.",
        )
        return redirect("cramps")
    cramp = Cramp(
        user=request.user,
        started_at=started,
        side=side,
        duration_seconds=seconds,
        at_night=cramp_timer.at_night(timezone.localtime(started)),
    )
    cramp.full_clean()
    if not submissions.save_once(request, cramp.save):  # two taps at once: one cramp
        return redirect("cramps")
    messages.success(
        request,
        f"Cramp logged: {cramp.duration_text()}, {cramp.get_side_display().lower()}. "
        "To add how bad it was or what helped, edit it below.",
    )
    return redirect("cramps")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cramp_edit(request, pk):
    cramp = get_object_or_404(Cramp, pk=pk, user=request.user)
    form = CrampForm(request.POST or None, instance=cramp)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Cramp updated.")
        return redirect("cramps")
    return render(request, "recovery/habits/cramp_form.html", {"form": form, "cramp": cramp})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
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


def _record_for_cramps(request, field, message):
    profile = get_profile(request.user)
    setattr(profile, field, timezone.now())
    profile.save(update_fields=[field])
    messages.success(request, message)
    return redirect("cramps")


@login_required
@require_POST
def cramps_contacted(request):
    """Contacting the provider pauses the call-provider prompts about cramps for 48 hours."""
    return _record_for_cramps(
        request,
        "cramps_contacted_at",
        "Recorded: you contacted your provider about your cramps.",
    )


@login_required
@require_POST
def cramps_got_care(request):
    """Care recorded for cramps ends their urgent prompts up to now (clinical rules, 1)."""
    return _record_for_cramps(request, "cramps_care_at", "Recorded: you got care for your cramps.")
