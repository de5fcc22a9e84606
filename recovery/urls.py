from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from recovery import ice_views, log_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/profile/", views.profile, name="profile"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("injuries/", log_views.injury_list, name="injuries"),
    path("injuries/new/", log_views.injury_new, name="injury_new"),
    path("injuries/<int:pk>/", log_views.injury_detail, name="injury"),
    path("injuries/<int:pk>/edit/", log_views.injury_edit, name="injury_edit"),
    path("injuries/<int:pk>/delete/", log_views.injury_delete, name="injury_delete"),
    path("injuries/<int:pk>/entries/new/", log_views.entry_new, name="entry_new"),
    path("injuries/<int:pk>/acknowledge/", log_views.acknowledge, name="acknowledge"),
    path("injuries/<int:pk>/milestones/", log_views.milestones, name="milestones"),
    path("entries/<int:pk>/edit/", log_views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/delete/", log_views.entry_delete, name="entry_delete"),
    path(
        "acknowledgements/<int:pk>/delete/",
        log_views.acknowledgement_delete,
        name="acknowledgement_delete",
    ),
    path("ice/", ice_views.ice_home, name="ice"),
    path("ice/start/", ice_views.ice_start, name="ice_start"),
    path("ice/<int:pk>/", ice_views.ice_session, name="ice_session"),
    path("ice/<int:pk>/stop/", ice_views.ice_stop, name="ice_stop"),
    path("ice/<int:pk>/cancel/", ice_views.ice_cancel, name="ice_cancel"),
    path("treatments/", ice_views.treatment_list, name="treatments"),
    path("treatments/new/", ice_views.treatment_new, name="treatment_new"),
    path("treatments/<int:pk>/edit/", ice_views.treatment_edit, name="treatment_edit"),
    path("treatments/<int:pk>/delete/", ice_views.treatment_delete, name="treatment_delete"),
    path("anatomy/", include("anatomy.urls")),
    path("admin/", admin.site.urls),
]
