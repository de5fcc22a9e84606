"""`{% submission_key %}`: the hidden key that makes a form's submission count once
(recovery/common/submissions.py). Registered as a template builtin."""

from django import template
from django.utils.html import format_html

from recovery.common.submissions import FIELD, new_key

register = template.Library()


@register.simple_tag
def submission_key():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())
