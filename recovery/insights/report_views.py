"""The provider report, and the read-only links that share it."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from recovery.injuries import advice
from recovery.insights import report
from recovery.insights.forms import ReportForm, ShareForm
from recovery.models import Injury, ShareLink, get_profile, give_muscle_names
from recovery.treatments.sessions import settle_sessions


def _report_context(user, profile, form, assessed):
    injury = form.cleaned_data["injury_obj"]
    injuries = [injury] if injury else form.injuries
    return report.build(
        user,
        profile,
        injuries,
        form.cleaned_data["start"],
        form.cleaned_data["end"],
        assessed=assessed,
        whole_log=injury is None,
    )


@login_required
@require_safe
def report_page(request):
    profile = get_profile(request.user)
    settle_sessions(request.user)
    form = ReportForm(request.GET or {"injury": "all"}, user=request.user)
    valid = form.is_valid()
    context = {
        "form": form,
        "share_form": ShareForm(),
        "links": ShareLink.objects.filter(
            user=request.user, revoked_at__isnull=True, expires_at__gt=timezone.now()
        ),
        "profile": profile,
        "shared": False,
    }
    if valid:
        assessed = advice.assess(form.injuries)  # every injury: the report's and the banner's
        context["report"] = _report_context(request.user, profile, form, assessed)
        advice.remember_assessment(request, assessed)
    return render(request, "recovery/insights/report.html", context, status=200 if valid else 400)


@login_required
@require_POST
def share_create(request):
    form = ReportForm(request.POST, user=request.user)
    share = ShareForm(request.POST)
    if form.is_valid() and share.is_valid():
        link = ShareLink.objects.create(
            user=request.user,
            injury=form.cleaned_data["injury_obj"],
            start_day=form.cleaned_data["start"],
            end_day=form.cleaned_data["end"],
            expires_at=timezone.now() + dt.timedelta(days=share.cleaned_data["days"]),
        )
        url = request.build_absolute_uri(link.get_absolute_url())
        messages.success(request, f"Share link made. Send this address to your provider: {url}")
    else:
        errors = [error for f in (form, share) for errors in f.errors.values() for error in errors]
        messages.error(request, "No link was made: " + " ".join(errors))
    return redirect(reverse("report") + "#share-heading")


@login_required
@require_POST
def share_revoke(request, pk):
    link = get_object_or_404(ShareLink, pk=pk, user=request.user)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    messages.success(request, "The link no longer works.")
    return redirect(reverse("report") + "#share-heading")


@never_cache
@require_safe
def shared_report(request, token):
    link = get_object_or_404(ShareLink.objects.select_related("user", "injury"), token=token)
    if not link.is_usable(timezone.now()):
        response = render(request, "recovery/insights/link_expired.html", status=410)
    else:
        profile = get_profile(link.user)
        settle_sessions(link.user)
        injuries = Injury.objects.filter(user=link.user)
        if link.injury_id:
            injuries = injuries.filter(pk=link.injury_id)
        injuries = give_muscle_names(list(advice.with_triage_facts(injuries)))
        with timezone.override(profile.zone):
            response = render(
                request,
                "recovery/insights/report.html",
                {
                    "report": report.build(
                        link.user,
                        profile,
                        injuries,
                        link.start_day,
                        link.end_day,
                        whole_log=link.injury_id is None,
                    ),
                    "profile": profile,
                    "shared": True,
                    "link": link,
                },
            )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
