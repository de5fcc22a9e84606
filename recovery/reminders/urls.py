from django.urls import path

from recovery.reminders import views

urlpatterns = [
    path("reminders/", views.reminders, name="reminders"),
    path("reminders/<int:pk>/close/", views.reminder_close, name="reminder_close"),
    path("reminders/push/", views.push_subscribe, name="push_subscribe"),
    path("reminders/push/remove/", views.push_unsubscribe, name="push_unsubscribe"),
    path(
        "reminders/unsubscribe/<str:token>/",
        views.reminder_unsubscribe,
        name="reminder_unsubscribe",
    ),
    path("injuries/<int:pk>/check-in-reminder/", views.injury_check_in, name="injury_check_in"),
]
