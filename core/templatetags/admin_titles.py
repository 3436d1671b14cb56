"""The admin's page titles with their articles (core/admin_titles.py)."""

from django import template

from core import admin_titles

register = template.Library()


@register.simple_tag(takes_context=True)
def page_title(context):
    """The page's `title`, in French with its article and elision:
    « Ajout d'un acteur », « Modification de la convention »."""
    return admin_titles.page_title(
        context.get("title"),
        context.get("opts"),
        add=bool(context.get("add")),
        may_change=bool(context.get("has_change_permission", True)),
    )


@register.simple_tag
def add_link(opts):
    """« Ajouter un acteur », the changelist's button."""
    return admin_titles.add_link(opts)
