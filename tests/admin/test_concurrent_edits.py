"""Two staff editing the same convention: the second save is refused, not silent."""

import pytest
from django.urls import reverse

from conventions.models import Convention
from tests.admin.forms import convention_form_data, inline_management_data
from tests.factories import ConventionFactory

pytestmark = pytest.mark.django_db


def open_form(client, convention):
    response = client.get(reverse("admin:conventions_convention_change", args=[convention.pk]))
    loaded = response.context["adminform"].form["loaded_updated_at"].value()
    return response, loaded


def save(client, convention, response, loaded, **changes):
    data = {
        **convention_form_data(slug=convention.slug, title_fr=convention.title_fr, **changes),
        **inline_management_data(response),
        "loaded_updated_at": loaded,
    }
    return client.post(reverse("admin:conventions_convention_change", args=[convention.pk]), data)


def test_the_second_of_two_concurrent_saves_is_refused_and_changes_nothing(admin_client):
    convention = ConventionFactory(draft=True, place="Rabat")
    first_page, first_loaded = open_form(admin_client, convention)
    second_page, second_loaded = open_form(admin_client, convention)

    assert save(admin_client, convention, first_page, first_loaded, place="Tanger").status_code == 302
    refused = save(admin_client, convention, second_page, second_loaded, place="Casablanca")

    assert refused.status_code == 200
    assert "depuis que vous l&#x27;avez ouvert" in refused.text
    assert "modifié par admin le" in refused.text
    assert Convention.objects.get(pk=convention.pk).place == "Tanger"


def test_a_save_from_a_fresh_page_goes_through(admin_client):
    convention = ConventionFactory(draft=True, place="Rabat")
    page, loaded = open_form(admin_client, convention)
    assert save(admin_client, convention, page, loaded, place="Tanger").status_code == 302
    assert Convention.objects.get(pk=convention.pk).place == "Tanger"
