"""The treatments list: the user's treatments a page at a time, newest first, each with its
injury's title. Its queries' SQL is compiled once (a page's offset is part of it)."""

from django.core.paginator import Paginator
from django.db.models import Count

from recovery.common import compiled
from recovery.models import Treatment, give_muscle_names

PAGE_SIZE = 30


def treatment_page(user, page_number):
    """The page of treatments asked for (`Paginator.get_page`: the last page for a number past
    it, the first for anything else), its treatments loaded."""
    found = compiled.rows("treatment count", _count, user_id=user.pk)
    # Paginated by their number alone (a range that long); the page's rows are read below.
    paginator = Paginator(range(found[0][0] if found else 0), PAGE_SIZE)
    page = paginator.get_page(page_number)
    offset = (page.number - 1) * PAGE_SIZE
    treatments = compiled.instances(("treatment page", offset), _page(offset), user_id=user.pk)
    give_muscle_names([t.injury for t in treatments if t.injury is not None])
    page.object_list = treatments
    return page


def _count(user_id):
    return (
        Treatment.objects.filter(user=user_id)
        .values("user")
        .annotate(count=Count("pk"))
        .values_list("count")
        .order_by()
    )


def _page(offset):
    def build(user_id):
        treatments = Treatment.objects.filter(user=user_id).select_related("injury__region")
        return treatments[offset : offset + PAGE_SIZE]

    return build
