"""The provider report, and the read-only links that share it."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from recovery import advice, report
from recovery.models import SHARE_DEFAULT_DAYS, SHARE_MAX_DAYS, Injury, ShareLink, get_profile


class ReportForm(forms.Form):
    injury = forms.ChoiceField(label="Injury", required=False)
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.injuries = list(
            advice.with_triage_facts(Injury.objects.filter(user=user)).prefetch_related("muscles")
        )
        self.fields["injury"].choices = [("all", "All injuries")] + [
            (str(injury.pk), injury.title()) for injury in self.injuries
        ]

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("injury") or "all"
        injury = next((i for i in self.injuries if str(i.pk) == chosen), None)
        cleaned["injury_obj"] = injury
        today = timezone.localdate()
        default_start, default_end = report.default_days(injury, today)
        start = cleaned.get("start") or default_start
        end = cleaned.get("end") or default_end
        if end > today:
            self.add_error("end", "Choose today or an earlier day.")
        if start > end:
            self.add_error("start", "The first day must be on or before the last day.")
        if (end - start).days > 3660:
            self.add_error("start", "Choose a range of at most ten years.")
        cleaned["start"], cleaned["end"] = start, end
        return cleaned


class ShareForm(forms.Form):
    days = forms.IntegerField(
        label="Link works for (days)",
        initial=SHARE_DEFAULT_DAYS,
        min_value=1,
        max_value=SHARE_MAX_DAYS,
        error_messages={
            "invalid": f"Enter a whole number of days from 1 to {SHARE_MAX_DAYS}.",
            "min_value": f"Enter a whole number of days from 1 to {SHARE_MAX_DAYS}.",
            "max_value": f"A link can work for at most {SHARE_MAX_DAYS} days.",
        },
    )


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
    )


def share_assessment_with_banner(request, assessed):
    """The report has assessed every one of the user's injuries: the banner reuses that
    instead of assessing the active ones again."""
    active = [  # as advice.for_user: active injuries, and resolved ones with a warning sign
        item
        for item in assessed
        if item.injury.is_active or (item.latest is not None and item.latest.red_flags())
    ]
    active.sort(key=lambda item: -item.advice.level)
    request._assessed_injuries = active


@login_required
@require_GET
def report_page(request):
    profile = get_profile(request.user)
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
        share_assessment_with_banner(request, assessed)
    return render(request, "recovery/report.html", context, status=200 if valid else 400)


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
@require_GET
def shared_report(request, token):
    link = get_object_or_404(ShareLink.objects.select_related("user", "injury"), token=token)
    if not link.is_usable(timezone.now()):
        response = render(request, "recovery/link_expired.html", status=410)
    else:
        profile = get_profile(link.user)
        injuries = Injury.objects.filter(user=link.user)
        if link.injury_id:
            injuries = injuries.filter(pk=link.injury_id)
        injuries = list(advice.with_triage_facts(injuries).prefetch_related("muscles"))
        with timezone.override(profile.zone):
            response = render(
                request,
                "recovery/report.html",
                {
                    "report": report.build(
                        link.user, profile, injuries, link.start_day, link.end_day
                    ),
                    "profile": profile,
                    "shared": True,
                    "link": link,
                },
            )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
