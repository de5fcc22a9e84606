"""Every rule of clinical-rules.md section 1, at its boundaries, with the clock pinned."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recovery.injuries.triage import (
    CrampFacts,
    EntryFacts,
    InjuryFacts,
    Level,
    assess_cramps,
    assess_injury,
    describe_duration,
    has_improved,
    meaningful_improvement,
    night_of,
    shows_rice,
)

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
# The warning signs by level, as clinical-rules.md section 1 (revised 2026-12-02) lists them.
EMERGENCY_FLAGS = [
    "chest_symptoms",  # a clot in the lung
    "out_of_proportion",  # acute compartment syndrome
    "rising_pain",  # acute compartment syndrome
    "cold_limb",
    "saddle_numbness",  # cauda equina syndrome
    "bladder_bowel",
    "both_legs_weak",
    "stroke_signs",
]
URGENT_FLAGS = [
    "calf_swelling",
    "hard_veins",
    "numbness",
    "severe_weakness",
    "foot_drop",
    "cannot_bear_weight",
    "snap_no_tiptoe",
    "deformed",
]
ALL_FLAGS = EMERGENCY_FLAGS + URGENT_FLAGS


def entry(pain, ago=dt.timedelta(hours=1), flags=(), pk=1):
    return EntryFacts(pk, NOW - ago, pain, frozenset(flags))


def injury(
    onset_ago=dt.timedelta(hours=2),
    first=None,
    latest=None,
    highest=None,
    strain=True,
    active=True,
    contacted_ago=None,
    care_ago=None,
    kind="strain",
):
    first = first or latest
    latest = latest or first
    if highest is None and first:
        highest = max(first.pain, latest.pain)
    return InjuryFacts(
        id=1,
        is_active=active,
        is_strain=strain,
        onset_at=NOW - onset_ago,
        first=first,
        highest_pain=highest,
        latest=latest,
        last_contacted_at=NOW - contacted_ago if contacted_ago is not None else None,
        last_care_at=NOW - care_ago if care_ago is not None else None,
        kind=kind,
    )


def rules(advice):
    return {reason.rule for reason in advice.reasons}


# --- meaningful improvement (section 3) --------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "latest", "improved"),
    [
        (6, 5, False),  # a drop of 1 point (17%)
        (6, 4, True),  # a drop of 2 points
        (5, 3.55, False),  # 29%, under 2 points
        (5, 3.5, True),  # 30%
        (3, 2, True),  # 1 point is 33%
        (4, 3, False),  # 1 point is 25%
        (0, 0, False),
        (7, 8, False),  # worse
    ],
)
def test_a_meaningful_improvement_is_2_points_or_30_percent(reference, latest, improved):
    assert meaningful_improvement(reference, latest) is improved


@pytest.mark.parametrize(
    ("first", "highest", "latest", "improved"),
    [
        (4, 7, 5, False),  # the rules' own case: 2 below the peak but above the first score
        (4, 7, 4, True),  # 3 below the peak and back to the first score
        (5, 8, 6, False),  # above the first score
        (8, 8, 6, True),  # 2 below the highest, below the first
        (6, 6, 5, False),  # 1 point (17%) is not meaningful
        (3, 3, 2, True),  # 1 point of 3 is 33%
        (2, 6, 1, True),
    ],
)
def test_improving_means_meaningfully_below_the_highest_and_not_above_the_first(
    first, highest, latest, improved
):
    assert has_improved(first=first, highest=highest, latest=latest) is improved


def test_pain_4_then_7_then_5_at_50_hours_is_not_improving():
    onset = dt.timedelta(hours=50)
    facts = injury(
        onset_ago=onset,
        first=entry(4, onset, pk=1),
        latest=entry(5, dt.timedelta(0), pk=3),
        highest=7,
    )
    advice = assess_injury(facts, NOW)
    assert advice.level is Level.CALL_PROVIDER
    assert "higher than your first (4/10)" in advice.reasons[0].text


# --- emergency and urgent -------------------------------------------------------------------


def test_chest_symptoms_with_the_leg_problem_are_an_emergency():
    advice = assess_injury(injury(latest=entry(5, flags=["chest_symptoms"])), NOW)
    assert advice.level is Level.EMERGENCY
    assert "chest_symptoms" in rules(advice)
    assert advice.reasons[0].source == "nhs-dvt"


@pytest.mark.parametrize("flag", EMERGENCY_FLAGS)
def test_each_emergency_sign_says_call_emergency_services_and_which_entry(flag):
    advice = assess_injury(injury(latest=entry(3, flags=[flag], pk=42)), NOW)
    assert advice.level is Level.EMERGENCY
    reason = next(r for r in advice.reasons if r.rule == flag)
    assert "Call emergency services now" in reason.text
    assert (reason.entry_id, reason.at) == (42, NOW - dt.timedelta(hours=1))
    assert reason.source_text.startswith("NHS")


@pytest.mark.parametrize("flag", ["out_of_proportion", "rising_pain"])
def test_suspected_compartment_syndrome_says_loosen_the_bandage_and_do_not_raise_the_leg(flag):
    reason = assess_injury(injury(latest=entry(8, flags=[flag])), NOW).reasons[0]
    assert "compartment syndrome" in reason.text
    assert "loosen" in reason.text
    assert "do not raise the leg" in reason.text
    assert reason.source == "nhs-compartment"


@pytest.mark.parametrize(
    ("flag", "source"),
    [
        ("saddle_numbness", "nhs-cauda-equina"),
        ("bladder_bowel", "nhs-cauda-equina"),
        ("both_legs_weak", "nhs-cauda-equina"),
        ("stroke_signs", "nhs-stroke"),
    ],
)
def test_cauda_equina_and_stroke_signs_name_their_source(flag, source):
    assert assess_injury(injury(latest=entry(3, flags=[flag])), NOW).reasons[0].source == source


def test_foot_drop_with_stroke_signs_is_an_emergency():
    advice = assess_injury(injury(latest=entry(3, flags=["foot_drop", "stroke_signs"])), NOW)
    assert advice.level is Level.EMERGENCY
    assert {"foot_drop", "stroke_signs"} <= rules(advice)  # the urgent one is still listed


@pytest.mark.parametrize("flag", URGENT_FLAGS)
def test_each_warning_sign_is_urgent_and_says_which_entry(flag):
    advice = assess_injury(injury(latest=entry(3, flags=[flag], pk=42)), NOW)
    assert advice.level is Level.URGENT
    reason = next(r for r in advice.reasons if r.rule == flag)
    assert reason.entry_id == 42
    assert reason.at == NOW - dt.timedelta(hours=1)
    assert reason.source_text
    assert "same day" in reason.text


def test_several_reasons_at_one_level_are_all_shown():
    advice = assess_injury(injury(latest=entry(3, flags=["numbness", "calf_swelling"])), NOW)
    assert {"numbness", "calf_swelling"} <= {r.rule for r in advice.top_reasons()}


def test_a_higher_level_wins_over_lower_ones():
    latest = entry(6, flags=["numbness"], pk=2)
    facts = injury(
        onset_ago=dt.timedelta(days=3), first=entry(6, dt.timedelta(days=3)), latest=latest
    )
    advice = assess_injury(facts, NOW)
    assert advice.level is Level.URGENT
    assert "not-improving-48-hours" in rules(advice)  # still listed, below the urgent one


def test_a_warning_sign_persists_until_a_newer_clear_entry():
    flagged = entry(4, dt.timedelta(days=2), flags=["calf_swelling"], pk=1)
    advice = assess_injury(
        injury(onset_ago=dt.timedelta(days=2), first=flagged, latest=flagged), NOW
    )
    assert advice.level is Level.URGENT
    clear = entry(2, dt.timedelta(hours=1), pk=2)
    advice = assess_injury(
        injury(onset_ago=dt.timedelta(days=2), first=flagged, latest=clear, highest=4), NOW
    )
    assert advice.level < Level.URGENT


def test_getting_care_clears_warning_signs_logged_before_it_only():
    flagged = entry(4, dt.timedelta(hours=5), flags=["numbness"])
    assert assess_injury(injury(latest=flagged, care_ago=dt.timedelta(hours=6)), NOW).level is (
        Level.URGENT
    )
    assert assess_injury(injury(latest=flagged, care_ago=dt.timedelta(hours=4)), NOW).level < (
        Level.URGENT
    )


def test_contacting_the_provider_does_not_quiet_urgent_advice():
    flagged = entry(4, flags=["numbness"])
    advice = assess_injury(injury(latest=flagged, contacted_ago=dt.timedelta(hours=1)), NOW)
    assert advice.level is Level.URGENT


# --- an injury logged as foot drop --------------------------------------------------------


def test_a_foot_drop_injury_is_urgent_even_with_no_entry_and_no_warning_sign():
    for latest in (None, entry(1)):
        advice = assess_injury(injury(latest=latest, kind="foot_drop", strain=False), NOW)
        assert advice.level is Level.URGENT
        assert "foot-drop-injury" in rules(advice)


def test_a_foot_drop_injury_stays_urgent_weeks_later_and_when_resolved_until_care():
    facts = injury(
        onset_ago=dt.timedelta(days=30),
        latest=entry(0),
        kind="foot_drop",
        strain=False,
        active=False,
    )
    assert assess_injury(facts, NOW).level is Level.URGENT


def test_recorded_care_ends_the_foot_drop_reason_without_self_care_alone_before_it():
    facts = injury(
        latest=entry(2), kind="foot_drop", strain=False, care_ago=dt.timedelta(minutes=5)
    )
    advice = assess_injury(facts, NOW)
    assert "foot-drop-injury" not in rules(advice)
    assert advice.reasons[0].rule == "self-care-after-care"


def test_contacting_the_provider_does_not_quiet_a_foot_drop_injury():
    facts = injury(kind="foot_drop", strain=False, contacted_ago=dt.timedelta(minutes=5))
    assert assess_injury(facts, NOW).level is Level.URGENT


# --- call your provider -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("onset_ago", "expected"),
    [
        (dt.timedelta(hours=47, minutes=59), set()),
        (dt.timedelta(hours=48), {"not-improving-48-hours"}),
        (dt.timedelta(days=4, hours=23, minutes=59), {"not-improving-48-hours"}),
        (dt.timedelta(days=5), {"not-improving-5-days"}),
    ],
)
def test_pain_not_improving_after_48_hours_and_more_firmly_after_5_days(onset_ago, expected):
    first = entry(6, onset_ago, pk=1)
    latest = entry(6, dt.timedelta(minutes=10), pk=2)
    advice = assess_injury(
        injury(onset_ago=onset_ago, first=first, latest=latest, strain=False), NOW
    )
    assert rules(advice) & {"not-improving-48-hours", "not-improving-5-days"} == expected


@pytest.mark.parametrize(("latest_pain", "prompted"), [(5, True), (4, False)])
def test_a_drop_of_1_point_is_not_improvement_but_2_is(latest_pain, prompted):
    onset = dt.timedelta(days=3)
    facts = injury(onset_ago=onset, first=entry(6, onset), latest=entry(latest_pain, pk=2))
    assert ("not-improving-48-hours" in rules(assess_injury(facts, NOW))) is prompted


def test_an_injury_never_in_pain_does_not_get_the_not_improving_prompt():
    onset = dt.timedelta(days=3)
    facts = injury(onset_ago=onset, first=entry(0, onset), latest=entry(0, pk=2), strain=False)
    assert assess_injury(facts, NOW).level is Level.SELF_CARE


@pytest.mark.parametrize(
    ("onset_ago", "prompted"),
    [(dt.timedelta(days=13, hours=23, minutes=59), False), (dt.timedelta(days=14), True)],
)
def test_a_strain_not_resolved_after_2_weeks(onset_ago, prompted):
    facts = injury(onset_ago=onset_ago, first=entry(6, onset_ago), latest=entry(1, pk=2))
    assert ("strain-2-weeks" in rules(assess_injury(facts, NOW))) is prompted


def test_the_2_week_rule_is_for_strains_only():
    onset = dt.timedelta(days=20)
    facts = injury(onset_ago=onset, first=entry(6, onset), latest=entry(1, pk=2), strain=False)
    assert "strain-2-weeks" not in rules(assess_injury(facts, NOW))


@pytest.mark.parametrize(
    ("contacted_ago", "quiet"),
    [(dt.timedelta(hours=47, minutes=59), True), (dt.timedelta(hours=48), False)],
)
def test_contacting_the_provider_quiets_the_call_prompt_for_48_hours(contacted_ago, quiet):
    onset = dt.timedelta(days=3)
    facts = injury(
        onset_ago=onset, first=entry(6, onset), latest=entry(6, pk=2), contacted_ago=contacted_ago
    )
    advice = assess_injury(facts, NOW)
    assert (advice.level is Level.SELF_CARE) is quiet
    assert (advice.quieted_until is not None) is quiet


def test_a_resolved_injury_gets_no_call_prompt():
    onset = dt.timedelta(days=20)
    facts = injury(onset_ago=onset, first=entry(6, onset), latest=entry(6, pk=2), active=False)
    assert assess_injury(facts, NOW).level is Level.SELF_CARE


# --- no data is not good news ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_entry_ago", "asks"),
    [(dt.timedelta(hours=23, minutes=59), False), (dt.timedelta(hours=24), True)],
)
def test_an_active_injury_without_an_entry_for_24_hours_asks_for_one(last_entry_ago, asks):
    facts = injury(latest=entry(3, last_entry_ago))
    assert assess_injury(facts, NOW).needs_entry is asks


def test_an_injury_with_no_entries_asks_for_one():
    assert assess_injury(injury(), NOW).needs_entry is True


def test_self_care_is_guidance_never_reassurance():
    advice = assess_injury(injury(latest=entry(2)), NOW)
    assert advice.level is Level.SELF_CARE
    text = advice.reasons[0].text.lower()
    assert "20 minutes" in text
    assert "cloth" in text


# --- RICE only in the first days (section 2) -------------------------------------------------


@pytest.mark.parametrize(
    ("onset_ago", "rule"),
    [
        (dt.timedelta(hours=71, minutes=59), "self-care-rice"),
        (dt.timedelta(hours=72), "self-care-movement"),
        (dt.timedelta(days=5), "self-care-movement"),
    ],
)
def test_rice_is_advised_for_72_hours_then_gentle_movement(onset_ago, rule):
    facts = injury(
        onset_ago=onset_ago, latest=entry(1, pk=2), first=entry(6, onset_ago), strain=False
    )
    reason = assess_injury(facts, NOW).reasons[0]
    assert reason.rule == rule


def test_rice_advice_says_what_to_avoid_and_how_to_compress():
    text = assess_injury(injury(latest=entry(2)), NOW).reasons[0].text
    for words in ("heat", "alcohol", "running", "massage", "snug but not tight", "before sleeping"):
        assert words in text
    for colour in ("tingle", "numb", "pale", "blue", "cold"):
        assert colour in text


def test_movement_advice_does_not_suggest_rice_or_ice():
    facts = injury(
        onset_ago=dt.timedelta(days=5), latest=entry(1, pk=2), first=entry(6, dt.timedelta(days=5))
    )
    text = assess_injury(facts, NOW).reasons[0].text.lower()
    assert "move the leg gently" in text
    assert "ice it" not in text


@pytest.mark.parametrize(
    ("onset_ago", "level", "shown"),
    [
        (dt.timedelta(hours=1), Level.SELF_CARE, True),
        (dt.timedelta(hours=71, minutes=59), Level.CALL_PROVIDER, True),
        (dt.timedelta(hours=72), Level.SELF_CARE, False),
        (dt.timedelta(hours=1), Level.URGENT, False),
        (dt.timedelta(hours=1), Level.EMERGENCY, False),
    ],
)
def test_rice_to_dos_show_in_the_first_72_hours_and_never_with_urgent_advice(
    onset_ago, level, shown
):
    assert shows_rice(NOW - onset_ago, NOW, level) is shown


# --- cramps ---------------------------------------------------------------------------------


def cramp(minutes=2, ago=dt.timedelta(hours=3), night=False, numbness=False, swelling=False, pk=1):
    return CrampFacts(pk, NOW - ago, dt.timedelta(minutes=minutes), night, numbness, swelling)


@pytest.mark.parametrize(("minutes", "prompted"), [(10, False), (10.02, True), (11, True)])
def test_a_cramp_lasting_more_than_10_minutes_is_urgent(minutes, prompted):
    advice = assess_cramps([cramp(minutes=minutes)], NOW)
    assert ("cramp-over-10-minutes" in rules(advice)) is prompted
    assert (advice.level is Level.URGENT) is prompted


def test_a_cramp_of_10_and_a_half_minutes_is_not_called_10_minutes():
    text = assess_cramps([cramp(minutes=10.5)], NOW).reasons[0].text
    assert "lasted 10 minutes 30 seconds" in text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(1, "1 second"), (600, "10 minutes"), (630, "10 minutes 30 seconds"), (7200, "2 hours")],
)
def test_cramp_durations_read_exactly(seconds, text):
    assert describe_duration(dt.timedelta(seconds=seconds)) == text


@pytest.mark.parametrize(("numbness", "swelling"), [(True, False), (False, True)])
def test_a_cramp_with_numbness_or_swelling_is_urgent(numbness, swelling):
    advice = assess_cramps([cramp(numbness=numbness, swelling=swelling)], NOW)
    assert advice.level is Level.URGENT
    assert ("swelling" in advice.reasons[0].text) is swelling


def test_contacting_the_provider_does_not_quiet_an_urgent_cramp():
    advice = assess_cramps([cramp(minutes=11)], NOW, last_contacted_at=NOW - dt.timedelta(hours=1))
    assert advice.level is Level.URGENT


def test_recorded_care_ends_the_urgent_prompt_of_earlier_cramps_only():
    earlier = cramp(minutes=11, ago=dt.timedelta(hours=5), pk=1)
    assert assess_cramps([earlier], NOW, last_care_at=NOW - dt.timedelta(hours=1)).reasons == []
    later = cramp(swelling=True, ago=dt.timedelta(minutes=30), pk=2)
    advice = assess_cramps([earlier, later], NOW, last_care_at=NOW - dt.timedelta(hours=1))
    assert [r.entry_id for r in advice.reasons] == [2]


@pytest.mark.parametrize(("days", "prompted"), [(3, False), (4, True)])
def test_cramps_on_most_days_of_the_week(days, prompted):
    cramps = [cramp(ago=dt.timedelta(days=n, hours=1), pk=n) for n in range(days)]
    advice = assess_cramps(cramps, NOW)
    assert ("cramps-most-days" in rules(advice)) is prompted


def nightly(nights, zone="Europe/London"):
    # 02:00 local on consecutive mornings belongs to the night before.
    base = dt.datetime(2026, 11, 25, 2, 0, tzinfo=ZoneInfo(zone))
    return [
        CrampFacts(n, base - dt.timedelta(days=n), dt.timedelta(minutes=1), True)
        for n in range(nights)
    ]


@pytest.mark.parametrize(("nights", "prompted"), [(2, False), (3, True)])
def test_night_cramps_on_3_nights_within_7_days(nights, prompted):
    advice = assess_cramps(nightly(nights), NOW)
    assert ("night-cramps" in rules(advice)) is prompted


def test_two_cramps_in_one_night_count_as_one_night():
    base = dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.UTC)
    cramps = [
        CrampFacts(1, base, dt.timedelta(minutes=1), True),
        CrampFacts(2, base + dt.timedelta(hours=3), dt.timedelta(minutes=1), True),
        CrampFacts(3, base - dt.timedelta(days=1), dt.timedelta(minutes=1), True),
    ]
    assert "night-cramps" not in rules(assess_cramps(cramps, NOW))


def test_cramps_older_than_7_days_do_not_count_towards_the_call_prompts():
    old = [cramp(ago=dt.timedelta(days=7 + n, minutes=1), night=True, pk=n) for n in range(5)]
    assert assess_cramps(old, NOW).reasons == []


def test_an_urgent_cramp_does_not_age_away_until_care_or_a_newer_cramp():
    old = cramp(minutes=30, ago=dt.timedelta(days=20), pk=1)
    assert rules(assess_cramps([old], NOW)) == {"cramp-over-10-minutes"}
    newer = cramp(minutes=1, ago=dt.timedelta(days=10), pk=2)
    assert assess_cramps([old, newer], NOW).reasons == []
    cared = assess_cramps([old], NOW, last_care_at=NOW - dt.timedelta(days=19))
    assert cared.reasons == []


def test_an_urgent_cramp_in_the_last_7_days_stays_when_a_later_one_is_clear():
    long_one = cramp(minutes=12, ago=dt.timedelta(days=3), pk=1)
    later = cramp(minutes=1, ago=dt.timedelta(hours=2), pk=2)
    assert rules(assess_cramps([long_one, later], NOW)) == {"cramp-over-10-minutes"}


def test_night_belongs_to_the_evening_before():
    zone = ZoneInfo("America/New_York")
    assert night_of(dt.datetime(2026, 3, 8, 3, 0, tzinfo=zone)) == dt.date(2026, 3, 7)
    assert night_of(dt.datetime(2026, 3, 7, 22, 0, tzinfo=zone)) == dt.date(2026, 3, 7)


# --- properties -------------------------------------------------------------------------------

pains = st.integers(min_value=0, max_value=10)
flag_sets = st.frozensets(st.sampled_from(ALL_FLAGS))
ages = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=30))


@given(
    first=pains,
    latest=pains,
    onset=ages,
    flags=flag_sets,
    new_pain=pains,
    new_flags=flag_sets.filter(bool),
    strain=st.booleans(),
)
def test_adding_a_red_flag_entry_never_lowers_the_advice(
    first, latest, onset, flags, new_pain, new_flags, strain
):
    # The newer entry keeps the earlier warning signs: by the rules, a newer entry without a
    # sign clears it, so only an entry that drops none of them must never lower the advice.
    new_flags = new_flags | flags
    onset_at = NOW - onset - dt.timedelta(hours=2)
    before = InjuryFacts(
        1,
        True,
        strain,
        onset_at,
        EntryFacts(1, onset_at, first, frozenset()),
        max(first, latest),
        EntryFacts(2, NOW - dt.timedelta(hours=1), latest, flags),
    )
    after = InjuryFacts(
        1,
        True,
        strain,
        onset_at,
        before.first,
        max(first, latest, new_pain),
        EntryFacts(3, NOW, new_pain, new_flags),
    )
    assert assess_injury(after, NOW).level >= assess_injury(before, NOW).level
    assert assess_injury(after, NOW).level >= Level.URGENT


REASSURING = ["you are fine", "you're fine", "nothing to worry", "all clear", "no need to"]


@given(first=pains, latest=pains, onset=ages, flags=flag_sets, strain=st.booleans())
def test_advice_never_says_the_user_is_fine(first, latest, onset, flags, strain):
    onset_at = NOW - onset
    facts = InjuryFacts(
        1,
        True,
        strain,
        onset_at,
        EntryFacts(1, onset_at, first),
        max(first, latest),
        EntryFacts(2, NOW, latest, flags),
    )
    advice = assess_injury(facts, NOW)
    assert advice.reasons
    for reason in advice.reasons:
        assert not any(phrase in reason.text.lower() for phrase in REASSURING)
        assert reason.source_text


kinds = st.sampled_from(["strain", "tear", "tennis_leg", "cramp", "foot_drop", "soreness", "other"])
maybe_ago = st.none() | st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=10))
EXPECTED_LEVEL = {
    **dict.fromkeys(EMERGENCY_FLAGS, Level.EMERGENCY),
    **dict.fromkeys(URGENT_FLAGS, Level.URGENT),
}


def any_injury(first, latest, highest_extra, onset, flags, kind, active, contacted, care):
    onset_at = NOW - onset - dt.timedelta(hours=2)
    return InjuryFacts(
        1,
        active,
        kind in {"strain", "tear", "tennis_leg"},
        onset_at,
        EntryFacts(1, onset_at, first),
        max(first, latest) + highest_extra if max(first, latest) + highest_extra <= 10 else 10,
        EntryFacts(2, NOW - dt.timedelta(minutes=30), latest, flags),
        NOW - contacted if contacted is not None else None,
        NOW - care if care is not None else None,
        kind,
    )


injury_facts = st.builds(
    any_injury,
    pains,
    pains,
    st.integers(min_value=0, max_value=4),
    ages,
    flag_sets,
    kinds,
    st.booleans(),
    maybe_ago,
    maybe_ago,
)


@given(facts=injury_facts, more=flag_sets)
def test_a_higher_level_always_wins(facts, more):
    # Adding warning signs to the same entry never lowers the advice, and the advice is the
    # level of the most serious sign among them.
    both = InjuryFacts(
        **{
            **facts.__dict__,
            "latest": EntryFacts(
                2, facts.latest.recorded_at, facts.latest.pain, facts.latest.flags | more
            ),
        }
    )
    before, after = assess_injury(facts, NOW), assess_injury(both, NOW)
    assert after.level >= before.level
    if facts.last_care_at is None and (facts.latest.flags | more):
        assert after.level >= max(EXPECTED_LEVEL[flag] for flag in facts.latest.flags | more)


@given(facts=injury_facts)
def test_the_advice_is_the_level_of_its_most_serious_reason_and_shows_them_all(facts):
    advice = assess_injury(facts, NOW)
    assert advice.level == max(reason.level for reason in advice.reasons)
    assert advice.top_reasons()
    assert all(r.level == advice.level for r in advice.top_reasons())
    # every reason at that level is shown, none dropped for another of the same level
    assert len(advice.top_reasons()) == sum(r.level == advice.level for r in advice.reasons)


@given(facts=injury_facts)
def test_a_warning_sign_is_never_dropped_silently(facts):
    # Only recorded care after the entry clears its signs (a newer clear entry is another entry).
    advice = assess_injury(facts, NOW)
    care_after = facts.last_care_at is not None and facts.last_care_at >= facts.latest.recorded_at
    shown = rules(advice)
    for flag in facts.latest.flags:
        assert (flag in shown) is not care_after
    if not care_after and facts.latest.flags:
        assert advice.level >= max(EXPECTED_LEVEL[flag] for flag in facts.latest.flags)


@given(
    facts=injury_facts,
    contacted=st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(hours=47)),
)
def test_a_contact_never_quiets_urgent_or_emergency_advice(facts, contacted):
    quiet = InjuryFacts(**{**facts.__dict__, "last_contacted_at": NOW - contacted})
    loud = InjuryFacts(**{**facts.__dict__, "last_contacted_at": None})
    urgent = [r for r in assess_injury(loud, NOW).reasons if r.level >= Level.URGENT]
    assert [r for r in assess_injury(quiet, NOW).reasons if r.level >= Level.URGENT] == urgent


cramp_facts = st.builds(
    CrampFacts,
    st.integers(min_value=1, max_value=1000),
    st.datetimes(
        min_value=dt.datetime(2026, 11, 17),
        max_value=dt.datetime(2026, 11, 25, 11),
        timezones=st.just(dt.UTC),
    ),
    st.timedeltas(min_value=dt.timedelta(seconds=1), max_value=dt.timedelta(hours=2)),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)


@given(cramps=st.lists(cramp_facts, max_size=12), contacted=maybe_ago)
def test_a_contact_never_quiets_an_urgent_cramp(cramps, contacted):
    quiet = assess_cramps(cramps, NOW, NOW - contacted if contacted is not None else None)
    loud = assess_cramps(cramps, NOW)
    assert [r for r in quiet.reasons if r.level >= Level.URGENT] == [
        r for r in loud.reasons if r.level >= Level.URGENT
    ]
    assert quiet.level == loud.level or loud.level == Level.CALL_PROVIDER
