from django.urls import path

from recovery.injuries import views

urlpatterns = [
    path("injuries/", views.injury_list, name="injuries"),
    path("injuries/new/", views.injury_new, name="injury_new"),
    path("injuries/new/muscles/", views.muscle_matches, name="muscle_matches"),
    path("injuries/<int:pk>/", views.injury_detail, name="injury"),
    path("injuries/<int:pk>/edit/", views.injury_edit, name="injury_edit"),
    path("injuries/<int:pk>/delete/", views.injury_delete, name="injury_delete"),
    path("injuries/<int:pk>/entries/new/", views.entry_new, name="entry_new"),
    path("injuries/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("injuries/<int:pk>/milestones/", views.milestones, name="milestones"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path(
        "acknowledgements/<int:pk>/delete/",
        views.acknowledgement_delete,
        name="acknowledgement_delete",
    ),
]
