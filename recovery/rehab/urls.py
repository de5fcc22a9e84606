from django.urls import path

from recovery.rehab import views

urlpatterns = [
    path("injuries/<int:pk>/programme/", views.programme, name="programme"),
    path("injuries/<int:pk>/programme/start/", views.programme_start, name="programme_start"),
    path("programme/<int:pk>/edit/", views.programme_item_edit, name="programme_item_edit"),
    path("programme/<int:pk>/remove/", views.programme_item_remove, name="programme_item_remove"),
    path("programme/<int:pk>/sessions/new/", views.session_new, name="session_new"),
    path("programme/<int:pk>/sessions/done/", views.session_done, name="session_done"),
    path("exercise-sessions/<int:pk>/morning/", views.session_morning, name="session_morning"),
    path("exercise-sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
]
