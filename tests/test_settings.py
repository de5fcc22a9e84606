"""The settings module, loaded fresh in a subprocess with a given environment."""

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-like-secret-key-with-plenty-of-length-and-variety-9f3k2",
    "DJANGO_ALLOWED_HOSTS": "recovery.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://recovery.example.org",
    "DJANGO_EMAIL_HOST": "smtp.example.org",
}


def clean_environment(**env):
    """This process's environment without any setting the tests themselves may have set."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    return {**clean, **env}


def run_django(code, **env):
    clean = clean_environment(**env, DJANGO_SETTINGS_MODULE="recovery.settings")
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


# Every setting these tests read. A fresh process reads them all at once for each
# environment (Django starts once per environment, not once per setting).
EXPRESSIONS = [
    "settings.DEBUG",
    "settings.ALLOWED_HOSTS",
    "settings.CSRF_TRUSTED_ORIGINS",
    "settings.DATABASES['default']['ENGINE']",
    "settings.MAILERS['default']['BACKEND']",
    "settings.SECURE_SSL_REDIRECT",
    "settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE",
    "settings.SECURE_HSTS_SECONDS >= 31536000",
    "settings.SECURE_PROXY_SSL_HEADER",
    "settings.PASSWORD_HASHERS[0]",
    "settings.STORAGES['staticfiles']['BACKEND']",
]


@functools.cache
def settings_with(env_items):
    prints = "; ".join(f"print({expression})" for expression in EXPRESSIONS)
    result = run_django(
        f"import django; django.setup(); from django.conf import settings; {prints}",
        **dict(env_items),
    )
    assert result.returncode == 0, result.stderr
    return dict(zip(EXPRESSIONS, result.stdout.splitlines(), strict=True))


def read_setting(expression, **env):
    return settings_with(tuple(sorted(env.items())))[expression]


def test_debug_is_off_unless_asked_for():
    assert read_setting("settings.DEBUG", DJANGO_SECRET_KEY="k") == "False"
    assert read_setting("settings.DEBUG", DJANGO_DEBUG="1") == "True"


def test_a_missing_secret_key_with_debug_off_is_a_clear_error():
    result = run_django("import django; django.setup()", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_hosts_and_origins_come_from_the_environment():
    assert read_setting("settings.ALLOWED_HOSTS", **PRODUCTION) == "['recovery.example.org']"
    assert (
        read_setting("settings.CSRF_TRUSTED_ORIGINS", **PRODUCTION)
        == "['https://recovery.example.org']"
    )


def test_sqlite_is_the_default_database_and_database_url_switches_it():
    assert read_setting("settings.DATABASES['default']['ENGINE']", DJANGO_DEBUG="1") == (
        "django.db.backends.sqlite3"
    )
    engine = read_setting(
        "settings.DATABASES['default']['ENGINE']",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://tracker@db.internal:5432/tracker",
    )
    assert engine == "django.db.backends.postgresql"


def test_email_goes_to_the_console_unless_smtp_is_configured():
    backend = "settings.MAILERS['default']['BACKEND']"
    assert read_setting(backend, DJANGO_DEBUG="1").endswith("console.EmailBackend")
    assert read_setting(backend, DJANGO_DEBUG="1", DJANGO_EMAIL_HOST="smtp.example.org").endswith(
        "smtp.EmailBackend"
    )


def test_production_settings_pass_the_deploy_check():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=clean_environment(**PRODUCTION),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


HARDENING = [
    ({}, "settings.SECURE_SSL_REDIRECT", "True"),
    ({"DJANGO_SECURE_SSL_REDIRECT": "0"}, "settings.SECURE_SSL_REDIRECT", "False"),
    ({}, "settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE", "True"),
    ({}, "settings.SECURE_HSTS_SECONDS >= 31536000", "True"),
    ({}, "settings.SECURE_PROXY_SSL_HEADER", "None"),
    (
        {"DJANGO_SECURE_PROXY_SSL_HEADER": "1"},
        "settings.SECURE_PROXY_SSL_HEADER",
        "('HTTP_X_FORWARDED_PROTO', 'https')",
    ),
    ({}, "settings.PASSWORD_HASHERS[0]", "django.contrib.auth.hashers.Argon2PasswordHasher"),
    (
        {},
        "settings.STORAGES['staticfiles']['BACKEND']",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ),
]


@pytest.mark.parametrize(("env", "expression", "expected"), HARDENING)
def test_production_hardening_is_on_and_switchable_behind_a_proxy(env, expression, expected):
    assert read_setting(expression, **PRODUCTION, **env) == expected
