from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetView
from django.db import DatabaseError, connection
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from recovery import hydration, ice, streaks, timers
from recovery.context_processors import assessed_for
from recovery.days import day_bounds
from recovery.forms import ProfileForm, SignupForm
from recovery.models import (
    Cramp,
    PasswordResetRequest,
    Profile,
    StretchSession,
    Treatment,
    get_profile,
)
from recovery.validators import time_zone_names


@require_GET
def home(request):
    if not request.user.is_authenticated:
        return render(request, "recovery/home.html")
    profile = get_profile(request.user)
    running_ice = ice.settle_for_user(request.user)
    ice_sessions, ice_minutes, last_ice_end = ice.summary(request.user)
    context = {
        "profile": profile,
        "assessed": with_muscles([i for i in assessed_for(request) if i.injury.is_active]),
        "running_ice": running_ice,
        "next_ice_at": timers.next_suggested(last_ice_end) if last_ice_end else None,
        "ice_sessions": ice_sessions,
        "ice_minutes": ice_minutes,
        **habits_today(request.user, profile),
        "streak": streaks.streak(
            streaks.days_logged(request.user, profile.zone, timezone.localdate()),
            timezone.localdate(),
        ),
        "today": timezone.localdate(),
        "fluid_goal": profile.format_volume(profile.effective_fluid_goal_ml()),
        "fluid_limit": (
            profile.format_volume(profile.fluid_limit_ml)
            if profile.fluid_limit_ml is not None
            else None
        ),
    }
    return render(request, "recovery/dashboard.html", context)


def with_muscles(assessed):
    """Load the muscles of the assessed injuries in one query, for their titles, and today's
    RICE treatments for all of them in another."""
    injuries = [item.injury for item in assessed]
    prefetch_related_objects(injuries, "muscles")
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    done = {}
    for injury_id, kind in Treatment.objects.filter(
        injury__in=injuries, kind__in=Treatment.RICE, at__gte=midnight
    ).values_list("injury_id", "kind"):
        done.setdefault(injury_id, set()).add(kind)
    now = timezone.now()
    for item in assessed:
        item.days_since_onset = (now - item.injury.onset_at).days
        item.trend = trend(item.injury.previous_pain, item.latest.pain if item.latest else None)
        item.rice = [
            (Treatment.Kind(kind).label, kind in done.get(item.injury.pk, set()))
            for kind in Treatment.RICE
        ]
    return assessed


def trend(previous, latest):
    """The arrow beside the latest pain score: lower pain is better."""
    if previous is None or latest is None:
        return None
    if latest < previous:
        return ("↓", "lower than the entry before")
    if latest > previous:
        return ("↑", "higher than the entry before")
    return ("→", "the same as the entry before")


def habits_today(user, profile):
    """Today's drinks, stretches and this week's cramps, for the dashboard."""
    start, end = day_bounds(timezone.localdate(), profile.zone)
    quick_ml, quick_label = hydration.QUICK_AMOUNTS[profile.fluid_units][0]
    return {
        "fluids_text": profile.format_volume(hydration.today(user, profile)),
        "goal_text": profile.format_volume(profile.effective_fluid_goal_ml()),
        "quick_ml": quick_ml,
        "quick_label": quick_label,
        "stretches_today": StretchSession.objects.filter(user=user, at__gte=start, at__lt=end)
        .exclude(status="running")
        .count(),
        "cramps_week": Cramp.objects.filter(
            user=user, started_at__gte=timezone.now() - timedelta(days=7)
        ).count(),
    }


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome! Your account is ready.")
        return redirect("home")
    return render(
        request,
        "registration/signup.html",
        {"form": form, "time_zone_names": time_zone_names()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    # A copy: a rejected form must not leave bad values on the profile the page still uses.
    profile = Profile.objects.get(pk=get_profile(request.user).pk)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("profile")
    return render(
        request,
        "recovery/profile.html",
        {"form": form, "time_zone_names": time_zone_names()},
    )


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    return redirect(static("favicon.svg"), permanent=True)


RESET_LIMIT = 5
RESET_WINDOW = timedelta(hours=1)


class ThrottledPasswordResetView(PasswordResetView):
    """Password reset, with at most 5 requests an hour from one address (kept in the
    database, so every worker counts the same requests)."""

    def post(self, request, *args, **kwargs):
        address = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104
        PasswordResetRequest.objects.filter(at__lt=timezone.now() - RESET_WINDOW).delete()
        recent = PasswordResetRequest.objects.filter(
            ip_address=address, at__gte=timezone.now() - RESET_WINDOW
        ).count()
        if recent >= RESET_LIMIT:
            form = self.get_form()
            form.is_valid()
            form.add_error(
                None,
                "Too many reset requests from here in the last hour. Please wait an hour and "
                "try again, or check your email for a link already sent.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        PasswordResetRequest.objects.create(ip_address=address)
        return super().post(request, *args, **kwargs)
