from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from anatomy import reference


class Command(BaseCommand):
    help = "Load or refresh the leg-muscle reference from anatomy/data/reference.json."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = reference.load(apps.get_model)
        summary = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in counts.items())
        self.stdout.write(f"Reference data loaded: {summary}.")
