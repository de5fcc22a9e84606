"""The `{% url %}` tag, made cheap for the links of long lists (`recovery.common.links`).

Registered as a template builtin after Django's own, so every template's `{% url %}` is this
one: the same syntax and output (`{% url 'name' arg ... %}`, `as var`, keyword arguments), with
whole-number arguments formatted into a URL reversed once per name."""

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from recovery.common.links import reverse_fast

register = template.Library()


class URLNode(defaulttags.URLNode):
    def render(self, context):
        if self.kwargs:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        view_name = self.view_name.resolve(context)
        try:  # as Django's own tag
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse_fast(view_name, args=args, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return URLNode(node.view_name, node.args, node.kwargs, node.asvar)
