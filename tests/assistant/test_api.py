"""POST /api/v1/extract/: an article read into proposals, nothing saved."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import caches
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from actors.models import Actor, Person
from assistant.extraction import MAX_CHARS
from conventions.models import Convention, Source
from core.throttling import UserRateThrottle
from tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/api/v1/extract/"
ARTICLE = (
    "Une convention de partenariat a été signée hier, jeudi, à Agadir, entre l'Office National des Pêches (ONP) "
    "et la Fédération des Industries de la Mer (FIM). Elle vise la création de 2 500 emplois d'ici 2028."
)


def client_for(*permissions):
    user = User.objects.create_user(f"outil-{User.objects.count()}")
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


@pytest.fixture
def writer():
    return client_for("add_convention")


def counts():
    return [model.objects.count() for model in (Convention, Actor, Person, Source)]


def test_anonymous_clients_are_asked_to_authenticate():
    response = APIClient().post(URL, {"text": ARTICLE}, format="json")
    assert response.status_code == 401


def test_a_token_without_the_add_permission_is_refused():
    response = client_for("view_convention").post(URL, {"text": ARTICLE}, format="json")
    assert response.status_code == 403


def test_an_article_gives_its_proposals_and_saves_nothing(writer):
    f.ActorFactory(name="Office national des pêches", acronym="ONP", slug="onp")
    before = counts()
    response = writer.post(
        URL, {"text": ARTICLE, "published": "2024-05-10", "url": "https://example.org/onp"}, format="json"
    )
    assert response.status_code == 200
    (convention,) = response.json()["conventions"]
    assert convention["date_signed"]["value"] == "2024-05-09"
    onp, fim = convention["signatories"]
    assert (onp["actor"], onp["match"]["how"]) == ("onp", "exact")
    assert (fim["actor"], fim["match"]["how"], fim["acronym"]) == (None, "new", "FIM")
    start, end = fim["span"]
    assert ARTICLE[start:end] == "Fédération des Industries de la Mer (FIM)"
    assert convention["objectives"][0]["target_value"] == 2500
    assert counts() == before


def test_an_article_without_a_convention_gives_an_empty_list(writer):
    response = writer.post(URL, {"text": "Il fera beau demain sur tout le Royaume."}, format="json")
    assert response.status_code == 200 and response.json() == {"conventions": []}


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"text": ""}, "text", "vide"),
        ({"text": "   "}, "text", "vide"),
        ({"text": "a" * (MAX_CHARS + 1)}, "text", "au plus"),
        ({"text": ARTICLE, "published": "10/05/2024"}, "published", "AAAA"),
        ({"text": ARTICLE, "published": "2024-02-30"}, "published", "existe"),
        ({"text": ARTICLE, "language": "de"}, "language", ""),
        ({"published": "2024"}, "text", ""),
        (["text", ARTICLE], "non_field_errors", ""),
    ],
)
def test_bad_input_is_a_400_with_a_message(writer, body, field, words):
    response = writer.post(URL, body, format="json")
    assert response.status_code == 400
    messages = " ".join(response.json()[field])
    assert words.lower() in messages.lower()


def test_a_body_that_is_not_json_is_a_400(writer):
    response = writer.post(URL, data="{text: pas du JSON", content_type="application/json")
    assert response.status_code == 400 and "detail" in response.json()


def test_the_endpoint_is_counted_by_the_rate_limits(writer, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/minute"})
    caches["throttle"].clear()
    statuses = [writer.post(URL, {"text": "Rien."}, format="json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    caches["throttle"].clear()


def test_the_schema_documents_the_endpoint():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/v1/extract/"]["post"]
    assert {"200", "400", "401", "403", "429"} <= set(operation["responses"])
    request = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][request]["properties"]) == {
        "text",
        "published",
        "language",
        "url",
        "outlet",
    }
    assert "signatories" in schema["components"]["schemas"]["Proposal"]["properties"]
