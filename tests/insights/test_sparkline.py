"""The 7-day pain sparkline on Today: where the points go, the gaps, the words, and the days
bucketed in the user's own time zone."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from recovery.insights.sparkline import HEIGHT, PAD, WIDTH, sparkline
from recovery.models import Injury, get_profile

TODAY = dt.date(2026, 11, 25)


def day(ago):
    return TODAY - dt.timedelta(days=ago)


def test_no_entries_in_the_7_days_draws_nothing():
    assert sparkline([], [], TODAY) is None
    assert sparkline([day(7)], [5.0], TODAY) is None  # 7 days ago is outside the window
    assert sparkline([day(-1)], [5.0], TODAY) is None  # a day after today is too


def test_the_window_spans_the_width_and_pain_the_height():
    line = sparkline([day(6), day(0)], [10.0, 0.0], TODAY)
    assert line.dots == ((PAD, PAD), (WIDTH - PAD, HEIGHT - PAD))  # 10 at the top, 0 at the foot


def test_a_day_without_entries_breaks_the_line():
    line = sparkline([day(6), day(5), day(2), day(1)], [6.0, 5.0, 4.0, 3.0], TODAY)
    assert [command[0] for command in line.path.split(" ") if command[0].isalpha()] == [
        "M",
        "L",
        "M",
        "L",
    ]
    assert len(line.dots) == 4


@pytest.mark.parametrize(
    ("days", "pains", "words"),
    [
        (
            [day(6), day(0)],
            [5.0, 1.5],
            "Average pain today: 1.5 out of 10, down from 5 six days ago. "
            "Logged on 2 of the last 7 days.",
        ),
        (
            [day(2), day(1)],
            [3.0, 4.0],
            "Average pain yesterday: 4 out of 10, up from 3 two days ago. "
            "Logged on 2 of the last 7 days.",
        ),
        (
            [day(3), day(0)],
            [4.0, 4.0],
            "Average pain today: 4 out of 10, the same as 4 three days ago. "
            "Logged on 2 of the last 7 days.",
        ),
        ([day(0)], [7.0], "Average pain today: 7 out of 10. Logged on 1 of the last 7 days."),
    ],
)
def test_the_words_say_what_the_line_shows(days, pains, words):
    assert sparkline(days, pains, TODAY).words == words


@pytest.mark.django_db
def test_todays_cards_draw_the_last_7_local_days(owner_client, owner):
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    profile = get_profile(owner)
    profile.time_zone = "Asia/Tokyo"
    profile.save()
    now = dt.datetime(2026, 11, 25, 12, 0, tzinfo=tokyo)
    injury = Injury.objects.create(user=owner, side="left", onset_at=now - dt.timedelta(days=9))
    # 23:30 in Tokyo on the 18th is the 18th there (14:30 UTC): 7 days ago, outside the window.
    injury.entries.create(recorded_at=dt.datetime(2026, 11, 18, 23, 30, tzinfo=tokyo), pain=9)
    # 00:30 in Tokyo on the 19th is still the 18th in UTC: six days ago, in the window.
    injury.entries.create(recorded_at=dt.datetime(2026, 11, 19, 0, 30, tzinfo=tokyo), pain=6)
    injury.entries.create(recorded_at=now - dt.timedelta(hours=1), pain=2)
    with time_machine.travel(now, tick=False):
        body = owner_client.get(reverse("home")).content.decode()
    assert (
        'role="img" aria-label="Average pain today: 2 out of 10, down from 6 six days ago. '
        'Logged on 2 of the last 7 days."' in body
    )
