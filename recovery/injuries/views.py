"""The injury log: injuries, their symptom entries, acknowledgements and milestones.

Every query is scoped to the signed-in user; another user's object is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from anatomy import leg_map, search
from anatomy.models import Muscle
from anatomy.views import muscle_index
from recovery.common import compiled, submissions
from recovery.common.deletion import confirm_delete
from recovery.injuries import advice, guide, triage
from recovery.injuries.forms import (
    AcknowledgementForm,
    EntryForm,
    InjuryForm,
    InjuryStatusForm,
    MilestonesForm,
)
from recovery.injuries.timeline import timeline_page
from recovery.models import Acknowledgement, Injury, SymptomEntry, get_profile, injuries_with_names
from recovery.treatments.rice import rice_today
from recovery.treatments.sessions import settle_sessions


def _injury_for(request, pk):
    return get_object_or_404(Injury, pk=pk, user=request.user)


def _entry_for(request, pk):
    return get_object_or_404(
        SymptomEntry.objects.select_related("injury"), pk=pk, injury__user=request.user
    )


def _picker_map():
    muscles = list(Muscle.objects.select_related("compartment"))
    return leg_map.build(muscles, href_for=lambda muscle: f"?muscle={muscle.slug}")


@login_required
@require_safe
def injury_list(request):
    injuries = injuries_with_names(request.user.pk)
    # The same assessment as the banner's (once per request): each injury's current advice.
    advice_by_id = {item.injury.pk: item.advice for item in advice.assessed_for(request)}
    for injury in injuries:
        injury.advice = advice_by_id.get(injury.pk)
    return render(
        request,
        "recovery/injuries/injury_list.html",
        {
            "active": [i for i in injuries if i.is_active],
            "resolved": [i for i in injuries if not i.is_active],
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def injury_new(request):
    initial = {}
    if slug := request.GET.get("muscle"):
        initial["muscles"] = [slug]
    form = InjuryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        injury = form.save(commit=False)
        injury.user = request.user

        def save():
            injury.save()
            form.save_m2m()
            injury.entries.create(recorded_at=injury.onset_at, pain=form.cleaned_data["pain"])

        if not submissions.save_once(request, save):
            messages.info(request, "That injury was already logged; it is not logged twice.")
            return redirect("injuries")
        messages.success(request, "Injury logged. Add how it feels as often as you like.")
        return redirect(injury)
    return render(
        request,
        "recovery/injuries/injury_form.html",
        {"form": form, "leg_map": _picker_map(), "creating": True},
    )


MATCHES_SHOWN = 6


@login_required
@require_safe
@vary_on_headers("HX-Request")
def muscle_matches(request):
    """The injury form's type-ahead: the muscles matching what was typed (names, nicknames,
    misspellings, everyday words: the anatomy search), as buttons that choose one."""
    if not request.htmx:
        return redirect("injury_new")
    query = request.GET.get("q", "")[:200]
    matches = search.search_index(query, muscle_index())[:MATCHES_SHOWN] if query.strip() else []
    context = {"query": query.strip(), "matches": matches}
    return render(request, "recovery/injuries/injury_form.html#muscle_matches", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def injury_edit(request, pk):
    injury = _injury_for(request, pk)
    form = InjuryForm(request.POST or None, instance=injury, with_pain=False)
    status_form = InjuryStatusForm(
        request.POST or None,
        injury=injury,
        initial={"status": injury.status, "resolved_on": injury.resolved_on},
    )
    if request.method == "POST" and form.is_valid() and status_form.is_valid():
        with transaction.atomic():
            injury = form.save(commit=False)
            injury.status = status_form.cleaned_data["status"]
            injury.resolved_on = status_form.cleaned_data["resolved_on"]
            injury.save()
            form.save_m2m()
        messages.success(request, "Injury updated.")
        return redirect(injury)
    return render(
        request,
        "recovery/injuries/injury_form.html",
        {
            "form": form,
            "status_form": status_form,
            "injury": injury,
            "leg_map": _picker_map(),
            "creating": False,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def injury_delete(request, pk):
    injury = _injury_for(request, pk)
    return confirm_delete(
        request,
        injury,
        title="Delete this injury?",
        what=injury.title(),
        consequence=f"Its {injury.entries.count()} entries and everything you recorded "
        "against it will be deleted too. This cannot be undone.",
        back=injury.get_absolute_url(),
        done="injuries",
        message="The injury and all its entries were deleted.",
    )


def _injury_context(request, injury, entry_form=None, ack_form=None):
    page, items = timeline_page(injury, request.GET.get("page"))
    milestones_done = injury.milestones or {}
    injury_advice = advice.advice_for_injury(request, injury)
    now = timezone.now()
    show_rice = injury.is_active and triage.shows_rice(
        injury.onset_at, now, injury_advice.level, injury.kind
    )
    return {
        "injury": injury,
        "advice": injury_advice,
        "profile": get_profile(request.user),
        "entry_form": entry_form or EntryForm(injury=injury),
        "ack_form": ack_form or AcknowledgementForm(injury=injury),
        "page": page,
        "timeline": items,
        "recovery_rows": guide.typical_recovery(injury),
        "guide": guide.GUIDE,
        "milestones": [{**m, "done_on": milestones_done.get(m["key"])} for m in guide.MILESTONES],
        "days_since_onset": (now - injury.onset_at).days,
        "show_rice": show_rice,
        "rice_today": rice_today([injury])[injury.pk] if show_rice else None,
        "movement": triage.MOVEMENT_CARE,
        "rice_words": triage.RICE_WORDS,
        "shows_movement": injury.kind not in triage.NO_RICE_KINDS,
    }


def _injury_with_relations(request, pk):
    """The user's injury with its region, kept state and muscles (their groups: the typical
    recovery), from SQL compiled once; another user's is a 404."""
    if pk > compiled.LARGEST_ID:
        raise Http404("No such injury.")
    found = compiled.instances("injury page", _injury_row, pk=pk, user_id=request.user.pk)
    if not found:
        raise Http404("No such injury.")
    injury = found[0]
    compiled.prefetched(
        injury, "muscles", compiled.instances("injury muscles", _muscles_of, injury_id=pk)
    )
    kept = getattr(injury, "state", None)
    # The number of entries is kept on write; counted only for an injury without its state.
    injury.entry_count = kept.entry_count if kept is not None else injury.entries.count()
    return injury


