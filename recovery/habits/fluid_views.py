"""Drinks: a glass in one tap, another amount, undo, and the days before."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from recovery.common import submissions, units
from recovery.common.deletion import confirm_delete
from recovery.common.htmx import render_page_or_part
from recovery.habits import hydration
from recovery.habits.forms import FluidForm, QuickDrinkForm
from recovery.models import FluidEntry, get_profile

PAGE = "recovery/habits/fluids.html"


def _fluids_context(request, form=None, quick_form=None):
    profile = get_profile(request.user)
    drinks = hydration.drinks_on(request.user, timezone.localdate(), profile.zone)
    total = sum(drink.amount_ml for drink in drinks)
    return {
        "profile": profile,
        "progress": hydration.progress(total, profile),
        "total_text": profile.format_volume(total),
        "goal_text": profile.format_volume(profile.effective_fluid_goal_ml()),
        "quick_amounts": hydration.QUICK_AMOUNTS[profile.fluid_units],
        "form": form or FluidForm(unit_system=profile.fluid_units),
        "quick_form": quick_form,
        "entries": [(drink, profile.format_volume(drink.amount_ml)) for drink in drinks],
        "limit_text": profile.format_volume(profile.fluid_limit_ml)
        if profile.fluid_limit_ml
        else None,
    }


@login_required
@require_safe
def fluids(request):
    return render(request, PAGE, _fluids_context(request))


@login_required
@vary_on_headers("HX-Request")
@require_POST
def fluid_add(request):
    """A glass or bottle (the quick buttons), or another amount typed in the user's units."""
    unit_system = get_profile(request.user).fluid_units
    quick = "quick" in request.POST
    form = (QuickDrinkForm if quick else FluidForm)(request.POST, unit_system=unit_system)
    if not form.is_valid():
        context = _fluids_context(request, **{"quick_form" if quick else "form": form})
        return render_page_or_part(request, PAGE, "today", context, invalid=True)
    fields = form.drink_fields()
    submissions.save_once(request, lambda: FluidEntry.objects.create(user=request.user, **fields))
    if not request.htmx:
        return redirect("fluids")
    return render_page_or_part(request, PAGE, "today", _fluids_context(request))


@login_required
@vary_on_headers("HX-Request")
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
    return render_page_or_part(request, PAGE, "today", _fluids_context(request))


@login_required
@require_safe
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
    return render(request, "recovery/habits/fluid_history.html", {"days": days, "profile": profile})


@login_required
@require_safe
def fluid_day(request, day):
    profile = get_profile(request.user)
    entries = hydration.drinks_on(request.user, day, profile.zone)
    total = sum(entry.amount_ml for entry in entries)
    return render(
        request,
        "recovery/habits/fluid_day.html",
        {
            "day": day,
            "entries": [(entry, profile.format_volume(entry.amount_ml)) for entry in entries],
            "total": profile.format_volume(total),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
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
    return render(request, "recovery/habits/fluid_form.html", {"form": form, "entry": entry})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
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
