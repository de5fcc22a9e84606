from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.crypto import salted_hmac

from recovery.models import get_profile


class UserTimeZoneMiddleware:
    """Show times in the signed-in user's own zone; days are the user's days."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            timezone.activate(get_profile(request.user).zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header from settings to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PrivatePagesMiddleware:
    """A signed-in user's pages and downloads hold their health data: `Cache-Control: private,
    no-store`, so that neither a shared cache nor the browser keeps a copy (on a shared computer,
    Back after log-out shows nothing)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
            # Whose page this is, for the service worker: pages kept on the device belong to
            # one account, and a page of another forgets them (templates/offline/sw.js).
            response.headers["X-Account"] = account_key(request.user)
        else:
            response.headers["X-Account"] = "none"
        return response


def account_key(user):
    """An opaque key of the user's account: the same for their pages, nothing to read from it."""
    return salted_hmac("offline account", str(user.pk), algorithm="sha256").hexdigest()[:20]
