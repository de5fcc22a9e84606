"""The advice banner: the most serious current advice, at the top of every signed-in page."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve, reverse
from django.utils.functional import SimpleLazyObject

from recovery.injuries import advice, triage

# The pages that show a "call your provider" banner in full; elsewhere it is one line with a
# link, so that the page's own buttons stay on a phone's first screen. Urgent and emergency
# advice is always shown in full.
FULL_BANNER_PAGES = {"home", "injury"}


@dataclass
class Banner:
    level: triage.Level
    reasons: list
    url: str

    @property
    def reason(self):
        return self.reasons[0]

    @property
    def may_collapse(self):
        return self.level < triage.Level.URGENT


def banner_for(assessed, cramp_advice=None):
    """The banner for the assessed injuries and the cramp advice: the highest level from
    "call your provider" up, or None when nothing reaches it."""
    candidates = [(item.advice, item.injury.get_absolute_url() + "#advice") for item in assessed]
    if cramp_advice is not None:
        candidates.append((cramp_advice, reverse("cramps") + "#advice"))
    serious = [pair for pair in candidates if pair[0].level >= triage.Level.CALL_PROVIDER]
    if not serious:
        return None
    chosen, url = max(serious, key=lambda pair: pair[0].level)
    return Banner(chosen.level, chosen.top_reasons(), url)


def advice_banner(request):
    """Context processor: the banner, worked out only if a template shows it."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "advice_banner": SimpleLazyObject(
            lambda: banner_for(advice.assessed_for(request), advice.cramp_advice_for(request))
        ),
        "banner_in_full": page_name(request) in FULL_BANNER_PAGES,
    }


def page_name(request):
    """The URL name of the page the user sees: the request's own (already resolved), or for an
    htmx request the page it came from."""
    htmx = getattr(request, "htmx", None)
    if not (htmx and htmx.current_url):
        match = getattr(request, "resolver_match", None)
        return match.url_name if match else None
    try:
        return resolve(urlsplit(htmx.current_url).path).url_name
    except Resolver404:
        return None
