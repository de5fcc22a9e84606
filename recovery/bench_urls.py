"""The app's URLs plus a bare baseline page, used only by `manage.py bench`."""

from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.urls import path

from recovery.urls import urlpatterns as app_urlpatterns


def baseline(request):
    """A template page with one query: the floor every page is compared with."""
    users = get_user_model().objects.count()
    return render(request, "recovery/bench_baseline.html", {"users": users})


urlpatterns = [path("bench/baseline/", baseline, name="bench_baseline"), *app_urlpatterns]
