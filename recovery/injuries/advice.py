"""The advice for the user's injuries and cramps: gathers what the triage rules need from the
database in a fixed number of queries, and works it out once per request (`assessed_for`)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from django.contrib.auth.models import User
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest
from django.utils import timezone

from recovery.injuries import triage
from recovery.models import Acknowledgement, Cramp, Injury, SymptomEntry, get_profile


def _entries(field: str, order: list[str]) -> Subquery:
    return Subquery(
        SymptomEntry.objects.filter(injury=OuterRef("pk")).order_by(*order).values(field)[:1]
    )


def _last_ack(kind: str) -> Subquery:
    return Subquery(
        Acknowledgement.objects.filter(injury=OuterRef("pk"), kind=kind)
        .order_by("-at")
        .values("at")[:1]
    )


def with_triage_facts(injuries: QuerySet[Injury]) -> QuerySet[Injury]:
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


def entry_facts(entry: SymptomEntry | None) -> triage.EntryFacts | None:
    if entry is None:
        return None
    flags = frozenset(name for name, _ in entry.red_flags())
    return triage.EntryFacts(entry.pk, entry.recorded_at, entry.pain, flags)


def injury_facts(injury: Any, entries_by_id: Mapping[Any, SymptomEntry]) -> triage.InjuryFacts:
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
        kind=injury.kind,
    )


@dataclass
class InjuryAdvice:
    injury: Injury
    advice: triage.Advice
    latest: SymptomEntry | None


def assess(injuries: Iterable[Any], now: datetime | None = None) -> list[InjuryAdvice]:
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


def needs_attention(item: InjuryAdvice) -> bool:
    """Whether an assessed injury's advice counts for the banner (and, while active, the
    dashboard's cards): every active injury, and a resolved one with urgent or emergency
    advice. Marking an injury resolved does not silently drop its urgent advice; only recorded
    care or a newer clear entry does."""
    return item.injury.is_active or item.advice.level >= triage.Level.URGENT


def most_serious_first(assessed: Iterable[InjuryAdvice]) -> list[InjuryAdvice]:
    return sorted(assessed, key=lambda item: -item.advice.level)


def for_user(user: User, now: datetime | None = None) -> list[InjuryAdvice]:
    """The advice for each of the user's injuries that needs attention, most serious first."""
    injuries = with_triage_facts(Injury.objects.filter(user=user)).select_related("region")
    return most_serious_first([item for item in assess(injuries, now) if needs_attention(item)])


def for_injury(injury: Injury, now: datetime | None = None) -> triage.Advice:
    annotated = with_triage_facts(Injury.objects.filter(pk=injury.pk)).get()
    return assess([annotated], now)[0].advice


def for_cramps(user: User, now: datetime | None = None) -> triage.Advice:
    """Advice from the user's cramps of the last 7 days and the latest one (one query)."""
    now = now or timezone.now()
    zone = get_profile(user).zone
    mine = Cramp.objects.filter(user=user)
    latest = mine.filter(started_at__lte=now).order_by("-started_at", "-pk").values("pk")[:1]
    cramps = mine.filter(Q(started_at__gte=now - triage.CRAMP_WINDOW) | Q(pk=Subquery(latest)))
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
    profile = get_profile(user)
    return triage.assess_cramps(facts, now, profile.cramps_contacted_at, profile.cramps_care_at)


# --- once per request ------------------------------------------------------------------------
# The banner on every signed-in page and the page itself often need the same advice; these
# work it out at most once per request, kept on the request under these names.
ASSESSED = "_assessed_injuries"
CRAMP_ADVICE = "_cramp_advice"


def _signed_in(request: HttpRequest) -> User:
    return cast(User, request.user)


def assessed_for(request: HttpRequest) -> list[InjuryAdvice]:
    """The signed-in user's injuries that need attention, with their advice (`for_user`)."""
    if not hasattr(request, ASSESSED):
        setattr(request, ASSESSED, for_user(_signed_in(request)))
    return cast(list[InjuryAdvice], getattr(request, ASSESSED))


def remember_assessment(request: HttpRequest, assessed: Iterable[InjuryAdvice]) -> None:
    """A page that has already assessed every one of the user's injuries (the report) hands
    them over, so that `assessed_for` does not assess them again."""
    setattr(
        request, ASSESSED, most_serious_first([item for item in assessed if needs_attention(item)])
    )


def cramp_advice_for(request: HttpRequest) -> triage.Advice:
    """The advice from the signed-in user's recent cramps (`for_cramps`)."""
    if not hasattr(request, CRAMP_ADVICE):
        setattr(request, CRAMP_ADVICE, for_cramps(_signed_in(request)))
    return cast(triage.Advice, getattr(request, CRAMP_ADVICE))


def advice_for_injury(request: HttpRequest, injury: Injury) -> triage.Advice:
    """One injury's advice, reusing the request's assessment when it holds the injury."""
    for item in assessed_for(request):
        if item.injury.pk == injury.pk:
            return item.advice
    return for_injury(injury)
