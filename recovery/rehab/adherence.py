"""How much of the week's programme was done: sessions done of those planned, each exercise
counting no more than its own plan (extra sessions of one do not make up for another)."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Adherence:
    done: int
    planned: int

    @property
    def percent(self):
        return round(100 * self.done / self.planned) if self.planned else None


def of_week(planned_per_item, done_per_item):
    """planned_per_item: {item key: sessions planned this week}; done_per_item: {item key:
    sessions done this week}."""
    planned = sum(planned_per_item.values())
    done = sum(min(done_per_item.get(key, 0), most) for key, most in planned_per_item.items())
    return Adherence(done, planned)


def planned_in_week(
    per_week: int, monday: dt.date, added: dt.date, until: dt.date | None = None
) -> int:
    """Sessions of one exercise planned in the week starting `monday`: its sessions a week,
    in proportion to the days of that week it was in the programme (from the day it was
    added, up to `until`, the day its injury was marked recovered), rounded to the nearest."""
    first = max(monday, added)
    last = min(monday + dt.timedelta(days=6), until) if until else monday + dt.timedelta(days=6)
    days = (last - first).days + 1
    if days <= 0:
        return 0
    return (per_week * days * 2 + 7) // 14


def plan_of(item, zone, first=None, last=None):
    """A programme exercise as `by_week` reads it: ((injury id, exercise id), sessions a week,
    the day it was added, the day its injury recovered or None), cut to the days from `first`
    to `last` when they are given."""
    added = item.added_at.astimezone(zone).date()
    until = item.injury.resolved_on
    if first is not None:
        added = max(added, first)
    if last is not None:
        until = min(until or last, last)
    return ((item.injury_id, item.exercise_id), item.sessions_per_week, added, until)


def by_week(plans, done, weeks):
    """Adherence for each of `weeks` (Mondays): plans is [(key, sessions a week, day added,
    day it ends or None)], done is {(key, Monday): sessions}. [(Monday, Adherence)]."""
    return [
        (
            monday,
            of_week(
                {key: planned_in_week(per_week, monday, added, until)
                 for key, per_week, added, until in plans},
                {key: done.get((key, monday), 0) for key, *_ in plans},
            ),
        )
        for monday in weeks
    ]  # fmt: skip
