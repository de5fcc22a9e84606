"""The user's data as a whole: export it, import it, or delete the account."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recovery.accounts import export, uploads
from recovery.accounts.forms import IMPORT_MAX_BYTES, DeleteAccountForm, ImportForm


@login_required
@require_safe
def data_page(request):
    return render(request, "recovery/accounts/data.html", {"import_form": ImportForm()})


@login_required
@require_safe
def export_download(request):
    archive = export.zip_archive(export.collect(request.user))
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="leg-recovery-{stamp}.zip"'
    return response


@csrf_exempt  # checked below, once the upload is limited (Django's documented order)
@login_required
@require_POST
def import_upload(request):
    request.upload_handlers.insert(0, uploads.SizeLimit(request, IMPORT_MAX_BYTES))
    return _import_upload(request)


@csrf_protect
def _import_upload(request):
    files = request.FILES  # the body, read through the size limit
    form = ImportForm(request.POST, files, too_large=getattr(request, uploads.TOO_LARGE, False))
    if form.is_valid():
        try:
            export.restore(request.user, form.cleaned_data["file"].read())
        except export.ImportRefused as refused:
            form.add_error("file", str(refused))
        else:
            messages.success(request, "Your data was imported.")
            return redirect("home")
    return render(request, "recovery/accounts/data.html", {"import_form": form}, status=400)


@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        _delete(user)
        messages.success(request, "Your account and everything you logged have been deleted.")
        return redirect("home")
    return render(request, "recovery/accounts/delete_account.html", {"form": form})


def _delete(user):
    """The user, everything they logged (by cascade) and the records of their log-ins."""
    username = user.get_username()
    with transaction.atomic():
        user.delete()
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username=username).delete()
