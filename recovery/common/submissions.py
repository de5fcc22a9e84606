"""One row per form submission: each log form carries a key made when the page was rendered
(`{% submission_key %}`), and the view records the key in the same transaction as the row it
writes. A second POST with the same key (a double tap, a resent request, two at the same moment)
finds the key taken and writes nothing; the view answers as it did the first time."""

import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from recovery.models import FormSubmission

FIELD = "submission"
KEPT = timedelta(days=1)


def new_key():
    return str(uuid.uuid4())


def first_time(request):
    """Record the POST's submission key for the user, in the caller's transaction: False when
    it was recorded before (the form was already sent: the caller's transaction is then to be
    left without another query, as it will roll back), True otherwise (and for a POST without
    a key, from a page made before keys existed). One query."""
    try:
        key = uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return True
    try:
        with transaction.atomic(savepoint=False):  # no savepoint: a repeat writes nothing
            FormSubmission.objects.create(user=request.user, key=key)
    except IntegrityError:
        return False
    return True


def forget_old(user):
    """Drop the user's keys older than KEPT (at each sign-in: a form is not resent a day on)."""
    FormSubmission.objects.filter(user=user, at__lt=timezone.now() - KEPT).delete()
