"""Hostile text: a published convention, and everything it shows, with every
free-text field holding markup, script, template syntax or a spreadsheet
formula. Every page (three languages), the feed and the exports must show it
as text: never a live tag or attribute, never a formula a spreadsheet would
run."""

import csv
import io

import pytest
from django.db import models

from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db

# (what is written, what must never come out: the live form)
CORPUS = [
    ('<script>alert("x1")</script>', '<script>alert("x1")'),
    ('"><img src=x onerror=alert("x2")>', "<img src=x onerror="),
    ("</bdi></title><svg onload=alert('x3')>", "<svg onload="),
    ("{{ request.META }}{% debug %}", "'HTTP_"),
    ("<a href=\"javascript:alert('x5')\">lien</a>", '<a href="javascript:'),
]
FORMULA = '=HYPERLINK("http://evil.example","x6")'
SKIPPED = {"slug", "search_text", "country", "currency", "unit"}


def fill(instance, text: str) -> None:
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED or field.choices or not isinstance(field, models.CharField | models.TextField):
            continue
        if isinstance(field, models.SlugField | models.URLField | models.EmailField):
            continue
        setattr(instance, field.attname, text[: field.max_length or 1000])
    instance.save()


def hostile_register(text: str) -> Convention:
    convention = f.ConventionFactory(slug="hostile")
    person = f.PersonFactory(slug="personne")
    fill(person, text)
    for _ in range(2):
        actor = f.ActorFactory()
        fill(actor, text)
        party = f.PartyFactory(convention=convention, actor=actor, representative=person)
        fill(party, text)
        fill(f.CommitmentFactory(party=party), text)
    source = f.SourceFactory()
    fill(source, text)
    source.conventions.add(convention)
    objective = f.ObjectiveFactory(convention=convention, source=source)
    fill(objective, text)
    fill(f.MeasurementFactory(objective=objective, source=source), text)
    fill(f.FollowUpActionFactory(convention=convention, source=source), text)
    fill(convention, text)
    Convention.objects.filter(pk=convention.pk).refresh_search_text()
    return convention


def addresses(convention) -> list[str]:
    actor = convention.parties.first().actor
    pages = []
    for language in ("fr", "ar", "en"):
        pages += [
            f"/{language}/",
            f"/{language}/conventions/",
            f"/{language}/conventions/{convention.slug}/",
            f"/{language}/actors/",
            f"/{language}/actors/{actor.slug}/",
            f"/{language}/network/",
            f"/{language}/conventions/feed/",
        ]
    return pages


@pytest.mark.parametrize(("text", "live"), CORPUS)
def test_hostile_text_is_shown_as_text(client, probe, text, live):
    escaped = probe("hostile text: pages and feed", "a page or feed showing a hostile text as live markup")
    convention = hostile_register(text)
    for address in addresses(convention):
        response = client.get(address)
        body = response.content.decode()
        escaped.check(response.status_code == 200 and live not in body, f"{address} ({text[:20]}…)")
    assert escaped.failures == []
    # The probe proves something only if the text reached the page.
    shown = "request.META" if "request.META" in text else "alert("
    assert shown in client.get(f"/fr/conventions/{convention.slug}/").content.decode()


def test_a_formula_never_reaches_a_spreadsheet_alive(client, probe):
    neutral = probe("hostile text: exports", "export cells that a spreadsheet would run as a formula")
    hostile_register(FORMULA)
    for address in ("/fr/conventions/export.csv", "/api/v1/conventions/export.csv"):
        response = client.get(address)
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        for row in rows[1:]:
            for cell in row:
                if "HYPERLINK" in cell:
                    neutral.check(not cell.startswith(("=", "+", "-", "@")), f"{address}: {cell[:30]}")
    assert neutral.record["tried"] and neutral.failures == []
