"""The app's URLs plus two baseline pages, used only by the benchmark: a bare page (one tiny
query, a minimal template, no layout) and the same query in the site's signed-in layout."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from recovery.urls import urlpatterns as app_urlpatterns

BASELINE = engines["django"].from_string(
    (Path(__file__).resolve().parent / "baseline.html").read_text()
)
BARE = engines["django"].from_string(
    "<!doctype html><html lang=en><title>Bare</title><p>{{ users }} users.</p></html>"
)


def bare(request):
    """The floor: one tiny query and a minimal template, through the same middleware."""
    return HttpResponse(BARE.render({"users": get_user_model().objects.count()}))


def baseline(request):
    """The same query in the site's layout, for a signed-in user (session, user, banner)."""
    users = get_user_model().objects.count()
    return HttpResponse(BASELINE.render({"users": users}, request))


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("bench/baseline/", baseline, name="bench_baseline"),
    *app_urlpatterns,
]
