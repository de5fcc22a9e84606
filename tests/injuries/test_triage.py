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
    has_improved,
    meaningful_improvement,
    night_of,
)

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
ALL_FLAGS = [
    "calf_swelling",
    "numbness",
    "severe_weakness",
    "cannot_bear_weight",
    "snap_no_tiptoe",
    "out_of_proportion",
    "chest_symptoms",
]


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


def test_improvement_counts_from_the_first_or_the_highest_score():
    assert has_improved(first=5, highest=8, latest=6) is True  # 2 below the highest
    assert has_improved(first=6, highest=6, latest=5) is False


# --- emergency and urgent -------------------------------------------------------------------


def test_chest_symptoms_with_the_leg_problem_are_an_emergency():
    advice = assess_injury(injury(latest=entry(5, flags=["chest_symptoms"])), NOW)
    assert advice.level is Level.EMERGENCY
    assert "chest-with-leg" in rules(advice)
    assert advice.reasons[0].source == "nhs-dvt"


@pytest.mark.parametrize("flag", ALL_FLAGS[:-1])
def test_each_warning_sign_is_urgent_and_says_which_entry(flag):
    advice = assess_injury(injury(latest=entry(3, flags=[flag], pk=42)), NOW)
    assert advice.level is Level.URGENT
    reason = next(r for r in advice.reasons if r.rule == flag)
    assert reason.entry_id == 42
    assert reason.at == NOW - dt.timedelta(hours=1)
    assert reason.source_text


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


# --- cramps ---------------------------------------------------------------------------------


def cramp(minutes=2, ago=dt.timedelta(hours=3), night=False, numbness=False, swelling=False, pk=1):
    return CrampFacts(pk, NOW - ago, dt.timedelta(minutes=minutes), night, numbness, swelling)


@pytest.mark.parametrize(("minutes", "prompted"), [(10, False), (10.02, True), (11, True)])
def test_a_cramp_lasting_more_than_10_minutes(minutes, prompted):
    advice = assess_cramps([cramp(minutes=minutes)], NOW)
    assert ("cramp-over-10-minutes" in rules(advice)) is prompted


@pytest.mark.parametrize(("numbness", "swelling"), [(True, False), (False, True)])
def test_a_cramp_with_numbness_or_swelling(numbness, swelling):
    advice = assess_cramps([cramp(numbness=numbness, swelling=swelling)], NOW)
    assert advice.level is Level.CALL_PROVIDER


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


def test_cramps_older_than_7_days_do_not_count():
    old = cramp(minutes=30, ago=dt.timedelta(days=7, minutes=1))
    assert assess_cramps([old], NOW).reasons == []


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
