"""`one_row` compiles a query's SQL once per shape and runs it with each call's values, giving
what `.values().get()` gives: the right user's numbers, datetimes and durations converted."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db.models import DurationField, F, Max, OuterRef, Subquery, Sum

from recovery.common.compiled import one_row
from recovery.models import IceSession

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
BUILDS = []


def ice_query(user, since):
    """A user's finished ice since a time: the latest end and the total time."""
    BUILDS.append(user)
    mine = IceSession.objects.filter(user=OuterRef("pk"), started_at__gte=since).values("user")
    return User.objects.filter(pk=user).values(
        last_end=Subquery(mine.annotate(v=Max("ended_at")).values("v")[:1]),
        total=Subquery(
            mine.annotate(v=Sum(F("ended_at") - F("started_at"))).values("v")[:1],
            output_field=DurationField(),
        ),
    )


def ice(user, started, minutes):
    return IceSession.objects.create(
        user=user,
        started_at=started,
        planned_end_at=started + dt.timedelta(minutes=20),
        ended_at=started + dt.timedelta(minutes=minutes),
        status=IceSession.Status.COMPLETED,
    )


def test_it_gives_what_the_orm_gives_for_each_user_and_time_and_builds_once(django_user_model):
    alice = django_user_model.objects.create_user("alice", password="x")
    bob = django_user_model.objects.create_user("bob", password="x")
    ice(alice, NOON - dt.timedelta(hours=3), 20)
    ice(alice, NOON - dt.timedelta(hours=1), 12)
    ice(bob, NOON - dt.timedelta(days=2), 15)
    BUILDS.clear()
    cases = [
        (alice.pk, NOON - dt.timedelta(hours=5)),
        (alice.pk, NOON - dt.timedelta(hours=2)),
        (bob.pk, NOON - dt.timedelta(days=3)),
        (bob.pk, NOON),  # nothing since: empty values, not a missing row
    ]
    for user, since in cases:
        expected = ice_query(user, since).get()
        assert one_row("test ice", ice_query, user=user, since=since) == expected
    assert one_row("test ice", ice_query, user=alice.pk, since=cases[0][1]) == {
        "last_end": NOON - dt.timedelta(minutes=48),
        "total": dt.timedelta(minutes=32),
    }
    assert len(BUILDS) == len(cases) + 1  # the ORM builds per case above; one_row only once


def test_a_value_the_query_does_not_use_as_a_parameter_is_refused(django_user_model):
    alice = django_user_model.objects.create_user("alice", password="x")

    def ignores_since(user, since):
        return User.objects.filter(pk=user).values("username")

    with pytest.raises(ValueError, match=r"does not use \['since'\]"):
        one_row("test ignores", ignores_since, user=alice.pk, since=NOON)


def test_a_missing_row_is_an_error_not_a_guess():
    with pytest.raises(ValueError, match="gave 0 rows"):
        one_row("test ice", ice_query, user=123456, since=NOON)
