"""Every text box of the register's admin takes the direction of what it
holds (core.admin.RightToLeftMixin): on an Arabic page a French title in a
right-to-left box shows its end and hides its beginning."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory

from core.admin import RightToLeftMixin

REGISTER_APPS = set(settings.REGISTER_APPS)


def register_admins():
    return [
        model_admin for model, model_admin in admin.site._registry.items() if model._meta.app_label in REGISTER_APPS
    ]


def with_nested(inline_classes):
    for inline in inline_classes:
        yield inline
        yield from with_nested(getattr(inline, "inlines", []))


@pytest.mark.parametrize("model_admin", register_admins(), ids=lambda a: type(a).__name__)
def test_every_register_admin_and_inline_sets_the_direction_of_its_text_boxes(model_admin):
    for owner in [type(model_admin), *with_nested(model_admin.inlines)]:
        assert issubclass(owner, RightToLeftMixin), owner.__name__


@pytest.mark.django_db
def test_a_source_title_box_reads_in_its_own_direction(admin_user):
    from conventions.models import Source

    request = RequestFactory().get("/ar/admin/conventions/source/add/")
    request.user = admin_user
    form = admin.site._registry[Source].get_form(request)()
    assert form.fields["title"].widget.attrs["dir"] == "auto"
    assert form.fields["url"].widget.attrs["dir"] == "ltr"
