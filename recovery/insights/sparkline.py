"""A small picture of an injury's last 7 days of pain for its card on Today: drawn on the server
as SVG (no script), with the same facts in words for screen readers. Pure; the days' average
pain comes from `pain_days.daily_pain_series`."""

import datetime as dt
from dataclasses import dataclass

DAYS = 7
WIDTH, HEIGHT, PAD = 120, 36, 4
PAIN_MAX = 10


@dataclass(frozen=True)
class Sparkline:
    path: str  # the SVG path: a line through the logged days, broken where a day has no entry
    dots: tuple[tuple[float, float], ...]  # a dot on each logged day
    words: str  # what the line shows, for screen readers


def _x(slot):
    return round(PAD + slot * (WIDTH - 2 * PAD) / (DAYS - 1), 1)


def _y(pain):
    return round(HEIGHT - PAD - pain * (HEIGHT - 2 * PAD) / PAIN_MAX, 1)


def _score(pain):
    return f"{pain:g}"


def sparkline(days: list[dt.date], pains: list[float], today: dt.date) -> Sparkline | None:
    """The sparkline of the days from 6 days before `today` to `today` (`days` in order, each
    with its average pain), or None when none of them has an entry."""
    first = today - dt.timedelta(days=DAYS - 1)
    by_slot = {(day - first).days: pain for day, pain in zip(days, pains, strict=True)}
    by_slot = {slot: pain for slot, pain in by_slot.items() if 0 <= slot < DAYS}
    if not by_slot:
        return None
    commands, dots, previous = [], [], None
    for slot in sorted(by_slot):
        x, y = _x(slot), _y(by_slot[slot])
        commands.append(f"{'L' if previous == slot - 1 else 'M'}{x} {y}")
        dots.append((x, y))
        previous = slot
    return Sparkline(" ".join(commands), tuple(dots), _words(by_slot, today))


def _words(by_slot, today):
    slots = sorted(by_slot)
    logged = f"Logged on {len(slots)} of the last {DAYS} days."
    end = by_slot[slots[-1]]
    latest = f"Average pain {_when(slots[-1])}: {_score(end)} out of 10"
    if len(slots) == 1:
        return f"{latest}. {logged}"
    start = by_slot[slots[0]]
    if end < start:
        change = "down from"
    elif end > start:
        change = "up from"
    else:
        change = "the same as"
    return f"{latest}, {change} {_score(start)} {_when(slots[0])}. {logged}"


AGO = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def _when(slot):
    ago = DAYS - 1 - slot
    if ago == 0:
        return "today"
    if ago == 1:
        return "yesterday"
    return f"{AGO[ago]} days ago"
