"""The provider report and its share links."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from recovery.models import Cramp, FluidEntry, Injury, ShareLink, Treatment

pytestmark = pytest.mark.django_db

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
    Treatment.objects.create(user=owner, injury=injury, kind="massage", at=NOW, detail="Roller")
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
    Treatment.objects.create(user=injury.user, kind="medication", at=NOW, detail="Unattached pill")
    body = owner_client.get(reverse("report"), {"injury": "all"}).content.decode()
    for text in [
        "Grade II: a partial tear",
        "Sprint",
        "Swelling in one calf, thigh or the whole leg",
        "I contacted my provider",
        "GP",
        "Ice: 1 session, 20 minutes in all.",
        "Paracetamol 1 g",
        "Unattached pill",
        "Massage (by hand or roller), Roller",
        "Cramps: 1, of which 1 at night.",
        "Get help right away, today",
        'id="chart-data"',
    ]:
        assert text in body, text
    assert "Average drinks:" in body


def test_the_report_of_one_injury_holds_only_what_was_logged_for_it(owner_client, injury):
    """It is what a share link for that injury shows: no cramps, drinks, or treatments and
    stretches logged for no injury or another."""
    Treatment.objects.create(user=injury.user, kind="medication", at=NOW, detail="Unattached pill")
    body = owner_client.get(reverse("report"), {"injury": injury.pk}).content.decode()
    for text in ["Sprint", "Ice: 1 session, 20 minutes in all.", "Paracetamol 1 g", "Roller"]:
        assert text in body, text
    for text in ["Unattached pill", "Cramps:", "Average drinks:"]:
        assert text not in body, text


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


def test_a_share_link_for_one_injury_leaves_out_what_was_logged_for_no_injury(
    owner_client, client, injury, owner
):
    Treatment.objects.create(user=owner, kind="medication", at=NOW, detail="Unattached pill")
    other = Injury.objects.create(user=owner, side="right", onset_at=NOW - dt.timedelta(days=2))
    Treatment.objects.create(user=owner, injury=other, kind="therapy", at=NOW, detail="Other's")
    body = client.get(make_link(owner_client, injury).get_absolute_url()).content.decode()
    assert "Paracetamol 1 g" in body
    for text in ["Unattached pill", "Other's", "Cramps:", "Average drinks:"]:
        assert text not in body, text


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


@pytest.fixture
def long_injury(owner):
    """Five months of twice-daily entries, one with a warning sign and one with a note."""
    injury = Injury.objects.create(
        user=owner, side="right", onset_at=NOW - dt.timedelta(days=150), notes="Fell"
    )
    for day in range(150):
        for hour, pain in ((8, 6), (20, 4)):
            injury.entries.create(
                recorded_at=NOW - dt.timedelta(days=day, hours=hour - 12), pain=pain
            )
    injury.entries.create(
        recorded_at=NOW - dt.timedelta(days=40), pain=9, numbness=True, notes="Tingling toes"
    )
    injury.entries.create(recorded_at=NOW - dt.timedelta(days=10), pain=3, notes="Walked 2 km")
    return injury


def report_data(body):
    import json

    return json.loads(body.split('type="application/json">', 1)[1].split("</script>")[0])


def test_a_month_of_two_entries_a_day_has_a_row_per_day_and_lists_every_note(
    owner_client, long_injury
):
    body = owner_client.get(
        reverse("report"), {"injury": long_injury.pk, "start": "2026-10-27", "end": "2026-11-25"}
    ).content.decode()
    assert "Pain by day: 61 entries" in body  # more than fit on two pages one by one
    rows = body.split("Pain by day", 1)[1].split("</tbody>", 1)[0].count("<tr><td")
    assert rows == 30
    assert '<td class="nowrap">Wed 25 Nov</td><td>2</td><td>4</td><td>5.0</td><td>6</td>' in body
    notes = body.split("Entries with warning signs or notes", 1)[1].split("</ul>", 1)[0]
    assert "15 Nov, 12:00</span>, pain 3: Walked 2 km" in notes
    assert report_data(body)["daily"] is False  # the chart still shows every entry


def test_a_fortnight_of_one_entry_a_day_lists_every_entry(owner_client, owner):
    injury = Injury.objects.create(user=owner, side="left", onset_at=NOW - dt.timedelta(days=20))
    for day in range(14):
        injury.entries.create(recorded_at=NOW - dt.timedelta(days=day), pain=4)
    body = owner_client.get(
        reverse("report"), {"injury": injury.pk, "start": "2026-11-12", "end": "2026-11-25"}
    ).content.decode()
    assert "Pain entries (0 no pain" in body
    assert body.count('<tr><td class="nowrap">') == 14


def test_a_day_row_sums_the_entries_of_a_local_day():
    from zoneinfo import ZoneInfo

    from recovery.insights.report import ReportEntry, day_rows

    tokyo = ZoneInfo("Asia/Tokyo")
    entries = [
        ReportEntry(1, dt.datetime(2026, 11, 24, 14, 30, tzinfo=dt.UTC), 6, "", ("Numb foot",)),
        ReportEntry(1, dt.datetime(2026, 11, 24, 16, 0, tzinfo=dt.UTC), 3, "", ("Numb foot",)),
        ReportEntry(1, dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.UTC), 2, "", ()),
    ]
    (first,) = day_rows(entries[:1], tokyo)
    assert first.day == dt.date(2026, 11, 24)  # 23:30 in Tokyo
    rows = day_rows(entries, tokyo)
    assert [(r.day, r.entries, r.lowest, r.average, r.highest, r.flags) for r in rows] == [
        (dt.date(2026, 11, 24), 1, 6, 6.0, 6, ("Numb foot",)),
        (dt.date(2026, 11, 25), 2, 2, 2.5, 3, ("Numb foot",)),
    ]


def test_many_doses_are_summed_per_medication():
    from recovery.insights.report import medication_lines

    doses = [
        {"detail": "Ibuprofen 200 mg", "at": NOW - dt.timedelta(days=3), "notes": "with food"},
        {"detail": "paracetamol", "at": NOW - dt.timedelta(days=2), "notes": ""},
        {"detail": "ibuprofen  200 MG", "at": NOW - dt.timedelta(days=1), "notes": "with food"},
    ]
    lines = medication_lines(doses)
    assert [(line.detail, line.times) for line in lines] == [
        ("Ibuprofen 200 mg", 2),
        ("paracetamol", 1),
    ]
    assert lines[0].first == NOW - dt.timedelta(days=3)
    assert lines[0].last == NOW - dt.timedelta(days=1)
    assert lines[0].notes == ("with food",)  # each note kept, once
    assert lines[1].notes == ()


def test_two_months_sum_by_week_and_list_every_warning_sign_and_note(owner_client, long_injury):
    body = owner_client.get(
        reverse("report"), {"injury": long_injury.pk, "start": "2026-09-27", "end": "2026-11-25"}
    ).content.decode()
    assert "Pain by week (0 no pain" in body
    table = body.split("Pain by week", 1)[1].split("</table>")[0]
    assert (
        table.count('<tr><td class="nowrap">') == 10
    )  # Sunday 27 September to 25 November: 10 weeks
    assert (
        '<td class="nowrap">27 Sep to 27 Sep 2026</td><td>2</td>' in table
    )  # a week cut to the range
    # The week of 12 October holds the entry with 9 and numbness: 15 entries, (7 x 10 + 9) / 15.
    assert (
        '<td class="nowrap">12 Oct to 18 Oct 2026</td><td>15</td><td>5.3</td><td>9</td>'
        "<td>Numbness or tingling</td>" in table
    )
    notes = body.split("Entries with warning signs or notes", 1)[1].split("</ul>")[0]
    assert "Tingling toes" in notes
    assert "Walked 2 km" in notes
    assert notes.count("<li>") == 2
    assert "Numbness or tingling" in body.split("Warning signs answered yes", 1)[1]
    data = report_data(body)["injuries"][0]
    assert data["days"][0] == 0
    assert len(data["days"]) == 60
    assert data["flagged"] == [19]  # 16 October, 19 days after 27 September


def test_five_months_sum_by_month(owner_client, long_injury, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = owner_client.get(reverse("report"), {"injury": long_injury.pk})
    body = response.content.decode()
    table = body.split("Pain by month", 1)[1].split("</table>")[0]
    assert (
        '<td class="nowrap">28 Jun to 30 Jun 2026</td>' in table
    )  # the first month starts at the onset
    assert '<td class="nowrap">1 Nov to 25 Nov 2026</td>' in table
    assert table.count('<tr><td class="nowrap">') == 6  # late June to late November
    assert len(body.encode()) < 60 * 1024


def test_a_report_for_one_injury_keeps_the_banner_for_another(owner_client, injury):
    quiet = Injury.objects.create(
        user=injury.user, side="right", onset_at=NOW - dt.timedelta(hours=5)
    )
    quiet.entries.create(recorded_at=NOW - dt.timedelta(hours=5), pain=2)
    body = owner_client.get(reverse("report"), {"injury": quiet.pk}).content.decode()
    banner = body.split('id="advice-banner"', 1)[1].split("</section>")[0]
    assert "Get help right away, today" in banner  # the swollen calf of the other injury
