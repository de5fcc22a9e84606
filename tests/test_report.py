"""The provider report and its share links."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from recovery.models import Cramp, FluidEntry, Injury, ShareLink, Treatment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def injury(owner):
    injury = Injury.objects.create(
        user=owner, side="left", grade="2", onset_at=NOW - dt.timedelta(days=4), notes="Sprint"
    )
    injury.entries.create(recorded_at=NOW - dt.timedelta(days=4), pain=7)
    injury.entries.create(recorded_at=NOW - dt.timedelta(days=1), pain=6, calf_swelling=True)
    injury.acknowledgements.create(kind="contacted", at=NOW - dt.timedelta(hours=3), note="GP")
    Treatment.objects.create(user=owner, injury=injury, kind="ice", at=NOW, duration_minutes=20)
    Treatment.objects.create(
        user=owner, injury=injury, kind="medication", at=NOW, detail="Paracetamol 1 g"
    )
    FluidEntry.objects.create(user=owner, at=NOW - dt.timedelta(hours=2), amount_ml=1000)
    Cramp.objects.create(
        user=owner,
        started_at=NOW - dt.timedelta(days=1),
        side="left",
        duration_seconds=60,
        pain=5,
        at_night=True,
    )
    return injury


def test_the_report_summarises_the_injury_and_everything_around_it(owner_client, injury):
    body = owner_client.get(reverse("report"), {"injury": injury.pk}).content.decode()
    for text in [
        "Grade II: a partial tear",
        "Sprint",
        "Swelling, warmth, redness or tenderness in the calf",
        "I contacted my provider",
        "GP",
        "Ice: 1 session, 20 minutes in all.",
        "Paracetamol 1 g",
        "Cramps: 1, of which 1 at night.",
        "Average drinks: 0.2 L a day.",
        "Get help right away, today",
        'id="chart-data"',
    ]:
        assert text in body, text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-11-20", "end": "2026-11-30"}, "Choose today or an earlier day."),
        ({"start": "2026-11-24", "end": "2026-11-20"}, "The first day must be on or before"),
        ({"start": "yesterday"}, "Enter a valid date."),
    ],
)
def test_a_bad_range_is_explained(owner_client, injury, params, message):
    response = owner_client.get(reverse("report"), params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_another_users_injury_cannot_be_reported(client, injury, other_user):
    client.force_login(other_user)
    response = client.get(reverse("report"), {"injury": injury.pk})
    assert "Select a valid choice" in response.content.decode()
    assert "Sprint" not in response.content.decode()


def make_link(owner_client, injury, days="7"):
    owner_client.post(
        reverse("share_create"),
        {"injury": injury.pk, "start": "2026-11-21", "end": "2026-11-25", "days": days},
    )
    return ShareLink.objects.get()


def test_a_share_link_shows_only_that_report_to_anyone_and_is_not_indexed(
    owner_client, client, injury, owner
):
    Injury.objects.create(user=owner, side="right", onset_at=NOW, notes="another private thing")
    link = make_link(owner_client, injury)
    assert len(link.token) >= 40
    response = client.get(link.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert "Sprint" in body
    assert "another private thing" not in body
    assert "alice" not in body
    assert "Make a share link" not in body


def test_a_revoked_link_stops_working(owner_client, client, injury):
    link = make_link(owner_client, injury)
    owner_client.post(reverse("share_revoke", args=[link.pk]))
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert "Sprint" not in response.content.decode()


def test_a_link_expires_after_its_days(owner_client, client, injury, pinned):
    link = make_link(owner_client, injury, days="7")
    pinned.move_to(NOW + dt.timedelta(days=6, hours=23))
    assert client.get(link.get_absolute_url()).status_code == 200
    pinned.move_to(NOW + dt.timedelta(days=7))
    assert client.get(link.get_absolute_url()).status_code == 410


@pytest.mark.parametrize("days", ["0", "31", "many"])
def test_a_link_lasts_1_to_30_days(owner_client, injury, days):
    response = owner_client.post(
        reverse("share_create"),
        {"injury": injury.pk, "start": "2026-11-21", "end": "2026-11-25", "days": days},
        follow=True,
    )
    assert "No link was made" in response.content.decode()
    assert not ShareLink.objects.exists()


def test_an_unknown_token_is_a_404(client):
    assert client.get(reverse("shared_report", args=["nope"])).status_code == 404


def test_another_user_cannot_revoke_a_link(owner_client, client, injury, other_user):
    link = make_link(owner_client, injury)
    client.force_login(other_user)
    assert client.post(reverse("share_revoke", args=[link.pk])).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_the_report_needs_the_same_queries_for_more_data(
    owner_client, injury, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        owner_client.get(reverse("report"))
    for n in range(3):
        extra = Injury.objects.create(
            user=injury.user, side="left", onset_at=NOW - dt.timedelta(days=2)
        )
        for hours in range(20):
            extra.entries.create(recorded_at=NOW - dt.timedelta(hours=hours + n), pain=4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        owner_client.get(reverse("report"))
