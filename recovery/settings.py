"""Settings for the leg recovery tracker: one module, driven by the environment.

Every value that differs between a laptop and a deployment comes from an environment
variable; the README lists them all.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off: "
            "set it to a long random string (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )
    SECRET_KEY = "django-insecure-local-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "recovery.accounts.views.csrf_failure"

INSTALLED_APPS = [
    "recovery",
    "anatomy",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "axes",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "recovery.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "recovery.middleware.PermissionsPolicyMiddleware",
    "recovery.middleware.PrivatePagesMiddleware",
    "recovery.accounts.client.RememberBrowserMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "recovery.accounts.backends.ModelBackendWithProfile",
]

# Log-in throttling (django-axes): after 5 failed tries for a username from one address,
# that pair is locked out for 15 minutes. Attempts are kept in the database, which every
# gunicorn worker shares.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# A failed try during a lockout does not extend it; the address is the client's behind the
# trusted proxies; a browser that signed in to the account before is never locked out of it
# (recovery/accounts/client.py).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "recovery.accounts.client.client_address"
AXES_WHITELIST_CALLABLE = "recovery.accounts.client.axes_known_browser"
# How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the
# connection's address is the client's).
TRUSTED_PROXIES = env_int("DJANGO_TRUSTED_PROXIES", 0)
AXES_SENSITIVE_PARAMETERS = ["password"]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

ROOT_URLCONF = "recovery.urls"
FORM_RENDERER = "recovery.forms.FormRenderer"
WSGI_APPLICATION = "recovery.wsgi.application"
ASGI_APPLICATION = "recovery.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "recovery.insights.banner.advice_banner",
                "recovery.navigation.navigation",
            ],
            "builtins": [
                "recovery.templatetags.dates",
                "recovery.templatetags.links",
                "recovery.templatetags.submissions",
            ],
        },
    },
]

# SQLite is the embedded default; a deployment points DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker write to one file. A transaction takes the write
    # lock when it begins (IMMEDIATE), so a writer waits its turn (up to `timeout` seconds)
    # instead of failing with "database is locked" when it upgrades from reading; in WAL mode
    # readers never wait for a writer.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (an import) is a row in the database, run by `manage.py db_worker`:
# `make run` starts one beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def cache_from_url(url):
    """CACHE_URL: "locmem://" (the default: each process its own), "redis://host:6379/0" or
    "rediss://..." (one cache every worker on every machine shares), "file:///var/cache/app"
    or "dummy://" (no caching)."""
    scheme, _, rest = url.partition("://")
    backends = {
        "locmem": ("django.core.cache.backends.locmem.LocMemCache", rest or "leg-recovery"),
        "redis": ("django.core.cache.backends.redis.RedisCache", url),
        "rediss": ("django.core.cache.backends.redis.RedisCache", url),
        "file": ("django.core.cache.backends.filebased.FileBasedCache", rest),
        "dummy": ("django.core.cache.backends.dummy.DummyCache", ""),
    }
    if scheme not in backends:
        raise ImproperlyConfigured(
            f"CACHE_URL must start with one of {', '.join(sorted(backends))}://, not {url!r}."
        )
    backend, location = backends[scheme]
    return {"BACKEND": backend, "LOCATION": location, "KEY_PREFIX": "leg-recovery"}


# The public reference pages are kept rendered in this cache (anatomy/page_cache.py).
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "locmem://"))}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Stored times are UTC; pages show them in the user's own zone (see recovery.middleware).
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Email goes to the console unless an SMTP server is configured.
if os.environ.get("DJANGO_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["DJANGO_EMAIL_HOST"],
                "port": env_int("DJANGO_EMAIL_PORT", 587),
                "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
                "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", default=True),
                # A mail server that does not answer holds up one reminder, not the worker.
                "timeout": env_int("DJANGO_EMAIL_TIMEOUT", 10),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Leg recovery tracker <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Reminders. Links in reminder emails start with SITE_URL, the address people open the app at.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Web push: the VAPID key pair `manage.py vapid_keys` makes (without it, push is off), and the
# contact the push services may write to.
WEBPUSH_PUBLIC_KEY = os.environ.get("WEBPUSH_VAPID_PUBLIC_KEY", "")
WEBPUSH_PRIVATE_KEY = os.environ.get("WEBPUSH_VAPID_PRIVATE_KEY", "")
WEBPUSH_CONTACT = os.environ.get("WEBPUSH_CONTACT", "mailto:noreply@localhost")
# Push services answer on https; plain http goes only to these hosts (a test's own service).
WEBPUSH_HTTP_HOSTS = env_list("WEBPUSH_HTTP_HOSTS")
# How to report a security problem, as /.well-known/security.txt gives it (a mailto: or https:
# address); by default the address the app sends its mail from.
SECURITY_CONTACT = os.environ.get(
    "DJANGO_SECURITY_CONTACT", "mailto:" + DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
)

# Content Security Policy: only our own files, plus inline code that carries the
# per-request nonce (htmx's indicator style). Nothing inline otherwise, no eval.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "worker-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Database sessions, read with SQL compiled once (recovery/accounts/sessions.py).
SESSION_ENGINE = "recovery.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
# Only what the app uses: nothing. Notifications are a permission prompt, not a feature here.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), "
    "payment=(), publickey-credentials-get=(), screen-wake-lock=(), usb=(), xr-spatial-tracking=()"
)
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", 60 * 60 * 24 * 14)

# Production hardening: on whenever debug is off. A deployment behind a TLS-terminating
# proxy that already redirects to HTTPS can turn the redirect off, and opt in to trusting
# the proxy's X-Forwarded-Proto header.
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
# The load balancer's health check may speak plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Error reports never show what users posted (their logs are health data).
DEFAULT_EXCEPTION_REPORTER_FILTER = "recovery.common.privacy.HideAllPostData"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Share-link tokens never reach the log (recovery/common/log_redaction.py).
    "filters": {"shared_tokens": {"()": "recovery.common.log_redaction.RedactSharedTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["shared_tokens"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
