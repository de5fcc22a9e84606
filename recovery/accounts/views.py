"""Accounts: signing up, the profile, and the small files a deployment needs (healthz, robots.txt,
security.txt)."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, transaction
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from anatomy.models import ReferenceVersion
from recovery.accounts import limits
from recovery.accounts.client import client_address, is_known_browser
from recovery.accounts.forms import ProfileForm, SignupForm
from recovery.accounts.limits import SPRAY_WINDOW, spraying
from recovery.common.validators import time_zone_names
from recovery.models import AddressRequest, Profile, get_profile


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not limits.take(AddressRequest.Kind.SIGNUP, client_address(request)):
            form.add_error(
                None,
                "Too many new accounts were made from here in the last hour. Please wait an "
                "hour and try again; what you typed is kept.",
            )
            context = {"form": form, "time_zone_names": time_zone_names()}
            return render(request, "registration/signup.html", context, status=429)
        user = form.save()
        login(request, user, backend="recovery.accounts.backends.ModelBackendWithProfile")
        messages.success(request, "Welcome! Your account is ready.")
        return redirect("home")
    return render(
        request,
        "registration/signup.html",
        {"form": form, "time_zone_names": time_zone_names()},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    # A copy: a rejected form must not leave bad values on the profile the page still uses.
    profile = Profile.objects.get(pk=get_profile(request.user).pk)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("profile")
    return render(
        request,
        "recovery/accounts/profile.html",
        {"form": form, "time_zone_names": time_zone_names()},
    )


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers and takes a write, 503 otherwise (a
    full disk or a read-only database answers reads but loses every log). The write changes
    nothing and is rolled back."""
    try:
        with transaction.atomic():
            if not ReferenceVersion.objects.filter(pk=1).update(number=F("number")):
                ReferenceVersion.objects.create(pk=1)  # a row to write, whatever is stored
            transaction.set_rollback(True)
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


class LoginView(auth_views.LoginView):
    """Django's log-in, with a limit on wrong passwords from one address across usernames
    (password spraying); a browser that signed in to the account before is not held back."""

    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if spraying(client_address(request)) and not is_known_browser(request, username):
            minutes = SPRAY_WINDOW.seconds // 60
            context = {"minutes": minutes}
            return render(request, "registration/too_many_tries.html", context, status=429)
        return super().post(request, *args, **kwargs)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the app's own page, in its layout and within its CSP (Django's
    default page mentions settings a user cannot act on)."""
    return render(request, "403_csrf.html", status=403)


@require_safe
def favicon(request):
    return redirect(static("favicon.svg"), permanent=True)


# --- files for robots: robots.txt keeps private pages and shared reports out of search
# engines; /.well-known/security.txt (RFC 9116) says how to report a security problem.

PUBLIC = {"", "anatomy", "static", "healthz", "favicon.ico", "robots.txt", ".well-known"}


def private_prefixes(resolver=None, prefix=""):
    """The first path segment of every route that is not public (the reference is)."""
    found = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver) and not route:
            found |= private_prefixes(pattern, route)
            continue
        first = route.lstrip("^").split("/")[0]
        if first not in PUBLIC:
            found.add(first)
    return found


@require_safe
def robots_txt(request):
    lines = [
        "# Health data is private: signed-in pages and shared reports stay out of search engines.",
        "User-agent: *",
        *(f"Disallow: /{prefix}/" for prefix in sorted(private_prefixes())),
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def security_txt(request):
    expires = timezone.now().replace(microsecond=0) + dt.timedelta(days=180)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(dt.UTC).isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: en",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
