import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_an_unknown_page_gets_the_friendly_404_in_the_sites_look(client):
    response = client.get("/fr/actors/nexiste-pas/")
    assert response.status_code == 404
    assert "<h1>Page introuvable</h1>" in response.text
    assert 'aria-label="Navigation principale"' in response.text
    assert 'href="/fr/conventions/"' in response.text


def test_the_404_page_speaks_the_language_of_the_address(client):
    response = client.get("/ar/plans/nexiste-pas/")
    assert response.status_code == 404
    assert 'lang="ar" dir="rtl"' in response.text


def test_the_500_page_needs_neither_request_context_nor_database(django_assert_num_queries):
    request = RequestFactory().get("/fr/")
    with translation.override("fr"), django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    text = response.content.decode()
    assert "Le registre a rencontré une erreur" in text
    assert 'href="/fr/"' in text
