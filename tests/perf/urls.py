"""The app's URLs plus a bare baseline page, used only by the benchmark."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from recovery.urls import urlpatterns as app_urlpatterns

BASELINE = engines["django"].from_string(
    (Path(__file__).resolve().parent / "baseline.html").read_text()
)


def baseline(request):
    """A template page with one query: the floor every page is compared with."""
    users = get_user_model().objects.count()
    return HttpResponse(BASELINE.render({"users": users}, request))


urlpatterns = [path("bench/baseline/", baseline, name="bench_baseline"), *app_urlpatterns]
