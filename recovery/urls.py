from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from recovery import chart_views, habit_views, ice_views, log_views, views
from recovery.converters import DateConverter

register_converter(DateConverter, "date")

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
    path("fluids/", habit_views.fluids, name="fluids"),
    path("fluids/add/", habit_views.fluid_add, name="fluid_add"),
    path("fluids/undo/", habit_views.fluid_undo, name="fluid_undo"),
    path("fluids/history/", habit_views.fluid_history, name="fluid_history"),
    path("fluids/<date:day>/", habit_views.fluid_day, name="fluid_day"),
    path("fluids/entries/<int:pk>/edit/", habit_views.fluid_edit, name="fluid_edit"),
    path("fluids/entries/<int:pk>/delete/", habit_views.fluid_delete, name="fluid_delete"),
    path("cramps/", habit_views.cramps, name="cramps"),
    path("cramps/contacted/", habit_views.cramps_contacted, name="cramps_contacted"),
    path("cramps/<int:pk>/edit/", habit_views.cramp_edit, name="cramp_edit"),
    path("cramps/<int:pk>/delete/", habit_views.cramp_delete, name="cramp_delete"),
    path("stretches/", habit_views.stretches, name="stretches"),
    path("stretches/log/", habit_views.stretch_log, name="stretch_log"),
    path("stretches/start/", habit_views.stretch_start, name="stretch_start"),
    path("stretches/<int:pk>/", habit_views.stretch_session, name="stretch_session"),
    path("stretches/<int:pk>/stop/", habit_views.stretch_stop, name="stretch_stop"),
    path("stretches/<int:pk>/pain/", habit_views.stretch_pain, name="stretch_pain"),
    path("stretches/<int:pk>/edit/", habit_views.stretch_edit, name="stretch_edit"),
    path("stretches/<int:pk>/delete/", habit_views.stretch_delete, name="stretch_delete"),
    path("charts/", chart_views.charts_page, name="charts"),
    path("anatomy/", include("anatomy.urls")),
    path("admin/", admin.site.urls),
]
