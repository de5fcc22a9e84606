"""Each injury's triage facts are kept on write (InjuryState) and always equal a full
recomputation from its entries and acknowledgements, whatever sequence of writes came before:
new, edited, back-dated and deleted entries, acknowledgements, imports; on SQLite and, in CI's
second pass, PostgreSQL."""

import datetime as dt
import json
import threading

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from recovery.accounts import export
from recovery.injuries import advice
from recovery.models import (
    Acknowledgement,
    Cramp,
    CrampState,
    Injury,
    InjuryState,
    Profile,
    SymptomEntry,
)
from tests.tasks import import_now

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
ONSET = NOW - dt.timedelta(days=10)
FLAGS = list(SymptomEntry.RED_FLAGS)


def assert_state_is_exact(injury_id):
    stored = InjuryState.objects.get(pk=injury_id).as_dict()
    assert stored == InjuryState.facts_of(injury_id)


minutes = st.integers(min_value=0, max_value=10 * 24 * 60)
write = st.one_of(
    st.tuples(
        st.just("add"),
        minutes,
        st.integers(0, 10),
        st.frozensets(st.sampled_from(FLAGS), max_size=3),
    ),
    st.tuples(st.just("edit"), st.integers(0, 50), minutes, st.integers(0, 10), st.booleans()),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("ack"), st.sampled_from(["contacted", "got_care"]), minutes),
    st.tuples(st.just("unack"), st.integers(0, 50)),
)


class StateOnWrite(TestCase):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(writes=st.lists(write, max_size=12))
    def test_the_kept_state_equals_a_recomputation_after_any_writes(self, writes):
        from django.contrib.auth.models import User

        user = User.objects.create_user("state-owner")
        injury = Injury.objects.create(user=user, side="left", onset_at=ONSET)
        assert_state_is_exact(injury.pk)
        for step in writes:
            self.apply(injury, step)
            assert_state_is_exact(injury.pk)

    @staticmethod
    def apply(injury, step):
        entries = list(injury.entries.order_by("pk"))
        acks = list(injury.acknowledgements.order_by("pk"))
        match step:
            case ("add", at, pain, flags):
                SymptomEntry.objects.create(
                    injury=injury,
                    recorded_at=ONSET + dt.timedelta(minutes=at),
                    pain=pain,
                    **dict.fromkeys(flags, True),
                )
            case ("edit", n, at, pain, flag) if entries:
                entry = entries[n % len(entries)]
                entry.recorded_at = ONSET + dt.timedelta(minutes=at)  # back-dated or forward
                entry.pain = pain
                entry.numbness = flag
                entry.save()
            case ("delete", n) if entries:
                entries[n % len(entries)].delete()
            case ("ack", kind, at):
                Acknowledgement.objects.create(
                    injury=injury, kind=kind, at=ONSET + dt.timedelta(minutes=at)
                )
            case ("unack", n) if acks:
                acks[n % len(acks)].delete()


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_a_new_injury_has_an_empty_state(django_user_model):
    user = django_user_model.objects.create_user("new")
    injury = Injury.objects.create(user=user, side="left", onset_at=ONSET)
    state = InjuryState.objects.get(pk=injury.pk)
    assert (state.entry_count, state.latest_entry_id, state.latest_flags) == (0, None, [])


@pytestmark_db
def test_the_pages_writes_keep_the_state(client, django_user_model):
    user = django_user_model.objects.create_user("pages", password="x")
    Profile.objects.create(user=user, time_zone="UTC")
    client.force_login(user)
    injury = Injury.objects.create(user=user, side="left", onset_at=NOW - dt.timedelta(days=2))
    client.post(
        reverse("entry_new", args=[injury.pk]),
        {"pain": "7", "recorded_at": "2026-11-24T09:00", "calf_swelling": "on"},
    )
    entry = injury.entries.get()
    state = InjuryState.objects.get(pk=injury.pk)
    assert (state.latest_pain, state.latest_flags) == (7, ["calf_swelling"])
    client.post(
        reverse("entry_edit", args=[entry.pk]), {"pain": "3", "recorded_at": "2026-11-24T09:00"}
    )
    assert InjuryState.objects.get(pk=injury.pk).latest_flags == []
    client.post(
        reverse("acknowledge", args=[injury.pk]), {"kind": "got_care", "at": "2026-11-24T10:00"}
    )
    assert InjuryState.objects.get(pk=injury.pk).last_care_at is not None
    client.post(reverse("entry_delete", args=[entry.pk]))
    assert_state_is_exact(injury.pk)
    assert InjuryState.objects.get(pk=injury.pk).entry_count == 0


