"""The worker tests' scenario, run as its own process against DATABASE_URL (a database the
test process is not connected to):

  setup N URL [FIRST]
                N users (numbered from FIRST, 0 unless given) whose daily check-in fell
                due a minute ago, each with a browser taking push at URL/u<n>; the
                minute's search queued (with FIRST: run here, its sending queued)
  report        each reminder's status, as JSON
"""

import datetime as dt
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from recovery.models import (  # noqa: E402
    Injury,
    Profile,
    Reminder,
    ReminderSetting,
)
from recovery.reminders import due  # noqa: E402
from recovery.reminders.tasks import find_due_reminders  # noqa: E402
from tests.reminders.fake_push import subscribed  # noqa: E402


def setup(count, url, first=0):
    now = timezone.now()
    minute = now.replace(second=0, microsecond=0)
    for number in range(first, first + count):
        user = get_user_model().objects.create_user(f"user{number}", f"user{number}@example.com")
        # UTC and no quiet hours: due a minute ago whatever the time of the run.
        Profile.objects.create(
            user=user, time_zone="UTC", quiet_start=dt.time(0), quiet_end=dt.time(0)
        )
        Injury.objects.create(user=user, side="left", onset_at=now - dt.timedelta(days=1))
        at = (minute - dt.timedelta(minutes=1)).time()
        ReminderSetting.objects.create(user=user, kind="check_in", at=at)
        subscribed(user, f"{url}/u{number}")
    if first:
        due.find(timezone.now())  # as the search does, whichever minute the chain is at
    else:
        find_due_reminders.enqueue(minute.isoformat())


def report():
    rows = Reminder.objects.order_by("user__username").values_list("user__username", "status")
    print(json.dumps(dict(rows)))


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        setup(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 0)
    else:
        report()
