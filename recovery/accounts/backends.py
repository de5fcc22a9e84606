"""Signing in with a username and password, loading the user's profile with the user."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from recovery.common.compiled import instances


def _user_with_profile(user_id):
    users = get_user_model()._default_manager.select_related("profile", "cramp_state")
    return users.filter(pk=user_id)


class ModelBackendWithProfile(ModelBackend):
    """Django's backend, but every request's user comes with their profile and their kept
    cramps in the same query (its SQL compiled once): each signed-in page reads the time zone
    and the phone numbers, and the advice banner the cramps."""

    def get_user(self, user_id):
        if not isinstance(user_id, int):
            return None
        found = instances("user with profile", _user_with_profile, user_id=user_id)
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None
