from django.apps import AppConfig


class AnatomyConfig(AppConfig):
    name = "anatomy"
    verbose_name = "Leg anatomy reference"
