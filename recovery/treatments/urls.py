from django.urls import path

from recovery.treatments import ice_views, views

urlpatterns = [
    path("ice/", ice_views.ice_home, name="ice"),
    path("ice/start/", ice_views.ice_start, name="ice_start"),
    path("ice/<int:pk>/", ice_views.ice_session, name="ice_session"),
    path("ice/<int:pk>/stop/", ice_views.ice_stop, name="ice_stop"),
    path("ice/<int:pk>/cancel/", ice_views.ice_cancel, name="ice_cancel"),
    path("treatments/", views.treatment_list, name="treatments"),
    path("treatments/new/", views.treatment_new, name="treatment_new"),
    path("treatments/<int:pk>/edit/", views.treatment_edit, name="treatment_edit"),
    path("treatments/<int:pk>/delete/", views.treatment_delete, name="treatment_delete"),
]