def _injury_row(pk, user_id):
    return Injury.objects.select_related("region", "state").filter(pk=pk, user=user_id)


def _muscles_of(injury_id):
    return (
        Muscle.objects.filter(injuries=injury_id)
        .select_related("group")
        .only("slug", "name", "group__slug", "group__name")
    )


@login_required
@require_safe
def injury_detail(request, pk):
    injury = _injury_with_relations(request, pk)
    settle_sessions(request.user)  # an ice session that has ended shows on the timeline
    return render(request, "recovery/injuries/injury_detail.html", _injury_context(request, injury))


@login_required
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "HEAD", "POST"])
def entry_new(request, pk):
    injury = _injury_with_relations(request, pk)
    form = EntryForm(request.POST or None, injury=injury)
    if request.method == "POST" and form.is_valid():
        saved = submissions.save_once(request, form.save)  # False: sent twice, saved once
        if not request.htmx:
            messages.success(request, "Entry saved.")
            return redirect(injury)
        injury.entry_count += saved  # counted before this entry; the timeline's pages need it
        context = _injury_context(request, injury)
        context["entry_saved"] = True
        return render(request, "recovery/injuries/injury_detail.html#live", context)
    if request.htmx:
        context = _injury_context(request, injury, entry_form=form)
        return render(request, "recovery/injuries/injury_detail.html#live", context)
    return render(
        request,
        "recovery/injuries/entry_form.html",
        {"form": form, "injury": injury},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def entry_edit(request, pk):
    entry = _entry_for(request, pk)
    form = EntryForm(request.POST or None, instance=entry, injury=entry.injury)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Entry updated.")
        return redirect(entry.injury)
    return render(
        request,
        "recovery/injuries/entry_form.html",
        {"form": form, "injury": entry.injury, "entry": entry},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def entry_delete(request, pk):
    entry = _entry_for(request, pk)
    local = timezone.localtime(entry.recorded_at)
    return confirm_delete(
        request,
        entry,
        title="Delete this entry?",
        what=f"Pain {entry.pain}/10 on {local:%d %B %Y at %H:%M}",
        consequence="The advice will be worked out again without it. This cannot be undone.",
        back=entry.injury.get_absolute_url(),
        done=entry.injury.get_absolute_url(),
        message="Entry deleted.",
    )


@login_required
@require_POST
def acknowledge(request, pk):
    injury = _injury_with_relations(request, pk)
    form = AcknowledgementForm(request.POST, injury=injury)
    if form.is_valid():
        submissions.save_once(request, form.save)
        messages.success(request, f"Recorded: {form.instance.get_kind_display().lower()}.")
        return redirect(injury)
    context = _injury_context(request, injury, ack_form=form)
    return render(request, "recovery/injuries/injury_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def acknowledgement_delete(request, pk):
    ack = get_object_or_404(
        Acknowledgement.objects.select_related("injury"), pk=pk, injury__user=request.user
    )
    return confirm_delete(
        request,
        ack,
        title="Remove this from the timeline?",
        what=f"{ack.get_kind_display()} on {timezone.localtime(ack.at):%d %B %Y at %H:%M}",
        consequence="The advice will be worked out again without it.",
        back=ack.injury.get_absolute_url(),
        done=ack.injury.get_absolute_url(),
        message="Removed from the timeline.",
    )


@login_required
@require_POST
def milestones(request, pk):
    injury = _injury_for(request, pk)
    form = MilestonesForm(request.POST)
    if form.is_valid():
        today = timezone.localdate().isoformat()
        previous = injury.milestones or {}
        injury.milestones = {key: previous.get(key, today) for key in form.cleaned_data["done"]}
        injury.save(update_fields=["milestones"])
        messages.success(request, "Milestones saved.")
    else:
        messages.error(request, "Choose milestones from the list; nothing was changed.")
    return redirect(f"{injury.get_absolute_url()}#milestones")
