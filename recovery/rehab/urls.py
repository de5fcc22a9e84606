from django.urls import path

from recovery.rehab import timer_views, views

urlpatterns = [
    path("injuries/<int:pk>/programme/", views.programme, name="programme"),
    path("injuries/<int:pk>/programme/start/", views.programme_start, name="programme_start"),
    path("programme/<int:pk>/edit/", views.programme_item_edit, name="programme_item_edit"),
    path("programme/<int:pk>/remove/", views.programme_item_remove, name="programme_item_remove"),
    path("programme/<int:pk>/sessions/new/", views.session_new, name="session_new"),
    path("programme/<int:pk>/sessions/done/", views.session_done, name="session_done"),
    path("exercise-sessions/<int:pk>/morning/", views.session_morning, name="session_morning"),
    path("exercise-sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("programme/<int:pk>/timer/", timer_views.set_timer_start, name="set_timer_start"),
    path("set-timer/<int:pk>/", timer_views.set_timer_page, name="set_timer"),
    path("set-timer/<int:pk>/set-done/", timer_views.set_timer_set_done, name="set_timer_set_done"),
    path("set-timer/<int:pk>/stop/", timer_views.set_timer_stop, name="set_timer_stop"),
    path("set-timer/<int:pk>/pain/", timer_views.set_timer_pain, name="set_timer_pain"),
]
