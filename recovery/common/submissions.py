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


def save_once(request, save):
    """`save()` (a submitted form's writes) in one transaction with the form's key, unless the
    key was recorded before: True when saved, False for a form sent twice (nothing written)."""
    with transaction.atomic():
        if not first_time(request):
            return False  # the transaction rolls back: the repeat wrote nothing
        save()
    return True


def first_time(request):
    """Record the POST's submission key for the user, in the caller's transaction: False when
    it was recorded before (the form was already sent: the caller's transaction is then to be
    left without another query, as it will roll back), True otherwise (and for a POST without
    a key, from a page made before keys existed). One query."""
    try:
        key = uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return True
    return record(request.user, key)


def record(user, key):
    """Record `key` for `user` in the caller's transaction: False when it was recorded before
    (by the form's page or by the offline sync, which share the key), True otherwise."""
    try:
        with transaction.atomic(savepoint=False):  # no savepoint: a repeat writes nothing
            FormSubmission.objects.create(user=user, key=key)
    except IntegrityError:
        return False
    return True


def forget_old(sender, user, **kwargs):
    """user_logged_in: drop the user's keys older than KEPT (a form is not resent a day on)."""
    FormSubmission.objects.filter(user=user, at__lt=timezone.now() - KEPT).delete()
