"""An injury's timeline: its entries a page at a time, newest first, with the acknowledgements
and treatments that fall among them."""

from django.core.paginator import Paginator

from recovery.common import compiled
from recovery.insights.charts import in_range
from recovery.models import Acknowledgement, SymptomEntry, Treatment

PAGE_SIZE = 20


def timeline_page(injury, page_number):
    """(the page of entries, [(kind, time, item)] newest first), with kind one of "entry",
    "ack" or "treatment". Uses the injury's `entry_count` when it was given one (its kept
    state's), else counts. Each query's SQL is compiled once (a page's offset is part of it)."""
    count = getattr(injury, "entry_count", None)
    if count is None:
        count = injury.entries.count()
    # Paginated by the number alone (a range that long); the page's entries are read below.
    page = Paginator(range(count), PAGE_SIZE).get_page(page_number)
    offset = (page.number - 1) * PAGE_SIZE
    entries = compiled.instances(
        ("timeline entries", offset), _entries(offset), injury_id=injury.pk
    )
    page.object_list = entries
    # Acknowledgements and treatments between this page's oldest entry and the next page's.
    bounds = {}
    if entries and page.has_next():
        bounds["start"] = entries[-1].recorded_at
    if entries and page.has_previous():
        bounds["end"] = entries[0].recorded_at
    shape = tuple(sorted(bounds))
    acks = compiled.instances(("timeline acks", shape), _acks, injury_id=injury.pk, **bounds)
    treatments = compiled.instances(
        ("timeline treatments", shape), _treatments, injury_id=injury.pk, **bounds
    )
    items = [("entry", entry.recorded_at, entry) for entry in entries]
    items += [("ack", ack.at, ack) for ack in acks]
    items += [("treatment", treatment.at, treatment) for treatment in treatments]
    items.sort(key=lambda item: item[1], reverse=True)
    return page, items


def _entries(offset):
    def build(injury_id):
        return SymptomEntry.objects.filter(injury_id=injury_id)[offset : offset + PAGE_SIZE]

    return build


def _acks(injury_id, start=None, end=None):
    return in_range(Acknowledgement.objects.filter(injury_id=injury_id), "at", start, end)


def _treatments(injury_id, start=None, end=None):
    return in_range(Treatment.objects.filter(injury_id=injury_id), "at", start, end)
