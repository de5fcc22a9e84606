"""The advice banner's size: a "call your provider" banner in full on Today and on the injury's
own page, one line with a link elsewhere (so each page's own buttons stay on a phone's first
screen); urgent and emergency advice always in full."""

import pytest
import time_machine
from django.urls import resolve, reverse
from django_htmx.middleware import HtmxDetails

from recovery.insights.banner import page_name
from tests.injuries.test_injuries import NOW, make_injury

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(NOW, tick=False):
        yield


def banner_of(body):
    return body.split('<div id="advice-banner"', 1)[1].split("</div>\n</div>", 1)[0]


def test_call_provider_advice_is_in_full_on_today_and_the_injury_page(owner_client, owner):
    injury = make_injury(owner, days_ago=3, pains=(6, 6, 6))
    for url in (reverse("home"), injury.get_absolute_url()):
        banner = banner_of(owner_client.get(url).content.decode())
        assert 'role="alert"' in banner, url
        assert "See why, and record what you did" in banner


@pytest.mark.parametrize("url", ["ice", "cramps", "profile", "charts", "anatomy:overview"])
def test_call_provider_advice_is_one_line_elsewhere(owner_client, owner, url):
    injury = make_injury(owner, days_ago=3, pains=(6, 6, 6))
    banner = banner_of(owner_client.get(reverse(url)).content.decode())
    assert "banner-call-provider banner-compact" in banner
    assert f'Call your provider</strong>: <a href="{injury.get_absolute_url()}#advice">' in banner
    assert 'role="alert"' not in banner


@pytest.mark.parametrize("url", ["ice", "profile"])
def test_urgent_advice_is_never_collapsed(owner_client, owner, url):
    injury = make_injury(owner, days_ago=1)
    injury.entries.create(recorded_at=NOW, pain=4, calf_swelling=True)
    banner = banner_of(owner_client.get(reverse(url)).content.decode())
    assert "banner-urgent" in banner
    assert "banner-compact" not in banner
    assert 'role="alert"' in banner


def htmx_post(rf, path, current_url):
    request = rf.post(path, headers={"HX-Request": "true", "HX-Current-URL": current_url})
    request.htmx = HtmxDetails(request)
    return request


def test_an_htmx_update_sizes_the_banner_for_the_page_it_came_from(rf):
    assert page_name(htmx_post(rf, "/injuries/5/entry/", "http://testserver/injuries/5/")) == (
        "injury"
    )
    assert page_name(htmx_post(rf, "/injuries/5/entry/", "http://testserver/ice/")) == "ice"
    plain = rf.get("/more/")
    plain.htmx = HtmxDetails(plain)
    plain.resolver_match = resolve("/more/")  # as Django's handler sets it
    assert page_name(plain) == "more"
    assert page_name(rf.get("/no/such/page/")) is None
