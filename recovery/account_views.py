"""The user's data as a whole: export it, import it, or delete the account."""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from recovery import export

IMPORT_MAX_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label="The data.json file from an export",
        error_messages={"required": "Choose the data.json file from an export."},
    )


class DeleteAccountForm(forms.Form):
    username = forms.CharField(label="Type your username to confirm")

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_username(self):
        typed = self.cleaned_data["username"]
        if typed != self.user.get_username():
            raise forms.ValidationError(
                "That is not your username. Type it exactly as you log in with it."
            )
        return typed


@login_required
@require_GET
def data_page(request):
    return render(request, "recovery/data.html", {"import_form": ImportForm()})


@login_required
@require_GET
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
        upload = form.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            form.add_error("file", "The file is larger than 20 MB; this is not an export file.")
        else:
            try:
                export.restore(request.user, upload.read())
            except export.ImportRefused as refused:
                form.add_error("file", str(refused))
            else:
                messages.success(request, "Your data was imported.")
                return redirect("home")
    return render(request, "recovery/data.html", {"import_form": form}, status=400)


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
    return render(request, "recovery/delete_account.html", {"form": form})
