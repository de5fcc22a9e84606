"""htmx: every view that answers htmx requests differently says so in `Vary`, so that no cache
serves a page part for a page or the other way round; form errors come back as a part that
htmx swaps in (200), never as an error status it would ignore."""

import inspect

import pytest
from django.urls import reverse

from tests.routes import all_patterns, make_objects, object_for, url_for

pytestmark = pytest.mark.django_db

# What the page itself does when a view answers htmx differently: reads request.htmx, or
# renders through the helper that does.
HTMX_AWARE = ("request.htmx", "render_page_or_part")


def htmx_aware_routes():
    """(route, view) of every view whose code answers htmx requests differently."""
    for route, view in all_patterns():
        if route.startswith("admin/"):
            continue
        source = inspect.getsource(inspect.unwrap(view))
        if any(marker in source for marker in HTMX_AWARE):
            yield route, view


def test_the_htmx_aware_views_are_found():
    names = {view.__name__ for _, view in htmx_aware_routes()}
    assert {
        "charts_page",
        "entry_new",
        "fluid_add",
        "fluid_undo",
        "ice_session",
        "stretch_session",
        "search_page",
    } <= names


def test_every_view_that_answers_htmx_differently_varies_on_the_header(owner_client, owner):
    objects = make_objects(owner)
    checked = []
    for route, _ in htmx_aware_routes():
        url = url_for(route, object_for(route, objects).pk) if "<int:pk>" in route else "/" + route
        for htmx in (False, True):
            headers = {"HX-Request": "true"} if htmx else {}
            response = owner_client.get(url, headers=headers)
            if response.status_code == 405:
                response = owner_client.post(url, {}, headers=headers)
            # A page with a form's errors may answer 400; its htmx part never does.
            assert response.status_code < 400 or (response.status_code == 400 and not htmx), url
            vary = {value.strip().lower() for value in response.get("Vary", "").split(",")}
            assert "hx-request" in vary, f"{url} (htmx={htmx}) does not vary on HX-Request"
        checked.append(route)
    assert len(checked) >= 7


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "20000", "drink": "water"}, "Enter one drink of 1 to 3000 mL"),
        ({"amount": "a glass", "drink": "water"}, "Enter the amount as a number"),
        ({"quick": "999"}, "Choose one of the glass or bottle buttons"),
    ],
)
def test_a_drink_that_is_not_allowed_comes_back_as_a_part_with_the_message(
    owner_client, data, message
):
    response = owner_client.post(reverse("fluid_add"), data, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="fluids-today">')
    assert message in body
