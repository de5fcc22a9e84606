"""The site's addresses, feature by feature; each feature's own urls.py lists its pages."""

from django.contrib import admin
from django.urls import include, path, register_converter

from recovery import navigation
from recovery.common.converters import DateConverter

register_converter(DateConverter, "date")

urlpatterns = [
    # Today (the home page), charts, the provider report and its share links.
    path("", include("recovery.insights.urls")),
    # The injury log: injuries, how they feel, acknowledgements, milestones.
    path("", include("recovery.injuries.urls")),
    # An injury's rehab programme.
    path("", include("recovery.rehab.urls")),
    # The ice timer and the treatment log.
    path("", include("recovery.treatments.urls")),
    # Daily habits: drinks, leg cramps, stretching.
    path("", include("recovery.habits.urls")),
    # Sign-up, log-in, the profile, the user's data; health check for load balancers.
    path("", include("recovery.accounts.urls")),
    # Installable and offline: the manifest, the service worker, the offline page.
    path("", include("recovery.offline.urls")),
    # Reminders: their settings, the app's list, email unsubscribe, web push devices.
    path("", include("recovery.reminders.urls")),
    # Everything the phone's tab bar has no room for.
    path("more/", navigation.more, name="more"),
    # The public leg-muscle reference.
    path("anatomy/", include("anatomy.urls")),
    path("admin/", admin.site.urls),
]
