"""Drinks, leg cramps and stretching: rules with the clock pinned, pages, bad input, owners."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from anatomy.models import Muscle, Stretch
from recovery.common.days import day_bounds
from recovery.habits import hydration, stretch_rules
from recovery.models import Cramp, FluidEntry, Injury, StretchSession, get_profile

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


# --- days in the user's zone ----------------------------------------------------------------------


def test_a_day_runs_from_local_midnight_to_local_midnight():
    start, end = day_bounds(dt.date(2026, 11, 25), NEW_YORK)
    assert start == dt.datetime(2026, 11, 25, 5, 0, tzinfo=dt.UTC)
    assert end - start == dt.timedelta(hours=24)


@pytest.mark.parametrize(("day", "hours"), [(dt.date(2026, 3, 8), 23), (dt.date(2026, 11, 1), 25)])
def test_days_when_the_clocks_change_are_23_or_25_hours_long(day, hours):
    start, end = day_bounds(day, NEW_YORK)
    assert end - start == dt.timedelta(hours=hours)


def test_a_late_evening_drink_belongs_to_the_users_day_not_utcs(owner):
    late = dt.datetime(2026, 11, 26, 3, 30, tzinfo=dt.UTC)  # 22:30 on the 25th in New York
    FluidEntry.objects.create(user=owner, at=late, amount_ml=250)
    assert hydration.total_for_day(owner, dt.date(2026, 11, 25), NEW_YORK) == 250
    assert hydration.total_for_day(owner, dt.date(2026, 11, 26), NEW_YORK) == 0


def test_daily_totals_bucket_by_the_users_zone_across_a_dst_change(owner):
    # 1 November 2026: New York falls back at 02:00, so that day has 25 hours.
    moments = [
        dt.datetime(2026, 11, 1, 4, 30, tzinfo=dt.UTC),  # 00:30 EDT on 1 Nov
        dt.datetime(2026, 11, 2, 4, 30, tzinfo=dt.UTC),  # 23:30 EST on 1 Nov
        dt.datetime(2026, 11, 2, 5, 30, tzinfo=dt.UTC),  # 00:30 EST on 2 Nov
    ]
    for moment in moments:
        FluidEntry.objects.create(user=owner, at=moment, amount_ml=250)
    totals = hydration.daily_totals(owner, NEW_YORK, dt.date(2026, 10, 30))
    assert totals == {dt.date(2026, 11, 1): 500, dt.date(2026, 11, 2): 250}
    assert hydration.total_for_day(owner, dt.date(2026, 11, 1), NEW_YORK) == 500


def test_the_goal_is_capped_by_the_clinicians_limit_and_never_urges_past_it(owner):
    profile = get_profile(owner)
    profile.daily_fluid_goal_ml = 2500
    profile.fluid_limit_ml = 1500
    state = hydration.progress(1600, profile)
    assert state["goal_ml"] == 1500
    assert state["at_limit"] is True
    assert state["left_ml"] == 0


# --- drinks pages ---------------------------------------------------------------------------


def test_quick_adding_a_glass_and_undoing_it(owner_client, owner):
    owner_client.post(reverse("fluid_add"), {"quick": "250"})
    owner_client.post(reverse("fluid_add"), {"quick": "500"})
    body = owner_client.get(reverse("fluids")).content.decode()
    assert "0.75 L of 2 L" in body
    assert "You have had 0.75 L today, 38 percent of your goal of 2 L." in body
    owner_client.post(reverse("fluid_undo"))
    assert list(FluidEntry.objects.values_list("amount_ml", flat=True)) == [250]


def test_us_users_get_fluid_ounce_buttons(owner_client, owner):
    profile = get_profile(owner)
    profile.fluid_units = "us"
    profile.save()
    body = owner_client.get(reverse("fluids")).content.decode()
    assert "Add a 8 fl oz glass" in body
    assert "Add a 16 fl oz bottle" in body
    owner_client.post(reverse("fluid_add"), {"amount": "12", "drink": "other"})
    assert FluidEntry.objects.get().amount_ml == 355


def test_a_quick_amount_that_is_not_a_button_is_refused(owner_client):
    owner_client.post(reverse("fluid_add"), {"quick": "99999"})
    assert not FluidEntry.objects.exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "Enter one drink of 1 to 3000 mL"),
        ("-250", "Enter one drink of 1 to 3000 mL"),
        ("20000", "Enter one drink of 1 to 3000 mL"),
        ("lots", "Enter the amount as a number"),
    ],
)
def test_bad_drink_amounts_are_explained_and_the_rest_kept(owner_client, amount, message):
    # htmx swaps only successful responses: the part with the errors comes back with 200.
    response = owner_client.post(
        reverse("fluid_add"), {"amount": amount, "drink": "other"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert '<div id="fluids-today">' in body
    assert "<html" not in body
    assert message in body
    assert re.search(r'value="other"[^>]*checked', body)
    # Without JavaScript, the whole page comes back as a Bad Request with the same message.
    page = owner_client.post(reverse("fluid_add"), {"amount": amount, "drink": "other"})
    assert page.status_code == 400
    assert message in page.content.decode()
    assert not FluidEntry.objects.exists()


def test_the_history_lists_days_with_totals_and_a_day_can_be_edited(owner_client, owner):
    entry = FluidEntry.objects.create(user=owner, at=NOW - dt.timedelta(days=1), amount_ml=400)
    body = owner_client.get(reverse("fluid_history")).content.decode()
    assert "0.4 L" in body
    day = owner_client.get(reverse("fluid_day", args=["2026-11-24"])).content.decode()
    assert "0.4 L" in day
    owner_client.post(
        reverse("fluid_edit", args=[entry.pk]),
        {"amount": "300", "drink": "water", "at": "2026-11-24T09:00"},
    )
    entry.refresh_from_db()
    assert entry.amount_ml == 300
    owner_client.post(reverse("fluid_delete", args=[entry.pk]))
    assert not FluidEntry.objects.exists()


def test_an_impossible_day_is_a_404(owner_client):
    assert owner_client.get("/fluids/2026-02-30/").status_code == 404


# --- cramps --------------------------------------------------------------------------------------

CRAMP = {"when": "now", "side": "left", "duration": "40", "duration_unit": "seconds", "pain": "7"}


def test_logging_a_cramp_now_defaults_to_the_calf(owner_client, owner):
    body = owner_client.get(reverse("cramps")).content.decode()
    gastrocnemius = Muscle.objects.get(slug="gastrocnemius")
    assert f'<option value="{gastrocnemius.pk}" selected>Gastrocnemius</option>' in body
    owner_client.post(reverse("cramps"), {**CRAMP, "muscle": gastrocnemius.pk})
    cramp = Cramp.objects.get(user=owner)
    assert (cramp.duration_seconds, cramp.pain, cramp.started_at) == (40, 7, NOW)


def test_last_night_is_one_tap(owner_client, owner):
    owner_client.post(reverse("cramps"), {**CRAMP, "when": "last_night"})
    cramp = Cramp.objects.get()
    assert cramp.at_night is True
    assert cramp.started_at == dt.datetime(2026, 11, 25, 3, 0, tzinfo=dt.UTC)  # London = UTC


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"duration": "0"}, "Enter at least 1 second."),
        ({"duration": "2880", "duration_unit": "minutes"}, "at most 120 minutes"),
        ({"duration": "soon"}, "Enter a whole number"),
        ({"pain": "11"}, "Pain is a whole number from 0"),
        ({"when": "other"}, "Enter the time of the cramp"),
        ({"when": "other", "started_at": "2026-11-26T03:00"}, "in the future"),
    ],
)
def test_bad_cramp_input_is_explained_and_the_rest_kept(owner_client, changes, message):
    data = {**CRAMP, "notes": "left calf again", **changes}
    response = owner_client.post(reverse("cramps"), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    assert "left calf again</textarea>" in body
    assert not Cramp.objects.exists()


def test_night_cramps_on_3_nights_bring_the_call_prompt_to_every_page(owner_client, owner):
    for days in (1, 2):
        Cramp.objects.create(
            user=owner,
            started_at=NOW - dt.timedelta(days=days, hours=9),
            side="left",
            duration_seconds=60,
            pain=6,
            at_night=True,
        )
    assert "banner-call-provider" not in owner_client.get("/").content.decode()
    owner_client.post(reverse("cramps"), {**CRAMP, "when": "last_night"})
    body = owner_client.get("/").content.decode()
    assert "banner-call-provider" in body
    assert "night cramps on 3 nights" in body  # in full on Today
    for url in [reverse("cramps"), reverse("profile")]:  # one line elsewhere, with a link
        body = owner_client.get(url).content.decode()
        assert "banner-call-provider banner-compact" in body, url
        assert f'Call your provider</strong>: <a href="{reverse("cramps")}#advice">see why' in body
    owner_client.post(reverse("cramps_contacted"))
    assert "banner-call-provider" not in owner_client.get("/").content.decode()


def test_a_cramp_over_10_minutes_prompts_a_call(owner_client, owner):
    owner_client.post(reverse("cramps"), {**CRAMP, "duration": "11", "duration_unit": "minutes"})
    assert "lasted 11 minutes" in owner_client.get(reverse("cramps")).content.decode()


def test_the_cramp_page_shows_that_days_drinks_and_stretches(owner_client, owner):
    FluidEntry.objects.create(user=owner, at=NOW - dt.timedelta(hours=2), amount_ml=1250)
    owner_client.post(reverse("cramps"), CRAMP)
    body = owner_client.get(reverse("cramps")).content.decode()
    assert "<td>1.25 L</td>" in body
    assert "being well hydrated makes a cramp less likely" in body


def test_the_cramp_list_says_each_cramp_in_one_line(owner_client, owner):
    soleus = Muscle.objects.get(slug="soleus")
    owner_client.post(
        reverse("cramps"),
        {**CRAMP, "muscle": soleus.pk, "duration": "90", "woke_me": "on", "helped": "massage"},
    )
    owner_client.post(reverse("cramps"), {**CRAMP, "muscle": "", "side": "both"})
    body = owner_client.get(reverse("cramps")).content.decode()
    assert "<td>Soleus, left leg; 1 min 30 s; pain 7/10; woke you; helped: Massage</td>" in body
    assert "<td>Not sure, both legs; 40 seconds; pain 7/10</td>" in body


# --- stretching ----------------------------------------------------------------------------------


def test_the_library_has_a_stretch_for_each_group():
    targets = {
        slug: set(Stretch.objects.get(slug=slug).muscles.values_list("slug", flat=True))
        for slug in Stretch.objects.values_list("slug", flat=True)
    }
    everything = set().union(*targets.values())
    for muscle in [
        "gastrocnemius",
        "soleus",
        "biceps-femoris",
        "rectus-femoris",
        "adductor-longus",
        "iliopsoas",
        "tibialis-anterior",
    ]:
        assert muscle in everything
    assert targets["calf-stretch-straight-knee"] == {"gastrocnemius"}
    assert targets["calf-stretch-bent-knee"] == {"soleus"}


def test_muscle_pages_list_their_stretches_and_stretch_pages_link_muscles(client):
    body = client.get(reverse("anatomy:muscle", args=["soleus"])).content.decode()
    assert "Calf stretch against a wall, knee bent" in body
    stretch = client.get(reverse("anatomy:stretch", args=["calf-stretch-bent-knee"]))
    assert reverse("anatomy:muscle", args=["soleus"]) in stretch.content.decode()
    assert "Stop at once if you feel sharp pain" in stretch.content.decode()


def test_the_warm_up_is_built_from_the_library(client):
    body = client.get(reverse("anatomy:warm_up")).content.decode()
    for stretch in Stretch.objects.filter(in_warm_up=True):
        assert stretch.name in body


@pytest.mark.parametrize(
    ("elapsed", "kind", "hold", "left", "done"),
    [
        (0, "hold", 1, 30, 0),
        (29, "hold", 1, 1, 0),
        (30, "rest", 1, 15, 1),
        (45, "hold", 2, 30, 1),
        (119, "hold", 3, 1, 2),
        (120, "done", 3, 0, 3),
    ],
)
def test_the_guided_timer_knows_the_step_from_the_elapsed_time(elapsed, kind, hold, left, done):
    phase = stretch_rules.phase_at(elapsed, holds=3, hold_seconds=30, rest_seconds=15)
    assert (phase.kind, phase.hold, phase.seconds_left, phase.holds_done) == (
        kind,
        hold,
        left,
        done,
    )


def phase_step_by_step(elapsed, holds, hold_seconds, rest_seconds):
    """The schedule walked hold by hold: what `phase_at` must agree with."""
    elapsed = max(0, int(elapsed))
    cycle = hold_seconds + rest_seconds
    for number in range(1, holds + 1):
        start = (number - 1) * cycle
        if elapsed < start + hold_seconds:
            return ("hold", number, start + hold_seconds - elapsed, number - 1)
        if number < holds and elapsed < start + cycle:
            return ("rest", number, start + cycle - elapsed, number)
    return ("done", holds, 0, holds)


@given(
    elapsed=st.integers(-5, 3000),
    holds=st.integers(0, 25),
    hold_seconds=st.integers(0, 130),
    rest_seconds=st.integers(0, 130),
)
def test_the_timer_step_agrees_with_walking_the_schedule(
    elapsed, holds, hold_seconds, rest_seconds
):
    phase = stretch_rules.phase_at(elapsed, holds, hold_seconds, rest_seconds)
    assert (phase.kind, phase.hold, phase.seconds_left, phase.holds_done) == (
        phase_step_by_step(elapsed, holds, hold_seconds, rest_seconds)
    )


def test_the_timer_step_costs_the_same_for_any_number_of_holds():
    """A stored session with 2**62 holds of 0 seconds once made the stretching page loop."""
    huge = 2**62
    assert stretch_rules.phase_at(10**9, huge, 0, 0).kind == "done"
    phase = stretch_rules.phase_at(10**9, huge, 30, 15)
    assert (phase.kind, phase.hold) == ("hold", 10**9 // 45 + 1)


@pytest.mark.parametrize(
    ("during", "resting", "ease_off"),
    [
        (2, 2, False),  # no higher than at rest, under 4
        (3, 2, True),  # above the resting score
        (3, 3, False),
        (3, None, False),  # no resting score: only the 4/10 rule applies
        (4, None, True),  # reaches 4/10
        (4, 5, True),  # 4/10 or more even when below the resting score
        (0, 0, False),
        (None, 3, False),
    ],
)
def test_a_stretch_says_ease_off_above_the_resting_score_or_at_4(during, resting, ease_off):
    assert stretch_rules.ease_off(during, resting) is ease_off


def test_a_guided_stretch_survives_a_reload_and_logs_itself(owner_client, owner, pinned_clock):
    stretch = Stretch.objects.get(slug="hamstring-stretch-lying")
    owner_client.post(
        reverse("stretch_start"),
        {
            "stretch": stretch.pk,
            "side": "left",
            "holds": "3",
            "hold_seconds": "30",
            "rest_seconds": "15",
        },
    )
    session = StretchSession.objects.get()
    pinned_clock.shift(50)
    body = owner_client.get(session.get_absolute_url()).content.decode()
    assert "Hold 2 of 3" in body
    assert 'data-elapsed="50"' in body
    pinned_clock.shift(100)
    body = owner_client.get(session.get_absolute_url()).content.decode()
    session.refresh_from_db()
    assert (session.status, session.holds_done) == ("done", 3)
    assert "Done: 3 holds of 30 seconds" in body


def test_stopping_a_guided_stretch_logs_the_holds_done(owner_client, owner, pinned_clock):
    stretch = Stretch.objects.get(slug="quadriceps-stretch-standing")
    owner_client.post(
        reverse("stretch_start"),
        {
            "stretch": stretch.pk,
            "side": "both",
            "holds": "3",
            "hold_seconds": "30",
            "rest_seconds": "15",
        },
    )
    session = StretchSession.objects.get()
    pinned_clock.shift(80)
    owner_client.post(reverse("stretch_stop", args=[session.pk]))
    session.refresh_from_db()
    assert (session.status, session.holds_done) == ("stopped", 2)


def test_ease_off_advice_after_a_painful_stretch(owner_client, owner):
    injury = Injury.objects.create(user=owner, side="left", onset_at=NOW - dt.timedelta(days=2))
    injury.entries.create(recorded_at=NOW - dt.timedelta(hours=3), pain=2, resting=True)
    stretch = Stretch.objects.get(slug="hamstring-stretch-lying")
    response = owner_client.post(
        reverse("stretch_log"),
        {
            "stretch": stretch.pk,
            "side": "left",
            "holds": "3",
            "hold_seconds": "30",
            "pain_during": "5",
            "injury": injury.pk,
            "at": "2026-11-25T11:00",
        },
        follow=True,
    )
    assert "Ease off" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pain_during": "11"}, "Pain is a whole number from 0"),
        ({"hold_seconds": "0"}, "Hold for 5 to 120 seconds"),
        ({"hold_seconds": "1800"}, "Hold for 5 to 120 seconds"),
        ({"holds": "0"}, "Enter from 1 to 20 holds."),
    ],
)
def test_bad_stretch_input_is_explained_and_the_rest_kept(owner_client, changes, message):
    stretch = Stretch.objects.get(slug="groin-stretch-seated")
    data = {
        "stretch": stretch.pk,
        "side": "right",
        "holds": "3",
        "hold_seconds": "30",
        "pain_during": "2",
        "at": "2026-11-25T11:00",
        "notes": "after the run",
        **changes,
    }
    body = owner_client.post(reverse("stretch_log"), data).content.decode()
    assert message in body
    assert "after the run</textarea>" in body
    assert not StretchSession.objects.exists()


# --- owners ----------------------------------------------------------------------------------


def test_other_users_drinks_cramps_and_stretches_are_404_and_unchanged(client, owner, other_user):
    drink = FluidEntry.objects.create(user=owner, at=NOW, amount_ml=250)
    cramp = Cramp.objects.create(
        user=owner, started_at=NOW, side="left", duration_seconds=30, pain=4
    )
    stretch = StretchSession.objects.create(
        user=owner,
        stretch=Stretch.objects.first(),
        holds=3,
        hold_seconds=30,
        at=NOW,
        pain_during=2,
    )
    client.force_login(other_user)
    urls = [
        reverse("fluid_edit", args=[drink.pk]),
        reverse("fluid_delete", args=[drink.pk]),
        reverse("cramp_edit", args=[cramp.pk]),
        reverse("cramp_delete", args=[cramp.pk]),
        reverse("stretch_session", args=[stretch.pk]),
        reverse("stretch_edit", args=[stretch.pk]),
        reverse("stretch_delete", args=[stretch.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for url in [*urls[:4], *urls[5:], reverse("stretch_stop", args=[stretch.pk])]:
        assert client.post(url, {"amount": "1", "pain": "1"}).status_code == 404, url
    assert FluidEntry.objects.get().amount_ml == 250
    assert Cramp.objects.get().pain == 4
    assert StretchSession.objects.get().pain_during == 2
    client.post(reverse("fluid_undo"))
    assert FluidEntry.objects.exists()


def test_the_stretch_library_is_editable_in_the_admin(admin_client):
    stretch = Stretch.objects.get(slug="groin-stretch-seated")
    response = admin_client.get(reverse("admin:anatomy_stretch_change", args=[stretch.pk]))
    assert response.status_code == 200
    assert "Inner-thigh (groin) stretch sitting" in response.content.decode()
