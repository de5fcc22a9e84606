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
    "nhs-compartment": "NHS, Compartment syndrome",
    "nhs-cauda-equina": "NHS, Cauda equina syndrome",
    "nhs-stroke": "NHS, Stroke: symptoms (FAST)",
    "seed-help": "Cleveland Clinic, Leg Muscles (2021): when to get help right away",
    "seed-call": "Cleveland Clinic, Leg Muscles (2021): when to call your provider",
    "seed-foot-drop": "Cleveland Clinic, Leg Muscles (2021): foot drop; NHS, Foot drop",
    "nhs-strains": "NHS, Sprains and strains",
    "nhs-cramps": "NHS, Leg cramps",
    "farrar": "Farrar and others, Pain 2001: what counts as a meaningful change in pain",
    "seed-rice": "Cleveland Clinic, Leg Muscles (2021): RICE; NHS, Sprains and strains; "
    "nidirect, Sprains and strains (what to avoid; compression)",
    "peace-love": "NHS, Sprains and strains; Dubois and Esculier, British Journal of Sports "
    "Medicine 2020 (PEACE & LOVE)",
}

NOT_IMPROVING_AFTER = timedelta(hours=48)
STILL_NOT_IMPROVING_AFTER = timedelta(days=5)
STRAIN_UNRESOLVED_AFTER = timedelta(days=14)
CONTACT_QUIETS_FOR = timedelta(hours=48)
ENTRY_WANTED_EVERY = timedelta(hours=24)
RICE_WINDOW = timedelta(hours=72)  # RICE, and what to avoid, only in the first 2 to 3 days
CRAMP_LONG = timedelta(minutes=10)
CRAMP_WINDOW = timedelta(days=7)
NIGHT_CRAMP_NIGHTS = 3
CRAMP_DAYS_MOST = 4  # cramps on most days: 4 or more of the last 7

