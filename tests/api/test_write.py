"""Writing with a token: one request per convention, atomic, drafts first."""

import pytest
from django.contrib.auth.models import Permission, User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conventions.models import Convention, Objective, Party, Source
from tests import factories as f

pytestmark = pytest.mark.django_db


def client_for(*permissions):
    user = User.objects.create_user(f"integrator-{len(permissions)}-{User.objects.count()}")
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


@pytest.fixture
def writer():
    return client_for("add_convention", "change_convention", "delete_convention")


@pytest.fixture
def actors():
    f.ActorFactory(slug="cam", acronym="CAM")
    f.ActorFactory(slug="amica", acronym="AMICA")
    f.PersonFactory(slug="mohamed-fikrat", name="Mohamed Fikrat")
    f.SectorFactory(slug="automobile")
    f.PlanFactory(slug="plan-de-relance-industrielle")
    f.SourceFactory(url="https://example.org/automobile-2024")


def payload(**overrides):
    data = {
        "title_fr": "Convention de partenariat CAM – AMICA",
        "title_en": "CAM – AMICA partnership agreement",
        "kind": "partnership",
        "status": "signed",
        "signed_on": "2022-06-15",
        "signed_on_precision": "month",
        "sectors": ["automobile"],
        "plans": ["plan-de-relance-industrielle"],
        "parties": [
            {
                "actor": "cam",
                "role": "financier",
                "representative": "mohamed-fikrat",
                "representative_title": "Président du directoire",
                "representative_capacity": "spoke",
                "commitments": [{"description": "Un dispositif financier adapté."}],
            },
            {"actor": "amica", "role": "beneficiary"},
        ],
        "objectives": [
            {
                "indicator_fr": "Chiffre d'affaires à l'export",
                "unit": "MAD",
                "comparator": "about",
                "target_value": "130000000000",
                "horizon_label_fr": "d'ici la fin de l'année",
                "measurements": [
                    {
                        "value": "157000000000",
                        "measured_on": "2024-01-01",
                        "measured_on_precision": "year",
                        # Every fact cites its source.
                        "source": Source.objects.get(url="https://example.org/automobile-2024").pk,
                    }
                ],
            }
        ],
        "actions": [{"title_fr": "Mandater un cabinet", "responsible": "amica", "state": "done"}],
    }
    data.update(overrides)
    return data


def test_a_convention_is_created_with_everything_in_one_request(writer, actors):
    response = writer.post("/api/v1/conventions/", payload(), format="json")
    assert response.status_code == 201, response.json()
    convention = Convention.objects.get()
    assert convention.title_fr == "Convention de partenariat CAM – AMICA"
    assert convention.signed_on.isoformat() == "2022-06-01"  # stored as the first day of its month
    assert [p.actor.slug for p in convention.parties.all()] == ["cam", "amica"]
    assert convention.parties.get(actor__slug="cam").commitments.count() == 1
    assert convention.objectives.get().measurements.count() == 1
    assert response.json()["objectives"][0]["progress_status"] == "reached"


def test_a_convention_created_through_the_api_is_a_draft(writer, actors):
    response = writer.post("/api/v1/conventions/", payload(), format="json")
    assert response.json()["publication_state"] == "draft"
    assert Convention.objects.get().publication_state == Convention.PublicationState.DRAFT
    assert APIClient().get("/api/v1/conventions/").json()["count"] == 0


