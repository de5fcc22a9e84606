"""Links the anatomical words in a text to their glossary entries."""

import re

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from anatomy.models import GlossaryTerm


def term_index():
    """{word form: glossary slug} for every term and its other forms (one query)."""
    index = {}
    for term in GlossaryTerm.objects.only("slug", "term", "forms"):
        for form in [term.term, *term.forms]:
            index[form.lower()] = term.slug
    return index


def link_terms(text, index):
    """Escape the text and link the first use of each glossary word in it."""
    escaped = escape(text)
    if not index:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    forms = sorted(index, key=len, reverse=True)  # longest first: "adductors" before "adductor"
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, forms)) + r")\b", re.IGNORECASE)
    base = reverse("anatomy:glossary")
    linked = set()

    def replace(match):
        slug = index[match.group(0).lower()]
        if slug in linked:
            return match.group(0)
        linked.add(slug)
        return f'<a class="term" href="{base}#{slug}">{match.group(0)}</a>'

    return mark_safe(pattern.sub(replace, escaped))  # noqa: S308 - built from escaped text
