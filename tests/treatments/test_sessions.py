"""Timed sessions (ice, guided stretches) that ran past their end are settled before anything
reads the logs: every page, report and export shows them as ended, whichever is opened first."""

import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anatomy.models import Stretch
from recovery.models import IceSession, Injury, ShareLink, StretchSession, Treatment
from recovery.treatments.sessions import settle_sessions

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def pinned():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def overdue(owner, pinned):
    """An ice session and a guided stretch, both started before and due to end before now,
    still marked running because no page was opened since."""
    injury = Injury.objects.create(user=owner, side="left", onset_at=NOW - dt.timedelta(days=1))
    ice = IceSession.objects.create(
        user=owner, injury=injury, started_at=NOW - 30 * MINUTE, planned_end_at=NOW - 10 * MINUTE
    )
    stretch = StretchSession.objects.create(
        user=owner,
        stretch=Stretch.objects.first(),
        injury=injury,
        holds=3,
        hold_seconds=30,
        rest_seconds=15,
        at=NOW - 10 * MINUTE,
        status=StretchSession.Status.RUNNING,
    )
    return ice, stretch


def assert_settled(ice, stretch):
    ice.refresh_from_db()
    stretch.refresh_from_db()
    assert ice.status == IceSession.Status.COMPLETED
    assert ice.ended_at == ice.planned_end_at
    assert Treatment.objects.get(ice_session=ice).duration_minutes == 20
    assert stretch.status == StretchSession.Status.DONE
    assert stretch.holds_done == 3


def test_nothing_running_costs_one_query(owner, pinned):
    with CaptureQueriesContext(connection) as queries:
        running = settle_sessions(owner)
    assert running.ice is None
    assert running.stretch is None
    assert len(queries) == 1


def test_sessions_still_within_their_time_are_returned_running(owner, pinned):
    ice = IceSession.objects.create(
        user=owner, started_at=NOW - 5 * MINUTE, planned_end_at=NOW + 15 * MINUTE
    )
    running = settle_sessions(owner)
    assert running.ice == ice
    assert running.stretch is None
    ice.refresh_from_db()
    assert ice.is_running


def test_the_selector_settles_both_kinds_once(owner, overdue):
    running = settle_sessions(owner)
    assert running.ice is None
    assert running.stretch is None
    assert_settled(*overdue)
    settle_sessions(owner)
    assert Treatment.objects.filter(user=owner).count() == 1


def test_another_users_sessions_are_left_alone(owner, other_user, overdue):
    settle_sessions(other_user)
    ice, stretch = overdue
    ice.refresh_from_db()
    assert ice.is_running


def test_the_charts_show_an_ice_session_that_ended_while_nobody_looked(owner_client, overdue):
    body = owner_client.get(reverse("charts") + "?range=7").content.decode()
    assert_settled(*overdue)
    data = json.loads(body.split('id="chart-data" type="application/json">', 1)[1].split("<")[0])
    assert data["ice"] == [[NOW.date().isoformat(), 1, 20]]
    assert data["stretch"][0][1] == 1.5  # 3 holds of 30 seconds


def test_the_report_counts_them(owner_client, overdue):
    body = owner_client.get(reverse("report")).content.decode()
    assert_settled(*overdue)
    assert "Ice: 1 session, 20 minutes in all." in body
    assert "Stretching: 1 session." in body


def test_the_shared_report_counts_them(client, owner, overdue):
    link = ShareLink.objects.create(
        user=owner,
        start_day=NOW.date() - dt.timedelta(days=1),
        end_day=NOW.date(),
        expires_at=NOW + dt.timedelta(days=7),
    )
    body = client.get(link.get_absolute_url()).content.decode()
    assert_settled(*overdue)
    assert "Ice: 1 session, 20 minutes in all." in body


def test_the_export_has_them_ended(owner_client, overdue):
    response = owner_client.get(reverse("export"))
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        data = json.loads(archive.read("data.json"))
    assert [s["status"] for s in data["ice_sessions"]] == ["completed"]
    assert [t["kind"] for t in data["treatments"]] == ["ice"]
    assert [s["status"] for s in data["stretches"]] == ["done"]


@pytest.mark.parametrize(
    "name", ["home", "injury", "treatments", "stretches", "cramps", "ice", "charts", "report"]
)
def test_every_page_that_reads_the_logs_settles_first(owner_client, overdue, name):
    ice, stretch = overdue
    url = reverse(name, args=[ice.injury_id]) if name == "injury" else reverse(name)
    assert owner_client.get(url).status_code == 200
    assert_settled(ice, stretch)
