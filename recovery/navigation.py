"""The main navigation: which of its tabs a page belongs to, and the "More" page that holds
what the phone's tab bar has no room for."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

# The main navigation's tab for the pages of each view module. A new feature's pages light a
# tab once its views' module is named here; pages of other modules light none.
NAV_TABS = {
    "recovery.insights.dashboard": "today",
    "recovery.injuries.views": "log",
    "recovery.rehab.views": "log",
    "recovery.rehab.timer_views": "log",
    "recovery.treatments.views": "log",
    "recovery.habits.fluid_views": "log",
    "recovery.habits.cramp_views": "log",
    "recovery.habits.stretch_views": "log",
    "recovery.treatments.ice_views": "ice",
    "recovery.insights.chart_views": "charts",
    "recovery.insights.report_views": "charts",
    "anatomy.views": "anatomy",
    "recovery.accounts.views": "account",
    "recovery.accounts.data_views": "account",
    "recovery.accounts.password_reset": "account",
    "recovery.reminders.views": "account",
    "django.contrib.auth.views": "account",
    "recovery.navigation": "more",
    "recovery.offline.views": "more",
    "recovery.offline.sync_views": "more",
}


def navigation(request):
    """Context processor: `nav_tab`, the tab of the main navigation the page belongs to."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {}
    module = getattr(match.func, "view_class", match.func).__module__
    return {"nav_tab": NAV_TABS.get(module)}


@login_required
@require_safe
def more(request):
    return render(request, "recovery/more.html")
