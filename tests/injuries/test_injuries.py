"""Logging injuries and symptom entries, the advice they lead to, and who may see them."""

import datetime as dt
import html

import pytest
import time_machine
from django.urls import reverse

from recovery.models import Acknowledgement, Injury, SymptomEntry, get_profile

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
QUICK = {"muscles": ["biceps-femoris"], "side": "left", "pain": "6"}
FULL = {
    **QUICK,
    "kind": "strain",
    "onset_at": "2026-11-25T09:30",
    "cause": "quick_start_stop",
    "grade": "2",
    "notes": "Felt it go in the last sprint.",
}


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def make_injury(user, days_ago=0, pains=(6,), **fields):
    onset = NOW - dt.timedelta(days=days_ago)
    injury = Injury.objects.create(user=user, side="left", onset_at=onset, **fields)
    step = (NOW - onset) / max(len(pains), 1)
    for number, pain in enumerate(pains):
        injury.entries.create(recorded_at=onset + step * number, pain=pain)
    return injury


# --- logging an injury ----------------------------------------------------------------------


def test_the_quick_path_logs_an_injury_with_its_first_pain_score(owner_client, owner):
    response = owner_client.post(reverse("injury_new"), {**QUICK, "kind": "strain"} | _defaults())
    injury = Injury.objects.get(user=owner)
    assert response["Location"] == injury.get_absolute_url()
    assert [m.slug for m in injury.muscles.all()] == ["biceps-femoris"]
    assert injury.entries.get().pain == 6
    assert injury.side == "left"
    assert injury.is_active


def _defaults():
    return {
        "kind": "strain",
        "onset_at": "2026-11-25T11:00",
        "cause": "unknown",
        "grade": "unknown",
    }


def test_all_the_details_are_saved_in_the_users_time_zone(owner_client, owner):
    owner_client.post(reverse("injury_new"), FULL)
    injury = Injury.objects.get(user=owner)
    # Europe/London is UTC in November.
    assert injury.onset_at == dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
    assert (injury.cause, injury.grade, injury.notes) == (
        "quick_start_stop",
        "2",
        "Felt it go in the last sprint.",
    )


def test_a_link_from_a_muscle_page_opens_the_form_with_that_muscle_chosen(owner_client):
    body = owner_client.get(reverse("injury_new") + "?muscle=soleus").content.decode()
    assert '<option value="soleus" selected>Soleus</option>' in body


def test_not_sure_of_the_muscle_with_a_region_is_accepted(owner_client, owner):
    data = {**_defaults(), "not_sure": "on", "region": "1", "side": "right", "pain": "3"}
    data["region"] = str(__import__("anatomy.models").models.Region.objects.get(slug="thigh").pk)
    owner_client.post(reverse("injury_new"), data)
    injury = Injury.objects.get(user=owner)
    assert injury.region.slug == "thigh"
    assert injury.where() == "upper leg, muscle not sure"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"muscles": []}, "muscles", "Choose at least one muscle"),
        ({"muscles": [], "not_sure": "on"}, "region", "Choose the upper or lower leg"),
        ({"muscles": ["bicepz"]}, "muscles", "is not a muscle in our list"),
        ({"pain": "11"}, "pain", "Pain is a whole number from 0"),
        ({"pain": "4.5"}, "pain", "Pain is a whole number from 0"),
        ({"pain": ""}, "pain", "Pain is a whole number from 0"),
        ({"side": ""}, "side", "Choose left, right or both legs."),
        ({"onset_at": "2026-11-25T12:30"}, "onset_at", "in the future"),
        ({"onset_at": "yesterday"}, "onset_at", "Enter a valid date/time."),
        ({"notes": "x" * 5001}, "notes", "up to 5000 characters"),
    ],
)
def test_bad_injury_input_is_explained_by_the_field_and_the_rest_is_kept(
    owner_client, owner, changes, field, message
):
    data = {**FULL, **changes}
    response = owner_client.post(reverse("injury_new"), data)
    assert response.status_code == 200
    body = response.content.decode()
    error = body.split(f'id="id_{field}_error"', 1)
    assert len(error) == 2, f"no error next to {field}"
    assert message in error[1].split("</ul>", 1)[0]
    if field != "notes":
        assert "Felt it go in the last sprint." in body
    assert not Injury.objects.filter(user=owner).exists()


