"""Password reset, limited per address so it cannot be used to flood someone's inbox."""

from datetime import timedelta

from django.contrib.auth.views import PasswordResetView
from django.utils import timezone

from recovery.accounts.client import client_address
from recovery.models import PasswordResetRequest

RESET_LIMIT = 5
RESET_WINDOW = timedelta(hours=1)


class ThrottledPasswordResetView(PasswordResetView):
    """Password reset, with at most 5 requests an hour from one address (kept in the
    database, so every worker counts the same requests)."""

    def post(self, request, *args, **kwargs):
        address = client_address(request)
        PasswordResetRequest.objects.filter(at__lt=timezone.now() - RESET_WINDOW).delete()
        recent = PasswordResetRequest.objects.filter(
            ip_address=address, at__gte=timezone.now() - RESET_WINDOW
        ).count()
        if recent >= RESET_LIMIT:
            form = self.get_form()
            form.is_valid()
            form.add_error(
                None,
                "Too many reset requests from here in the last hour. Please wait an hour and "
                "try again, or check your email for a link already sent.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        PasswordResetRequest.objects.create(ip_address=address)
        return super().post(request, *args, **kwargs)
