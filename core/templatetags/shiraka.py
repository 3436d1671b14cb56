"""Template helpers shared by every public page."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

from core.dates import format_partial

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page (with its filters) in each language, for the switcher
    and the hreflang alternates."""
    request = context["request"]
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(path, code),
                "absolute_url": request.build_absolute_uri(translate_url(path, code)),
                "bidi": info["bidi"],
            }
        )
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context["request"]
    return request.build_absolute_uri(request.path)


@register.filter
def partial_date(value, precision):
    return format_partial(value, precision)
