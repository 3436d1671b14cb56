"""Canary drafts: a draft convention whose every text field, and every text
field of everything only it knows (an actor, a person, a source, a document,
objectives, measurements, commitments, actions, a relation to a published
convention), carries a marker. Every public address — pages in three
languages, the API's lists, details, filters and searches, the exports, the
feed, the sitemaps, the open data and the document downloads — is asked, and
must never show the marker nor answer 200 for the draft's own objects."""

import io
import zipfile

import pytest
from django.db import models
from rest_framework.test import APIClient

from actors.models import Actor, Person
from conventions.models import Convention
from conventions.opendata import RESOURCES
from tests import factories as f

pytestmark = pytest.mark.django_db

MARKER = "canary7f3a"
# What the searches ask for: in the draft's texts, but not the marker, so a
# page that echoes the query does not count as a leak.
WORD = "zorbulite"
LANGUAGES = ("fr", "ar", "en")
SKIPPED = {"slug", "url", "website", "email", "country", "currency", "search_text", "unit"}


def mark(instance, *, extra: str = "") -> None:
    """Write the marker into every free-text field of `instance` (choices,
    slugs, addresses and codes keep valid values)."""
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED or field.choices or not isinstance(field, models.CharField | models.TextField):
            continue
        if isinstance(field, models.SlugField | models.URLField | models.EmailField):
            continue
        value = f"{MARKER} {WORD} {extra}".strip()[: field.max_length or 500]
        setattr(instance, field.attname, value)
    instance.save()


@pytest.fixture
def canary():
    """A published register around one marked draft."""
    published = f.ConventionFactory(complete=True, title="Convention publiée de Tanger")
    f.ObjectiveFactory(convention=published)
    draft = f.ConventionFactory(draft=True, slug=f"{MARKER}-convention")
    actor = f.ActorFactory(slug=f"{MARKER}-acteur")
    mark(actor)
    f.ActorNameFactory(actor=actor, name=f"{MARKER} ancien nom", acronym="CNRY")
    person = f.PersonFactory(slug=f"{MARKER}-personne")
    mark(person)
    f.MandateFactory(person=person, actor=actor)
    party = f.PartyFactory(convention=draft, actor=actor, representative=person)
    mark(party)
    mark(f.PartyFactory(convention=draft, actor=published.parties.first().actor, representative=person))
    mark(f.CommitmentFactory(party=party))
    source = f.SourceFactory(url=f"https://example.org/{MARKER}")
    mark(source)
    source.conventions.add(draft)
    document = f.DocumentFactory(convention=draft)
    mark(document)
    objective = f.ObjectiveFactory(convention=draft)
    mark(objective)
    mark(f.MeasurementFactory(objective=objective))
    mark(f.FollowUpActionFactory(convention=draft, responsible=actor))
    f.ConventionRelationFactory(from_convention=draft, to_convention=published)
    f.ConventionRelationFactory(from_convention=published, to_convention=draft)
    mark(draft)
    Convention.objects.filter(pk__in=[draft.pk, published.pk]).refresh_search_text()
    return {
        "draft": draft,
        "published": published,
        "actor": actor,
        "person": person,
        "source": source,
        "document": document,
        "objective": objective,
        "action": draft.actions.first(),
    }


def text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":  # an XLSX: its strings are in the zip's XML parts
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".xml"))
    return body.decode("utf-8", "replace").lower()


def listing_addresses(canary) -> list[str]:
    """Addresses that list, search or export: they answer 200 and must not
    show the marker."""
    published = canary["published"]
    addresses = ["/sitemap.xml", "/robots.txt"]
    for section in ("conventions", "actors", "plans", "people"):
        addresses.append(f"/sitemap-{section}.xml?p=1")
    for language in LANGUAGES:
        addresses += [
            f"/{language}/",
            f"/{language}/conventions/",
            f"/{language}/conventions/?q={WORD}",
            f"/{language}/search/?q={WORD}",
            f"/{language}/conventions/{published.slug}/",
            f"/{language}/actors/",
            f"/{language}/actors/{published.parties.first().actor.slug}/",
            f"/{language}/plans/",
            f"/{language}/network/",
            f"/{language}/conventions/feed/",
            f"/{language}/conventions/export.csv",
            f"/{language}/conventions/export.json?q={WORD}",
            f"/{language}/conventions/export.xlsx",
        ]
    for resource in ("conventions", "actors", "persons", "mandates", "plans", "objectives", "actions", "sources"):
        addresses += [f"/api/v1/{resource}/", f"/api/v1/{resource}/?search={WORD}", f"/api/v1/{resource}/?q={WORD}"]
    addresses += [
        "/api/v1/documents/",
        f"/api/v1/conventions/{published.slug}/",
        "/api/v1/conventions/export.csv",
        f"/api/v1/conventions/export.json?q={WORD}",
        "/api/v1/popolo.json",
        "/api/v1/datapackage.json",
        *(f"/api/v1/datapackage/{name}.csv" for name in RESOURCES),
    ]
    return addresses


def own_addresses(canary) -> list[str]:
    """The draft's own objects: each must answer 404 (or 410, never 200)."""
    draft, actor, person = canary["draft"], canary["actor"], canary["person"]
    addresses = [
        f"/api/v1/conventions/{draft.slug}/",
        f"/api/v1/actors/{actor.slug}/",
        f"/api/v1/persons/{person.slug}/",
        f"/api/v1/sources/{canary['source'].pk}/",
        f"/api/v1/documents/{canary['document'].pk}/",
        f"/api/v1/objectives/{canary['objective'].pk}/",
        f"/api/v1/actions/{canary['action'].pk}/",
        f"/documents/{canary['document'].pk}/",
    ]
    for language in LANGUAGES:
        addresses += [
            f"/{language}/conventions/{draft.slug}/",
            f"/{language}/actors/{actor.slug}/",
            f"/{language}/people/{person.slug}/",
        ]
    return addresses


def test_no_public_address_shows_a_draft(client, canary, probe):
    leaks = probe("canary drafts: listings", "public listings, searches, exports and feeds showing a draft's marker")
    for address in listing_addresses(canary):
        response = client.get(address)
        ok = response.status_code == 200 and MARKER not in text_of(response)
        leaks.check(ok, f"{address} → {response.status_code}")
    assert leaks.failures == []


def test_a_drafts_own_objects_are_not_found(client, canary, probe):
    found = probe("canary drafts: own addresses", "the draft's own objects answering anything but 404/410")
    api = APIClient()
    for address in own_addresses(canary):
        response = (api if address.startswith("/api/") else client).get(address)
        shown = response.status_code == 200 and MARKER in text_of(response)
        found.check(response.status_code in (404, 410) or not shown, f"{address} → {response.status_code}")
    assert found.failures == []


def test_the_canary_is_there_for_staff(admin_client, canary):
    """The probe would prove nothing if the marker never reached a page."""
    assert MARKER in text_of(admin_client.get(f"/admin/conventions/convention/{canary['draft'].pk}/change/"))
    assert Actor.objects.filter(slug__startswith=MARKER).exists() and Person.objects.filter(slug__startswith=MARKER)
