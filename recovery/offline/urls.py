from django.urls import path

from recovery.offline import sync_views, views

urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
    path("offline/sync/", sync_views.sync, name="offline_sync"),
]
