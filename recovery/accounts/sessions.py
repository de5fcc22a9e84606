"""Django's database sessions, read with SQL compiled once (every signed-in request reads its
session first). Writing, expiry and log-out are Django's own."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from recovery.common.compiled import instances


def _live_session(key, now):
    return Session.objects.filter(session_key=key, expire_date__gt=now)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        key = self.session_key
        # Django makes keys of lower-case letters and digits; anything else cannot match.
        if isinstance(key, str) and key.isascii() and key.isalnum():
            found = instances("live session", _live_session, key=key, now=timezone.now())
            if found:
                return found[0]
        self._session_key = None
        return None
