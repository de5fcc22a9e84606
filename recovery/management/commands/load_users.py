"""Prepares the accounts `make load` signs in to: load-1 ... load-N, each with one injury."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from recovery.models import Cramp, FluidEntry, IceSession, Injury, StretchSession, Treatment


class Command(BaseCommand):
    help = "Create (or reset) the load-test accounts."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=50)
        parser.add_argument("--password", default="load test passphrase 2026")

    @transaction.atomic
    def handle(self, *args, count, password, **options):
        users = get_user_model().objects
        for number in range(1, count + 1):
            user, _ = users.get_or_create(username=f"load-{number}")
            user.set_password(password)
            user.save()
            for model in (Injury, Treatment, IceSession, FluidEntry, Cramp, StretchSession):
                model.objects.filter(user=user).delete()
            Injury.objects.create(user=user, side="left", onset_at=timezone.now())
        self.stdout.write(f"{count} load-test accounts ready.")
