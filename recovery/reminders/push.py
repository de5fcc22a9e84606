"""Web push: a reminder sent to each browser the user turned it on in, signed with the app's
VAPID key and encrypted for that browser (pywebpush). A subscription the push service says is
gone (404 or 410) is deleted; other failures are for the caller to retry."""

import base64
import binascii
import enum
import json
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings

from recovery.models import PushSubscription

TIMEOUT_SECONDS = 10
TTL_SECONDS = 3600  # a phone off for an hour still gets it
MOST_BYTES = 3000  # well inside the 4 kB a push message may carry


class Outcome(enum.Enum):
    SENT = "sent"
    GONE = "gone"
    FAILED = "failed"


def enabled() -> bool:
    return bool(settings.WEBPUSH_PUBLIC_KEY and settings.WEBPUSH_PRIVATE_KEY)


def endpoint_allowed(endpoint: str) -> bool:
    """Push services answer on https; plain http only to the hosts settings allow (a test's
    own service). Anything else is never posted to."""
    parts = urlsplit(endpoint)
    if parts.scheme == "https" and parts.hostname:
        return True
    return parts.scheme == "http" and parts.hostname in settings.WEBPUSH_HTTP_HOSTS


def checked_subscription(data) -> tuple[str, str, str] | None:
    """(endpoint, p256dh, auth) from a browser's subscription (its toJSON()), or None when it
    is not one this app can use: an allowed push service address and keys of the right size."""
    try:
        endpoint, keys = data["endpoint"], data["keys"]
        p256dh, auth = keys["p256dh"], keys["auth"]
    except (KeyError, TypeError):
        return None
    if not all(isinstance(one, str) for one in (endpoint, p256dh, auth)):
        return None
    if len(endpoint) > 1000 or len(p256dh) > 100 or len(auth) > 50:
        return None
    if not (endpoint_allowed(endpoint) and _is_key(p256dh) and len(_bytes(auth) or b"") == 16):
        return None
    return endpoint, p256dh, auth


def _bytes(text: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, binascii.Error):
        return None


def _is_key(text: str) -> bool:
    """Whether `text` is a browser's public key: a point on the P-256 curve, base64url."""
    raw = _bytes(text)
    if raw is None or len(raw) != 65:
        return False
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        return False
    return True


def save_subscription(user, endpoint: str, p256dh: str, auth: str) -> None:
    """Keep a checked subscription for `user`: the same browser again (or one signed in as
    someone else before) is updated and becomes this account's."""
    PushSubscription.objects.update_or_create(
        endpoint=endpoint, defaults={"user": user, "p256dh": p256dh, "auth": auth}
    )


def send(subscription: PushSubscription, payload: dict) -> tuple[Outcome, str]:
    """(what happened, a short reason when it failed)."""
    import requests  # pywebpush is slow to import: only the worker needs it
    from pywebpush import WebPushException, webpush  # type: ignore[import-untyped]

    if not endpoint_allowed(subscription.endpoint):
        return Outcome.GONE, "not a push service address"
    data = json.dumps(payload, separators=(",", ":"))
    if len(data.encode()) > MOST_BYTES:
        raise ValueError("a reminder's push message is too long")
    try:
        webpush(
            subscription_info=subscription.as_info(),
            data=data,
            vapid_private_key=settings.WEBPUSH_PRIVATE_KEY,
            vapid_claims={"sub": settings.WEBPUSH_CONTACT},  # a new dict: webpush fills it in
            ttl=TTL_SECONDS,
            timeout=TIMEOUT_SECONDS,
        )
    except WebPushException as problem:
        status = problem.response.status_code if problem.response is not None else None
        if status in (404, 410):
            return Outcome.GONE, f"the push service answered {status}"
        return Outcome.FAILED, f"the push service answered {status or 'nothing'}"
    except requests.RequestException:
        return Outcome.FAILED, "the push service could not be reached"
    except (ValueError, TypeError):  # keys it cannot encrypt for: that device cannot be used
        return Outcome.GONE, "the device's keys cannot be used"
    return Outcome.SENT, ""