def test_a_bad_nested_objective_leaves_nothing_behind(writer, actors):
    bad = payload(objectives=[{"indicator_fr": "Emplois", "unit": "", "target_value": "100"}])
    response = writer.post("/api/v1/conventions/", bad, format="json")
    assert response.status_code == 400
    assert "unit" in response.json()["objectives"]["0"]  # DRF keys nested list errors by index
    assert not Convention.objects.exists()
    assert not Party.objects.exists()
    assert not Objective.objects.exists()


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"start_on": "2025-01-01", "end_on": "2024-01-01"}, "end_on"),
        ({"amount": "-1"}, "amount"),
        ({"parties": [{"actor": "inconnu"}]}, "parties"),
        ({"parties": [{"actor": "cam"}, {"actor": "cam"}]}, "parties"),
        ({"signed_on": None, "signed_on_precision": "year"}, "signed_on"),
        ({"kind": "treaty"}, "kind"),
        ({"title_fr": ""}, "title_fr"),
    ],
    ids=[
        "end-before-start",
        "negative-amount",
        "unknown-actor",
        "same-actor-twice",
        "precision-without-date",
        "unknown-kind",
        "no-title",
    ],
)
def test_invalid_input_is_a_field_level_400_and_writes_nothing(writer, actors, override, field):
    response = writer.post("/api/v1/conventions/", payload(**override), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Convention.objects.exists()


def test_errors_come_in_french_by_default(writer, actors):
    response = writer.post("/api/v1/conventions/", payload(parties=[{"actor": "cam"}, {"actor": "cam"}]), format="json")
    assert "Un même acteur ne peut être deux fois partie" in str(response.json()["parties"])


def test_a_malformed_body_is_a_400(writer):
    response = writer.post("/api/v1/conventions/", "{not json", content_type="application/json")
    assert response.status_code == 400


def test_a_token_without_the_add_permission_is_forbidden(actors):
    reader = client_for()
    assert reader.post("/api/v1/conventions/", payload(), format="json").status_code == 403
    assert not Convention.objects.exists()


def test_anonymous_writes_are_refused(actors):
    assert APIClient().post("/api/v1/conventions/", payload(), format="json").status_code == 401


def test_replacing_a_convention_replaces_its_parties(writer, actors):
    slug = writer.post("/api/v1/conventions/", payload(), format="json").json()["slug"]
    response = writer.put(f"/api/v1/conventions/{slug}/", payload(parties=[{"actor": "amica"}]), format="json")
    assert response.status_code == 200, response.json()
    assert [p.actor.slug for p in Convention.objects.get().parties.all()] == ["amica"]


def test_a_token_without_the_change_permission_cannot_replace(writer, actors):
    slug = writer.post("/api/v1/conventions/", payload(), format="json").json()["slug"]
    adder = client_for("add_convention")
    assert adder.patch(f"/api/v1/conventions/{slug}/", {"place": "Tanger"}, format="json").status_code == 403


def test_a_partial_update_keeps_what_it_does_not_mention(writer, actors):
    slug = writer.post("/api/v1/conventions/", payload(), format="json").json()["slug"]
    assert writer.patch(f"/api/v1/conventions/{slug}/", {"place": "Tanger"}, format="json").status_code == 200
    convention = Convention.objects.get()
    assert convention.place == "Tanger"
    assert convention.parties.count() == 2


def test_a_token_without_the_delete_permission_cannot_delete():
    convention = f.ConventionFactory()
    assert client_for("add_convention").delete(f"/api/v1/conventions/{convention.slug}/").status_code == 403
    assert Convention.objects.exists()


def test_a_nul_character_in_a_slug_is_a_400_not_a_server_error(writer, actors):
    response = writer.post("/api/v1/conventions/", payload(parties=[{"actor": "c\x00m"}]), format="json")
    assert response.status_code == 400
    assert "parties" in response.json()


def test_a_nul_character_in_a_filter_is_a_400(writer):
    assert APIClient().get("/api/v1/conventions/", {"actor": "a\x00"}).status_code == 400


def test_an_editor_token_sends_to_review_but_cannot_publish(actors):
    editor = client_for("add_convention", "change_convention")
    slug = editor.post("/api/v1/conventions/", payload(), format="json").json()["slug"]
    assert editor.post(f"/api/v1/conventions/{slug}/publication/", {"publication_state": "review"}).status_code == 200
    response = editor.post(f"/api/v1/conventions/{slug}/publication/", {"publication_state": "published"})
    assert response.status_code == 403
    assert Convention.objects.get().publication_state == "review"


def test_a_publisher_token_publishes_a_complete_convention(actors):
    publisher = client_for("add_convention", "change_convention", "publish_convention")
    slug = publisher.post("/api/v1/conventions/", payload(), format="json").json()["slug"]
    f.SourceFactory().conventions.add(Convention.objects.get())
    response = publisher.post(f"/api/v1/conventions/{slug}/publication/", {"publication_state": "published"})
    assert response.status_code == 200, response.json()
    assert APIClient().get(f"/api/v1/conventions/{slug}/").status_code == 200


def test_publishing_an_incomplete_convention_says_what_is_missing(actors):
    publisher = client_for("add_convention", "change_convention", "publish_convention")
    slug = publisher.post("/api/v1/conventions/", payload(), format="json").json()["slug"]
    response = publisher.post(f"/api/v1/conventions/{slug}/publication/", {"publication_state": "published"})
    assert response.status_code == 400
    assert "Il faut au moins une source ou un document." in response.json()["publication_state"]
    assert Convention.objects.get().publication_state == "draft"


def test_an_editor_token_cannot_change_a_published_convention(actors):
    published = f.ConventionFactory(slug="publiee")
    editor = client_for("add_convention", "change_convention")
    assert editor.patch("/api/v1/conventions/publiee/", {"place": "Rabat"}, format="json").status_code == 403
    published.refresh_from_db()
    assert published.place != "Rabat"


def test_deleting_a_convention_another_one_amends_says_why_and_deletes_nothing():
    publisher = client_for("delete_convention", "change_convention", "publish_convention")
    amended = f.ConventionFactory(draft=True)
    f.ConventionRelationFactory(to_convention=amended, from_convention=f.ConventionFactory(draft=True))
    response = publisher.delete(f"/api/v1/conventions/{amended.slug}/")
    assert response.status_code == 400
    assert "relations" in str(response.json())
    assert Convention.objects.filter(pk=amended.pk).exists()


def test_deleting_a_convention_whose_objective_cites_its_document_works():
    publisher = client_for("delete_convention", "change_convention", "publish_convention")
    convention = f.ConventionFactory(complete=True)
    f.ObjectiveFactory(convention=convention, document=f.DocumentFactory(convention=convention))
    assert publisher.delete(f"/api/v1/conventions/{convention.slug}/").status_code == 204
    assert not Convention.objects.filter(pk=convention.pk).exists()


def test_a_measurement_without_a_source_is_refused(writer, actors):
    data = payload()
    del data["objectives"][0]["measurements"][0]["source"]

    response = writer.post("/api/v1/conventions/", data, format="json")

    assert response.status_code == 400
    assert response.json()["objectives"]["0"]["measurements"]["0"]["source"]
    assert not Convention.objects.exists()
