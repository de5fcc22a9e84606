"""The public reference pages are rendered once per version of the reference data and served
from the cache; a change to the data (the admin, the loader) shows at once."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anatomy.models import Muscle, ReferenceVersion
from recovery.settings import cache_from_url

pytestmark = pytest.mark.django_db

PAGES = [
    ("anatomy:overview", []),
    ("anatomy:map", []),
    ("anatomy:muscle", ["gastrocnemius"]),
    ("anatomy:compartment", ["thigh-anterior"]),
    ("anatomy:conditions", []),
    ("anatomy:condition", ["tennis-leg"]),
    ("anatomy:glossary", []),
    ("anatomy:stretches", []),
]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    return len(queries.captured_queries), body[body.index("<main") : body.index("</main>")]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_a_reference_page_is_served_from_the_cache_in_one_query(client, name, args):
    url = reverse(name, args=args)
    first, first_body = queries_for(client, url)
    again, again_body = queries_for(client, url)
    assert first > 1
    assert again == 1  # the data's version
    assert again_body == first_body


def test_an_edit_to_the_data_shows_at_once(client):
    url = reverse("anatomy:muscle", args=["gastrocnemius"])
    client.get(url)
    muscle = Muscle.objects.get(slug="gastrocnemius")
    muscle.summary = "A new summary written in the admin."
    muscle.save()  # as the admin does
    assert "A new summary written in the admin." in client.get(url).content.decode()


def test_loading_the_data_file_makes_a_new_version(client):
    before = ReferenceVersion.objects.get(pk=1).number
    call_command("load_reference_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ReferenceVersion.objects.get(pk=1).number > before


def test_an_unknown_page_is_still_not_found_and_not_cached(client):
    url = reverse("anatomy:muscle", args=["no-such-muscle"])
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://cache.internal:6379/1", "django.core.cache.backends.redis.RedisCache"),
        ("file:///var/cache/legs", "django.core.cache.backends.filebased.FileBasedCache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
    ],
)
def test_the_cache_url_chooses_the_backend(url, backend):
    assert cache_from_url(url)["BACKEND"] == backend


def test_a_cache_url_of_an_unknown_kind_says_what_is_allowed():
    allowed = "CACHE_URL must start with one of dummy, file, locmem, redis, rediss://"
    with pytest.raises(ImproperlyConfigured, match=allowed):
        cache_from_url("memcache://x")


def test_a_query_string_is_served_the_same_cached_page(client):
    url = reverse("anatomy:glossary")
    client.get(url)
    count, _ = queries_for(client, url + "?utm=anything")
    assert count == 1


def test_the_pages_still_work_when_the_cache_is_down(client, monkeypatch):
    from anatomy import page_cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(page_cache.cache, "get", broken)
    monkeypatch.setattr(page_cache.cache, "set", broken)
    response = client.get(reverse("anatomy:condition", args=["tennis-leg"]))
    assert response.status_code == 200
    assert "Call emergency services now" in response.content.decode()


def test_a_title_from_the_cache_is_escaped_once(client):
    muscle = Muscle.objects.get(slug="gastrocnemius")
    muscle.name = "Gastrocnemius & co"
    muscle.save()
    url = reverse("anatomy:muscle", args=["gastrocnemius"])
    for _ in range(2):  # rendered, then from the cache
        assert "<title>Gastrocnemius &amp; co" in client.get(url).content.decode()
