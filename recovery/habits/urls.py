from django.urls import path

from recovery.habits import cramp_views, fluid_views, stretch_views

urlpatterns = [
    path("fluids/", fluid_views.fluids, name="fluids"),
    path("fluids/add/", fluid_views.fluid_add, name="fluid_add"),
    path("fluids/undo/", fluid_views.fluid_undo, name="fluid_undo"),
    path("fluids/history/", fluid_views.fluid_history, name="fluid_history"),
    path("fluids/<date:day>/", fluid_views.fluid_day, name="fluid_day"),
    path("fluids/entries/<int:pk>/edit/", fluid_views.fluid_edit, name="fluid_edit"),
    path("fluids/entries/<int:pk>/delete/", fluid_views.fluid_delete, name="fluid_delete"),
    path("cramps/", cramp_views.cramps, name="cramps"),
    path("cramps/timer/start/", cramp_views.cramp_timer_start, name="cramp_timer_start"),
    path("cramps/timer/stop/", cramp_views.cramp_timer_stop, name="cramp_timer_stop"),
    path("cramps/contacted/", cramp_views.cramps_contacted, name="cramps_contacted"),
    path("cramps/got-care/", cramp_views.cramps_got_care, name="cramps_got_care"),
    path("cramps/<int:pk>/edit/", cramp_views.cramp_edit, name="cramp_edit"),
    path("cramps/<int:pk>/delete/", cramp_views.cramp_delete, name="cramp_delete"),
    path("stretches/", stretch_views.stretches, name="stretches"),
    path("stretches/log/", stretch_views.stretch_log, name="stretch_log"),
    path("stretches/start/", stretch_views.stretch_start, name="stretch_start"),
    path("stretches/<int:pk>/", stretch_views.stretch_session, name="stretch_session"),
    path("stretches/<int:pk>/stop/", stretch_views.stretch_stop, name="stretch_stop"),
    path("stretches/<int:pk>/pain/", stretch_views.stretch_pain, name="stretch_pain"),
    path("stretches/<int:pk>/edit/", stretch_views.stretch_edit, name="stretch_edit"),
    path("stretches/<int:pk>/delete/", stretch_views.stretch_delete, name="stretch_delete"),
]
