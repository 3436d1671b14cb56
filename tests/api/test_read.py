"""Anonymous reads see exactly what the public site sees: published data only."""

import json

import pytest
from rest_framework.test import APIClient

from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def register():
    amica = f.ActorFactory(slug="amica", acronym="AMICA")
    published = f.ConventionFactory(slug="publiee", title="Convention publiée")
    f.PartyFactory(convention=published, actor=amica)
    objective = f.ObjectiveFactory(convention=published, indicator="Exportations", unit="MAD")
    f.MeasurementFactory(objective=objective)
    f.FollowUpActionFactory(convention=published, title="Action publique", responsible=amica)

    secret_actor = f.ActorFactory(slug="secret", acronym="SECRET")
    secret_person = f.PersonFactory(slug="personne-secrete")
    draft = f.ConventionFactory(slug="brouillon", title="Brouillon", draft=True)
    f.PartyFactory(convention=draft, actor=secret_actor, representative=secret_person)
    f.ObjectiveFactory(convention=draft, indicator="Objectif brouillon")
    f.FollowUpActionFactory(convention=draft, title="Action brouillon", responsible=secret_actor)
    in_review = f.ConventionFactory(
        slug="en-relecture", publication_state=Convention.PublicationState.REVIEW, published_at=None
    )
    f.PartyFactory(convention=in_review, actor=amica)
    Convention.objects.refresh_search_text()
    return published, draft


def everything(api, url):
    response = api.get(url)
    assert response.status_code == 200, response.content
    return json.dumps(response.json(), ensure_ascii=False)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/conventions/",
        "/api/v1/conventions/?actor=secret",
        "/api/v1/conventions/?q=brouillon",
        "/api/v1/actors/",
        "/api/v1/persons/",
        "/api/v1/objectives/",
        "/api/v1/actions/",
        "/api/v1/conventions/export.json",
        "/api/v1/conventions/export.csv",
    ],
)
def test_no_read_path_shows_a_draft(api, register, url):
    response = api.get(url)
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    for secret in ("Brouillon", "brouillon", "SECRET", "personne-secrete", "en-relecture", "Objectif brouillon"):
        assert secret not in text


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/conventions/brouillon/",
        "/api/v1/conventions/en-relecture/",
        "/api/v1/actors/secret/",
        "/api/v1/persons/personne-secrete/",
    ],
)
def test_a_draft_detail_is_not_found_rather_than_forbidden(api, register, url):
    assert api.get(url).status_code == 404


def test_the_list_counts_only_published_conventions(api, register):
    assert api.get("/api/v1/conventions/").json()["count"] == 1


def test_a_convention_embeds_parties_objectives_with_progress_and_actions(api, register):
    data = api.get("/api/v1/conventions/publiee/").json()
    assert data["parties"][0]["actor"]["slug"] == "amica"
    assert data["objectives"][0]["latest_measurement"]["value"] is not None
    assert data["objectives"][0]["progress"] is not None
    assert data["actions"][0]["title"] == "Action publique"
    assert data["page_url"] == "http://testserver/fr/conventions/publiee/"


def test_the_api_filters_like_the_pages(api, register):
    assert [c["slug"] for c in api.get("/api/v1/conventions/", {"actor": "amica"}).json()["results"]] == ["publiee"]


def test_an_unknown_filter_value_is_a_400_with_the_field(api, register):
    response = api.get("/api/v1/conventions/", {"sector": "nope", "year": "abc"})
    assert response.status_code == 400
    assert set(response.json()) >= {"sector", "year"}


def test_updated_since_returns_only_recent_changes(api, register):
    assert api.get("/api/v1/conventions/", {"updated_since": "2100-01-01T00:00:00Z"}).json()["count"] == 0
    assert api.get("/api/v1/conventions/", {"updated_since": "2000-01-01T00:00:00Z"}).json()["count"] == 1


def test_page_size_is_capped(api, register):
    assert api.get("/api/v1/conventions/", {"page_size": 100000}).status_code == 200


@pytest.mark.parametrize("count", [3, 60])
def test_the_convention_list_runs_a_constant_number_of_queries(api, django_assert_num_queries, count):
    for _ in range(count):
        f.PartyFactory(convention=f.ConventionFactory())
    # the register's version, count, page, parties with their actors, sectors, plans
    with django_assert_num_queries(6):
        assert api.get("/api/v1/conventions/").status_code == 200
    with django_assert_num_queries(5):
        assert api.get("/api/v1/conventions/", {"page": 1}).status_code == 200


