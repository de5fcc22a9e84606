"""A form sent twice (a double tap, a resent request, two at the same moment) stores one row:
each log form carries a key made with the page, and a key already used writes nothing."""

import datetime as dt
import re
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from anatomy.models import Stretch
from recovery.models import (
    Acknowledgement,
    Cramp,
    Injury,
    StretchSession,
    SymptomEntry,
    Treatment,
)
from tests.concurrency import post_together

pytestmark = pytest.mark.django_db

KEY = re.compile(r'name="submission" value="([0-9a-f-]{36})"')


def local_now():
    return (dt.datetime.now(dt.UTC) - dt.timedelta(hours=20)).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def injury(owner):
    return Injury.objects.create(
        user=owner, side="left", onset_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    )


def forms(injury):
    """{name: (page with the form, where it posts, valid data, the rows it adds)}"""
    stretch = Stretch.objects.first()
    return {
        "injury": (
            reverse("injury_new"), reverse("injury_new"),
            {"muscles": ["soleus"], "side": "left", "pain": "5", "kind": "strain",
             "onset_at": local_now(), "cause": "unknown", "grade": "unknown"},
            lambda: Injury.objects.count(),
        ),
        "entry": (
            reverse("entry_new", args=[injury.pk]), reverse("entry_new", args=[injury.pk]),
            {"pain": "4", "recorded_at": local_now()},
            lambda: SymptomEntry.objects.count(),
        ),
        "acknowledgement": (
            injury.get_absolute_url(), reverse("acknowledge", args=[injury.pk]),
            {"kind": "contacted", "at": local_now()},
            lambda: Acknowledgement.objects.count(),
        ),
        "cramp": (
            reverse("cramps"), reverse("cramps"),
            {"when": "now", "side": "left", "duration": "30", "duration_unit": "seconds",
             "pain": "4"},
            lambda: Cramp.objects.count(),
        ),
        "treatment": (
            reverse("treatment_new"), reverse("treatment_new"),
            {"kind": "rest", "at": local_now()},
            lambda: Treatment.objects.count(),
        ),
        "stretch": (
            reverse("stretch_log"), reverse("stretch_log"),
            {"stretch": stretch.pk, "side": "both", "holds": "3", "hold_seconds": "30",
             "pain_during": "1", "at": local_now()},
            lambda: StretchSession.objects.count(),
        ),
    }  # fmt: skip


@pytest.mark.parametrize(
    "name", ["injury", "entry", "acknowledgement", "cramp", "treatment", "stretch"]
)
def test_a_form_sent_twice_stores_one_row_and_answers_alike(owner_client, injury, name):
    page, target, data, count = forms(injury)[name]
    key = KEY.search(owner_client.get(page).content.decode()).group(1)
    before = count()
    first = owner_client.post(target, {**data, "submission": key})
    assert first.status_code == 302, first.content.decode()[:3000]
    assert count() == before + 1
    again = owner_client.post(target, {**data, "submission": key})
    assert again.status_code == 302
    assert count() == before + 1  # the second one stored nothing
    owner_client.post(target, {**data, "submission": str(uuid.uuid4())})
    assert count() == before + 2  # a new page's form is a new submission


def test_the_symptom_form_in_place_gets_a_new_key_after_each_save(owner_client, injury):
    url = reverse("entry_new", args=[injury.pk])
    page = owner_client.get(injury.get_absolute_url()).content.decode()
    key = KEY.search(page[page.index('id="live"') :]).group(1)
    data = {"pain": "4", "recorded_at": local_now(), "submission": key}
    headers = {"HX-Request": "true"}
    first = owner_client.post(url, data, headers=headers).content.decode()
    again = owner_client.post(url, data, headers=headers).content.decode()
    assert SymptomEntry.objects.filter(injury=injury).count() == 1
    assert "Entry saved" in first
    assert "Entry saved" in again
    fresh = KEY.search(first).group(1)
    assert fresh != key
    owner_client.post(url, {**data, "submission": fresh}, headers=headers)
    assert SymptomEntry.objects.filter(injury=injury).count() == 2


def test_keys_are_per_user(owner_client, client, other_user, injury):
    key = str(uuid.uuid4())
    data = {"kind": "rest", "at": local_now(), "submission": key}
    owner_client.post(reverse("treatment_new"), data)
    client.force_login(other_user)
    client.post(reverse("treatment_new"), data)
    assert Treatment.objects.filter(user=other_user).count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs concurrent connections: runs in the PostgreSQL pass of CI.",
)
@pytest.mark.django_db(transaction=True)
def test_two_identical_posts_at_the_same_moment_store_one_row(owner):
    key = str(uuid.uuid4())
    data = {"kind": "rest", "at": local_now(), "submission": key}
    statuses = post_together(owner, reverse("treatment_new"), data)
    assert statuses == [302, 302]
    assert Treatment.objects.filter(user=owner).count() == 1
