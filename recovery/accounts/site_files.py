"""The site's files for robots: robots.txt, which keeps private pages and shared reports out
of search engines, and /.well-known/security.txt (RFC 9116), which says how to report a
security problem."""

import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from django.views.decorators.http import require_safe

PUBLIC = {"", "anatomy", "static", "healthz", "favicon.ico", "robots.txt", ".well-known"}


def private_prefixes(resolver=None, prefix=""):
    """The first path segment of every route that is not public (the reference is)."""
    found = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver) and not route:
            found |= private_prefixes(pattern, route)
            continue
        first = route.lstrip("^").split("/")[0]
        if first not in PUBLIC:
            found.add(first)
    return found


@require_safe
def robots_txt(request):
    lines = [
        "# Health data is private: signed-in pages and shared reports stay out of search engines.",
        "User-agent: *",
        *(f"Disallow: /{prefix}/" for prefix in sorted(private_prefixes())),
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def security_txt(request):
    expires = timezone.now().replace(microsecond=0) + dt.timedelta(days=180)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(dt.UTC).isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: en",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
