"""The revised clinical rules (2026-12-02) where a user meets them: the entry form's grouped
warning signs, who each level tells them to call, foot drop, RICE only in the first days,
sourced recovery ranges, the paused call reminder, and notes that are never cut."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from anatomy.models import Muscle
from recovery.models import Acknowledgement, Cramp, IceSession, Injury, SymptomEntry, get_profile

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def make_injury(user, hours_ago=2, pains=(5,), **fields):
    onset = NOW - dt.timedelta(hours=hours_ago)
    injury = Injury.objects.create(user=user, side="left", onset_at=onset, **fields)
    for number, pain in enumerate(pains):
        injury.entries.create(recorded_at=onset + dt.timedelta(minutes=number + 1), pain=pain)
    return injury


def finished_ice(injury, ended_ago=dt.timedelta(hours=1)):
    """A 20-minute ice session on the injury that ended `ended_ago`."""
    ended = NOW - ended_ago
    return IceSession.objects.create(
        user=injury.user,
        injury=injury,
        started_at=ended - dt.timedelta(minutes=20),
        planned_end_at=ended,
        ended_at=ended,
        status="completed",
        barrier_confirmed=True,
    )


def page(client, injury):
    return client.get(injury.get_absolute_url()).content.decode()


# --- the entry form -----------------------------------------------------------------------


def test_the_entry_form_groups_every_warning_sign_with_its_full_label(owner_client, owner):
    body = page(owner_client, make_injury(owner))
    leg = body.index("<legend>Signs in the leg</legend>")
    elsewhere = body.index("<legend>Signs elsewhere in the body</legend>")
    for name, label in SymptomEntry.RED_FLAGS.items():
        at = body.index(f'<label for="id_{name}">{label}</label>')
        assert (leg < at < elsewhere) is (name in SymptomEntry.LEG_SIGNS)


@pytest.mark.parametrize(
    ("flag", "heading", "source"),
    [
        ("cold_limb", "Call emergency services now", "NHS, Sprains and strains"),
        ("rising_pain", "Call emergency services now", "NHS, Compartment syndrome"),
        ("saddle_numbness", "Call emergency services now", "NHS, Cauda equina syndrome"),
        ("bladder_bowel", "Call emergency services now", "NHS, Cauda equina syndrome"),
        ("both_legs_weak", "Call emergency services now", "NHS, Cauda equina syndrome"),
        ("stroke_signs", "Call emergency services now", "NHS, Stroke"),
        ("hard_veins", "Get help right away, today", "NHS, DVT"),
        ("foot_drop", "Get help right away, today", "Cleveland Clinic"),
        ("deformed", "Get help right away, today", "NHS, Sprains and strains"),
    ],
)
def test_logging_a_new_sign_shows_its_level_reason_and_source(
    owner_client, owner, flag, heading, source
):
    injury = make_injury(owner)
    owner_client.post(
        reverse("entry_new", args=[injury.pk]),
        {"pain": "6", "recorded_at": "2026-11-25T11:55", flag: "on"},
    )
    assert SymptomEntry.objects.filter(injury=injury, **{flag: True}).exists()
    body = page(owner_client, injury)
    assert f'<h2 id="advice-heading">{heading}</h2>' in body
    assert f'<h2 id="banner-heading">{heading}</h2>' in body
    assert "You logged" in body
    assert f"Source: {source}" in body


def test_an_emergency_leads_with_the_emergency_number(owner_client, owner):
    injury = make_injury(owner)
    injury.entries.create(recorded_at=NOW, pain=9, out_of_proportion=True)
    body = page(owner_client, injury)
    advice = body[body.index('id="advice-heading"') :]
    assert advice.index('href="tel:999">Call 999 now') < advice.index('<ul class="reasons">')
    assert "do not raise the leg" in advice


def test_urgent_advice_leads_with_the_provider_and_the_urgent_care_line(owner_client, owner):
    profile = get_profile(owner)
    profile.provider_name, profile.provider_phone = "Dr Okafor", "020 7946 0000"
    profile.save()
    injury = make_injury(owner)
    injury.entries.create(recorded_at=NOW, pain=5, numbness=True)
    body = page(owner_client, injury)
    advice = body[body.index('id="advice-heading"') : body.index('<ul class="reasons">')]
    provider = advice.index('href="tel:020 7946 0000"')
    urgent_care = advice.index('href="tel:111">Call NHS 111</a>')
    emergency = advice.index('href="tel:999"')
    assert provider < urgent_care < emergency
    assert "If it gets worse" in advice
    assert "Call 999 now" not in body


def test_urgent_advice_without_a_provider_or_line_says_where_to_go(owner_client, owner):
    profile = get_profile(owner)
    profile.urgent_care_number, profile.urgent_care_name = "", ""
    profile.save()
    injury = make_injury(owner)
    injury.entries.create(recorded_at=NOW, pain=5, calf_swelling=True)
    body = page(owner_client, injury)
    assert "go to an urgent care centre or walk-in clinic" in body


# --- foot drop ------------------------------------------------------------------------------


def test_a_foot_drop_injury_is_urgent_until_the_user_records_care(owner_client, owner):
    injury = make_injury(owner, hours_ago=24 * 20, pains=(6, 1), kind="foot_drop")
    body = page(owner_client, injury)
    assert '<h2 id="advice-heading">Get help right away, today</h2>' in body
    assert "You logged this as foot drop" in body
    assert "Looking after it yourself" not in body
    assert "Typical recovery" not in body
    assert "Back to activity" not in body
    owner_client.post(
        reverse("acknowledge", args=[injury.pk]), {"kind": "got_care", "at": "2026-11-25T11:30"}
    )
    body = page(owner_client, injury)
    assert "You logged this as foot drop" not in body
    assert "Follow the plan the clinician gave you" in body


# --- RICE, then movement -------------------------------------------------------------------


def test_a_new_strain_shows_rice_with_what_to_avoid(owner_client, owner):
    injury = make_injury(owner, hours_ago=5)
    body = page(owner_client, injury)
    assert "RICE today (first 2 to 3 days)" in body
    assert "heat (hot baths, heat packs), alcohol, running and massage" in body
    assert "snug but not tight" in body
    dashboard = owner_client.get(reverse("home")).content.decode()
    assert "RICE today:" in dashboard


def test_a_5_day_old_strain_shows_movement_advice_not_rice(owner_client, owner):
    injury = make_injury(owner, hours_ago=24 * 5, pains=(7, 3))
    body = page(owner_client, injury)
    assert "RICE today" not in body
    assert "Moving again" in body
    assert "move the leg gently" in body
    dashboard = owner_client.get(reverse("home")).content.decode()
    assert "RICE today:" not in dashboard
    assert "RICE is for the first 2 to 3 days, and those have passed" in dashboard


def test_no_rice_to_do_while_urgent_advice_stands(owner_client, owner):
    injury = make_injury(owner, hours_ago=3)
    injury.entries.create(recorded_at=NOW, pain=6, calf_swelling=True)
    assert "RICE today" not in page(owner_client, injury)
    assert "RICE today:" not in owner_client.get(reverse("home")).content.decode()


def test_logging_massage_in_the_first_days_gets_a_caution(owner_client, owner):
    injury = make_injury(owner, hours_ago=10)
    response = owner_client.post(
        reverse("treatment_new"),
        {"kind": "massage", "at": "2026-11-25T11:00", "injury": injury.pk},
        follow=True,
    )
    assert "massage is best avoided" in response.content.decode()


# --- recovery ranges -----------------------------------------------------------------------


def test_recovery_ranges_name_a_public_source_never_the_rules_file(owner_client, owner):
    injury = make_injury(owner, grade="1")
    injury.muscles.set(Muscle.objects.filter(slug__in=["rectus-femoris", "adductor-longus"]))
    body = page(owner_client, injury)
    assert "<td>Quadriceps</td><td>grade I</td><td>10 to 21 days</td>" in body
    assert "Quadriceps: source: Munson Healthcare health library" in body
    assert "No typical range is given here: ask your provider what to expect." in body
    assert "Clinical rules" not in body
    assert "A rule of thumb, not a guideline" in body


@pytest.mark.parametrize("kind", ["cramp", "soreness", "other"])
def test_no_recovery_range_or_milestones_for_kinds_other_than_strains(owner_client, owner, kind):
    injury = make_injury(owner, kind=kind)
    injury.muscles.set(Muscle.objects.filter(slug="biceps-femoris"))
    body = page(owner_client, injury)
    assert "Typical recovery" not in body
    assert "Back to activity" not in body


# --- no data, and the paused reminder -------------------------------------------------------


def test_after_deleting_the_only_entry_the_page_says_there_are_none(owner_client, owner):
    injury = make_injury(owner, hours_ago=30)
    entry = injury.entries.get()
    owner_client.post(reverse("entry_delete", args=[entry.pk]))
    body = page(owner_client, injury)
    assert "No entries yet for this injury." in body
    assert "No entry in the last 24 hours" not in body


def test_a_paused_call_reminder_shows_on_the_dashboard_and_the_injury_list(owner_client, owner):
    injury = make_injury(owner, hours_ago=24 * 3, pains=(6, 6))
    Acknowledgement.objects.create(injury=injury, kind="contacted", at=NOW - dt.timedelta(hours=2))
    for url in (reverse("home"), reverse("injuries")):
        body = owner_client.get(url).content.decode()
        assert "Reminder to call your provider paused until Fri 27 Nov, 10:00." in body
        assert "Looking after it yourself" not in body


# --- cramps ---------------------------------------------------------------------------------


def test_an_11_minute_cramp_is_urgent_until_care_is_recorded(owner_client, owner):
    Cramp.objects.create(
        user=owner,
        started_at=NOW - dt.timedelta(hours=1),
        side="left",
        duration_seconds=660,
        pain=7,
    )
    body = owner_client.get(reverse("cramps")).content.decode()
    assert '<h2 id="advice-heading">Get help right away, today</h2>' in body
    assert "lasted 11 minutes" in body
    assert "Source: NHS, Leg cramps" in body
    owner_client.post(reverse("cramps_contacted"))
    assert "Get help right away, today" in owner_client.get(reverse("cramps")).content.decode()
    owner_client.post(reverse("cramps_got_care"))
    assert "Get help right away" not in owner_client.get(reverse("cramps")).content.decode()


# --- the ice timer and numb skin --------------------------------------------------------------


def test_icing_an_injury_with_numbness_asks_to_confirm_the_caution(owner_client, owner):
    injury = make_injury(owner)
    injury.entries.create(recorded_at=NOW, pain=4, numbness=True)
    start = {"injury": injury.pk, "minutes": "20", "barrier": "on"}
    body = owner_client.get(reverse("ice")).content.decode()
    assert "do not ice skin that is numb" in body
    response = owner_client.post(reverse("ice_start"), start)
    assert response.status_code == 400
    assert "Read the caution about numb skin" in response.content.decode()
    response = owner_client.post(reverse("ice_start"), {**start, "numb_skin_read": "on"})
    assert response.status_code == 302


def test_icing_an_injury_without_numbness_needs_no_extra_tick(owner_client, owner):
    injury = make_injury(owner)
    response = owner_client.post(
        reverse("ice_start"), {"injury": injury.pk, "minutes": "20", "barrier": "on"}
    )
    assert response.status_code == 302


# --- notes ----------------------------------------------------------------------------------


def test_notes_boxes_have_no_browser_limit_that_would_cut_a_paste(owner_client, owner):
    body = page(owner_client, make_injury(owner))
    assert 'data-max-length="5000"' in body
    assert 'maxlength="5000"' not in body


def test_line_breaks_count_once_as_in_the_browser(owner_client, owner):
    injury = make_injury(owner)
    notes = ("a" * 99 + "\r\n") * 50  # 5,000 characters once each line break is one
    owner_client.post(
        reverse("entry_new", args=[injury.pk]),
        {"pain": "3", "recorded_at": "2026-11-25T11:55", "notes": notes},
    )
    assert injury.entries.filter(pain=3).get().notes == notes.replace("\r\n", "\n").strip()


def test_an_over_long_note_is_kept_and_explained(owner_client, owner):
    injury = make_injury(owner)
    notes = "😀" * 5001
    response = owner_client.post(
        reverse("entry_new", args=[injury.pk]),
        {"pain": "3", "recorded_at": "2026-11-25T11:55", "notes": notes},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "this has 5001" in body
    assert "Your text is kept below" in body
    assert notes in body


def test_no_next_ice_session_is_suggested_for_an_injury_past_72_hours(owner_client, owner):
    injury = make_injury(owner, hours_ago=24 * 5, pains=(7, 3))
    session = finished_ice(injury)
    assert "Next suggested from" not in owner_client.get(reverse("home")).content.decode()
    for url in (reverse("ice"), session.get_absolute_url()):
        body = owner_client.get(url).content.decode()
        assert "suggested from" not in body
        assert "Ice helps mostly in the first 2 to 3 days" in body


def test_the_next_ice_session_is_suggested_in_the_first_days(owner_client, owner):
    injury = make_injury(owner, hours_ago=5)
    finished_ice(injury)
    assert "Next suggested from 13:00" in owner_client.get(reverse("home")).content.decode()


def test_a_swollen_cramp_weeks_ago_still_asks_for_help_until_care(owner_client, owner):
    Cramp.objects.create(
        user=owner,
        started_at=NOW - dt.timedelta(days=21),
        side="left",
        duration_seconds=90,
        pain=6,
        swelling=True,
    )
    body = owner_client.get(reverse("cramps")).content.decode()
    assert '<h2 id="advice-heading">Get help right away, today</h2>' in body
    owner_client.post(reverse("cramps_got_care"))
    assert "Get help right away" not in owner_client.get(reverse("cramps")).content.decode()


def test_no_next_ice_session_is_suggested_while_urgent_advice_stands(owner_client, owner):
    injury = make_injury(owner, hours_ago=5)
    injury.entries.create(recorded_at=NOW - dt.timedelta(minutes=5), pain=6, numbness=True)
    session = finished_ice(injury)
    for url in (reverse("home"), reverse("ice"), session.get_absolute_url()):
        assert "suggested from" not in owner_client.get(url).content.decode()


def test_only_the_latest_entry_of_an_active_injury_decides_the_numb_skin_tick(owner_client, owner):
    better = make_injury(owner, hours_ago=6, pains=())
    better.entries.create(recorded_at=NOW - dt.timedelta(hours=2), pain=5, numbness=True)
    better.entries.create(recorded_at=NOW - dt.timedelta(hours=1), pain=3)
    back_dated = make_injury(owner, hours_ago=6, pains=())
    back_dated.entries.create(recorded_at=NOW - dt.timedelta(hours=1), pain=3)
    back_dated.entries.create(recorded_at=NOW - dt.timedelta(hours=5), pain=6, numbness=True)
    worse = make_injury(owner, hours_ago=6, pains=())
    worse.entries.create(recorded_at=NOW - dt.timedelta(hours=2), pain=3)
    worse.entries.create(recorded_at=NOW - dt.timedelta(hours=1), pain=5, numbness=True)
    for injury, needs_tick in ((better, False), (back_dated, False), (worse, True)):
        start = {"injury": injury.pk, "minutes": "20", "barrier": "on", "start_anyway": "on"}
        response = owner_client.post(reverse("ice_start"), start)
        assert response.status_code == (400 if needs_tick else 302), injury
        if needs_tick:
            assert "Read the caution about numb skin" in response.content.decode()
        else:
            owner_client.post(reverse("ice_stop", args=[injury.ice_sessions.get().pk]))
