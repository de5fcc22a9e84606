"""When to get help: the advice rules of ../shared/clinical-rules.md, section 1, as pure functions.

Nothing here reads the database or the clock: callers pass the facts and `now`, so every rule
is tested at its boundaries with a pinned time. The app never diagnoses and never says the
user is fine; the lowest level is guidance, not reassurance.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import IntEnum


class Level(IntEnum):
    SELF_CARE = 0
    CALL_PROVIDER = 1
    URGENT = 2
    EMERGENCY = 3

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]

    @property
    def css(self) -> str:
        return self.name.lower().replace("_", "-")


LEVEL_LABELS = {
    Level.EMERGENCY: "Call emergency services now",
    Level.URGENT: "Get help right away, today",
    Level.CALL_PROVIDER: "Call your provider",
    Level.SELF_CARE: "Looking after it yourself",
}

SOURCES = {
    "nhs-dvt": "NHS, DVT (deep vein thrombosis)",
    "seed-help": "Cleveland Clinic, Leg Muscles (2021): when to get help right away",
    "seed-call": "Cleveland Clinic, Leg Muscles (2021): when to call your provider",
    "nhs-strains": "NHS, Sprains and strains",
    "nhs-cramps": "NHS, Leg cramps",
    "farrar": "Farrar and others, Pain 2001: what counts as a meaningful change in pain",
    "seed-rice": "Cleveland Clinic, Leg Muscles (2021): RICE; NHS, Sprains and strains",
}

NOT_IMPROVING_AFTER = timedelta(hours=48)
STILL_NOT_IMPROVING_AFTER = timedelta(days=5)
STRAIN_UNRESOLVED_AFTER = timedelta(days=14)
CONTACT_QUIETS_FOR = timedelta(hours=48)
ENTRY_WANTED_EVERY = timedelta(hours=24)
CRAMP_LONG = timedelta(minutes=10)
CRAMP_WINDOW = timedelta(days=7)
NIGHT_CRAMP_NIGHTS = 3

# What each warning sign means, in our words; chest symptoms are handled as an emergency.
URGENT_FLAGS = {
    "calf_swelling": (
        "You logged swelling, warmth, redness or tenderness in the calf. This can come from a "
        "blood clot in a deep vein (DVT), which needs checking the same day.",
        "seed-help",
    ),
    "numbness": (
        "You logged numbness or tingling. This can mean a nerve is affected and needs "
        "checking the same day.",
        "seed-help",
    ),
    "severe_weakness": (
        "You logged severe weakness or trouble moving the lower leg. This needs checking the "
        "same day.",
        "seed-help",
    ),
    "cannot_bear_weight": (
        "You logged that you cannot put weight on the leg. This needs checking the same day.",
        "nhs-strains",
    ),
    "snap_no_tiptoe": (
        "You logged a snap or pop at the back of the calf or ankle and cannot stand on tiptoe. "
        "The Achilles tendon may be torn; this needs checking the same day.",
        "nhs-strains",
    ),
    "out_of_proportion": (
        "You logged pain far worse than the injury explains, with a tight, hard, swollen "
        "muscle. Pressure can build up inside the muscle (compartment syndrome); get help "
        "now, and do not raise the leg in the meantime.",
        "nhs-strains",
    ),
}


@dataclass(frozen=True)
class EntryFacts:
    id: int
    recorded_at: datetime  # aware
    pain: int
    flags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class InjuryFacts:
    id: int
    is_active: bool
    is_strain: bool
    onset_at: datetime
    first: EntryFacts | None = None
    highest_pain: int | None = None
    latest: EntryFacts | None = None
    last_contacted_at: datetime | None = None
    last_care_at: datetime | None = None


@dataclass(frozen=True)
class CrampFacts:
    id: int
    started_at: datetime  # aware, in the user's zone for night bucketing
    duration: timedelta
    at_night: bool
    numbness: bool = False
    swelling: bool = False


@dataclass(frozen=True)
class Reason:
    level: Level
    rule: str
    text: str
    source: str
    entry_id: int | None = None
    at: datetime | None = None

    @property
    def source_text(self) -> str:
        return SOURCES[self.source]


@dataclass
class Advice:
    reasons: list[Reason] = field(default_factory=list)
    needs_entry: bool = False
    quieted_until: datetime | None = None  # when "contacted my provider" stops quieting it

    @property
    def level(self) -> Level:
        return max((reason.level for reason in self.reasons), default=Level.SELF_CARE)

    def top_reasons(self) -> list[Reason]:
        """The reasons at the highest level: all of them are shown."""
        return [reason for reason in self.reasons if reason.level == self.level]

    def merge(self, other: "Advice") -> "Advice":
        return Advice(
            self.reasons + other.reasons,
            self.needs_entry or other.needs_entry,
            max(filter(None, [self.quieted_until, other.quieted_until]), default=None),
        )


def meaningful_improvement(reference: int, latest: int) -> bool:
    """A drop of at least 2 points or at least 30% (Farrar 2001)."""
    drop = reference - latest
    return drop >= 2 or (reference > 0 and drop * 10 >= reference * 3 and drop > 0)


def has_improved(first: int, highest: int, latest: int) -> bool:
    """Improved when the latest score dropped meaningfully from the first or highest score."""
    return meaningful_improvement(first, latest) or meaningful_improvement(highest, latest)


def _red_flag_reasons(latest: EntryFacts) -> list[Reason]:
    reasons = []
    if "chest_symptoms" in latest.flags:
        reasons.append(
            Reason(
                Level.EMERGENCY,
                "chest-with-leg",
                "You logged chest pain, shortness of breath or coughing blood together with "
                "your leg problem. This can mean a blood clot has moved to the lungs. Call "
                "emergency services now.",
                "nhs-dvt",
                latest.id,
                latest.recorded_at,
            )
        )
    for flag, (text, source) in URGENT_FLAGS.items():
        if flag in latest.flags:
            reasons.append(Reason(Level.URGENT, flag, text, source, latest.id, latest.recorded_at))
    return reasons


def _call_provider_reasons(facts: InjuryFacts, now: datetime) -> list[Reason]:
    reasons = []
    age = now - facts.onset_at
    first, latest = facts.first, facts.latest
    if (
        first is not None
        and latest is not None
        and age >= NOT_IMPROVING_AFTER
        and facts.highest_pain
        and not has_improved(first.pain, facts.highest_pain, latest.pain)
    ):
        firmer = age >= STILL_NOT_IMPROVING_AFTER
        days = age.days
        text = (
            f"It is {days} days since this started and your latest pain score "
            f"({latest.pain}/10) has still not dropped by 2 points or 30% from your first "
            f"({first.pain}/10) or highest ({facts.highest_pain}/10). Please call your "
            "provider today."
            if firmer
            else f"It is more than 2 days since this started and your latest pain score "
            f"({latest.pain}/10) has not dropped by 2 points or 30% from your first "
            f"({first.pain}/10) or highest ({facts.highest_pain}/10) score. Pain that "
            "does not ease after a day or two of rest is a reason to call your provider."
        )
        reasons.append(
            Reason(
                Level.CALL_PROVIDER,
                "not-improving-5-days" if firmer else "not-improving-48-hours",
                text,
                "seed-call",
                latest.id,
                latest.recorded_at,
            )
        )
    if facts.is_strain and age >= STRAIN_UNRESOLVED_AFTER:
        reasons.append(
            Reason(
                Level.CALL_PROVIDER,
                "strain-2-weeks",
                f"This strain started {age.days} days ago and is not marked as resolved. Most "
                "strains improve within 2 weeks; one that has not is worth showing to your "
                "provider.",
                "nhs-strains",
                at=facts.onset_at,
            )
        )
    return reasons


SELF_CARE = Reason(
    Level.SELF_CARE,
    "self-care",
    "Keep logging how it feels. Rest it; ice it for up to 20 minutes at a time with a cloth "
    "between the ice and your skin; a compression bandage and raising the leg can help. Watch "
    "for the warning signs in the entry form.",
    "seed-rice",
)


def assess_injury(facts: InjuryFacts, now: datetime) -> Advice:
    """The advice for one injury at `now`."""
    advice = Advice()
    latest = facts.latest
    if latest is not None and (
        facts.last_care_at is None or facts.last_care_at < latest.recorded_at
    ):
        advice.reasons.extend(_red_flag_reasons(latest))
    if facts.is_active:
        call_reasons = _call_provider_reasons(facts, now)
        contacted = facts.last_contacted_at
        if call_reasons and contacted is not None and now - contacted < CONTACT_QUIETS_FOR:
            advice.quieted_until = contacted + CONTACT_QUIETS_FOR
        else:
            advice.reasons.extend(call_reasons)
        advice.needs_entry = latest is None or now - latest.recorded_at >= ENTRY_WANTED_EVERY
    if not advice.reasons:
        advice.reasons.append(SELF_CARE)
    return advice


def night_of(moment: datetime) -> date:
    """The night a time belongs to: from noon one day to noon the next, in its own zone."""
    return (moment - timedelta(hours=12)).date()


def assess_cramps(
    cramps: Iterable[CrampFacts], now: datetime, last_contacted_at: datetime | None = None
) -> Advice:
    """Advice from the user's cramps in the last 7 days."""
    recent = [c for c in cramps if now - CRAMP_WINDOW <= c.started_at <= now]
    reasons = []
    for cramp in recent:
        if cramp.duration > CRAMP_LONG:
            minutes = int(cramp.duration.total_seconds() // 60)
            reasons.append(
                Reason(
                    Level.CALL_PROVIDER,
                    "cramp-over-10-minutes",
                    f"You logged a cramp that lasted {minutes} minutes. A cramp longer than 10 "
                    "minutes is a reason to call your provider.",
                    "nhs-cramps",
                    cramp.id,
                    cramp.started_at,
                )
            )
        if cramp.numbness or cramp.swelling:
            reasons.append(
                Reason(
                    Level.CALL_PROVIDER,
                    "cramp-with-numbness-or-swelling",
                    "You logged a cramp with numbness or swelling. Cramps with either are a "
                    "reason to call your provider.",
                    "nhs-cramps",
                    cramp.id,
                    cramp.started_at,
                )
            )
    nights = {night_of(c.started_at) for c in recent if c.at_night}
    if len(nights) >= NIGHT_CRAMP_NIGHTS:
        reasons.append(
            Reason(
                Level.CALL_PROVIDER,
                "night-cramps",
                f"You logged night cramps on {len(nights)} nights in the last 7 days. Cramps "
                "that keep disturbing your sleep are a reason to call your provider.",
                "nhs-cramps",
            )
        )
    advice = Advice()
    if reasons and last_contacted_at is not None and now - last_contacted_at < CONTACT_QUIETS_FOR:
        advice.quieted_until = last_contacted_at + CONTACT_QUIETS_FOR
    else:
        advice.reasons.extend(reasons)
    return advice
