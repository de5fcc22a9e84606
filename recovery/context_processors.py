from django.utils.functional import SimpleLazyObject

from recovery import advice


def assessed_for(request):
    """The user's injuries with their advice, worked out once per request."""
    if not hasattr(request, "_assessed_injuries"):
        request._assessed_injuries = advice.for_user(request.user)
    return request._assessed_injuries


def cramp_advice_for(request):
    if not hasattr(request, "_cramp_advice"):
        request._cramp_advice = advice.for_cramps(request.user)
    return request._cramp_advice


def advice_banner(request):
    """The most serious current advice, shown at the top of every signed-in page."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "advice_banner": SimpleLazyObject(
            lambda: advice.banner_for(assessed_for(request), cramp_advice_for(request))
        )
    }
