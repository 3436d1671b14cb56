"""Template filters for people: a name linking to the person's page."""

from django import template
from django.utils.html import format_html

from core.templatetags.shiraka import as_written

register = template.Library()


@register.filter
def person_link(person):
    """`person`'s name, linking to their page, isolated on a page in another
    language as core's `as_written` does. Only for people a public page may
    name (the representative of a published convention's party, the holder
    of a mandate in a public actor): they are Person.objects.public()."""
    if person is None:
        return ""
    return format_html('<a href="{}">{}</a>', person.get_absolute_url(), as_written(person.name))
