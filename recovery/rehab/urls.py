from django.urls import path

from recovery.rehab import views

urlpatterns = [
    path("injuries/<int:pk>/programme/", views.programme, name="programme"),
    path("injuries/<int:pk>/programme/start/", views.programme_start, name="programme_start"),
    path("programme/<int:pk>/edit/", views.programme_item_edit, name="programme_item_edit"),
    path("programme/<int:pk>/remove/", views.programme_item_remove, name="programme_item_remove"),
]
