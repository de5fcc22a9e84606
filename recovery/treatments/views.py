"""The treatment log: rest, ice, compression, elevation, massage, medicines, therapy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from recovery.common import submissions
from recovery.common.deletion import confirm_delete
from recovery.injuries import triage
from recovery.models import Treatment
from recovery.treatments.forms import TreatmentForm
from recovery.treatments.history import treatment_page
from recovery.treatments.sessions import settle_sessions


def _treatment_for(request, pk):
    return get_object_or_404(Treatment, pk=pk, user=request.user)


@login_required
@require_safe
def treatment_list(request):
    settle_sessions(request.user)
    page = treatment_page(request.user, request.GET.get("page"))
    return render(request, "recovery/treatments/treatment_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
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
        first = submissions.save_once(request, treatment.save)  # sent twice, logged once
        messages.success(request, f"{treatment.get_kind_display()} logged.")
        if first:
            _caution_early_massage(request, treatment)
        return redirect(treatment.injury or "treatments")
    return render(request, "recovery/treatments/treatment_form.html", {"form": form})


def _caution_early_massage(request, treatment):
    """Massage is one of the things to avoid in the first 2 to 3 days (clinical rules, 2)."""
    injury = treatment.injury
    if (
        treatment.kind == Treatment.Kind.MASSAGE
        and injury is not None
        and triage.in_rice_window(injury.onset_at, treatment.at)
    ):
        messages.warning(
            request,
            "In the first 2 to 3 days after an injury, massage is best avoided, like heat, alcohol "
            "and running: it can add to the swelling. Source: NHS, Sprains and strains.",
        )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def treatment_edit(request, pk):
    treatment = _treatment_for(request, pk)
    form = TreatmentForm(request.POST or None, instance=treatment, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Treatment updated.")
        return redirect(treatment.injury or "treatments")
    return render(
        request, "recovery/treatments/treatment_form.html", {"form": form, "treatment": treatment}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
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
