"""The treatments list: the owner's treatments, newest first, 30 a page, with the injury."""

import datetime as dt

import pytest
from django.urls import reverse

from anatomy.models import Muscle
from recovery.models import Injury, Treatment

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def log(user, count, injury=None):
    for index in range(count):
        Treatment.objects.create(
            user=user,
            injury=injury,
            kind="massage",
            detail=f"{user.username} {index:02d}",
            at=NOON - dt.timedelta(hours=index),
        )


def details(response):
    return [t.detail for t in response.context["page"].object_list]


def test_the_list_pages_the_owners_treatments_newest_first(owner_client, owner, other_user):
    injury = Injury.objects.create(user=owner, onset_at=NOON - dt.timedelta(days=5), side="left")
    injury.muscles.set(Muscle.objects.filter(slug="soleus"))
    log(owner, 31, injury)
    log(other_user, 3)
    first = owner_client.get(reverse("treatments"))
    assert details(first) == [f"alice {index:02d}" for index in range(30)]
    assert "Page 1 of 2" in first.content.decode()
    assert "Soleus" in first.content.decode()  # the injury's title names its muscle
    second = owner_client.get(reverse("treatments") + "?page=2")
    assert details(second) == ["alice 30"]
    assert details(owner_client.get(reverse("treatments") + "?page=99")) == ["alice 30"]
    assert details(owner_client.get(reverse("treatments") + "?page=x")) == details(first)
    assert "bob" not in first.content.decode()


def test_a_user_without_treatments_is_told_what_to_log(owner_client, other_user):
    log(other_user, 2)
    response = owner_client.get(reverse("treatments"))
    assert details(response) == []
    assert "No treatments logged yet" in response.content.decode()