def test_a_local_time_inside_a_daylight_saving_gap_is_explained(owner_client, owner):
    profile = get_profile(owner)
    profile.time_zone = "America/New_York"
    profile.save()
    response = owner_client.post(reverse("injury_new"), {**FULL, "onset_at": "2026-03-08T02:30"})
    body = response.content.decode()
    assert "couldn" in body
    assert "America/New_York" in body


# --- symptom entries ------------------------------------------------------------------------


def test_an_entry_is_added_in_place_with_htmx_and_the_advice_updates(owner_client, owner):
    injury = make_injury(owner, days_ago=1)
    response = owner_client.post(
        reverse("entry_new", args=[injury.pk]),
        {"pain": "5", "recorded_at": "2026-11-25T11:45", "numbness": "on"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'id="live"' in body
    assert "Entry saved." in body
    assert 'id="advice-banner" hx-swap-oob="true"' in body
    assert "Get help right away, today" in body
    assert injury.entries.count() == 2


def test_the_21st_entry_added_in_place_starts_a_second_timeline_page(owner_client, owner):
    injury = make_injury(owner, days_ago=1, pains=[4] * 20)
    body = owner_client.post(
        reverse("entry_new", args=[injury.pk]),
        {"pain": "3", "recorded_at": "2026-11-25T11:50"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Page 1 of 2" in body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"recorded_at": "2026-11-25T12:05"}, "in the future"),
        ({"recorded_at": "2026-11-23T10:00"}, "before the injury started"),
        ({"pain": "-1"}, "Pain is a whole number"),
        ({"pain": "ten"}, "Pain is a whole number"),
        ({"notes": "y" * 1_000_000}, "up to 5000 characters"),
    ],
)
def test_a_bad_entry_shows_the_error_inline_and_keeps_what_was_typed(
    owner_client, owner, changes, message
):
    injury = make_injury(owner, days_ago=1)
    data = {"pain": "4", "recorded_at": "2026-11-25T10:00", "tightness": "on", "notes": "stairs"}
    data.update(changes)
    response = owner_client.post(
        reverse("entry_new", args=[injury.pk]), data, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert message in body
    assert 'name="tightness" id="id_tightness" checked' in body
    if "notes" not in changes:
        assert "stairs</textarea>" in body
    assert injury.entries.count() == 1


def test_without_javascript_an_entry_posts_and_redirects(owner_client, owner):
    injury = make_injury(owner, days_ago=1)
    response = owner_client.post(
        reverse("entry_new", args=[injury.pk]), {"pain": "3", "recorded_at": "2026-11-25T10:00"}
    )
    assert response["Location"] == injury.get_absolute_url()


def test_entries_can_be_edited_and_deleted_after_confirmation(owner_client, owner):
    injury = make_injury(owner, days_ago=1, pains=(6, 5))
    entry = injury.entries.order_by("recorded_at").last()
    owner_client.post(
        reverse("entry_edit", args=[entry.pk]),
        {"pain": "4", "recorded_at": "2026-11-25T08:00"},
    )
    entry.refresh_from_db()
    assert entry.pain == 4
    confirm = owner_client.get(reverse("entry_delete", args=[entry.pk]))
    assert "Delete this entry?" in confirm.content.decode()
    assert SymptomEntry.objects.filter(pk=entry.pk).exists()
    owner_client.post(reverse("entry_delete", args=[entry.pk]))
    assert not SymptomEntry.objects.filter(pk=entry.pk).exists()


def test_an_injury_can_be_edited_resolved_and_deleted(owner_client, owner):
    injury = make_injury(owner, days_ago=3, pains=(6, 2))
    data = {
        **FULL,
        "onset_at": "2026-11-22T12:00",
        "status": "resolved",
        "resolved_on": "2026-11-24",
    }
    response = owner_client.post(reverse("injury_edit", args=[injury.pk]), data)
    assert response.status_code == 302
    injury.refresh_from_db()
    assert injury.status == "resolved"
    assert injury.resolved_on == dt.date(2026, 11, 24)
    owner_client.post(reverse("injury_delete", args=[injury.pk]))
    assert not Injury.objects.filter(pk=injury.pk).exists()
    assert not SymptomEntry.objects.filter(injury_id=injury.pk).exists()


def test_the_onset_cannot_move_after_the_first_entry(owner_client, owner):
    injury = make_injury(owner, days_ago=3, pains=(6, 2))  # first entry 22 November, 12:00
    data = {**FULL, "onset_at": "2026-11-23T09:00", "status": "active", "notes": "kept"}
    response = owner_client.post(reverse("injury_edit", args=[injury.pk]), data)
    body = response.content.decode()
    assert response.status_code in (200, 400)
    assert "Your first entry is from 22 November 2026, 12:00" in body
    assert "kept" in body
    injury.refresh_from_db()
    assert injury.onset_at == NOW - dt.timedelta(days=3)


@pytest.mark.parametrize(
    ("resolved_on", "message"),
    [("", "Enter the day it resolved."), ("2026-11-20", "can't resolve before it started")],
)
def test_a_resolved_date_must_be_given_and_not_before_the_onset(
    owner_client, owner, resolved_on, message
):
    injury = make_injury(owner, days_ago=3)
    data = {
        **FULL,
        "onset_at": "2026-11-22T12:00",
        "status": "resolved",
        "resolved_on": resolved_on,
    }
    body = owner_client.post(reverse("injury_edit", args=[injury.pk]), data).content.decode()
    assert message in html.unescape(body)
    assert "Felt it go in the last sprint." in body
    injury.refresh_from_db()
    assert injury.is_active


# --- advice, banners and acknowledgements ----------------------------------------------------


def test_pain_not_improving_after_two_days_prompts_a_call_on_every_page(owner_client, owner):
    make_injury(owner, days_ago=3, pains=(6, 6, 6))
    for url in [reverse("home"), reverse("profile"), reverse("anatomy:overview")]:
        body = owner_client.get(url).content.decode()
        assert "banner-call-provider" in body, url
        assert "Call your provider" in body


def test_urgent_advice_shows_a_call_link_to_the_users_emergency_number(owner_client, owner):
    profile = get_profile(owner)
    profile.emergency_number = "112"
    profile.save()
    injury = make_injury(owner, days_ago=1)
    injury.entries.create(recorded_at=NOW, pain=4, calf_swelling=True)
    body = owner_client.get(reverse("profile")).content.decode()
    assert "banner-urgent" in body
    assert 'href="tel:112"' in body


def test_call_provider_advice_shows_the_providers_name_and_number(owner_client, owner):
    profile = get_profile(owner)
    profile.provider_name = "Dr Lee"
    profile.provider_phone = "+44 20 7946 0000"
    profile.save()
    make_injury(owner, days_ago=3, pains=(6, 6))
    body = owner_client.get(reverse("home")).content.decode()
    assert 'href="tel:+44 20 7946 0000"' in body
    assert "Call Dr Lee" in body


def test_contacting_the_provider_quiets_the_prompt_for_48_hours_and_shows_on_the_timeline(
    owner_client, owner
):
    injury = make_injury(owner, days_ago=3, pains=(6, 6))
    owner_client.post(
        reverse("acknowledge", args=[injury.pk]),
        {"kind": "contacted", "at": "2026-11-25T11:00", "note": "Physio on Friday"},
    )
    body = owner_client.get(injury.get_absolute_url()).content.decode()
    assert "banner-call-provider" not in body
    assert "paused until" in body
    assert "I contacted my provider" in body
    assert "Physio on Friday" in body
    # Contacted at 11:00; the prompt is paused for 48 hours from then.
    with time_machine.travel(NOW + dt.timedelta(hours=46, minutes=59), tick=False):
        assert "banner-call-provider" not in owner_client.get("/").content.decode()
    with time_machine.travel(NOW + dt.timedelta(hours=47), tick=False):
        assert "banner-call-provider" in owner_client.get("/").content.decode()


def test_getting_care_clears_a_warning_sign(owner_client, owner):
    injury = make_injury(owner, days_ago=1)
    injury.entries.create(recorded_at=NOW - dt.timedelta(hours=2), pain=4, numbness=True)
    assert "banner-urgent" in owner_client.get("/").content.decode()
    owner_client.post(
        reverse("acknowledge", args=[injury.pk]), {"kind": "got_care", "at": "2026-11-25T11:30"}
    )
    assert "banner-urgent" not in owner_client.get("/").content.decode()


def test_marking_an_injury_resolved_keeps_its_warning_sign_until_care(owner_client, owner):
    injury = make_injury(owner, days_ago=1)
    injury.entries.create(recorded_at=NOW - dt.timedelta(hours=2), pain=4, numbness=True)
    owner_client.post(
        reverse("injury_edit", args=[injury.pk]),
        {**FULL, "onset_at": "2026-11-24T12:00", "status": "resolved", "resolved_on": "2026-11-25"},
    )
    injury.refresh_from_db()
    assert injury.status == "resolved"
    response = owner_client.get("/")
    assert "banner-urgent" in response.content.decode()
    assert response.context["assessed"] == []  # not listed among the active injuries
    owner_client.post(
        reverse("acknowledge", args=[injury.pk]), {"kind": "got_care", "at": "2026-11-25T11:30"}
    )
    assert "banner-urgent" not in owner_client.get("/").content.decode()


def test_a_resolved_injury_without_warning_signs_leaves_no_banner(owner_client, owner):
    injury = make_injury(owner, days_ago=30, pains=(6, 6))
    injury.status, injury.resolved_on = "resolved", (NOW - dt.timedelta(days=1)).date()
    injury.save()
    assert 'class="banner' not in owner_client.get("/").content.decode()


def test_an_acknowledgement_in_the_future_is_refused(owner_client, owner):
    injury = make_injury(owner, days_ago=1)
    response = owner_client.post(
        reverse("acknowledge", args=[injury.pk]),
        {"kind": "contacted", "at": "2026-11-26T09:00", "note": "tomorrow"},
    )
    assert response.status_code == 400
    assert "in the future" in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_no_entry_for_a_day_asks_for_one(owner_client, owner):
    injury = make_injury(owner, days_ago=2, pains=(3,))
    body = owner_client.get(injury.get_absolute_url()).content.decode()
    assert "No entry in the last 24 hours" in body


def test_the_injury_page_shows_typical_recovery_for_the_group_and_grade(owner_client, owner):
    injury = make_injury(owner, grade="2")
    injury.muscles.set(
        __import__("anatomy.models").models.Muscle.objects.filter(slug="biceps-femoris")
    )
    body = owner_client.get(injury.get_absolute_url()).content.decode()
    assert "<td>Hamstrings</td><td>grade II</td><td>4 to 8 weeks</td>" in body
    assert "A guide, never a promise" in body


def test_milestones_are_ticked_off_with_the_day(owner_client, owner):
    injury = make_injury(owner)
    owner_client.post(reverse("milestones", args=[injury.pk]), {"done": ["walking", "rest-pain"]})
    injury.refresh_from_db()
    assert injury.milestones == {"walking": "2026-11-25", "rest-pain": "2026-11-25"}


def test_the_timeline_is_newest_first_and_paginated(owner_client, owner):
    injury = make_injury(owner, days_ago=5, pains=[n % 11 for n in range(25)])
    response = owner_client.get(injury.get_absolute_url())
    body = response.content.decode()
    assert body.count('class="timeline-entry') == 20
    assert "Page 1 of 2" in body
    times = [at for _, at, _ in response.context["timeline"]]
    assert times == sorted(times, reverse=True)
    assert times[0] == injury.entries.latest("recorded_at").recorded_at
    page2 = owner_client.get(injury.get_absolute_url() + "?page=2").content.decode()
    assert page2.count('class="timeline-entry') == 5


def test_the_injury_page_and_dashboard_need_the_same_queries_for_more_data(
    owner_client, owner, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = make_injury(owner, days_ago=2, pains=(5, 4))
    with CaptureQueriesContext(connection) as few:
        owner_client.get(small.get_absolute_url())
        owner_client.get("/")
    for _ in range(4):
        make_injury(owner, days_ago=6, pains=list(range(10)) * 5)
    small.entries.bulk_create(
        [
            SymptomEntry(injury=small, recorded_at=NOW - dt.timedelta(minutes=m), pain=3)
            for m in range(60)
        ]
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        owner_client.get(small.get_absolute_url())
        owner_client.get("/")


# --- ownership -------------------------------------------------------------------------------


def test_another_users_injury_entries_and_acknowledgements_are_404_and_unchanged(
    client, owner, other_user
):
    injury = make_injury(owner, days_ago=1)
    entry = injury.entries.get()
    ack = injury.acknowledgements.create(kind="contacted", at=NOW)
    client.force_login(other_user)
    gets = [
        reverse("injury", args=[injury.pk]),
        reverse("injury_edit", args=[injury.pk]),
        reverse("injury_delete", args=[injury.pk]),
        reverse("entry_new", args=[injury.pk]),
        reverse("entry_edit", args=[entry.pk]),
        reverse("entry_delete", args=[entry.pk]),
        reverse("acknowledgement_delete", args=[ack.pk]),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = gets[1:] + [
        reverse("acknowledge", args=[injury.pk]),
        reverse("milestones", args=[injury.pk]),
    ]
    for url in posts:
        response = client.post(url, {**FULL, "kind": "got_care", "at": "2026-11-25T10:00"})
        assert response.status_code == 404, url
    injury.refresh_from_db()
    entry.refresh_from_db()
    assert injury.notes == ""
    assert entry.pain == 6
    assert Acknowledgement.objects.count() == 1
    assert injury.milestones == {}


def test_a_visitor_is_sent_to_log_in(client, owner):
    injury = make_injury(owner)
    response = client.get(injury.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_other_users_injuries_are_not_listed(client, owner, other_user):
    make_injury(owner, notes="alice's private note")
    client.force_login(other_user)
    assert "alice" not in client.get(reverse("injuries")).content.decode()
    assert 'class="banner ' not in client.get("/").content.decode()


def test_choices_offer_no_empty_select_an_option(owner_client, owner):
    injury = make_injury(owner)
    for url in [reverse("injury_new"), injury.get_absolute_url()]:
        assert "Select an option" not in owner_client.get(url).content.decode()


def test_an_acknowledgement_needs_a_kind(owner_client, owner):
    injury = make_injury(owner)
    response = owner_client.post(
        reverse("acknowledge", args=[injury.pk]), {"at": "2026-11-25T10:00"}
    )
    assert "Choose whether you contacted your provider or got care." in response.content.decode()


def test_a_date_before_1900_is_refused_with_a_message(owner_client, owner):
    response = owner_client.post(reverse("injury_new"), {**FULL, "onset_at": "0001-01-01T00:00"})
    assert "Enter a date from 1900 onwards." in response.content.decode()
    assert not Injury.objects.filter(user=owner).exists()


def test_an_injury_id_beyond_any_row_is_not_found_rather_than_an_error(owner_client):
    for pk in [2**63 - 1, 2**63, 10**30]:
        assert owner_client.get(f"/injuries/{pk}/").status_code == 404


def test_the_injury_forms_type_ahead_offers_buttons_that_choose_a_muscle(owner_client):
    url = reverse("muscle_matches")
    htmx = {"HX-Request": "true"}
    part = owner_client.get(url, {"q": "calfe"}, headers=htmx).content.decode()
    assert part.lstrip().startswith('<div id="muscle-matches"')
    assert '<button type="button" class="match" data-muscle="gastrocnemius">' in part
    assert 'data-muscle="soleus"' in part
    part = owner_client.get(url, {"q": "zzzz"}, headers=htmx).content.decode()
    assert "No muscle matches &ldquo;zzzz&rdquo;" in part
    part = owner_client.get(url, {"q": "   "}, headers=htmx).content.decode()
    assert "<button" not in part
    assert "No muscle" not in part
    assert owner_client.get(url, {"q": "calf"}).url == reverse("injury_new")  # not a page


def test_the_type_ahead_shows_at_most_6_muscles(owner_client):
    part = owner_client.get(
        reverse("muscle_matches"), {"q": "muscle"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert 1 <= part.count('class="match"') <= 6
