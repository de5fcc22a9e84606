"""The web app manifest, the service worker (served from the site's root so that its scope is
the whole site) and the page shown offline in place of one never opened."""

import json

from django.conf import settings
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from recovery.offline import precache

THEME = "#0b5d57"


@require_safe
@cache_control(public=True, max_age=3600)
def manifest(request):
    data = {
        "id": "/",
        "name": "Leg recovery tracker",
        "short_name": "Leg recovery",
        "description": "Log a leg strain or cramp, ice it, and see how it recovers.",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME,
        "background_color": "#ffffff",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = render(
        request, "offline/manifest.json", {"data": json.dumps(data, indent=2)},
        content_type="application/manifest+json",
    )  # fmt: skip
    return response


@require_safe
@cache_control(no_cache=True)
def service_worker(request):
    """The worker script. Browsers check it for changes at least once a day and whenever a page
    registers it; no-cache makes each check reach the server."""
    found = precache.precache()
    context = {
        "version": found["version"],
        "precache": json.dumps(found["urls"]),
        "offline_url": reverse("offline"),
        "logout_url": reverse("logout"),
        "static_prefix": settings.STATIC_URL,
        "icon_url": static("icons/icon-192.png"),
    }
    return render(request, "offline/sw.js", context, content_type="text/javascript")


@require_safe
def offline(request):
    return render(request, "offline/offline.html")
