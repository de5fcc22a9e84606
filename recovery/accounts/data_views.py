"""The user's data as a whole: export it, import it, or delete the account."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from recovery.accounts import export, importer, tasks, uploads
from recovery.accounts.forms import IMPORT_MAX_BYTES, DeleteAccountForm, ImportForm
from recovery.models import ImportJob

DATA_PAGE = "recovery/accounts/data.html"


def _import_context(user, form):
    """The import form and the user's latest import, while it runs and for a while after."""
    now = timezone.now()
    jobs = ImportJob.objects.filter(user=user).defer("document", "added")
    job = jobs.order_by("-created_at", "-pk").first()
    if job is None or not job.is_shown(now):
        return {"import_form": form, "job": None}
    return {"import_form": form, "job": job, "stalled": job.is_stalled(now)}


@login_required
@require_safe
def data_page(request):
    return render(request, DATA_PAGE, _import_context(request.user, ImportForm()))


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
            tasks.start_import(request.user, form.cleaned_data["file"].read())
        except importer.ImportRefused as refused:
            form.add_error("file", str(refused))
        else:
            return redirect("data")
    return render(request, DATA_PAGE, _import_context(request.user, form), status=400)


@login_required
@require_safe
@vary_on_headers("HX-Request")
def import_progress(request, pk):
    """How far an import has got: the part of the data page that htmx polls while it runs."""
    jobs = ImportJob.objects.defer("document", "added")
    job = get_object_or_404(jobs, pk=pk, user=request.user)
    if not request.htmx:
        return redirect("data")
    context = {"job": job, "stalled": job.is_stalled(timezone.now())}
    return render(request, f"{DATA_PAGE}#import_progress", context)


@login_required
@require_POST
def import_cancel(request, pk):
    """Stop an import that has not started or has stalled, removing what it added."""
    job = get_object_or_404(ImportJob, pk=pk, user=request.user)
    if job.is_stalled(timezone.now()):
        importer.cancel(job)
    else:
        messages.info(
            request,
            "The import is still moving, so it was not cancelled. An import can be cancelled "
            "once it has made no progress for 5 minutes.",
        )
    return redirect("data")


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
