"""The home page: an explanation for visitors, and for a signed-in user "Today": their active
injuries with advice, the daily habits, the ice timer and who to call."""

from datetime import timedelta

from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from recovery.common.days import start_of_today
from recovery.habits import hydration
from recovery.injuries import advice, triage
from recovery.insights import streaks
from recovery.models import Cramp, StretchSession, get_profile
from recovery.treatments import ice, ice_rules
from recovery.treatments.rice import rice_today
from recovery.treatments.sessions import settle_sessions


@require_safe
def home(request):
    if not request.user.is_authenticated:
        return render(request, "recovery/insights/landing.html")
    profile = get_profile(request.user)
    running = settle_sessions(request.user)
    ice_sessions, ice_minutes, last_ice_end = ice.summary(request.user)
    today = timezone.localdate()
    assessed = with_details(
        [item for item in advice.assessed_for(request) if item.injury.is_active]
    )
    context = {
        "profile": profile,
        "assessed": assessed,
        "running_ice": running.ice,
        # An ice nudge only while some injury is in its first 72 hours without urgent advice.
        "next_ice_at": (
            ice_rules.next_suggested(last_ice_end)
            if last_ice_end and any(item.rice is not None for item in assessed)
            else None
        ),
        "ice_sessions": ice_sessions,
        "ice_minutes": ice_minutes,
        **habits_today(request.user, profile),
        "streak": streaks.streak(streaks.days_logged(request.user, profile.zone, today), today),
        "today": today,
        "fluid_goal": profile.format_volume(profile.effective_fluid_goal_ml()),
        "fluid_limit": (
            profile.format_volume(profile.fluid_limit_ml)
            if profile.fluid_limit_ml is not None
            else None
        ),
    }
    return render(request, "recovery/insights/dashboard.html", context)


def with_details(assessed):
    """Add to each assessed injury what its card shows: the muscles for its title (one query
    for all), the days since it started, the pain trend and today's RICE (one query, only for
    injuries in their first 72 hours without urgent advice)."""
    injuries = [item.injury for item in assessed]
    prefetch_related_objects(injuries, "muscles")
    now = timezone.now()
    rice_shown = [
        item.injury
        for item in assessed
        if triage.shows_rice(item.injury.onset_at, now, item.advice.level, item.injury.kind)
    ]
    rice = rice_today(rice_shown) if rice_shown else {}
    for item in assessed:
        item.days_since_onset = (now - item.injury.onset_at).days
        item.trend = trend(
            item.injury.state.previous_pain, item.latest.pain if item.latest else None
        )
        item.rice = rice.get(item.injury.pk)
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
    quick_ml, quick_label = hydration.QUICK_AMOUNTS[profile.fluid_units][0]
    return {
        "fluids_text": profile.format_volume(hydration.today(user, profile)),
        "goal_text": profile.format_volume(profile.effective_fluid_goal_ml()),
        "quick_ml": quick_ml,
        "quick_label": quick_label,
        "stretches_today": StretchSession.objects.filter(
            user=user, at__gte=start_of_today(profile.zone)
        )
        .exclude(status=StretchSession.Status.RUNNING)
        .count(),
        "cramps_week": Cramp.objects.filter(
            user=user, started_at__gte=timezone.now() - timedelta(days=7)
        ).count(),
    }
