"""The user's data as a whole: export it, import it, or delete the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recovery.accounts import export
from recovery.accounts.forms import DeleteAccountForm, ImportForm


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


@login_required
@require_POST
def import_upload(request):
    form = ImportForm(request.POST, request.FILES)
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
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user.delete()
        messages.success(request, "Your account and everything you logged have been deleted.")
        return redirect("home")
    return render(request, "recovery/accounts/delete_account.html", {"form": form})
