"""An integrator with only a token and the README enters a real convention and
its later progress through the API, from a register holding only reference
data (sectors, regions), without a shell.

The convention is not one of the seed articles: in 2022 the Kingdom of
Morocco and Stellantis agreed to double the Kénitra plant's capacity from
200 000 to 400 000 vehicles, with a €300 million investment, signed for
Morocco by the minister of industry and trade, Ryad Mezzour, and for
Stellantis by its chief executive, Carlos Tavares. The press release gives
the year; the date is recorded to that precision, with a note."""

import pytest
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db


def token_client(group: str) -> APIClient:
    user = User.objects.create_user(f"{group.lower()}-integrator")
    user.groups.add(Group.objects.get(name=group))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


def created(response) -> dict:
    assert response.status_code == 201, response.content
    assert response["Location"]
    return response.json()


@pytest.fixture
def reference_data():
    """What a fresh register holds besides the migrations' regions."""
    f.SectorFactory(slug="industrie-automobile", name="Industrie automobile")
    assert not Convention.objects.exists()


def test_an_integrator_enters_a_convention_and_its_progress_through_the_api_alone(reference_data):
    editor, publisher, anonymous = token_client("Editor"), token_client("Publisher"), APIClient()

    ministry = created(
        editor.post(
            "/api/v1/actors/",
            {
                "name": "Ministère de l'Industrie et du Commerce",
                "kind": "ministry",
                "names": [{"name": "Ministère de l'Industrie, du Commerce et de l'Économie Verte et Numérique"}],
            },
            format="json",
        )
    )
    stellantis = created(
        editor.post("/api/v1/actors/", {"name": "Stellantis", "kind": "company", "country": "NL"}, format="json")
    )
    # A writer finds what it just created, before any convention makes it public.
    assert editor.get(f"/api/v1/actors/{stellantis['slug']}/").status_code == 200
    assert anonymous.get(f"/api/v1/actors/{stellantis['slug']}/").status_code == 404

    mezzour = created(editor.post("/api/v1/persons/", {"name": "Ryad Mezzour"}, format="json"))
    tavares = created(editor.post("/api/v1/persons/", {"name": "Carlos Tavares"}, format="json"))
    created(
        editor.post(
            "/api/v1/mandates/",
            {"person": mezzour["slug"], "actor": ministry["slug"], "title": "Ministre"},
            format="json",
        )
    )
    created(
        editor.post(
            "/api/v1/mandates/",
            {"person": tavares["slug"], "actor": stellantis["slug"], "title": "Directeur général"},
            format="json",
        )
    )
    release = created(
        editor.post(
            "/api/v1/sources/",
            {
                "kind": "press_release",
                "title": "Stellantis et le Maroc s'accordent pour doubler la capacité de l'usine de Kénitra",
                "outlet": "Stellantis",
                "published_on": "2022-01-01",
                "published_on_precision": "year",
            },
            format="json",
        )
    )

    draft = created(
        editor.post(
            "/api/v1/conventions/",
            {
                "title_fr": "Accord pour le doublement de la capacité de l'usine Stellantis de Kénitra",
                "kind": "investment",
                "status": "signed",
                "signed_on": "2022-01-01",
                "signed_on_precision": "year",
                "signed_on_note": "Le communiqué donne l'année, pas le jour.",
                "amount": "300000000",
                "currency": "EUR",
                "sectors": ["industrie-automobile"],
                "sources": [release["id"]],
                "parties": [
                    {
                        "actor": ministry["slug"],
                        "role": "signatory",
                        "representative": mezzour["slug"],
                        "representative_title": "Ministre de l'Industrie et du Commerce",
                    },
                    {
                        "actor": stellantis["slug"],
                        "role": "signatory",
                        "representative": tavares["slug"],
                        "representative_title": "Directeur général",
                        "commitments": [
                            {
                                "description": "Investir 300 millions d'euros à Kénitra.",
                                "amount": "300000000",
                                "currency": "EUR",
                                "source": release["id"],
                            }
                        ],
                    },
                ],
                "objectives": [
                    {
                        "indicator_fr": "Capacité de production de l'usine de Kénitra",
                        "unit": "véhicules par an",
                        "comparator": "gte",
                        "baseline_value": "200000",
                        "baseline_year": 2022,
                        "target_value": "400000",
                        "source": release["id"],
                    }
                ],
            },
            format="json",
        )
    )
    slug = draft["slug"]
    assert draft["publication_state"] == "draft"
    assert anonymous.get(f"/api/v1/conventions/{slug}/").status_code == 404

    # The draft reads back to the token that wrote it, with its children's ids.
    read = editor.get(f"/api/v1/conventions/{slug}/").json()
    assert [party["actor"]["slug"] for party in read["parties"]] == [ministry["slug"], stellantis["slug"]]
    objective = read["objectives"][0]

    # A later measurement, alone, with its own source.
    figure = created(
        editor.post(
            f"/api/v1/objectives/{objective['id']}/measurements/",
            {
                "value": "200000",
                "measured_on": "2022-01-01",
                "measured_on_precision": "year",
                "source": release["id"],
                "note": "Capacité au moment de l'accord.",
            },
            format="json",
        )
    )
    assert figure["source"] == release["id"]

    # Editors send to review; a publisher publishes.
    assert editor.post(f"/api/v1/conventions/{slug}/publication/", {"publication_state": "review"}).status_code == 200
    assert (
        editor.post(f"/api/v1/conventions/{slug}/publication/", {"publication_state": "published"}).status_code == 403
    )
    published = publisher.post(f"/api/v1/conventions/{slug}/publication/", {"publication_state": "published"})
    assert published.status_code == 200, published.json()

    public = anonymous.get(f"/api/v1/conventions/{slug}/").json()
    assert public["publication_state"] == "published"
    assert public["amount"] == "300000000.00" and public["currency"] == "EUR"
    assert [p["representative_name"] for p in public["parties"]] == ["Ryad Mezzour", "Carlos Tavares"]
    assert public["objectives"][0]["id"] == objective["id"]
    assert public["objectives"][0]["measurements"][0]["source"] == release["id"]
    assert public["sources"][0]["title"].startswith("Stellantis et le Maroc")
    assert anonymous.get(f"/api/v1/actors/{stellantis['slug']}/").status_code == 200
    assert anonymous.get(f"/api/v1/objectives/{objective['id']}/").status_code == 200
    listed = anonymous.get("/api/v1/conventions/", {"q": "Kénitra"}).json()
    assert [row["slug"] for row in listed["results"]] == [slug]