@pytestmark_db
def test_an_injury_without_its_state_row_still_takes_an_entry_in_place(client, django_user_model):
    """The injury page counts its timeline from the kept state; an injury written around the
    models' saves (no state row) is counted from its entries instead of failing."""
    user = django_user_model.objects.create_user("stateless", password="x")
    Profile.objects.create(user=user, time_zone="UTC")
    client.force_login(user)
    injury = Injury.objects.create(user=user, side="left", onset_at=NOW - dt.timedelta(days=2))
    InjuryState.objects.filter(pk=injury.pk).delete()
    response = client.post(
        reverse("entry_new", args=[injury.pk]),
        {"pain": "4", "recorded_at": "2026-11-24T09:00"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Pain 4/10" in response.content.decode()
    assert_state_is_exact(injury.pk)


@pytestmark_db
def test_an_import_leaves_every_injury_state_exact(django_user_model):
    source = django_user_model.objects.create_user("source")
    Profile.objects.create(user=source, time_zone="UTC")
    injury = Injury.objects.create(user=source, side="right", onset_at=ONSET)
    for n, pain in enumerate([4, 8, 6, 2]):
        SymptomEntry.objects.create(
            injury=injury, recorded_at=ONSET + dt.timedelta(hours=n), pain=pain, numbness=n == 3
        )
    Acknowledgement.objects.create(injury=injury, kind="contacted", at=ONSET)
    target = django_user_model.objects.create_user("target")
    Profile.objects.create(user=target, time_zone="UTC")
    import_now(target, json.dumps(export.collect(source)).encode())
    imported = Injury.objects.get(user=target)
    assert_state_is_exact(imported.pk)
    state = InjuryState.objects.get(pk=imported.pk)
    assert (state.entry_count, state.highest_pain, state.latest_flags) == (4, 8, ["numbness"])


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs concurrent connections: runs in the PostgreSQL pass of CI.",
)
@pytest.mark.django_db(transaction=True)
def test_entries_saved_at_the_same_moment_leave_the_state_exact(django_user_model):
    user = django_user_model.objects.create_user("racer", password="x")
    Profile.objects.create(user=user, time_zone="UTC")
    injury = Injury.objects.create(user=user, side="left", onset_at=ONSET)
    barrier = threading.Barrier(4)

    def save_entry(pain):
        barrier.wait()
        SymptomEntry.objects.create(
            injury=injury, recorded_at=NOW - dt.timedelta(hours=pain), pain=pain
        )
        connection.close()

    threads = [threading.Thread(target=save_entry, args=(pain,)) for pain in (2, 4, 6, 8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert_state_is_exact(injury.pk)
    assert InjuryState.objects.get(pk=injury.pk).entry_count == 4


# --- the user's kept cramps ---------------------------------------------------------------

cramp_write = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 30 * 24 * 60), st.integers(1, 900), st.booleans()),
    st.tuples(st.just("edit"), st.integers(0, 50), st.integers(0, 30 * 24 * 60)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
)


class CrampsOnWrite(TestCase):
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(writes=st.lists(cramp_write, max_size=10))
    def test_the_kept_cramps_give_the_advice_a_fresh_query_gives(self, writes):
        from django.contrib.auth.models import User

        with time_machine.travel(NOW, tick=False):
            user = User.objects.create_user("cramper")
            Profile.objects.create(user=user, time_zone="Europe/London")
            for step in writes:
                mine = list(Cramp.objects.filter(user=user).order_by("pk"))
                match step:
                    case ("add", ago, seconds, swelling):
                        Cramp.objects.create(
                            user=user,
                            started_at=NOW - dt.timedelta(minutes=ago),
                            side="left",
                            duration_seconds=seconds,
                            pain=5,
                            swelling=swelling,
                        )
                    case ("edit", n, ago) if mine:
                        cramp = mine[n % len(mine)]
                        cramp.started_at = NOW - dt.timedelta(minutes=ago)
                        cramp.save()
                    case ("delete", n) if mine:
                        mine[n % len(mine)].delete()
                kept = CrampState.objects.filter(pk=user.pk).values_list("cramps", flat=True)
                if kept:
                    assert kept[0] == CrampState.facts_of(user.pk)
                else:  # kept from the first cramp written on
                    assert not Cramp.objects.filter(user=user).exists()
            fresh = User.objects.select_related("profile").get(pk=user.pk)
            assert advice.for_cramps(fresh, NOW) == advice.for_cramps(user, NOW)


@pytestmark_db
def test_the_banner_costs_one_query_however_many_injuries_and_cramps(django_user_model):
    from django.test import RequestFactory

    from recovery.accounts.backends import ModelBackendWithProfile
    from recovery.insights.banner import advice_banner
    from recovery.management.commands.seed_demo import seed_demo

    seed_demo(username="heavy", days=120)
    heavy = django_user_model.objects.get(username="heavy")
    request = RequestFactory().get("/")
    request.user = ModelBackendWithProfile().get_user(heavy.pk)  # as each request loads it
    with CaptureQueriesContext(connection) as queries:
        banner = advice_banner(request)["advice_banner"]
        bool(banner)  # worked out
    assert len(queries.captured_queries) == 1, [q["sql"][:80] for q in queries.captured_queries]


@pytestmark_db
def test_a_cramp_written_in_a_request_shows_in_that_requests_advice(django_user_model):
    from recovery.accounts.backends import ModelBackendWithProfile

    user = django_user_model.objects.create_user("same-request")
    Profile.objects.create(user=user, time_zone="UTC")
    loaded = ModelBackendWithProfile().get_user(user.pk)  # as the request's user
    assert advice.for_cramps(loaded).level == 0
    Cramp.objects.create(
        user=loaded,
        started_at=timezone.now(),
        side="left",
        duration_seconds=60,
        pain=5,
        swelling=True,
    )
    assert advice.for_cramps(loaded).level >= 2
