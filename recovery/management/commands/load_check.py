"""After `make load`: every write that got a success response is in the database exactly
once, and nothing else is."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from recovery.models import FluidEntry, IceSession, SymptomEntry, Treatment


class Command(BaseCommand):
    help = "Compare the load test's counted successes with the database."

    def add_arguments(self, parser):
        parser.add_argument("successes")

    def handle(self, *args, successes, **options):
        with open(successes) as source:
            counted = json.load(source)
        problems = []
        total = 0
        for user in get_user_model().objects.filter(username__startswith="load-"):
            expected = counted.get(user.username, {})
            actual = {
                "entries": SymptomEntry.objects.filter(injury__user=user).count(),
                "fluids": FluidEntry.objects.filter(user=user).count(),
                "ice_started": IceSession.objects.filter(user=user).count(),
                "ice_stopped": Treatment.objects.filter(user=user, kind="ice").count(),
            }
            for kind, found in actual.items():
                wanted = expected.get(kind, 0)
                total += wanted
                if found != wanted:
                    problems.append(f"{user.username} {kind}: {wanted} succeeded, {found} stored")
        if problems:
            raise CommandError("Writes lost or doubled:\n" + "\n".join(problems))
        self.stdout.write(f"All {total} successful writes are stored exactly once; nothing else.")
