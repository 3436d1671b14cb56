"""Every admin page a clerk can reach answers for a superuser."""

import pytest
from django.contrib import admin
from django.urls import reverse

from plans.models import Region

from .builders import BUILDERS

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_registered_model_has_a_builder():
    assert set(MODELS) <= set(BUILDERS), "add a builder to tests/admin/builders.py"


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_changelist_answers(admin_client, model):
    BUILDERS[model]()

    assert admin_client.get(url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_add_page_answers(admin_client, model):
    response = admin_client.get(url(model, "add"))

    expected = 200 if admin.site._registry[model].has_add_permission(response.wsgi_request) else 403
    assert response.status_code == expected


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_change_page_answers(admin_client, model):
    obj = BUILDERS[model]()

    assert admin_client.get(url(model, "change", obj.pk)).status_code == 200


def test_regions_are_reference_data_staff_may_rename_but_not_add_or_delete(admin_client):
    region = Region.objects.get(code="MA-02")

    assert admin_client.get(url(Region, "add")).status_code == 403
    assert admin_client.get(url(Region, "delete", region.pk)).status_code == 403
    response = admin_client.post(
        url(Region, "change", region.pk),
        {"name_fr": "Région de l'Oriental", "name_ar": "جهة الشرق", "name_en": "Oriental"},
    )
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.name_fr == "Région de l'Oriental"
    assert region.code == "MA-02"


def test_the_admin_index_answers(admin_client):
    assert admin_client.get(reverse("admin:index")).status_code == 200
