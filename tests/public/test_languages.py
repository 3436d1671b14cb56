"""Content in the reader's language where it exists, French visibly marked where not."""

import pytest

from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def convention():
    convention = f.ConventionFactory(
        slug="cam-amica",
        title_fr="Convention de partenariat CAM – AMICA",
        title_ar="اتفاقية شراكة بين القرض الفلاحي والجمعية",
    )
    f.PartyFactory(convention=convention, actor=f.ActorFactory(name_fr="Crédit Agricole du Maroc", slug="cam"))
    Convention.objects.refresh_search_text()
    return convention


def test_a_translated_title_is_shown_in_its_language(client, convention):
    text = client.get("/ar/conventions/cam-amica/").text
    assert "اتفاقية شراكة بين القرض الفلاحي والجمعية" in text


def test_a_missing_translation_falls_back_to_french_visibly_marked(client, convention):
    text = client.get("/en/conventions/cam-amica/").text
    assert '<bdi lang="fr" class="fallback">Convention de partenariat CAM – AMICA</bdi>' in text
    assert "fallback-note" in text


def test_french_pages_carry_no_fallback_mark(client, convention):
    assert "fallback-note" not in client.get("/fr/conventions/cam-amica/").text


def test_an_actor_name_without_arabic_is_marked_on_the_arabic_page(client, convention):
    text = client.get("/ar/actors/cam/").text
    assert '<bdi lang="fr" class="fallback">Crédit Agricole du Maroc</bdi>' in text


def test_an_arabic_query_finds_the_arabic_title(client, convention):
    found = client.get("/ar/conventions/", {"q": "الفلاحي"}).context["object_list"]
    assert [c.slug for c in found] == ["cam-amica"]


def test_the_api_answers_in_the_requested_language(client, convention):
    data = client.get("/api/v1/conventions/cam-amica/", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert data["title"] == "اتفاقية شراكة بين القرض الفلاحي والجمعية"
    assert data["translations"]["title"] == {
        "fr": "Convention de partenariat CAM – AMICA",
        "ar": "اتفاقية شراكة بين القرض الفلاحي والجمعية",
        "en": None,
    }


def test_api_errors_come_in_the_requested_language(client):
    response = client.get("/api/v1/conventions/", {"year": "abc"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Enter a number." in str(response.json()["year"])


def test_inline_lists_use_the_arabic_comma_on_arabic_pages(client, convention):
    for name in ("Automobile", "Textile"):
        convention.sectors.add(f.SectorFactory(name_fr=name))
    arabic = client.get("/ar/conventions/cam-amica/").text
    assert "</a>، <a" in arabic
    assert "</a>, <a" not in arabic
    assert "</a>, <a" in client.get("/fr/conventions/cam-amica/").text


def test_a_relation_between_conventions_reads_as_one_translated_sentence(client, convention):
    amendment = f.ConventionFactory(slug="avenant", title_fr="Avenant n° 1", title_en="Amendment No. 1")
    f.ConventionRelationFactory(from_convention=amendment, to_convention=convention, kind="amends")
    text = client.get("/en/conventions/avenant/").text
    assert "This agreement amends (amendment): <a href=" in text
