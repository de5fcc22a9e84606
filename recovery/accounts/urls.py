from django.urls import include, path

from recovery.accounts import data_views, views
from recovery.accounts.password_reset import ThrottledPasswordResetView

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/profile/", views.profile, name="profile"),
    path(
        "accounts/login/",
        views.LoginView.as_view(),
        name="login",
    ),
    path(
        "accounts/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/data/", data_views.data_page, name="data"),
    path("accounts/data/export/", data_views.export_download, name="export"),
    path("accounts/data/import/", data_views.import_upload, name="import"),
    path("accounts/data/import/<int:pk>/", data_views.import_progress, name="import_progress"),
    path("accounts/data/import/<int:pk>/cancel/", data_views.import_cancel, name="import_cancel"),
    path("accounts/delete/", data_views.delete_account, name="delete_account"),
    path("accounts/", include("django.contrib.auth.urls")),
]
