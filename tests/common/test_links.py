"""`reverse_fast` and the `{% url %}` tag built on it give exactly what `reverse()` and
Django's own tag give, for every route of the app, and fall back where they cannot."""

import pytest
from django.template import Context, Engine, Template, TemplateSyntaxError
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    reverse,
    set_script_prefix,
)
from django.urls.converters import IntConverter

from recovery.common.links import reverse_fast


def named_routes(patterns=None, namespace=""):
    """(name, number of arguments) of every named route whose arguments are all ints."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            converters = getattr(pattern.pattern, "converters", {})
            only_ints = all(isinstance(c, IntConverter) for c in converters.values())
            if only_ints and pattern.pattern.regex.groups == len(converters):
                yield f"{namespace}{pattern.name}", len(converters)


ROUTES = sorted(set(named_routes()))


def test_the_app_has_routes_with_and_without_ids():
    assert ("home", 0) in ROUTES
    assert ("cramp_edit", 1) in ROUTES
    assert ("anatomy:overview", 0) in ROUTES


@pytest.mark.parametrize("prefix", ["/", "/tracker/"])
def test_every_route_reverses_as_reverse_does(prefix):
    set_script_prefix(prefix)
    try:
        for name, count in ROUTES:
            for args in ([0] * count, list(range(7, 7 + count)), [987_654_321 + 5] * count):
                assert reverse_fast(name, args) == reverse(name, args=args), name
    finally:
        set_script_prefix("/")


def test_what_it_cannot_format_goes_through_reverse_and_fails_the_same_way():
    assert reverse_fast("cramp_edit", ["12"]) == reverse("cramp_edit", args=["12"])
    for args in ([-1], [True], [1.5], ["x"], [1, 2], []):
        with pytest.raises(NoReverseMatch):
            reverse("cramp_edit", args=args)
        with pytest.raises(NoReverseMatch):
            reverse_fast("cramp_edit", args)
    with pytest.raises(NoReverseMatch):
        reverse_fast("no_such_route")


def render(source, **context):
    engine = Engine.get_default()
    return Template(source, engine=engine).render(Context(context))


def test_the_url_tag_renders_as_djangos_own():
    django_tag = Engine(libraries={}, builtins=[])  # Django's builtins only
    for source, context in [
        ("{% url 'cramp_edit' pk %}", {"pk": 15}),
        ("{% url 'cramp_edit' pk=pk %}", {"pk": 15}),
        ("{% url 'home' %}|{% url 'anatomy:muscle' 'soleus' %}", {}),
        ("{% url 'cramp_edit' pk as link %}[{{ link }}]", {"pk": 3}),
        ("{% url 'no_such_route' as link %}[{{ link }}]", {}),
        ("{% url name pk %}", {"name": "entry_delete", "pk": 40}),
    ]:
        expected = Template(source, engine=django_tag).render(Context(context))
        assert render(source, **context) == expected
    assert render("{% url 'cramp_edit' 15 %}") == "/cramps/15/edit/"


def test_the_url_tag_still_fails_loudly():
    with pytest.raises(NoReverseMatch):
        render("{% url 'no_such_route' %}")
    with pytest.raises(TemplateSyntaxError):
        render("{% url %}")


def test_a_swapped_url_configuration_is_followed_as_reverse_follows_it():
    from django.test import override_settings

    assert reverse_fast("cramp_edit", [4]) == "/cramps/4/edit/"
    with override_settings(ROOT_URLCONF="tests.common.other_urls"):
        assert reverse_fast("cramp_edit", [4]) == reverse("cramp_edit", args=[4])
        assert reverse_fast("cramp_edit", [4]) == "/elsewhere/cramps/4/change/"
    assert reverse_fast("cramp_edit", [4]) == "/cramps/4/edit/"
