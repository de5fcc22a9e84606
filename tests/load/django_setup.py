"""Sets Django up for a load-test helper run as `python -m tests.load.<helper>`."""

import os

import django


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery.settings")
    django.setup()
