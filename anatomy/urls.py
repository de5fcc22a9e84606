from django.urls import path

from anatomy import views

app_name = "anatomy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("map/", views.map_page, name="map"),
    path("search/", views.search_page, name="search"),
    path("glossary/", views.glossary_page, name="glossary"),
    path("regions/<slug:slug>/", views.region, name="region"),
    path("compartments/<slug:slug>/", views.compartment, name="compartment"),
    path("groups/<slug:slug>/", views.group, name="group"),
    path("muscles/<slug:slug>/", views.muscle, name="muscle"),
    path("conditions/", views.conditions, name="conditions"),
    path("conditions/<slug:slug>/", views.condition, name="condition"),
    path("care/<slug:slug>/", views.care, name="care"),
    path("stretches/", views.stretches, name="stretches"),
    path("stretches/<slug:slug>/", views.stretch, name="stretch"),
    path("warm-up/", views.warm_up, name="warm_up"),
    path("exercises/", views.exercises, name="exercises"),
    path("exercises/<slug:slug>/", views.exercise, name="exercise"),
]
