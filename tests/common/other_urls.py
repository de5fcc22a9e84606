"""A URL configuration with one of the app's routes elsewhere, for test_links.py."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [
    path("elsewhere/cramps/<int:pk>/change/", lambda request, pk: HttpResponse(), name="cramp_edit")
]
