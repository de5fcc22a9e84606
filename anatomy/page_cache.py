"""The public reference pages, rendered once per version of the reference data and then
served from the cache (settings.CACHES: local to each process by default, shared through
CACHE_URL in production). A page's body and title are cached; the layout around them (the
navigation, the signed-in user's banner and numbers, the CSP nonce) is rendered per request.

Each reference template defines a `title` and a `body` partial. The view passes a function
that builds the context: it runs only when the page is not cached (and may raise Http404).
"""

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from anatomy.models import ReferenceVersion
from anatomy.reference import bump_version
from recovery.common import compiled

DAY = 24 * 60 * 60
log = logging.getLogger(__name__)


def _templates_version() -> str:
    """The reference templates and the anatomy code that fills them (the leg map's drawing
    among it), hashed: a deploy that changes one renders the pages again, even with a cache
    shared across deploys."""
    package = Path(__file__).resolve().parent
    folder = package.parent / "templates" / "anatomy"
    digest = hashlib.sha256()
    for path in [*sorted(folder.rglob("*.html")), *sorted(package.glob("*.py"))]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


TEMPLATES_VERSION = _templates_version()


def _cached(key: str) -> dict[str, str] | None:
    try:
        return cache.get(key)
    except Exception:  # a cache that is down must not take the pages down with it
        log.exception("Reading the reference page cache failed")
        return None


def _store(key: str, page: dict[str, str]) -> None:
    try:
        cache.set(key, page, DAY)
    except Exception:
        log.exception("Writing the reference page cache failed")


def _version_query() -> QuerySet[ReferenceVersion, tuple[int]]:
    return ReferenceVersion.objects.filter(pk=1).values_list("number")


def version() -> int:
    """The reference data's version (one small query, its SQL compiled once: every reference
    page asks)."""
    found = compiled.rows("reference version", _version_query)
    return (found[0][0] if found else None) or 1


_kept: dict[str, tuple[int, Any]] = {}  # name: (version, value), in this process


def per_version(name: str, build: Callable[[], Any]) -> Any:
    """`build()`, kept in this process until the reference data's version changes: for what
    is worked out from the reference data and cannot go through a shared cache (model objects)."""
    number = version()
    kept = _kept.get(name)
    if kept is None or kept[0] != number:
        kept = _kept[name] = (number, build())
    return kept[1]


def forget_kept() -> None:
    """Drop what `per_version` kept (tests: the database rolls back, the version with it)."""
    _kept.clear()


def reference_page(
    request: HttpRequest,
    template: str,
    context: Callable[[], dict[str, Any]],
    *,
    your_numbers: bool = False,
) -> HttpResponse:
    """The page, from the cache when this version of it was rendered before. `your_numbers`:
    the page gives advice on when to get help, so a signed-in user sees their own numbers."""
    # The path alone: these pages read no query string, and one must not fill the cache.
    key = f"anatomy:{TEMPLATES_VERSION}:{version()}:{template}:{request.path}"
    page = _cached(key)
    if page is None:
        values = context()
        page = {
            "title": render_to_string(f"{template}#title", values).strip(),
            "body": render_to_string(f"{template}#body", values),
        }
        _store(key, page)
    # Rendered by our own templates, which escaped what they showed.
    title, body = mark_safe(page["title"]), mark_safe(page["body"])  # noqa: S308
    layout = {"title": title, "body": body, "your_numbers": your_numbers}
    return render(request, "anatomy/reference_page.html", layout)


def data_changed(sender, **kwargs):
    """A reference row was saved or deleted (the admin, the loader): a new version."""
    bump_version(ReferenceVersion)
