"""The stretch library as the anatomy reference shows it: each stretch lists the muscles it
really stretches."""

import pytest
from django.urls import reverse

from anatomy import reference
from anatomy.models import Stretch

pytestmark = pytest.mark.django_db

# Users' stretch logs and exports refer to these slugs: they must never change or go.
LOGGED_SLUGS = [
    "calf-stretch-straight-knee",
    "calf-stretch-bent-knee",
    "hamstring-stretch-lying",
    "quadriceps-stretch-standing",
    "groin-stretch-seated",
    "hip-flexor-stretch-kneeling",
    "shin-stretch-kneeling",
]


def stretched(slug):
    return set(Stretch.objects.get(slug=slug).muscles.values_list("slug", flat=True))


def test_every_stretch_users_may_have_logged_is_still_there():
    assert set(LOGGED_SLUGS) <= set(Stretch.objects.values_list("slug", flat=True))


def test_the_butterfly_stretch_does_not_claim_gracilis_which_is_slack_with_bent_knees(client):
    assert "gracilis" not in stretched("groin-stretch-seated")
    assert "adductor-longus" in stretched("groin-stretch-seated")
    body = client.get(reverse("anatomy:stretch", args=["groin-stretch-seated"])).content.decode()
    assert ">Gracilis</a>" not in body
    assert "butterfly" in body


def test_the_straight_knee_straddle_stretch_lists_gracilis(client):
    assert {"gracilis", "adductor-longus", "adductor-magnus"} <= stretched("groin-stretch-straddle")
    stretch = Stretch.objects.get(slug="groin-stretch-straddle")
    assert any("knees straight" in step for step in stretch.steps)
    body = client.get(stretch.get_absolute_url()).content.decode()
    assert f'<a href="{reverse("anatomy:muscle", args=["gracilis"])}">Gracilis</a>' in body
    assert "Stop at once if you feel sharp pain" in body


def test_the_gracilis_page_offers_the_straddle_and_not_the_butterfly(client):
    body = client.get(reverse("anatomy:muscle", args=["gracilis"])).content.decode()
    assert "Inner-thigh stretch sitting, legs wide and straight" in body
    assert "Inner-thigh (groin) stretch sitting" not in body


def test_stretches_in_the_data_file_have_the_shape_the_app_expects():
    for row in reference.read_data()["stretches"]:
        assert row["steps"]
        assert row["cautions"]
        assert 5 <= row["hold_seconds"] <= 120
        assert row["muscles"]
