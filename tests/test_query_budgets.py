"""Query budgets: no page needs more than 15 queries, or more queries for a user with a year of
data than for a user with a few days of it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recovery.management.commands.seed_demo import seed_demo
from tests.perf.pages import main_pages

pytestmark = pytest.mark.django_db


def queries_per_page(client, user):
    client.force_login(user)
    counts = {}
    for name, method, url, data, htmx in main_pages(user):
        headers = {"HX-Request": "true"} if htmx else {}
        with CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(url, data or {}, headers=headers)
        assert response.status_code in {200, 302}, name
        counts[name] = len(queries.captured_queries)
    return counts


BUDGET = 15


def test_no_page_needs_more_than_15_queries_or_more_for_a_year_of_data(client, django_user_model):
    # A light user with one or two rows of each kind, so that every query that runs only when
    # there are rows runs for both users; then any difference is growth with the data.
    light = django_user_model.objects.create_user(username="light", password="x")
    seed_demo(username="light", days=3)
    heavy = seed_demo(username="heavy", days=365) and django_user_model.objects.get(
        username="heavy"
    )
    light_counts = queries_per_page(client, light)
    heavy_counts = queries_per_page(client, heavy)
    over = {name: count for name, count in heavy_counts.items() if count > BUDGET}
    assert not over, f"pages over {BUDGET} queries: {over}"
    grew = {
        name: (light_counts[name], heavy_counts[name])
        for name in heavy_counts
        if heavy_counts[name] > light_counts[name]
    }
    assert not grew, f"query counts that grew with the data: {grew}"


def test_seed_demo_makes_a_year_of_logs_and_is_idempotent(django_user_model):
    from recovery.models import Cramp, FluidEntry, SymptomEntry

    first = seed_demo(username="demo", days=365)
    again = seed_demo(username="demo", days=365)
    assert first == again
    assert first["symptom entries"] >= 1900
    assert first["drinks"] == 4000
    user = django_user_model.objects.get(username="demo")
    assert SymptomEntry.objects.filter(injury__user=user).count() == first["symptom entries"]
    assert FluidEntry.objects.filter(user=user).count() == 4000
    assert Cramp.objects.filter(user=user).count() == 150
