"""Prepares the accounts `make load` signs in to: load-1 ... load-N, each with one injury.

`python -m tests.load.users [--count 50] [--password ...]`
"""

import argparse

from tests.load.django_setup import setup


def prepare(count, password):
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from recovery.models import USER_LOGS, Injury

    users = get_user_model().objects
    with transaction.atomic():
        for model in USER_LOGS:  # every load-test account starts empty, this run's or not
            model.objects.filter(user__username__startswith="load-").delete()
        for number in range(1, count + 1):
            user, _ = users.get_or_create(username=f"load-{number}")
            user.set_password(password)
            user.save()
            Injury.objects.create(user=user, side="left", onset_at=timezone.now())
    print(f"{count} load-test accounts ready.")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Create (or reset) the load-test accounts.")
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--password", default="load test passphrase 2026")
    options = parser.parse_args(argv)
    setup()
    prepare(options.count, options.password)


if __name__ == "__main__":
    main()
