"""Deleting one of the user's records: a confirmation page first, then the delete."""

from django.contrib import messages
from django.shortcuts import redirect, render


def confirm_delete(request, obj, *, title, what, consequence, back, done, message):
    """GET shows what will go and what follows; POST deletes it and goes to `done`."""
    if request.method == "POST":
        obj.delete()
        messages.success(request, message)
        return redirect(done)
    return render(
        request,
        "recovery/confirm_delete.html",
        {"title": title, "what": what, "consequence": consequence, "cancel_url": back},
    )