# What each warning sign of a symptom entry means, in our words: (level, text, source). The
# questions the form asks are SymptomEntry.RED_FLAGS; a guard test keeps the two in step.
CALL_EMERGENCY = "Call emergency services now."
WARNING_SIGNS: dict[str, tuple[Level, str, str]] = {
    "chest_symptoms": (
        Level.EMERGENCY,
        "You logged chest pain, shortness of breath or coughing blood together with your leg "
        "problem. This can mean a blood clot has moved to the lungs. " + CALL_EMERGENCY,
        "nhs-dvt",
    ),
    "out_of_proportion": (
        Level.EMERGENCY,
        "You logged pain far worse than the injury explains, with a tight, hard, swollen "
        "muscle. Pressure may be building up inside the muscle (compartment syndrome). "
        + CALL_EMERGENCY
        + " Meanwhile loosen or take off any bandage, and do not raise the leg.",
        "nhs-compartment",
    ),
    "rising_pain": (
        Level.EMERGENCY,
        "You logged pain that keeps getting worse since the injury, or under a cast or a tight "
        "bandage. Pressure may be building up inside the muscle (compartment syndrome). "
        + CALL_EMERGENCY
        + " Meanwhile loosen or take off any bandage, and do not raise the leg.",
        "nhs-compartment",
    ),
    "cold_limb": (
        Level.EMERGENCY,
        "You logged a leg or foot that has gone cold, pale, blue or grey. Its blood supply may "
        "be blocked. " + CALL_EMERGENCY,
        "nhs-strains",
    ),
    "saddle_numbness": (
        Level.EMERGENCY,
        "You logged numbness between your inner thighs, around your genitals or buttocks. With "
        "back or leg pain this can mean the nerves at the bottom of the spine are squeezed "
        "(cauda equina syndrome). " + CALL_EMERGENCY,
        "nhs-cauda-equina",
    ),
    "bladder_bowel": (
        Level.EMERGENCY,
        "You logged new trouble passing urine or controlling your bladder or bowels. With back "
        "or leg pain this can mean the nerves at the bottom of the spine are squeezed (cauda "
        "equina syndrome). " + CALL_EMERGENCY,
        "nhs-cauda-equina",
    ),
    "both_legs_weak": (
        Level.EMERGENCY,
        "You logged weakness in both legs. With back or leg pain this can mean the nerves at "
        "the bottom of the spine are squeezed (cauda equina syndrome). " + CALL_EMERGENCY,
        "nhs-cauda-equina",
    ),
    "stroke_signs": (
        Level.EMERGENCY,
        "You logged a drooping face, a weak arm or slurred speech. Together with a foot that "
        "suddenly drops, or on their own, these can be signs of a stroke. "
        + CALL_EMERGENCY
        + " Note the time they started.",
        "nhs-stroke",
    ),
    "calf_swelling": (
        Level.URGENT,
        "You logged swelling in one calf, thigh or the whole leg, or warmth, redness or "
        "tenderness there. This can come from a blood clot in a deep vein (DVT), which needs "
        "checking the same day.",
        "nhs-dvt",
    ),
    "hard_veins": (
        Level.URGENT,
        "You logged swollen veins that feel hard or sore. This can come from a blood clot "
        "(DVT), which needs checking the same day.",
        "nhs-dvt",
    ),
    "numbness": (
        Level.URGENT,
        "You logged numbness or tingling. This can mean a nerve is affected and needs checking "
        "the same day.",
        "seed-help",
    ),
    "severe_weakness": (
        Level.URGENT,
        "You logged severe weakness or trouble moving the lower leg. This needs checking the "
        "same day.",
        "seed-help",
    ),
    "foot_drop": (
        Level.URGENT,
        "You logged that the front of your foot will not lift or it drags. New foot drop can "
        "come from a nerve problem and needs checking the same day.",
        "seed-foot-drop",
    ),
    "cannot_bear_weight": (
        Level.URGENT,
        "You logged that you cannot put weight on the leg. This needs checking the same day.",
        "nhs-strains",
    ),
    "snap_no_tiptoe": (
        Level.URGENT,
        "You logged a snap or pop at the back of the calf or ankle and cannot stand on tiptoe. "
        "The Achilles tendon may be torn; this needs checking the same day.",
        "nhs-strains",
    ),
    "deformed": (
        Level.URGENT,
        "You logged that the leg has changed shape or points at an odd angle, or that you heard "
        "a crack. A bone may be broken; this needs checking the same day.",
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
    kind: str = ""  # Injury.Kind value; "foot_drop" is an urgent reason until care is recorded

    @property
    def is_foot_drop(self) -> bool:
        return self.kind == FOOT_DROP


FOOT_DROP = "foot_drop"  # Injury.Kind values; a guard test keeps them in step
CRAMP = "cramp"
NO_RICE_KINDS = {FOOT_DROP, CRAMP}  # a nerve problem and a cramp: no RICE or loading cards


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
    has_entry: bool = False  # "no entry yet" and "no entry in 24 hours" read differently
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
            self.has_entry or other.has_entry,
            max(filter(None, [self.quieted_until, other.quieted_until]), default=None),
        )


def meaningful_improvement(reference: int, latest: int) -> bool:
    """A drop of at least 2 points or at least 30% (Farrar 2001)."""
    drop = reference - latest
    return drop >= 2 or (reference > 0 and drop * 10 >= reference * 3 and drop > 0)


def has_improved(first: int, highest: int, latest: int) -> bool:
    """Improving: the latest score is meaningfully lower than the highest, and no higher than
    the first (section 3). Pain 4, then 7, then 5 is not improving."""
    return meaningful_improvement(highest, latest) and latest <= first


def _warning_sign_reasons(latest: EntryFacts) -> list[Reason]:
    return [
        Reason(level, flag, text, source, latest.id, latest.recorded_at)
        for flag, (level, text, source) in WARNING_SIGNS.items()
        if flag in latest.flags
    ]


def _not_improving_text(first: int, highest: int, latest: int, days: int, firmer: bool) -> str:
    if latest > first:
        why = f"your latest pain score ({latest}/10) is higher than your first ({first}/10)"
    else:
        why = (
            f"your latest pain score ({latest}/10) is not 2 points or 30% lower than your "
            f"highest ({highest}/10)"
        )
    if firmer:
        return f"It is {days} days since this started and {why}. Please call your provider today."
    return (
        f"It is more than 2 days since this started and {why}. Pain that does not ease after a "
        "day or two of rest is a reason to call your provider."
    )


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
        reasons.append(
            Reason(
                Level.CALL_PROVIDER,
                "not-improving-5-days" if firmer else "not-improving-48-hours",
                _not_improving_text(first.pain, facts.highest_pain, latest.pain, age.days, firmer),
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


def in_rice_window(onset_at: datetime, now: datetime) -> bool:
    """RICE is for the first 2 to 3 days: true until 72 hours after onset."""
    return now - onset_at < RICE_WINDOW


def shows_rice(onset_at: datetime, now: datetime, level: Level, kind: str = "") -> bool:
    """Whether the RICE to-dos show: for an injury to a muscle (not foot drop or a cramp), in
    the first 72 hours, and not while urgent or emergency advice stands (then the user should
    be getting help, not ticking boxes)."""
    return kind not in NO_RICE_KINDS and in_rice_window(onset_at, now) and level < Level.URGENT


WATCH = "Keep logging how it feels, and watch for the warning signs in the entry form."
# Beside RICE wherever it shows (section 2): what to avoid, and how to wear compression.
AVOID_EARLY = "heat (hot baths, heat packs), alcohol, running and massage"
COMPRESSION = (
    "snug but not tight; take it off before sleeping, and loosen it at once if your toes "
    "tingle, go numb, or turn pale, blue or cold"
)
RICE_WORDS = {"avoid": AVOID_EARLY, "compression": COMPRESSION}
RICE_CARE = Reason(
    Level.SELF_CARE,
    "self-care-rice",
    "For the first 2 to 3 days: rest it; ice it for up to 20 minutes at a time, every 2 to 3 "
    "hours, with a cloth between the ice and your skin; wear a compression bandage, "
    + COMPRESSION
    + "; raise the leg when you can. In these days stay away from "
    + AVOID_EARLY
    + ". "
    + WATCH,
    "seed-rice",
)
MOVEMENT_CARE = Reason(
    Level.SELF_CARE,
    "self-care-movement",
    "RICE is for the first 2 to 3 days, and those have passed. Now move the leg gently and use "
    "it a little more each day, as far as the pain allows. As a rule of thumb, ease back if the "
    "pain rises by more than 2 points during an activity or the next morning. " + WATCH,
    "peace-love",
)
CRAMP_CARE = Reason(
    Level.SELF_CARE,
    "self-care-cramp",
    "If the muscle cramps again, stretch it gently and rub it. Drinking enough through the day "
    "lowers the chance of cramps. " + WATCH,
    "nhs-cramps",
)
AFTER_CARE = Reason(
    Level.SELF_CARE,
    "self-care-after-care",
    "You recorded that you got care. Follow the plan the clinician gave you. " + WATCH,
    "seed-foot-drop",
)


def self_care(facts: InjuryFacts, now: datetime) -> Reason:
    """The guidance when nothing calls for help: RICE in the first 72 hours, then movement."""
    if facts.is_foot_drop:
        return AFTER_CARE
    if facts.kind == CRAMP:
        return CRAMP_CARE
    return RICE_CARE if in_rice_window(facts.onset_at, now) else MOVEMENT_CARE


def assess_injury(facts: InjuryFacts, now: datetime) -> Advice:
    """The advice for one injury at `now`."""
    advice = Advice()
    latest, care = facts.latest, facts.last_care_at
    if latest is not None and (care is None or care < latest.recorded_at):
        advice.reasons.extend(_warning_sign_reasons(latest))
    if facts.is_foot_drop and care is None:
        advice.reasons.append(
            Reason(
                Level.URGENT,
                "foot-drop-injury",
                "You logged this as foot drop: the front of the foot will not lift or it drags. "
                "New foot drop needs checking by a clinician the same day. This stays until "
                "you record that you got care.",
                "seed-foot-drop",
                at=facts.onset_at,
            )
        )
    if facts.is_active:
        call_reasons = _call_provider_reasons(facts, now)
        contacted = facts.last_contacted_at
        if call_reasons and contacted is not None and now - contacted < CONTACT_QUIETS_FOR:
            advice.quieted_until = contacted + CONTACT_QUIETS_FOR
        else:
            advice.reasons.extend(call_reasons)
        advice.needs_entry = latest is None or now - latest.recorded_at >= ENTRY_WANTED_EVERY
    advice.has_entry = latest is not None
    if not advice.reasons:
        advice.reasons.append(self_care(facts, now))
    return advice


def night_of(moment: datetime) -> date:
    """The night a time belongs to: from noon one day to noon the next, in its own zone."""
    return (moment - timedelta(hours=12)).date()


def describe_duration(duration: timedelta) -> str:
    """ "10 minutes 30 seconds", "11 minutes", "2 hours": never rounds a long cramp down to 10."""
    seconds = int(duration.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [
        f"{value} {unit}{'s' if value != 1 else ''}"
        for value, unit in ((hours, "hour"), (minutes, "minute"), (seconds, "second"))
        if value
    ]
    return " ".join(parts) or "0 seconds"


def assess_cramps(
    cramps: Iterable[CrampFacts],
    now: datetime,
    last_contacted_at: datetime | None = None,
    last_care_at: datetime | None = None,
) -> Advice:
    """Advice from the user's cramps: the counts over the last 7 days, and the warning signs.
    A long cramp, or one with swelling or numbness, is urgent while it is in those 7 days or is
    the latest cramp, until the user records care after it: it never just ages away. Contacting
    the provider quiets only the call-provider reasons."""
    cramps = [c for c in cramps if c.started_at <= now]
    recent = [c for c in cramps if now - CRAMP_WINDOW <= c.started_at]
    latest = max(cramps, key=lambda c: c.started_at, default=None)
    watched = recent if latest is None or latest in recent else [*recent, latest]
    urgent, call = [], []
    for cramp in watched:
        if last_care_at is not None and cramp.started_at <= last_care_at:
            continue
        if cramp.duration > CRAMP_LONG:
            urgent.append(
                Reason(
                    Level.URGENT,
                    "cramp-over-10-minutes",
                    f"You logged a cramp that lasted {describe_duration(cramp.duration)}. A "
                    "cramp that goes on for more than 10 minutes without easing, even with "
                    "stretching, needs checking the same day: ask for an urgent appointment.",
                    "nhs-cramps",
                    cramp.id,
                    cramp.started_at,
                )
            )
        if cramp.numbness or cramp.swelling:
            signs = (("swelling", cramp.swelling), ("numbness", cramp.numbness))
            what = " and ".join(word for word, logged in signs if logged)
            urgent.append(
                Reason(
                    Level.URGENT,
                    "cramp-with-numbness-or-swelling",
                    f"You logged {what} in the leg with a cramp. A painful, swollen leg after what "
                    "felt like a cramp can be a blood clot (DVT), and numbness can mean a nerve "
                    "is affected: get it checked the same day.",
                    "nhs-cramps",
                    cramp.id,
                    cramp.started_at,
                )
            )
    nights = {night_of(c.started_at) for c in recent if c.at_night}
    if len(nights) >= NIGHT_CRAMP_NIGHTS:
        call.append(
            Reason(
                Level.CALL_PROVIDER,
                "night-cramps",
                f"You logged night cramps on {len(nights)} nights in the last 7 days. Cramps "
                "that keep disturbing your sleep are a reason to call your provider.",
                "nhs-cramps",
            )
        )
    days = {c.started_at.date() for c in recent}
    if len(days) >= CRAMP_DAYS_MOST:
        call.append(
            Reason(
                Level.CALL_PROVIDER,
                "cramps-most-days",
                f"You logged cramps on {len(days)} of the last 7 days. Cramps that keep coming "
                "back on most days are a reason to call your provider.",
                "nhs-cramps",
            )
        )
    advice = Advice(reasons=urgent)
    if call and last_contacted_at is not None and now - last_contacted_at < CONTACT_QUIETS_FOR:
        advice.quieted_until = last_contacted_at + CONTACT_QUIETS_FOR
    else:
        advice.reasons.extend(call)
    return advice