def test_anonymous_writes_are_refused(api, register):
    assert api.post("/api/v1/conventions/", {"title": "x"}, format="json").status_code in {401, 403, 405}


def test_the_schema_and_docs_are_served_without_a_cdn(api):
    assert api.get("/api/schema/").status_code == 200
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()


def test_the_schema_generates_without_warnings():
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_an_unknown_api_address_is_a_json_404(api):
    response = api.delete("/api/v1/conventions/a.b/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_title_without_any_letter_still_gets_an_address():
    first = f.ConventionFactory(slug="", title="|||")
    second = f.ConventionFactory(slug="", title="|||")
    assert (first.slug, second.slug) == ("convention", "convention-2")


def _grow(count):
    plan = f.PlanFactory()
    for _ in range(count):
        convention = f.ConventionFactory()
        party = f.PartyFactory(convention=convention)
        f.MandateFactory(actor=party.actor)
        f.MeasurementFactory(objective=f.ObjectiveFactory(convention=convention))
        f.FollowUpActionFactory(convention=convention, responsible=party.actor)
        f.PlanComponentFactory(plan=plan)


@pytest.mark.parametrize("count", [3, 60])
@pytest.mark.parametrize(
    ("url", "budget"),
    [
        # the register's version, count, page, other names
        ("/api/v1/actors/", 4),
        # version, count, page, mandates (with person and actor)
        ("/api/v1/persons/", 4),
        # version, count, page, sectors, components
        ("/api/v1/plans/", 5),
        # version, count, page, measurements
        ("/api/v1/objectives/", 4),
        # version, count, page
        ("/api/v1/actions/", 3),
    ],
)
def test_every_list_runs_a_constant_number_of_queries(api, django_assert_num_queries, count, url, budget):
    _grow(count)
    with django_assert_num_queries(budget):
        assert api.get(url).status_code == 200
    # The count is kept for this selection until the next write.
    with django_assert_num_queries(budget - 1):
        assert api.get(url, {"page": 1}).status_code == 200


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_a_list_item_says_what_the_detail_says(api, language):
    """The list reads only the columns it shows: every field it shares with
    the detail has the detail's value, in each language."""
    convention = f.ConventionFactory(
        slug="complete", title="Convention complète", title_ar="اتفاقية كاملة", place="Tanger", summary="Résumé"
    )
    for position, name in enumerate(["Ministère", "Banque"]):
        f.PartyFactory(
            convention=convention, actor=f.ActorFactory(name=name, name_en=f"{name} (en)"), position=position
        )
    convention.sectors.add(f.SectorFactory())
    convention.plans.add(f.PlanFactory())
    [item] = api.get("/api/v1/conventions/", HTTP_ACCEPT_LANGUAGE=language).json()["results"]
    detail = api.get("/api/v1/conventions/complete/", HTTP_ACCEPT_LANGUAGE=language).json()
    for field, value in item.items():
        if field == "parties":
            assert value == [
                {
                    "actor": p["actor"]["slug"],
                    "name": p["actor"]["name"],
                    "acronym": p["actor"]["acronym"],
                    "role": p["role"],
                }
                for p in detail["parties"]
            ]
        elif field in ("sectors", "plans"):
            assert value == [link["slug"] for link in detail[field]]
        else:
            assert value == detail[field], field


@pytest.mark.parametrize("suffix", ["export.csv.json", "export.csv.api", "export.json.json", "export.json.api"])
def test_an_export_address_with_a_format_suffix_does_not_fail(api, suffix):
    assert api.get(f"/api/v1/conventions/{suffix}").status_code < 500


def test_a_draft_only_actor_slug_answers_as_an_unknown_one(api, register):
    unknown = api.get("/api/v1/conventions/?actor=nobody-at-all")
    draft_only = api.get("/api/v1/conventions/?actor=secret")
    assert (draft_only.status_code, unknown.status_code) == (400, 400)
    assert draft_only.json()["actor"] == [
        message.replace("nobody-at-all", "secret") for message in unknown.json()["actor"]
    ]


def test_a_writer_reading_drafts_filters_them_by_a_draft_only_actor(register):
    from django.contrib.auth.models import Permission, User

    writer = User.objects.create_user("lecteur", is_staff=True)
    writer.user_permissions.add(Permission.objects.get(codename="view_convention"))
    client = APIClient()
    client.force_authenticate(writer)
    response = client.get("/api/v1/conventions/?actor=secret&publication_state=all")
    assert response.status_code == 200
    assert [row["slug"] for row in response.json()["results"]] == ["brouillon"]
