from django.urls import path

from recovery.insights import chart_views, dashboard, report_views

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("charts/", chart_views.charts_page, name="charts"),
    path("report/", report_views.report_page, name="report"),
    path("report/share/", report_views.share_create, name="share_create"),
    path("report/share/<int:pk>/revoke/", report_views.share_revoke, name="share_revoke"),
    path("shared/<slug:token>/", report_views.shared_report, name="shared_report"),
]
