"""The reminders page (each kind's time, days, channels and switch; quiet hours; this
device's push), closing a reminder listed in the app, the daily check-in switch of an injury,
the one-click unsubscribe of reminder emails, and the browser's push subscription."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from recovery.models import (
    Injury,
    PushSubscription,
    Reminder,
    ReminderKind,
    get_profile,
)
from recovery.reminders import due, email, push, words
from recovery.reminders.forms import QuietForm, ReminderSettingForm

MOST_SUBSCRIPTION_BYTES = 4000
MOST_DEVICES = 20


def _forms(request, data=None):
    found = due.settings_of(request.user)
    kinds = [
        ReminderSettingForm(data, instance=found[kind], prefix=kind, user=request.user)
        for kind in ReminderKind
    ]
    for form in kinds:
        form.about = words.ABOUT[form.kind]
    return kinds, QuietForm(data, instance=get_profile(request.user), prefix="quiet")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reminders(request):
    kinds, quiet = _forms(request, request.POST if request.method == "POST" else None)
    # Every form checked (not stopping at the first wrong one): each shows its own errors.
    if request.method == "POST" and all([form.is_valid() for form in [*kinds, quiet]]):
        with transaction.atomic():
            for form in kinds:
                form.save()
            quiet.save()
        messages.success(request, "Reminders saved: the changes count from the next one.")
        return redirect("reminders")
    context = {
        "kinds": kinds,
        "quiet": quiet,
        "push_key": settings.WEBPUSH_PUBLIC_KEY if push.enabled() else "",
        "devices": PushSubscription.objects.filter(user=request.user).count(),
        "has_email": bool(request.user.email),
        "has_errors": any(form.errors for form in [*kinds, quiet]),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "recovery/reminders/reminders.html", context, status=status)


@login_required
@require_POST
def reminder_close(request, pk):
    """Done or dismissed: either way it leaves the list."""
    reminder = get_object_or_404(Reminder, pk=pk, user=request.user)
    if reminder.closed_at is None:
        reminder.closed_at = timezone.now()
        reminder.save(update_fields=["closed_at"])
    return redirect("home")


@login_required
@require_POST
def injury_check_in(request, pk):
    """The daily check-in reminder for one injury: on or off."""
    injury = get_object_or_404(Injury, pk=pk, user=request.user)
    injury.remind_daily = request.POST.get("remind_daily") == "on"
    injury.save(update_fields=["remind_daily"])
    state = "on" if injury.remind_daily else "off"
    messages.success(request, f"The daily check-in reminder for this injury is {state}.")
    return redirect(injury)


def _setting_for_token(token):
    """The email setting the unsubscribe link was signed for; None for a link not ours."""
    found = email.read_token(token)
    if not found or found["kind"] not in ReminderKind.values:
        return None
    user = get_user_model().objects.filter(pk=found["user"]).first()
    return due.settings_of(user)[found["kind"]] if user else None


@csrf_exempt  # a mail program's one-click POST (RFC 8058) carries no token: the link is signed
@require_http_methods(["GET", "HEAD", "POST"])
def reminder_unsubscribe(request, token):
    """The link in a reminder email: a page with a button (a link checker's GET changes
    nothing), or the mail program's one-click POST; either way, no sign-in needed."""
    setting = _setting_for_token(token)
    if setting is None:
        return render(request, "recovery/reminders/unsubscribe.html", {"broken": True}, status=404)
    if request.method == "POST":
        setting.by_email = False
        setting.save()
    context = {"kind": setting.get_kind_display(), "done": not setting.by_email}
    return render(request, "recovery/reminders/unsubscribe.html", context)


def _subscription(request):
    """(endpoint, p256dh, auth) from the browser's subscription as JSON; None when unusable."""
    if len(request.body) > MOST_SUBSCRIPTION_BYTES:
        return None
    try:
        return push.checked_subscription(json.loads(request.body))
    except ValueError:
        return None


@login_required
@require_POST
def push_subscribe(request):
    found = _subscription(request)
    if found is None:
        return _refused(
            "Not a push subscription this app can use: an https push service address and its keys."
        )
    others = PushSubscription.objects.filter(user=request.user).exclude(endpoint=found[0])
    if others.count() >= MOST_DEVICES:  # a browser already kept is saved again whatever
        return _refused(
            f"Notifications can be on for {MOST_DEVICES} devices at most: turn them off on one."
        )
    push.save_subscription(request.user, *found)
    return JsonResponse({"saved": True})


def _refused(reason):
    """The page shows `reason` under the notifications switch."""
    return JsonResponse({"saved": False, "reason": reason}, status=400)


@login_required
@require_POST
def push_unsubscribe(request):
    try:
        endpoint = json.loads(request.body)["endpoint"]
    except (ValueError, KeyError, TypeError):
        return _refused("Send the endpoint of the subscription to forget.")
    PushSubscription.objects.filter(user=request.user, endpoint=str(endpoint)).delete()
    return JsonResponse({"saved": False})
