"""The test suite's settings: production's (`recovery.settings`, debug off), with two costs
taken out that the tests do not need to pay hundreds of times.

- Passwords: Argon2 is slow on purpose, and the suite creates a user in almost every test.
  A fast hasher here; `test_production_hashes_passwords_with_argon2` checks production.
- Static files: pages name them without the manifest's hashed names, so only the browser
  tests (which load the files) collect them, once, and switch to the manifest storage that
  production uses (`collected_static` in conftest.py).
"""

from recovery.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
