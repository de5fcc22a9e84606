"""Gathers what the triage rules need from the database, in a fixed number of queries."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from recovery import triage
from recovery.models import Acknowledgement, Cramp, Injury, SymptomEntry, get_profile


def _entries(field, order):
    return Subquery(
        SymptomEntry.objects.filter(injury=OuterRef("pk")).order_by(*order).values(field)[:1]
    )


def _last_ack(kind):
    return Subquery(
        Acknowledgement.objects.filter(injury=OuterRef("pk"), kind=kind)
        .order_by("-at")
        .values("at")[:1]
    )


def with_triage_facts(injuries):
    """Annotate an injury queryset with the first, latest and highest entries and acks."""
    return injuries.annotate(
        first_entry_id=_entries("pk", ["recorded_at", "pk"]),
        latest_entry_id=_entries("pk", ["-recorded_at", "-pk"]),
        highest_pain=_entries("pain", ["-pain"]),
        previous_pain=Subquery(
            SymptomEntry.objects.filter(injury=OuterRef("pk"))
            .order_by("-recorded_at", "-pk")
            .values("pain")[1:2]
        ),
        last_contacted_at=_last_ack(Acknowledgement.Kind.CONTACTED_PROVIDER),
        last_care_at=_last_ack(Acknowledgement.Kind.GOT_CARE),
    )


def entry_facts(entry):
    if entry is None:
        return None
    flags = frozenset(name for name, _ in entry.red_flags())
    return triage.EntryFacts(entry.pk, entry.recorded_at, entry.pain, flags)


def injury_facts(injury, entries_by_id):
    return triage.InjuryFacts(
        id=injury.pk,
        is_active=injury.is_active,
        is_strain=injury.is_strain,
        onset_at=injury.onset_at,
        first=entry_facts(entries_by_id.get(injury.first_entry_id)),
        highest_pain=injury.highest_pain,
        latest=entry_facts(entries_by_id.get(injury.latest_entry_id)),
        last_contacted_at=injury.last_contacted_at,
        last_care_at=injury.last_care_at,
    )


@dataclass
class InjuryAdvice:
    injury: Injury
    advice: triage.Advice
    latest: SymptomEntry | None


def assess(injuries, now=None):
    """Advice for each annotated injury: two queries however many injuries and entries."""
    now = now or timezone.now()
    injuries = list(injuries)
    ids = {i.first_entry_id for i in injuries} | {i.latest_entry_id for i in injuries}
    entries = SymptomEntry.objects.in_bulk([pk for pk in ids if pk is not None])
    return [
        InjuryAdvice(
            injury,
            triage.assess_injury(injury_facts(injury, entries), now),
            entries.get(injury.latest_entry_id),
        )
        for injury in injuries
    ]


def any_red_flag():
    condition = Q()
    for name in SymptomEntry.RED_FLAGS:
        condition |= Q(**{name: True})
    return condition


def for_user(user, now=None):
    """The advice for each of the user's active injuries, most serious first, and for any
    resolved one whose latest entry has a warning sign: marking an injury resolved does not
    silently drop its urgent advice (only recorded care or a newer clear entry does)."""
    latest_flagged = Exists(
        SymptomEntry.objects.filter(pk=OuterRef("latest_entry_id")).filter(any_red_flag())
    )
    injuries = with_triage_facts(Injury.objects.filter(user=user)).filter(
        Q(status=Injury.Status.ACTIVE) | latest_flagged
    )
    assessed = assess(injuries.select_related("region"), now)
    assessed.sort(key=lambda item: -item.advice.level)
    return assessed


def for_injury(injury, now=None):
    annotated = with_triage_facts(Injury.objects.filter(pk=injury.pk)).get()
    return assess([annotated], now)[0].advice


def for_cramps(user, now=None):
    """Advice from the user's cramps of the last 7 days (one query)."""
    now = now or timezone.now()
    zone = get_profile(user).zone
    cramps = Cramp.objects.filter(user=user, started_at__gte=now - triage.CRAMP_WINDOW)
    facts = [
        triage.CrampFacts(
            cramp.pk,
            cramp.started_at.astimezone(zone),
            timedelta(seconds=cramp.duration_seconds),
            cramp.at_night,
            cramp.numbness,
            cramp.swelling,
        )
        for cramp in cramps
    ]
    return triage.assess_cramps(facts, now, get_profile(user).cramps_contacted_at)


@dataclass
class Banner:
    """The most serious current advice, for the top of every signed-in page."""

    level: triage.Level
    reasons: list
    url: str

    @property
    def reason(self):
        return self.reasons[0]


def banner_for(assessed, cramp_advice=None):
    candidates = [(item.advice, item.injury.get_absolute_url() + "#advice") for item in assessed]
    if cramp_advice is not None:
        candidates.append((cramp_advice, reverse("cramps") + "#advice"))
    serious = [pair for pair in candidates if pair[0].level >= triage.Level.CALL_PROVIDER]
    if not serious:
        return None
    advice, url = max(serious, key=lambda pair: pair[0].level)
    return Banner(advice.level, advice.top_reasons(), url)
