"""Read-only links that show one provider report, for a limited time."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse

from recovery.models.injuries import Injury

SHARE_DEFAULT_DAYS = 7
SHARE_MAX_DAYS = 30


def new_token():
    return secrets.token_urlsafe(32)


class ShareLink(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    injury = models.ForeignKey(Injury, on_delete=models.CASCADE, null=True, blank=True)
    start_day = models.DateField()
    end_day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"Share link until {self.expires_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("shared_report", args=[self.token])

    def is_usable(self, now):
        return self.revoked_at is None and now < self.expires_at
