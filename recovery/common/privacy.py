"""Keeps health data out of error reports: nothing a user posted, and no variable that may
hold it, is ever shown in them."""

from django.views.debug import SafeExceptionReporterFilter


class HideAllPostData(SafeExceptionReporterFilter):
    """Every form in this app can carry health information, so no POST value appears in an
    error page or error email, only the field names."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        """Variable names only: their values may be a user's notes or pain scores."""
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
