from django.contrib import admin

from anatomy.models import (
    CareTopic,
    Compartment,
    Condition,
    GlossaryTerm,
    Muscle,
    MuscleGroup,
    Region,
    Stretch,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Compartment)
class CompartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "position", "order"]
    list_filter = ["region"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(MuscleGroup)
class MuscleGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Muscle)
class MuscleAdmin(admin.ModelAdmin):
    list_display = ["name", "compartment", "group", "layer", "nerve"]
    list_filter = ["compartment__region", "compartment", "group", "layer"]
    search_fields = ["name", "slug", "nerve"]
    list_select_related = ["compartment", "group"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    filter_horizontal = ["muscles"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(CareTopic)
class CareTopicAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "order"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "slug"]
    search_fields = ["term", "definition"]


@admin.register(Stretch)
class StretchAdmin(admin.ModelAdmin):
    list_display = ["name", "hold_seconds", "repetitions", "in_warm_up", "order"]
    filter_horizontal = ["muscles"]
    prepopulated_fields = {"slug": ["name"]}
