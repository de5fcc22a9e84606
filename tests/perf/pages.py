"""The main pages and htmx endpoints of a signed-in user, for query budgets and benchmarks."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from recovery.models import ExerciseSession, Injury, ProgrammeExercise, SetTimer


def main_pages(user):
    """(name, method, url, data, htmx) for every main page and htmx endpoint of `user`."""
    injury = Injury.objects.filter(user=user).order_by("-onset_at").first()
    year_ago = (timezone.localdate() - dt.timedelta(days=364)).isoformat()
    pages = [
        ("dashboard", "get", reverse("home"), None, False),
        ("log", "get", reverse("injuries"), None, False),
        ("drinks", "get", reverse("fluids"), None, False),
        ("drinks history", "get", reverse("fluid_history"), None, False),
        ("cramps", "get", reverse("cramps"), None, False),
        ("stretching", "get", reverse("stretches"), None, False),
        ("treatments", "get", reverse("treatments"), None, False),
        ("ice timer", "get", reverse("ice"), None, False),
        ("report", "get", reverse("report"), None, False),
        ("report, a year", "get", f"{reverse('report')}?start={year_ago}", None, False),
        ("anatomy", "get", reverse("anatomy:overview"), None, False),
        ("anatomy muscle", "get", reverse("anatomy:muscle", args=["soleus"]), None, False),
        ("anatomy search", "get", reverse("anatomy:search") + "?q=calf", None, True),
        ("add a glass", "post", reverse("fluid_add"), {"quick": "250"}, True),
        ("reminders", "get", reverse("reminders"), None, False),
    ]
    for key in ["7", "30", "90", "365", "all"]:
        pages.append((f"charts {key}", "get", f"{reverse('charts')}?range={key}", None, False))
    pages.append(("charts switch", "get", f"{reverse('charts')}?range=90", None, True))
    if injury is not None:
        pages += [
            ("injury page", "get", injury.get_absolute_url(), None, False),
            ("programme", "get", reverse("programme", args=[injury.pk]), None, False),
            (
                "injury report, a year",
                "get",
                f"{reverse('report')}?injury={injury.pk}&start={year_ago}",
                None,
                False,
            ),
            (
                "log an entry",
                "post",
                reverse("entry_new", args=[injury.pk]),
                {"pain": "3", "recorded_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
                True,
            ),
        ]
    item = ProgrammeExercise.objects.filter(injury__user=user).first()
    if item is not None:
        pages.append(
            ("guided timer", "get", _finished_timer(user, item).get_absolute_url(), None, False)
        )
    return pages


def _finished_timer(user, item):
    """A guided session of `item` that has ended (one that runs would be settled by every
    page, which is not what the other pages measure)."""
    return SetTimer.objects.filter(user=user).first() or SetTimer.objects.create(
        user=user,
        item=item,
        started_at=timezone.now(),
        sets=item.sets,
        reps=item.reps,
        hold_seconds=item.hold_seconds,
        rest_seconds=item.rest_seconds,
        status=SetTimer.Status.DONE,
        session=ExerciseSession.objects.filter(
            injury=item.injury_id, exercise=item.exercise_id
        ).first(),
    )
