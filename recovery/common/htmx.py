"""How a view answers a page that htmx may ask for a part of."""

from django.shortcuts import render


def render_page_or_part(request, template, part, context, *, invalid=False):
    """The whole page for a normal request, the named part (`{% partialdef %}`) for htmx.

    A form with errors comes back as a page with 400 (Bad Request), and as a part with 200:
    htmx only swaps successful responses, and the part carries the errors to show in place.
    Views using this answer differently by the HX-Request header, so they must also send
    `Vary: HX-Request` (`vary_on_headers`).
    """
    if request.htmx:
        return render(request, f"{template}#{part}", context)
    return render(request, template, context, status=400 if invalid else 200)
