"""`reverse()` for the links of long lists, at the cost of a string format.

Django's `reverse()` matches the name against every candidate pattern and checks each argument
against its converter: about 15 to 30 microseconds a link, and a log page lists 30 rows with
two or three links each, beside the nine of the navigation. A URL whose arguments are whole
numbers (the logs' ids) only differs from one row to the next in those digits, so the URL is
reversed once per name, URL configuration and script prefix with marker numbers, and each later
call puts its numbers where the markers were. Anything else (keyword arguments, text, a
negative number) goes through `reverse()` itself.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

MARKER = 987_654_321  # the markers are MARKER, MARKER + 1, ...: digits no route has of its own


def reverse_fast(viewname, args=(), current_app=None):
    """`reverse(viewname, args=args, current_app=current_app)`."""
    if isinstance(viewname, str) and all(type(arg) is int and arg >= 0 for arg in args):
        pattern = _pattern(viewname, len(args), current_app, get_urlconf(), get_script_prefix())
        if pattern is not None:
            return pattern.format(*args)
    return reverse(viewname, args=args, current_app=current_app)


@lru_cache(maxsize=1024)
def _pattern(viewname, count, current_app, urlconf, prefix):
    """The URL with a `{}` where each argument goes, or None when the markers do not come out
    as themselves exactly once each (the route would not take any number there)."""
    markers = [str(MARKER + index) for index in range(count)]
    url = reverse(
        viewname, args=[int(marker) for marker in markers], urlconf=urlconf, current_app=current_app
    )
    if any(url.count(marker) != 1 for marker in markers):
        return None
    pattern = url.replace("{", "{{").replace("}", "}}")
    for marker in markers:
        pattern = pattern.replace(marker, "{}")
    # The arguments must go back in their order along the URL.
    if [url.index(marker) for marker in markers] != sorted(url.index(m) for m in markers):
        return None
    return pattern


@receiver(setting_changed)
def _forget_patterns(*, setting, **kwargs):
    """A test that swaps the URL configuration gets its routes, as Django's own caches do."""
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _pattern.cache_clear()
