"""What the service worker keeps on the device when it installs: every static file and every
page of the public anatomy reference, and the page shown offline for one never opened. The
list and its version are worked out once per version of the reference data and of the code."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import FileSystemFinder
from django.templatetags.static import static
from django.urls import reverse

from anatomy import page_cache
from anatomy.models import (
    CareTopic,
    Compartment,
    Condition,
    Exercise,
    Muscle,
    MuscleGroup,
    Region,
    Stretch,
)

# Files a page never loads (licences kept beside the vendored code).
NOT_SERVED = (".md", ".LICENSE", ".txt")
SW_TEMPLATE = Path(settings.BASE_DIR) / "templates" / "offline" / "sw.js"

REFERENCE_LISTS = ["overview", "map", "glossary", "conditions", "stretches", "warm_up", "exercises"]
REFERENCE_PAGES = [
    ("region", Region),
    ("compartment", Compartment),
    ("group", MuscleGroup),
    ("muscle", Muscle),
    ("condition", Condition),
    ("care", CareTopic),
    ("stretch", Stretch),
    ("exercise", Exercise),
]


# The project's own static files, and of the apps' only the htmx the pages load.
APP_STATIC = ["django_htmx/htmx-2.min.js", "django_htmx/django-htmx.js"]


def static_urls() -> list[str]:
    paths = [path for path, _ in FileSystemFinder().list([]) if not path.endswith(NOT_SERVED)]
    return sorted(static(path) for path in {*paths, *APP_STATIC})


def reference_urls() -> list[str]:
    urls = [reverse(f"anatomy:{name}") for name in REFERENCE_LISTS]
    for name, model in REFERENCE_PAGES:
        slugs = model._default_manager.order_by("slug").values_list("slug", flat=True)
        urls += [reverse(f"anatomy:{name}", args=[slug]) for slug in slugs]
    return urls


def _build() -> dict:
    urls = [reverse("offline"), *static_urls(), *reference_urls()]
    digest = hashlib.sha256(SW_TEMPLATE.read_bytes())
    digest.update("\n".join(urls).encode())
    digest.update(page_cache.TEMPLATES_VERSION.encode())
    return {"urls": urls, "version": digest.hexdigest()[:12]}


def precache() -> dict:
    """{"urls": [...], "version": "..."}; a new version makes browsers install the worker again
    and fetch everything afresh."""
    return page_cache.per_version("offline precache", _build)
