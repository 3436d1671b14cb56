"""Writing everything staff enter besides conventions: actors (with their
other names), people, mandates, sources and documents, through the service
layer, read back at once by the writer and hidden from the public until a
published convention shows them."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from django.utils.http import http_date
from rest_framework.test import APIClient

from actors.models import Actor, ActorName, Mandate, Person
from conventions.models import Convention, Document, Source
from tests import factories as f
from tests.api.test_write import client_for

pytestmark = pytest.mark.django_db

ACTOR_PERMISSIONS = ("view_actor", "add_actor", "change_actor", "delete_actor")
PERSON_PERMISSIONS = ("view_person", "add_person", "change_person", "delete_person")
MANDATE_PERMISSIONS = ("view_mandate", "add_mandate", "change_mandate", "delete_mandate")
SOURCE_PERMISSIONS = ("view_source", "add_source", "change_source", "delete_source")
DOCUMENT_PERMISSIONS = ("view_document", "add_document", "change_document", "delete_document")
EDITOR = ("view_convention", "change_convention")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def writer():
    return client_for(*ACTOR_PERMISSIONS, *PERSON_PERMISSIONS, *MANDATE_PERMISSIONS)


@pytest.fixture
def editor():
    """May write drafts, and their sources and documents; may not publish."""
    return client_for(*EDITOR, *SOURCE_PERMISSIONS, *DOCUMENT_PERMISSIONS)


@pytest.fixture
def publisher():
    return client_for(*EDITOR, "publish_convention", *SOURCE_PERMISSIONS, *DOCUMENT_PERMISSIONS)


def ministry(**overrides):
    data = {
        "name_fr": "Ministère de l'Industrie et du Commerce",
        "name_en": "Ministry of Industry and Trade",
        "acronym": "MIC",
        "slug": "ministere-industrie-commerce",
        "kind": "ministry",
        "country": "MA",
        "website": "https://www.mcinet.gov.ma/",
        "description_fr": "Département chargé de l'industrie.",
        "names": [
            {
                "name": "Ministère de l'Industrie, du Commerce, de l'Économie Verte et Numérique",
                "kind": "former",
                "valid_from": "2021-10-07",
                "valid_from_precision": "day",
                "valid_until": "2024-01-01",
                "valid_until_precision": "year",
            }
        ],
    }
    data.update(overrides)
    return data


def pdf(name="convention.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


# --- Actors --------------------------------------------------------------------


def test_an_actor_created_with_a_former_name_is_read_back_by_its_writer_at_once(writer):
    response = writer.post("/api/v1/actors/", ministry(), format="json")
    assert response.status_code == 201, response.json()
    assert response["Location"].endswith("/api/v1/actors/ministere-industrie-commerce/")
    read = writer.get("/api/v1/actors/ministere-industrie-commerce/")
    assert read.status_code == 200
    body = read.json()
    assert body["name"] == "Ministère de l'Industrie et du Commerce"
    assert body["translations"]["name"]["en"] == "Ministry of Industry and Trade"
    [former] = body["names"]
    assert former["kind"] == "former"
    assert former["valid_until"] == "2024-01-01"
    assert former["id"] == ActorName.objects.get().pk
    assert body["other_names"] == body["names"]
    # The list shows it to its writer too.
    assert "ministere-industrie-commerce" in [a["slug"] for a in writer.get("/api/v1/actors/").json()["results"]]


def test_a_new_actor_is_hidden_from_the_public_until_a_published_convention_shows_it(writer):
    assert writer.post("/api/v1/actors/", ministry(), format="json").status_code == 201
    anonymous = APIClient()
    assert anonymous.get("/api/v1/actors/ministere-industrie-commerce/").status_code == 404
    assert anonymous.get("/api/v1/actors/").json()["count"] == 0
    # A token without the view permission sees what the public sees (404, never 403).
    assert client_for().get("/api/v1/actors/ministere-industrie-commerce/").status_code == 404
    draft = f.ConventionFactory(draft=True)
    f.PartyFactory(convention=draft, actor=Actor.objects.get(slug="ministere-industrie-commerce"))
    assert anonymous.get("/api/v1/actors/ministere-industrie-commerce/").status_code == 404
    Convention.objects.filter(pk=draft.pk).update(publication_state="published", published_at=timezone.now())
    assert anonymous.get("/api/v1/actors/ministere-industrie-commerce/").status_code == 200


def test_an_actor_without_a_slug_gets_one_from_its_acronym(writer):
    response = writer.post("/api/v1/actors/", {"name": "Association marocaine", "acronym": "AMICA"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["slug"] == "amica"
    assert Actor.objects.get().name_fr == "Association marocaine"


def test_patching_an_actor_keeps_every_field_it_does_not_send(writer):
    parent = f.ActorFactory(slug="etat", kind="state")
    writer.post("/api/v1/actors/", ministry(parent="etat", name_ar="وزارة الصناعة والتجارة"), format="json")
    before = writer.get("/api/v1/actors/ministere-industrie-commerce/").json()
    response = writer.patch("/api/v1/actors/ministere-industrie-commerce/", {"acronym": "MICN"}, format="json")
    assert response.status_code == 200, response.json()
    after = writer.get("/api/v1/actors/ministere-industrie-commerce/").json()
    assert after["acronym"] == "MICN"
    for field in ("slug", "name", "kind", "parent", "country", "website", "description", "names", "translations"):
        assert after[field] == before[field], field
    actor = Actor.objects.get(slug="ministere-industrie-commerce")
    assert (actor.name_fr, actor.name_ar, actor.name_en) == (
        "Ministère de l'Industrie et du Commerce",
        "وزارة الصناعة والتجارة",
        "Ministry of Industry and Trade",
    )
    assert actor.parent == parent
    assert actor.description_fr == "Département chargé de l'industrie."
    assert actor.history.first().history_user.username.startswith("integrator")


def test_a_writer_sends_back_what_it_read(writer):
    writer.post("/api/v1/actors/", ministry(), format="json")
    read = writer.get("/api/v1/actors/ministere-industrie-commerce/", HTTP_ACCEPT_LANGUAGE="ar").json()
    # The Arabic name is empty: the read showed the French one, which must not become the Arabic one.
    read["acronym"] = "MIC2"
    response = writer.put(
        "/api/v1/actors/ministere-industrie-commerce/", read, format="json", HTTP_ACCEPT_LANGUAGE="ar"
    )
    assert response.status_code == 200, response.json()
    actor = Actor.objects.get()
    assert actor.acronym == "MIC2"
    assert not actor.name_ar
    assert actor.name_fr == "Ministère de l'Industrie et du Commerce"
    assert actor.names.count() == 1


def test_a_plain_name_is_written_in_the_request_language(writer):
    writer.post("/api/v1/actors/", ministry(), format="json")
    response = writer.patch(
        "/api/v1/actors/ministere-industrie-commerce/",
        {"name": "وزارة الصناعة والتجارة"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    assert response.status_code == 200, response.json()
    actor = Actor.objects.get()
    assert actor.name_ar == "وزارة الصناعة والتجارة"
    assert actor.name_fr == "Ministère de l'Industrie et du Commerce"


def test_names_keep_their_ids_across_a_patch(writer):
    writer.post("/api/v1/actors/", ministry(), format="json")
    former = ActorName.objects.get()
    response = writer.patch(
        "/api/v1/actors/ministere-industrie-commerce/",
        {"names": [{"id": former.pk, "note": "Le Matin, 2021"}, {"name": "MCINET", "kind": "informal"}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    names = {n["name"]: n for n in response.json()["names"]}
    kept = names["Ministère de l'Industrie, du Commerce, de l'Économie Verte et Numérique"]
    assert kept["id"] == former.pk
    assert kept["note"] == "Le Matin, 2021"
    assert kept["valid_from"] == "2021-10-07"
    assert "MCINET" in names
    # PATCH keeps the names it does not mention; "delete" removes one.
    response = writer.patch(
        "/api/v1/actors/ministere-industrie-commerce/", {"names": [{"id": former.pk, "delete": True}]}, format="json"
    )
    assert [n["name"] for n in response.json()["names"]] == ["MCINET"]


def test_put_replaces_the_list_of_names(writer):
    writer.post("/api/v1/actors/", ministry(), format="json")
    response = writer.put(
        "/api/v1/actors/ministere-industrie-commerce/", {"names": [{"name": "MCINET"}]}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert [n["name"] for n in response.json()["names"]] == ["MCINET"]
    assert Actor.objects.get().acronym == "MIC"  # fields not sent are kept, even by PUT


def test_a_bad_name_is_keyed_by_its_position_and_writes_nothing(writer):
    data = ministry(
        names=[
            {"name": "Un nom"},
            {
                "name": "Autre",
                "valid_from": "2020-01-01",
                "valid_until": "2019-01-01",
                "valid_from_precision": "day",
                "valid_until_precision": "day",
            },
        ]
    )
    response = writer.post("/api/v1/actors/", data, format="json")
    assert response.status_code == 400
    assert response.json() == {"names": {"1": {"valid_until": ["La fin ne peut précéder le début."]}}}
    assert not Actor.objects.exists() and not ActorName.objects.exists()


def test_an_actor_cannot_belong_to_one_of_its_own_departments(writer):
    top = f.ActorFactory(slug="ministere")
    f.ActorFactory(slug="direction", parent=top)
    response = writer.patch("/api/v1/actors/ministere/", {"parent": "direction"}, format="json")
    assert response.status_code == 400
    assert "parent" in response.json()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name_fr": "Nom\x00nul"}, "name_fr"),
        ({"name_fr": "Nom", "parent": "inconnu"}, "parent"),
        ({"name_fr": "Nom", "parent": "in\x00connu"}, "parent"),
        ({"name_fr": "Nom", "parent": 12}, "parent"),
        ({"name_fr": "Nom", "kind": "planète"}, "kind"),
        ({"name_fr": "Nom", "country": "Maroc"}, "country"),
        ({"name_fr": "Nom", "names": "AMICA"}, "names"),
        ({"name_fr": "Nom", "names": [{"id": 10**30}]}, "names"),
        ({"name_fr": "Nom", "names": [{"id": 123456}]}, "names"),
        ({"name_fr": "Nom", "translations": {"name": {"de": "Name"}}}, "translations"),
        ({"name_fr": "Nom", "translations": "fr"}, "translations"),
        ({"acronym": "X"}, "name_fr"),
        ({"name_fr": "Nom", "slug": "pas un slug"}, "slug"),
    ],
)
def test_bad_input_is_a_field_level_400_in_french(writer, body, field):
    response = writer.post("/api/v1/actors/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Actor.objects.exists()


def test_a_taken_slug_is_refused(writer):
    f.ActorFactory(slug="amica")
    response = writer.post("/api/v1/actors/", {"name_fr": "Autre", "slug": "amica"}, format="json")
    assert response.status_code == 400
    assert "slug" in response.json()


def test_errors_follow_the_request_language(writer):
    response = writer.post("/api/v1/actors/", {"acronym": "X"}, format="json", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["name_fr"] == ["Le texte français est obligatoire."]


def test_a_stale_updated_at_is_refused_with_412(writer):
    writer.post("/api/v1/actors/", ministry(), format="json")
    read = writer.get("/api/v1/actors/ministere-industrie-commerce/").json()
    first = writer.patch(
        "/api/v1/actors/ministere-industrie-commerce/",
        {"acronym": "A", "updated_at": read["updated_at"]},
        format="json",
    )
    assert first.status_code == 200, first.json()
    second = writer.patch(
        "/api/v1/actors/ministere-industrie-commerce/",
        {"acronym": "B", "updated_at": read["updated_at"]},
        format="json",
    )
    assert second.status_code == 412
    assert "modifié" in second.json()["detail"]
    assert Actor.objects.get().acronym == "A"


def test_if_unmodified_since_in_the_past_is_refused_with_412(writer):
    actor = f.ActorFactory(slug="amica")
    an_hour_ago = http_date((actor.updated_at - datetime.timedelta(hours=1)).timestamp())
    response = writer.patch(
        "/api/v1/actors/amica/", {"acronym": "B"}, format="json", HTTP_IF_UNMODIFIED_SINCE=an_hour_ago
    )
    assert response.status_code == 412
    response = writer.delete("/api/v1/actors/amica/", HTTP_IF_UNMODIFIED_SINCE=an_hour_ago)
    assert response.status_code == 412
    assert Actor.objects.filter(slug="amica").exists()


def test_an_unreadable_updated_at_is_a_400(writer):
    f.ActorFactory(slug="amica")
    response = writer.patch("/api/v1/actors/amica/", {"acronym": "B", "updated_at": "hier"}, format="json")
    assert response.status_code == 400
    assert "updated_at" in response.json()


def test_an_actor_still_party_to_a_convention_is_not_deleted(writer):
    party = f.PartyFactory(actor=f.ActorFactory(slug="amica"))
    response = writer.delete("/api/v1/actors/amica/")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert Actor.objects.filter(pk=party.actor_id).exists()


def test_an_actor_is_deleted_with_its_names(writer):
    f.ActorNameFactory(actor=f.ActorFactory(slug="amica"))
    assert writer.delete("/api/v1/actors/amica/").status_code == 204
    assert not Actor.objects.exists() and not ActorName.objects.exists()


# --- People and mandates ----------------------------------------------------------


def test_a_person_and_a_mandate_are_created_and_read_back(writer):
    f.ActorFactory(slug="cam", acronym="CAM")
    response = writer.post("/api/v1/persons/", {"name": "Mohamed Fikrat"}, format="json")
    assert response.status_code == 201, response.json()
    assert response["Location"].endswith("/api/v1/persons/mohamed-fikrat/")
    assert response.json()["family_name"] == "Fikrat"
    mandate = {
        "person": "mohamed-fikrat",
        "actor": "cam",
        "title_fr": "Président du directoire",
        "start_on": "2012-05-01",
        "start_on_precision": "year",
    }
    response = writer.post("/api/v1/mandates/", mandate, format="json")
    assert response.status_code == 201, response.json()
    created = Mandate.objects.get()
    assert response["Location"].endswith(f"/api/v1/mandates/{created.pk}/")
    assert response.json()["start_on"] == "2012-01-01"  # a year is stored as its first day
    assert writer.get(f"/api/v1/mandates/{created.pk}/").json()["title"] == "Président du directoire"
    person = writer.get("/api/v1/persons/mohamed-fikrat/").json()
    assert [m["actor"] for m in person["mandates"]] == ["cam"]
    # The public sees neither until CAM is party to a published convention.
    anonymous = APIClient()
    assert anonymous.get("/api/v1/persons/mohamed-fikrat/").status_code == 404
    assert anonymous.get(f"/api/v1/mandates/{created.pk}/").status_code == 404
    f.PartyFactory(convention=f.ConventionFactory(), actor=Actor.objects.get(slug="cam"))
    assert anonymous.get(f"/api/v1/mandates/{created.pk}/").status_code == 200
    assert anonymous.get("/api/v1/mandates/?person__slug=mohamed-fikrat").json()["count"] == 1


def test_a_patched_mandate_keeps_what_it_does_not_send(writer):
    mandate = f.MandateFactory(
        title_fr="Ministre", note="Le Matin", start_on=datetime.date(2021, 10, 7), start_on_precision="day"
    )
    response = writer.patch(f"/api/v1/mandates/{mandate.pk}/", {"end_on": "2025-01-01", "end_on_precision": "year"})
    assert response.status_code == 200, response.json()
    mandate.refresh_from_db()
    assert (mandate.title_fr, mandate.note, mandate.start_on) == ("Ministre", "Le Matin", datetime.date(2021, 10, 7))
    assert mandate.end_on == datetime.date(2025, 1, 1)


def test_a_mandate_ending_before_it_starts_is_refused(writer):
    mandate = f.MandateFactory(start_on=datetime.date(2021, 1, 1), start_on_precision="day")
    response = writer.patch(
        f"/api/v1/mandates/{mandate.pk}/", {"end_on": "2020-01-01", "end_on_precision": "day"}, format="json"
    )
    assert response.status_code == 400
    assert "end_on" in response.json()


def test_a_mandate_needs_a_known_person(writer):
    f.ActorFactory(slug="cam")
    response = writer.post("/api/v1/mandates/", {"person": "personne", "actor": "cam", "title": "P"}, format="json")
    assert response.status_code == 400
    assert "person" in response.json()


def test_a_person_holding_a_mandate_is_not_deleted(writer):
    mandate = f.MandateFactory(person=f.PersonFactory(slug="ryad-mezzour"))
    assert writer.delete("/api/v1/persons/ryad-mezzour/").status_code == 400
    assert writer.delete(f"/api/v1/mandates/{mandate.pk}/").status_code == 204
    assert writer.delete("/api/v1/persons/ryad-mezzour/").status_code == 204
    assert not Person.objects.exists()


def test_a_stale_person_is_refused_with_412(writer):
    person = f.PersonFactory(slug="ryad-mezzour")
    stale = (person.updated_at - datetime.timedelta(seconds=5)).isoformat()
    response = writer.patch("/api/v1/persons/ryad-mezzour/", {"biography": "Ministre", "updated_at": stale})
    assert response.status_code == 412


# --- Sources ----------------------------------------------------------------------


def test_a_source_is_created_and_linked_to_a_draft(editor):
    f.ConventionFactory(slug="brouillon", draft=True)
    article = {
        "kind": "press",
        "title": "Industrie automobile : CAM et AMICA s'associent",
        "outlet": "Le Matin",
        "url": "https://lematin.ma/cam-amica",
        "published_on": "2022-06-15",
        "published_on_precision": "day",
        "text": "Le Crédit Agricole du Maroc et l'AMICA ont signé…",
        "conventions": ["brouillon"],
    }
    response = editor.post("/api/v1/sources/", article, format="json")
    assert response.status_code == 201, response.json()
    source = Source.objects.get()
    assert response["Location"].endswith(f"/api/v1/sources/{source.pk}/")
    assert response.json()["conventions"] == ["brouillon"]
    assert list(Convention.objects.get(slug="brouillon").sources.all()) == [source]
    assert source.text.startswith("Le Crédit Agricole")
    assert editor.get(f"/api/v1/sources/{source.pk}/").status_code == 200
    # The public sees the source once a published convention or a plan cites it.
    assert APIClient().get(f"/api/v1/sources/{source.pk}/").status_code == 404


def test_an_editor_cannot_link_a_source_to_a_published_convention(editor):
    f.ConventionFactory(slug="publiee")
    response = editor.post("/api/v1/sources/", {"title": "Article", "conventions": ["publiee"]}, format="json")
    assert response.status_code == 403
    assert not Source.objects.exists()
    source = f.SourceFactory()
    response = editor.patch(f"/api/v1/sources/{source.pk}/", {"conventions": ["publiee"]}, format="json")
    assert response.status_code == 403
    assert not source.conventions.exists()


def test_an_editor_cannot_change_a_source_of_a_published_convention(editor):
    published = f.ConventionFactory(slug="publiee")
    source = f.SourceFactory(title="Titre d'origine")
    published.sources.add(source)
    response = editor.patch(f"/api/v1/sources/{source.pk}/", {"title": "Autre titre"}, format="json")
    assert response.status_code == 403
    source.refresh_from_db()
    assert source.title == "Titre d'origine"


def test_a_publisher_may_not_take_the_last_source_from_a_published_convention(publisher):
    published = f.ConventionFactory(slug="publiee", complete=True)
    source = published.sources.get()
    response = publisher.patch(f"/api/v1/sources/{source.pk}/", {"conventions": []}, format="json")
    assert response.status_code == 400
    assert "publication_state" in response.json()
    assert published.sources.count() == 1
    response = publisher.post("/api/v1/sources/", {"title": "Autre article", "conventions": ["publiee"]}, format="json")
    assert response.status_code == 201, response.json()
    assert published.sources.count() == 2


def test_the_public_reads_sources_of_published_conventions_only(editor):
    published = f.ConventionFactory(slug="publiee")
    draft = f.ConventionFactory(slug="brouillon", draft=True)
    shared = f.SourceFactory()
    published.sources.add(shared)
    draft.sources.add(shared)
    draft.sources.add(f.SourceFactory())
    body = APIClient().get("/api/v1/sources/").json()
    assert body["count"] == 1
    assert body["results"][0]["conventions"] == ["publiee"]  # the draft's slug stays hidden
    assert editor.get("/api/v1/sources/").json()["count"] == 2
    # Filtering by a draft's slug tells an anonymous client nothing of it.
    assert APIClient().get("/api/v1/sources/?conventions__slug=brouillon").json()["count"] == 0
    assert editor.get("/api/v1/sources/?conventions__slug=brouillon").json()["count"] == 2


def test_a_stale_source_is_refused_with_412(editor):
    source = f.SourceFactory()
    stale = (source.updated_at - datetime.timedelta(seconds=5)).isoformat()
    response = editor.patch(f"/api/v1/sources/{source.pk}/", {"title": "Nouveau", "updated_at": stale}, format="json")
    assert response.status_code == 412


def test_a_source_with_a_taken_address_is_a_400(editor):
    f.SourceFactory(url="https://lematin.ma/a")
    response = editor.post("/api/v1/sources/", {"title": "Doublon", "url": "https://lematin.ma/a"}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()


def test_a_source_is_deleted_from_a_draft(editor):
    draft = f.ConventionFactory(slug="brouillon", draft=True)
    source = f.SourceFactory()
    draft.sources.add(source)
    assert editor.delete(f"/api/v1/sources/{source.pk}/").status_code == 204
    assert not Source.objects.exists()


# --- Documents --------------------------------------------------------------------


def test_a_document_uploaded_by_multipart_shows_in_the_draft(editor):
    f.ConventionFactory(slug="brouillon", draft=True)
    response = editor.post(
        "/api/v1/documents/",
        {
            "convention": "brouillon",
            "kind": "signed_text",
            "title": "Texte signé de la convention",
            "file": pdf(),
            "language": "fr",
            "page_count": "12",
            "dated_on": "2022-06-15",
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    document = Document.objects.get()
    assert response["Location"].endswith(f"/api/v1/documents/{document.pk}/")
    assert document.page_count == 12
    assert document.file.read().startswith(b"%PDF-")
    draft = editor.get("/api/v1/conventions/brouillon/")
    assert draft.status_code == 200
    assert [d["title"] for d in draft.json()["documents"]] == ["Texte signé de la convention"]
    assert APIClient().get(f"/api/v1/documents/{document.pk}/").status_code == 404


def test_a_fake_pdf_is_a_400(editor):
    f.ConventionFactory(slug="brouillon", draft=True)
    fake = SimpleUploadedFile("convention.pdf", b"Ceci est un texte, pas un PDF.", content_type="application/pdf")
    response = editor.post(
        "/api/v1/documents/", {"convention": "brouillon", "title": "Texte", "file": fake}, format="multipart"
    )
    assert response.status_code == 400
    [message] = response.json()["file"]
    assert "ne correspond pas à son extension « .pdf »" in message
    assert not Document.objects.exists()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "accepted"),
    [
        ("annexe.docx", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), True),
        ("annexe.docx", _zip({"notes.txt": b"rien"}), False),
        ("annexe.xlsx", _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}), True),
        ("annexe.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), True),
        ("annexe.ods", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), False),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 13, True),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, True),
        ("photo.jpg", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, False),
        ("texte.txt", b"texte", False),
    ],
)
def test_a_file_is_checked_by_its_content(editor, name, data, accepted):
    f.ConventionFactory(slug="brouillon", draft=True)
    upload = SimpleUploadedFile(name, data)
    response = editor.post(
        "/api/v1/documents/", {"convention": "brouillon", "title": "Annexe", "file": upload}, format="multipart"
    )
    assert response.status_code == (201 if accepted else 400), response.json()
    if not accepted:
        assert "file" in response.json()


@override_settings(DOCUMENT_MAX_UPLOAD_MB=1)
def test_a_file_over_the_limit_is_refused_with_the_admin_message(editor):
    f.ConventionFactory(slug="brouillon", draft=True)
    big = pdf(data=PDF + b"0" * (1024 * 1024))
    response = editor.post(
        "/api/v1/documents/", {"convention": "brouillon", "title": "Gros", "file": big}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["file"] == [
        "Ce fichier pèse 1,1 Mo, au-delà de la limite de 1 Mo. Compressez-le ou découpez-le avant de le déposer."
    ]


def test_a_document_needs_a_file_and_a_known_convention(editor):
    response = editor.post("/api/v1/documents/", {"convention": "inconnue", "title": "T"}, format="multipart")
    assert response.status_code == 400
    assert "convention" in response.json()
    f.ConventionFactory(slug="brouillon", draft=True)
    response = editor.post("/api/v1/documents/", {"convention": "brouillon", "title": "T"}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()


def test_an_editor_cannot_add_a_document_to_a_published_convention(editor):
    f.ConventionFactory(slug="publiee")
    response = editor.post(
        "/api/v1/documents/", {"convention": "publiee", "title": "T", "file": pdf()}, format="multipart"
    )
    assert response.status_code == 403
    assert not Document.objects.exists()


def test_a_document_metadata_is_patched_with_json(editor):
    document = f.DocumentFactory(convention=f.ConventionFactory(slug="brouillon", draft=True), title_fr="Texte")
    response = editor.patch(
        f"/api/v1/documents/{document.pk}/", {"translations": {"title": {"en": "Signed text"}}}, format="json"
    )
    assert response.status_code == 200, response.json()
    document.refresh_from_db()
    assert (document.title_fr, document.title_en) == ("Texte", "Signed text")
    assert editor.delete(f"/api/v1/documents/{document.pk}/").status_code == 204


def test_the_public_reads_documents_of_published_conventions(editor):
    published = f.DocumentFactory(convention=f.ConventionFactory(slug="publiee"))
    f.DocumentFactory(convention=f.ConventionFactory(slug="brouillon", draft=True))
    body = APIClient().get("/api/v1/documents/").json()
    assert [d["id"] for d in body["results"]] == [published.pk]
    assert body["results"][0]["convention"] == "publiee"
    assert editor.get("/api/v1/documents/").json()["count"] == 2


# --- Who may write ------------------------------------------------------------------


WRITES = [
    ("post", "/api/v1/actors/", {"name_fr": "Nom"}),
    ("post", "/api/v1/persons/", {"name": "Nom Prénom"}),
    ("post", "/api/v1/mandates/", {"title": "Président"}),
    ("post", "/api/v1/sources/", {"title": "Article"}),
    ("post", "/api/v1/documents/", {"title": "Texte"}),
    ("patch", "/api/v1/actors/amica/", {"acronym": "A"}),
    ("delete", "/api/v1/actors/amica/", None),
    ("patch", "/api/v1/persons/ryad-mezzour/", {"name": "R. Mezzour"}),
]


@pytest.fixture
def register():
    f.PartyFactory(convention=f.ConventionFactory(), actor=f.ActorFactory(slug="amica"))
    f.PersonFactory(slug="ryad-mezzour")


@pytest.mark.parametrize(("method", "url", "body"), WRITES)
def test_anonymous_writes_are_refused_with_401(register, method, url, body):
    response = getattr(APIClient(), method)(url, body, format="json")
    assert response.status_code == 401


@pytest.mark.parametrize(("method", "url", "body"), WRITES)
def test_writes_without_the_model_permission_are_refused_with_403(register, method, url, body):
    reader = client_for("view_actor", "view_person", "view_mandate", "view_source", "view_document")
    response = getattr(reader, method)(url, body, format="json")
    assert response.status_code == 403
    assert Actor.objects.filter(slug="amica", acronym__startswith="AP").exists()


def test_the_schema_documents_every_new_operation():
    schema = APIClient().get("/api/schema/?format=json").json()
    for path in ("actors", "persons", "mandates", "sources", "documents"):
        operations = schema["paths"][f"/api/v1/{path}/"]
        assert "201" in operations["post"]["responses"]
        assert "Location" in operations["post"]["responses"]["201"].get("headers", {})
        detail = next(p for p in schema["paths"] if p.startswith(f"/api/v1/{path}/{{"))
        for method in ("put", "patch", "delete"):
            assert {"400", "403", "404"} <= set(schema["paths"][detail][method]["responses"]), (path, method)
    for path in ("actors", "persons", "sources"):
        detail = next(p for p in schema["paths"] if p.startswith(f"/api/v1/{path}/{{"))
        assert "412" in schema["paths"][detail]["patch"]["responses"]
    assert "multipart/form-data" in schema["paths"]["/api/v1/documents/"]["post"]["requestBody"]["content"]


def test_a_bad_token_is_a_401_not_an_error():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000")
    assert client.get("/api/v1/actors/").status_code == 401
    assert client.post("/api/v1/sources/", {"title": "T"}, format="json").status_code == 401


def _columns(model, pk):
    return {k: v for k, v in model.objects.filter(pk=pk).values().get().items() if k != "updated_at"}


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_putting_back_what_was_read_changes_no_column(writer, editor, language):
    f.ActorFactory(slug="etat")
    writer.post("/api/v1/actors/", ministry(parent="etat"), format="json")
    f.MandateFactory(person=f.PersonFactory(slug="ryad-mezzour"), actor=Actor.objects.get(slug="etat"))
    draft = f.ConventionFactory(slug="brouillon", draft=True)
    source = f.SourceFactory()
    draft.sources.add(source)
    for model, url, client in [
        (Actor, "/api/v1/actors/ministere-industrie-commerce/", writer),
        (Person, "/api/v1/persons/ryad-mezzour/", writer),
        (Mandate, f"/api/v1/mandates/{Mandate.objects.get().pk}/", writer),
        (Source, f"/api/v1/sources/{source.pk}/", editor),
    ]:
        read = client.get(url, HTTP_ACCEPT_LANGUAGE=language).json()
        pk = model.objects.get(slug=read["slug"]).pk if "slug" in read else read["id"]
        before = _columns(model, pk)
        names = list(ActorName.objects.values())
        response = client.put(url, read, format="json", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, (url, response.json())
        assert _columns(model, pk) == before, url
        assert list(ActorName.objects.values()) == names
