"""The logs kept on a device while offline arrive here, one at a time, in the order they were
made: each is stored once (a repeat of its device-made id answers with the stored row), through
the same checks as the page it was made on, or refused with the reason the user is shown."""

import datetime as dt
import json
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import JsonResponse, QueryDict
from django.utils import timezone
from django.views.decorators.http import require_POST

from recovery.common import submissions
from recovery.offline import kinds

MOST_BYTES = 20_000  # far more than any of the forms
MOST_FIELDS = 80
SKEW = dt.timedelta(minutes=5)  # a phone's clock may run a little fast
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _answer(status, code=200, **extra):
    return JsonResponse({"status": status, **extra}, status=code)


class _SentBefore(Exception):
    """The form was sent from its page with this id as its key, and stored there."""


def _row(obj):
    """The stored row, as the device may want it: its id on the server and its time (None
    for a log stored by its page, which keeps the key and not the row)."""
    if obj is None:
        return None
    at = getattr(obj, "at", None) or getattr(obj, "recorded_at", None)
    at = at or getattr(obj, "started_at", None)
    return {"id": obj.pk, "at": at.isoformat() if at else None}


def _fields(raw):
    if not isinstance(raw, dict) or len(raw) > MOST_FIELDS:
        raise ValueError("its fields")
    fields = QueryDict(mutable=True)
    for name, value in raw.items():
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(one, str) for one in values) or len(values) > MOST_FIELDS:
            raise ValueError("its fields")
        fields.setlist(name, values)
    return fields


def _read(request):
    """(the log, its kind) from the request's JSON; ValueError naming what is wrong."""
    if len(request.body) > MOST_BYTES:
        raise ValueError("its size")
    try:
        data = json.loads(request.body)
        client_id = UUID(str(data["id"]))
        kind = kinds.KINDS[data["kind"]]
        made_at = dt.datetime.fromtimestamp(int(data["made_at"]) / 1000, tz=dt.UTC)
        target = data.get("target")
        target = int(target) if target not in (None, "") else None
    except (ValueError, KeyError, TypeError, OverflowError, OSError, RecursionError):
        raise ValueError("its id, kind, time or target") from None
    if not EARLIEST <= made_at <= timezone.now() + SKEW:
        raise ValueError("its time")
    # Up to SKEW ahead is a phone's clock running fast: it happened now.
    made_at = min(made_at, timezone.now())
    return kinds.Log(client_id, made_at, _fields(data.get("fields")), target), kind


@require_POST
def sync(request):
    if not request.user.is_authenticated:
        return _answer(
            "signed out", 403, reason="Sign in again to send what is kept on this phone."
        )
    try:
        log, kind = _read(request)
    except ValueError as problem:
        return _answer("refused", 400, reason=f"Not stored: the app could not read {problem}.")
    if found := kinds.stored(kind, request.user, log.client_id):
        return _answer("stored", repeat=True, row=_row(found))
    try:
        with transaction.atomic():
            # A log sent from its page, whose answer never came back, carries the page's key
            # as its id: the key, recorded by whichever arrives first, stores it once.
            if not submissions.record(request.user, log.client_id):
                raise _SentBefore
            stored = kind.store(request, log)
    except _SentBefore:
        found = kinds.stored(kind, request.user, log.client_id)
        return _answer("stored", repeat=True, row=_row(found))
    except kinds.Refused as refused:
        return _answer("refused", 422, reason=refused.reason, errors=refused.errors)
    except (ValidationError, IntegrityError) as problem:
        # The same id sent at the same moment from another tab is stored once: that one.
        if found := kinds.stored(kind, request.user, log.client_id):
            return _answer("stored", repeat=True, row=_row(found))
        if isinstance(problem, ValidationError) and problem.messages:
            return _answer("refused", 422, reason=f"Not stored: {problem.messages[0]}")
        return _answer("refused", 422, reason="Not stored: the database refused it.")
    return _answer("stored", 201, row=_row(stored))
