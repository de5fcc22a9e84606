"""Password reset, limited per address so it cannot be used to flood someone's inbox."""

from django.contrib.auth.views import PasswordResetView

from recovery.accounts import limits
from recovery.accounts.client import client_address
from recovery.models import AddressRequest


class ThrottledPasswordResetView(PasswordResetView):
    """Password reset, with at most 5 requests an hour from one address."""

    def post(self, request, *args, **kwargs):
        if not limits.take(AddressRequest.Kind.PASSWORD_RESET, client_address(request)):
            form = self.get_form()
            form.is_valid()
            form.add_error(
                None,
                "Too many reset requests from here in the last hour. Please wait an hour and "
                "try again, or check your email for a link already sent.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)
