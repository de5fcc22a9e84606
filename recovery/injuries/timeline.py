"""An injury's timeline: its entries a page at a time, newest first, with the acknowledgements
and treatments that fall among them."""

from django.core.paginator import Paginator

PAGE_SIZE = 20


class CountedPaginator(Paginator):
    """A paginator told the number of items, which the injury query already counted."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


def timeline_page(injury, page_number):
    """(the page of entries, [(kind, time, item)] newest first), with kind one of "entry",
    "ack" or "treatment". Uses the injury's `entry_count` when it was given one (its kept
    state's), else counts."""
    count = getattr(injury, "entry_count", None)
    paginator = (
        CountedPaginator(injury.entries.all(), PAGE_SIZE, count)
        if count is not None
        else Paginator(injury.entries.all(), PAGE_SIZE)
    )
    page = paginator.get_page(page_number)
    entries = list(page.object_list)
    acks = injury.acknowledgements.all()
    treatments = injury.treatments.all()
    if entries and page.has_next():
        acks = acks.filter(at__gte=entries[-1].recorded_at)
        treatments = treatments.filter(at__gte=entries[-1].recorded_at)
    if entries and page.has_previous():
        acks = acks.filter(at__lt=entries[0].recorded_at)
        treatments = treatments.filter(at__lt=entries[0].recorded_at)
    items = [("entry", entry.recorded_at, entry) for entry in entries]
    items += [("ack", ack.at, ack) for ack in acks]
    items += [("treatment", treatment.at, treatment) for treatment in treatments]
    items.sort(key=lambda item: item[1], reverse=True)
    return page, items
