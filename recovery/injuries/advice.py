"""The advice for the user's injuries and cramps: gathers what the triage rules need from the
database in a fixed number of queries, and works it out once per request (`assessed_for`)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from recovery.common.compiled import instances
from recovery.injuries import triage
from recovery.models import CrampState, Injury, InjuryState, get_profile


def with_triage_facts(injuries: QuerySet[Injury]) -> QuerySet[Injury]:
    """The injuries with the facts their advice needs, kept on write (InjuryState): one join."""
    return injuries.select_related("state")


def _state(injury: Injury) -> InjuryState:
    """The injury's kept facts. A missing row (an injury written around the models' saves) is
    worked out on the spot rather than read as "no entries": a warning sign is never lost."""
    try:
        return injury.state
    except InjuryState.DoesNotExist:
        InjuryState.refresh(injury.pk)
        injury.state = InjuryState.objects.get(pk=injury.pk)
        return injury.state


def injury_facts(injury: Injury) -> triage.InjuryFacts:
    state = _state(injury)
    first = latest = None
    if state.first_entry_id is not None and state.first_at and state.first_pain is not None:
        first = triage.EntryFacts(state.first_entry_id, state.first_at, state.first_pain)
    if state.latest_entry_id is not None and state.latest_at and state.latest_pain is not None:
        latest = triage.EntryFacts(
            state.latest_entry_id, state.latest_at, state.latest_pain, frozenset(state.latest_flags)
        )
    return triage.InjuryFacts(
        id=injury.pk,
        is_active=injury.is_active,
        is_strain=injury.is_strain,
        onset_at=injury.onset_at,
        first=first,
        highest_pain=state.highest_pain,
        latest=latest,
        last_contacted_at=state.last_contacted_at,
        last_care_at=state.last_care_at,
        kind=injury.kind,
    )


@dataclass
class InjuryAdvice:
    injury: Injury
    advice: triage.Advice
    latest: triage.EntryFacts | None  # the latest entry: its pain, time and warning signs


def assess(injuries: Iterable[Injury], now: datetime | None = None) -> list[InjuryAdvice]:
    """Advice for each injury read with `with_triage_facts`: no query of its own."""
    now = now or timezone.now()
    assessed = []
    for injury in injuries:
        facts = injury_facts(injury)
        assessed.append(InjuryAdvice(injury, triage.assess_injury(facts, now), facts.latest))
    return assessed


def needs_attention(item: InjuryAdvice) -> bool:
    """Whether an assessed injury's advice counts for the banner (and, while active, the
    dashboard's cards): every active injury, and a resolved one with urgent or emergency
    advice. Marking an injury resolved does not silently drop its urgent advice; only recorded
    care or a newer clear entry does."""
    return item.injury.is_active or item.advice.level >= triage.Level.URGENT


def most_serious_first(assessed: Iterable[InjuryAdvice]) -> list[InjuryAdvice]:
    return sorted(assessed, key=lambda item: -item.advice.level)


def _injuries_with_facts(user_id: int) -> QuerySet[Injury]:
    return with_triage_facts(Injury.objects.filter(user=user_id)).select_related("region")


def injuries_of(user: User) -> list[Injury]:
    """All the user's injuries, newest first, with their triage facts and region (the SQL
    compiled once: every signed-in page's banner asks)."""
    return cast(
        list[Injury], instances("injuries with facts", _injuries_with_facts, user_id=user.pk)
    )


def for_user(user: User, now: datetime | None = None) -> list[InjuryAdvice]:
    """The advice for each of the user's injuries that needs attention, most serious first."""
    injuries = injuries_of(user)
    return most_serious_first([item for item in assess(injuries, now) if needs_attention(item)])


def for_injury(injury: Injury, now: datetime | None = None) -> triage.Advice:
    fresh = with_triage_facts(Injury.objects.filter(pk=injury.pk)).get()
    return assess([fresh], now)[0].advice


def for_cramps(user: User, now: datetime | None = None) -> triage.Advice:
    """Advice from the user's kept cramps (CrampState, read with the user: no query)."""
    now = now or timezone.now()
    profile = get_profile(user)
    facts = [
        triage.CrampFacts(
            cramp["id"],
            datetime.fromisoformat(cramp["started_at"]).astimezone(profile.zone),
            timedelta(seconds=cramp["duration_seconds"]),
            cramp["at_night"],
            cramp["numbness"],
            cramp["swelling"],
        )
        for cramp in CrampState.for_user(user)
    ]
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
