"""The home page: an explanation for visitors, and for a signed-in user "Today": their active
injuries with advice, the daily habits, the ice timer and who to call."""

import datetime as dt

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from recovery.habits import cramp_timer, hydration
from recovery.injuries import advice, triage
from recovery.insights import sparkline, streaks
from recovery.insights.pain_days import daily_pain_series
from recovery.insights.today import today
from recovery.models import get_profile, give_muscle_names
from recovery.rehab.forms import MorningForm
from recovery.rehab.today import exercises_today
from recovery.reminders import inbox
from recovery.treatments import ice_rules
from recovery.treatments.sessions import Running, settle_sessions


@require_safe
def home(request):
    if not request.user.is_authenticated:
        return render(request, "recovery/insights/landing.html")
    profile = get_profile(request.user)
    now = timezone.now()
    active = [item for item in advice.assessed_for(request) if item.injury.is_active]
    rice_shown = [
        item.injury
        for item in active
        if triage.shows_rice(item.injury.onset_at, now, item.advice.level, item.injury.kind)
    ]
    numbers = today(request.user, rice_shown, now)
    if numbers.running:
        running = settle_sessions(request.user, now, running_ids=numbers.running)
        if len(numbers.running) != running.count:
            numbers = today(request.user, rice_shown, now)  # a session just ended: count it
    else:
        running = Running()
    day = timezone.localdate()
    context = {
        "profile": profile,
        "assessed": with_sparklines(with_details(active, numbers.rice, now), profile.zone, day),
        "running_ice": running.ice,
        "running_exercise": running.exercise,
        # An ice nudge only while some injury is in its first 72 hours without urgent advice.
        "next_ice_at": (
            ice_rules.next_suggested(numbers.last_ice_end)
            if numbers.last_ice_end and rice_shown
            else None
        ),
        # The dashboard's ice button is for the newest injury still in its first 72 hours.
        "ice_injury": max(rice_shown, key=lambda injury: injury.onset_at, default=None),
        "rice_words": triage.RICE_WORDS,
        "ice_sessions": numbers.ice_sessions,
        "ice_minutes": numbers.ice_minutes,
        **habits_today(profile, numbers),
        **cramp_timer.timer_context(request),
        **with_morning_forms(exercises_today([item.injury for item in active], profile.zone, day)),
        "streak": streaks.streak(streaks.days_logged(request.user, profile.zone, day), day),
        "today": day,
        "reminders": inbox.listed(request.user, now),
        "fluid_goal": profile.format_volume(profile.effective_fluid_goal_ml()),
        "fluid_limit": (
            profile.format_volume(profile.fluid_limit_ml)
            if profile.fluid_limit_ml is not None
            else None
        ),
    }
    return render(request, "recovery/insights/dashboard.html", context)


def with_morning_forms(exercises):
    """Each next-morning question with a form of its own ids (one per injury waiting)."""
    exercises["mornings"] = [
        (injury, session_pk, MorningForm(auto_id=f"id_morning_{injury.pk}_%s"))
        for injury, session_pk in exercises["mornings"]
    ]
    return exercises


def with_sparklines(assessed, zone, day):
    """Give each assessed injury the sparkline of its last 7 days up to `day` (`spark`, None
    without entries in them): one query for all."""
    first = day - dt.timedelta(days=sparkline.DAYS - 1)
    start = dt.datetime.combine(first, dt.time(), tzinfo=zone)
    series = daily_pain_series([item.injury for item in assessed], zone, start=start)
    for item in assessed:
        days = series[item.injury.pk]
        item.spark = sparkline.sparkline(days["days"], days["pain"], day)
    return assessed


def with_details(assessed, rice, now):
    """Add to each assessed injury what its card shows: the muscles for its title (one query
    for all), the days since it started, the pain trend and today's RICE (from `today`, only
    for injuries in their first 72 hours without urgent advice)."""
    give_muscle_names([item.injury for item in assessed])
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


def habits_today(profile, numbers):
    """Today's drinks, stretches and this week's cramps, for the dashboard."""
    quick_ml, quick_label = hydration.QUICK_AMOUNTS[profile.fluid_units][0]
    return {
        "fluids_text": profile.format_volume(numbers.fluids_ml),
        "goal_text": profile.format_volume(profile.effective_fluid_goal_ml()),
        "quick_ml": quick_ml,
        "quick_label": quick_label,
        "stretches_today": numbers.stretches,
        "cramps_week": numbers.cramps_week,
    }
