from django.contrib import admin

from recovery.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "time_zone", "fluid_units", "daily_fluid_goal_ml"]
    search_fields = ["user__username"]
