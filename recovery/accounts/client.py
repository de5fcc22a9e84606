"""Who is at the other end of a request: the client's address behind the configured number of
trusted reverse proxies, and whether this browser has signed in to an account before.

Behind a proxy every request comes from the proxy's address, so a limit per address would be a
limit for the whole site. With `DJANGO_TRUSTED_PROXIES=N`, the client's address is the one the
first trusted proxy saw: the N-th entry of X-Forwarded-For from the right (each proxy appends
the address it received the request from; anything further left was written by the client and
is not trusted). With N = 0, the default, it is the connection's address.
"""

import ipaddress

from django.conf import settings
from django.core import signing

KNOWN_BROWSER_COOKIE = "known_browser"
KNOWN_BROWSER_SALT = "recovery.accounts.known-browser"
KNOWN_BROWSER_DAYS = 180


def client_address(request):
    """The client's IP address as text ("0.0.0.0" when none can be read)."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            address = hops[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return "0.0.0.0"  # noqa: S104 - no address: all such requests count together


def remember_browser(response, user):
    """After a successful sign-in: this browser is one the account's owner uses."""
    value = signing.dumps(user.get_username().casefold(), salt=KNOWN_BROWSER_SALT)
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        value,
        max_age=KNOWN_BROWSER_DAYS * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def is_known_browser(request, username):
    """Whether this browser signed in to `username` before (its signed cookie says so)."""
    value = request.COOKIES.get(KNOWN_BROWSER_COOKIE)
    if not value or not username:
        return False
    try:
        known = signing.loads(
            value, salt=KNOWN_BROWSER_SALT, max_age=KNOWN_BROWSER_DAYS * 24 * 3600
        )
    except signing.BadSignature:
        return False
    return known == str(username).casefold()


def axes_known_browser(request, credentials):
    """AXES_WHITELIST_CALLABLE: a browser that signed in to this account before is never
    locked out of it, so someone who knows a username cannot keep its owner out."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return is_known_browser(request, username)


REMEMBER = "_remember_browser"  # set on the request by a sign-in, read by the middleware


def note_sign_in(sender, request, user, **kwargs):
    """user_logged_in: mark the request, so that its response remembers the browser."""
    if request is not None:
        setattr(request, REMEMBER, user)


class RememberBrowserMiddleware:
    """Sets the known-browser cookie on the response of a request that signed someone in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, REMEMBER, None)
        if user is not None:
            remember_browser(response, user)
        return response
