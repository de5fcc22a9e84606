"""How much of the week's programme was done: sessions done of those planned, each exercise
counting no more than its own plan (extra sessions of one do not make up for another)."""

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
