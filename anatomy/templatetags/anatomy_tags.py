from django import template

from anatomy.glossary import link_terms

register = template.Library()


@register.filter
def glossary(text, index):
    """{{ text|glossary:terms }}: the text with its anatomical words linked to the glossary."""
    return link_terms(text, index)
