"""The app with the benchmark's baseline pages (tests/perf/urls.py), for the HTTP pass."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402 - after set-up

settings.ROOT_URLCONF = "tests.perf.urls"  # the app's URLs plus the bare and layout pages
