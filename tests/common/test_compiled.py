"""`one_row` compiles a query's SQL once per shape and runs it with each call's values, giving
what `.values().get()` gives: the right user's numbers, datetimes and durations converted."""

import datetime as dt
from zoneinfo import ZoneInfo

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


# --- rows and instances ---------------------------------------------------------------------


def test_rows_give_what_the_orm_gives_for_a_union_with_local_days(django_user_model):
    from recovery.common.compiled import rows
    from recovery.common.local_day import LocalDate

    alice = django_user_model.objects.create_user("alice", password="x")
    bob = django_user_model.objects.create_user("bob", password="x")
    for hours in (1, 5, 30, 80):
        ice(alice, NOON - dt.timedelta(hours=hours), 20)
    ice(bob, NOON - dt.timedelta(hours=2), 10)
    zone = ZoneInfo("America/Denver")

    def days(user, since):
        mine = IceSession.objects.filter(user=user, started_at__gte=since)
        first = mine.annotate(day=LocalDate("started_at", tzinfo=zone)).values_list("day")
        second = mine.annotate(day=LocalDate("ended_at", tzinfo=zone)).values_list("day")
        return first.order_by().union(second.order_by()).order_by("day")

    for user, since in [
        (alice.pk, NOON - dt.timedelta(days=5)),
        (alice.pk, NOON - dt.timedelta(hours=6)),
        (bob.pk, NOON - dt.timedelta(days=1)),
        (bob.pk, NOON),
    ]:
        expected = list(days(user, since))
        assert rows(("test days", str(zone)), days, user=user, since=since) == expected
    assert rows(("test days", str(zone)), days, user=alice.pk, since=NOON - dt.timedelta(days=5))
    assert [day for (day,) in rows(("test days", str(zone)), days, user=bob.pk, since=NOON)] == []


def test_instances_carry_fields_annotations_and_related_objects_without_more_queries(
    django_user_model, django_assert_num_queries
):
    from django.db.models import Count

    from recovery.common.compiled import instances
    from recovery.models import Profile

    alice = django_user_model.objects.create_user("alice", password="x", first_name="Al")
    django_user_model.objects.create_user("bob", password="x")
    Profile.objects.update_or_create(user=alice, defaults={"emergency_number": "999"})
    ice(alice, NOON, 20)

    def users(user_id, name):
        return (
            django_user_model.objects.filter(pk=user_id, username=name)
            .select_related("profile")
            .annotate(sessions=Count("ice_sessions"))
        )

    expected = list(users(alice.pk, "alice"))
    with django_assert_num_queries(1):
        (loaded,) = instances("test users", users, user_id=alice.pk, name="alice")
        assert loaded.profile.emergency_number == "999"  # read with the user
    assert loaded == expected[0]
    assert loaded.pk == alice.pk
    assert (loaded.username, loaded.first_name, loaded.sessions) == ("alice", "Al", 1)
    assert loaded.profile.user is loaded
    loaded.first_name = "Alice"
    loaded.save()  # a loaded instance saves like any other
    assert django_user_model.objects.get(pk=alice.pk).first_name == "Alice"
    assert instances("test users", users, user_id=alice.pk, name="bob") == []


def test_instances_refuse_what_they_would_not_load():
    from recovery.common.compiled import instances
    from recovery.models import Injury

    with pytest.raises(ValueError, match="prefetch_related"):
        instances(
            "test prefetch",
            lambda user: Injury.objects.filter(user=user).prefetch_related("muscles"),
            user=1,
        )
    with pytest.raises(TypeError, match="ints, strings and datetimes"):
        instances("test float", lambda user: Injury.objects.filter(user=user), user=1.5)


def test_the_shapes_kept_per_connection_are_bounded(django_user_model, monkeypatch):
    from django.db import DEFAULT_DB_ALIAS, connections

    from recovery.common import compiled

    monkeypatch.setattr(compiled, "SHAPES_PER_CONNECTION", 3)
    alice = django_user_model.objects.create_user("alice", password="x")
    for shape in range(5):
        assert compiled.rows(
            ("test bound", shape),
            lambda user: User.objects.filter(pk=user).values_list("username"),
            user=alice.pk,
        ) == [("alice",)]
    cache = compiled.shapes_of(connections[DEFAULT_DB_ALIAS])
    kept = [key for key in cache if key[0][0] == "test bound"]
    assert [key[0][1] for key in kept] == [2, 3, 4]


def test_a_threads_compiled_shapes_go_with_its_connection():
    """Compiled shapes live on the connection: a thread's connection (runserver serves each
    request in a thread of its own) is not kept alive by them once the thread is done."""
    import gc
    import threading
    import weakref

    from django.db import DEFAULT_DB_ALIAS, connections

    from recovery.common import compiled

    kept = []

    def request_in_a_thread():
        connection = connections[DEFAULT_DB_ALIAS]
        compiled.rows(
            "test thread", lambda user: User.objects.filter(pk=user).values_list("pk"), user=1
        )
        assert compiled.shapes_of(connection)
        kept.append(weakref.ref(connection))
        connection.close()

    thread = threading.Thread(target=request_in_a_thread)
    thread.start()
    thread.join()
    del thread
    gc.collect()
    assert kept
    assert kept[0]() is None


def test_a_prefetched_relation_reads_as_prefetch_related_gives_it(owner, django_assert_num_queries):
    from anatomy.models import Muscle
    from recovery.common.compiled import instances, prefetched
    from recovery.models import Injury

    injury = Injury.objects.create(user=owner, onset_at=NOON, kind="strain", side="left")
    injury.muscles.set(Muscle.objects.filter(slug__in=["soleus", "adductor-longus", "sartorius"]))
    expected = list(Injury.objects.prefetch_related("muscles").get(pk=injury.pk).muscles.all())

    def muscles_of(injury_id):
        return Muscle.objects.filter(injuries=injury_id).only("slug", "name")

    loaded = Injury.objects.get(pk=injury.pk)
    prefetched(loaded, "muscles", instances("test muscles", muscles_of, injury_id=injury.pk))
    with django_assert_num_queries(0):
        assert list(loaded.muscles.all()) == expected  # the same muscles, in the same order
        assert [muscle.name for muscle in loaded.muscles.all()] == [m.name for m in expected]
        assert loaded.where() == ", ".join(muscle.name for muscle in expected)


def test_muscle_names_given_to_injuries_read_as_their_prefetched_muscles(
    owner, other_user, django_assert_num_queries
):
    from anatomy.models import Muscle
    from recovery.models import Injury, give_muscle_names, muscle_names

    def injury(user, *slugs):
        made = Injury.objects.create(user=user, onset_at=NOON, kind="strain", side="left")
        made.muscles.set(Muscle.objects.filter(slug__in=slugs))
        return made

    mine = [
        injury(owner, "soleus", "sartorius", "adductor-longus"),
        injury(owner),
        injury(owner, "soleus"),
    ]
    injury(other_user, "gracilis")
    expected = Injury.objects.filter(user=owner).prefetch_related(muscle_names())
    expected = {item.pk: [(m.pk, m.slug, m.name) for m in item.muscles.all()] for item in expected}
    loaded = list(Injury.objects.filter(pk__in=[item.pk for item in mine]))
    with django_assert_num_queries(1):
        give_muscle_names(loaded)
    with django_assert_num_queries(0):
        given = {item.pk: [(m.pk, m.slug, m.name) for m in item.muscles.all()] for item in loaded}
    assert given == expected
    assert [len(given[item.pk]) for item in mine] == [3, 0, 1]
    assert give_muscle_names([]) == []
