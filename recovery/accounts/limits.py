"""Limits per client address (recovery/accounts/client.py: the address behind the trusted
proxies), kept in the database so that every worker counts the same requests:

- reset emails and sign-ups, each a row of `AddressRequest`;
- wrong passwords across usernames (password spraying: each try costs an Argon2 hash), read
  from the log-in failures django-axes keeps per username and address.
"""

from datetime import timedelta

from axes.models import AccessAttempt
from django.db.models import Sum
from django.utils import timezone

from recovery.models import AddressRequest

RESET_LIMIT, RESET_WINDOW = 5, timedelta(hours=1)
SIGNUP_LIMIT, SIGNUP_WINDOW = 10, timedelta(hours=1)
SPRAY_LIMIT, SPRAY_WINDOW = 20, timedelta(minutes=15)
WINDOWS = {
    AddressRequest.Kind.PASSWORD_RESET: RESET_WINDOW,
    AddressRequest.Kind.SIGNUP: SIGNUP_WINDOW,
}
LIMITS = {AddressRequest.Kind.PASSWORD_RESET: RESET_LIMIT, AddressRequest.Kind.SIGNUP: SIGNUP_LIMIT}


def take(kind, address):
    """Count one request of `kind` from `address`: False when the address has used up its
    limit in the window (nothing is counted then), True otherwise."""
    since = timezone.now() - WINDOWS[kind]
    AddressRequest.objects.filter(kind=kind, at__lt=since).delete()
    recent = AddressRequest.objects.filter(kind=kind, ip_address=address, at__gte=since)
    if recent.count() >= LIMITS[kind]:
        return False
    AddressRequest.objects.create(kind=kind, ip_address=address)
    return True


def spraying(address):
    """Whether `address` has sent SPRAY_LIMIT wrong passwords or more, for any usernames, in
    the last SPRAY_WINDOW."""
    since = timezone.now() - SPRAY_WINDOW
    failures = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failures or 0) >= SPRAY_LIMIT
