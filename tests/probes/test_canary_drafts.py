"""Canary drafts: a draft convention whose every text field, and every text
field of everything only it knows (an actor, a person, a source, a document,
objectives, measurements, commitments, actions, a relation to a published
convention), carries a marker. Every public address — pages in three
languages, the API's lists, details, filters and searches, the exports, the
feed, the sitemaps, the open data and the document downloads — is asked, and
must never show the marker nor answer 200 for the draft's own objects.

Besides the addresses listed here by hand (searches, filters, exports), the
URL resolver is walked: every pattern, in every language it answers in, is
asked anonymously with its path parameters filled from every row of the
model it shows (the draft's own and the published ones). A pattern that
cannot be filled fails the test until it is given a model or values below,
or is skipped with its reason, so a new address is probed from the day it
is added."""

import io
import itertools
import zipfile
from dataclasses import dataclass

import pytest
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation
from rest_framework.test import APIClient

from actors.models import Actor, Mandate, Person
from conventions.models import Convention, Document, FollowUpAction, Objective, Source
from conventions.opendata import RESOURCES
from plans.models import Plan, Region, Sector
from shiraka.sitemaps import SITEMAPS
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
    # The file itself carries the marker: a draft's document served to anyone shows it.
    document = f.DocumentFactory(
        convention=draft, file__filename=f"{MARKER}.pdf", file__data=f"%PDF-1.4\n%{MARKER}\n%%EOF\n".encode()
    )
    mark(document)
    objective = f.ObjectiveFactory(convention=draft)
    mark(objective)
    mark(f.MeasurementFactory(objective=objective))
    mark(f.FollowUpActionFactory(convention=draft, responsible=actor))
    f.ConventionRelationFactory(from_convention=draft, to_convention=published)
    f.ConventionRelationFactory(from_convention=published, to_convention=draft)
    # The plan, sector, component and region both serve: public pages of their own.
    plan = f.PlanFactory()
    component = f.PlanComponentFactory(plan=plan)
    sector = f.SectorFactory()
    region = f.RegionFactory()
    for convention in (draft, published):
        convention.plans.add(plan)
        convention.components.add(component)
        convention.sectors.add(sector)
        convention.regions.add(region)
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
            f"/{language}/conventions/feed/?q={WORD}",
            f"/{language}/actors/{published.parties.first().actor.slug}/feed/",
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


# Patterns the walk does not ask, and why, by the start of their route.
SKIPPED_ROUTES = {
    "admin/": "the admin (and its quality report) is for staff only: anonymous callers are sent to the login"
    " page; every admin page for every role is in the authorisation matrix",
}
# The model whose rows fill a pattern's `slug` or `pk`, by URL name, for the
# views that do not name it themselves (a `model` or a `queryset`).
MODELS = {
    "conventions:detail": Convention,
    "actors:detail": Actor,
    "people:detail": Person,
    "plans:detail": Plan,
    "actors:feed": Actor,
    "plans:feed": Plan,
    "follows:actor": Actor,
    "follows:plan": Plan,
    "document-download": Document,
    "v1:convention-detail": Convention,
    "v1:convention-publication": Convention,
    "v1:actor-detail": Actor,
    "v1:person-detail": Person,
    "v1:mandate-detail": Mandate,
    "v1:plan-detail": Plan,
    "v1:plan-rollup": Plan,
    "v1:objective-detail": Objective,
    "v1:objective-measurements": Objective,
    "v1:action-detail": FollowUpAction,
    "v1:source-detail": Source,
    "v1:document-detail": Document,
    "v1:sector-detail": Sector,
    "v1:region-detail": Region,
}


def subscription_tokens(kind: str) -> list[str]:
    """Signed links of subscriptions to every actor (the draft's own too: one
    followed while it was public) and to a search of the draft's word."""
    from follows import subscriptions
    from follows.models import Subscription

    rows = [
        Subscription.objects.get_or_create(email=f"canari{actor.pk}@exemple.ma", kind="actor", actor=actor)[0]
        for actor in Actor.objects.order_by("pk")
    ]
    rows.append(Subscription.objects.get_or_create(email="canari@exemple.ma", kind="search", query=f"q={WORD}")[0])
    sign = subscriptions.confirm_token if kind == "confirm" else subscriptions.unsubscribe_token
    return [sign(row) for row in rows]


# Every other path parameter: its values, by URL name and parameter.
VALUES = {
    ("follows:confirm", "token"): lambda: subscription_tokens("confirm"),
    ("follows:unsubscribe", "token"): lambda: subscription_tokens("unsubscribe"),
    ("v1:datapackage-resource", "name"): lambda: list(RESOURCES),
    ("sitemap-section", "section"): lambda: list(SITEMAPS),
}


@dataclass(frozen=True)
class Pattern:
    route: str  # as ResolverMatch.route gives it, language prefix included
    name: str  # namespaced: "v1:convention-detail"
    parameters: tuple[str, ...]
    view: object
    language: str  # reversed and resolved in this language


def url_patterns() -> list[Pattern]:
    """Every pattern of the URL conf, once per language prefix it answers
    under (those outside i18n_patterns once)."""
    found = {}

    def walk(entries, route, namespace, parameters, language):
        for entry in entries:
            # As Django joins the routes of nested patterns (URLResolver._join_route).
            joined = route + str(entry.pattern).removeprefix("^") if route else str(entry.pattern)
            names = (*parameters, *entry.pattern.regex.groupindex)
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace]))
                walk(entry.url_patterns, joined, inner, names, language)
            elif isinstance(entry, URLPattern):
                name = ":".join(filter(None, [namespace, entry.name])) if entry.name else ""
                found.setdefault(joined, Pattern(joined, name, names, entry.callback, language))

    for language in LANGUAGES:
        with translation.override(language):
            walk(get_resolver().url_patterns, "", "", (), language)
    return list(found.values())


def skip_reason(pattern: Pattern) -> str | None:
    return next((reason for start, reason in SKIPPED_ROUTES.items() if pattern.route.startswith(start)), None)


def view_model(pattern: Pattern):
    if pattern.name in MODELS:
        return MODELS[pattern.name]
    view = getattr(pattern.view, "view_class", None) or getattr(pattern.view, "cls", None)
    queryset = getattr(view, "queryset", None)
    return getattr(view, "model", None) or (queryset.model if queryset is not None else None)


def parameter_values(pattern: Pattern, parameter: str) -> list[str] | None:
    """The values to try for one path parameter, or None if unknown."""
    if (pattern.name, parameter) in VALUES:
        return VALUES[pattern.name, parameter]()
    if parameter == "format":  # the API's format suffixes (.json, .api)
        renderers = getattr(getattr(pattern.view, "cls", None), "renderer_classes", None)
        return [renderer.format for renderer in renderers] if renderers else None
    if parameter in ("slug", "pk") and (model := view_model(pattern)) is not None:
        # Every row: the draft's own, and the published ones around it.
        return [str(getattr(row, parameter)) for row in model._base_manager.order_by("pk")]
    return None


def pattern_addresses(pattern: Pattern) -> tuple[list[tuple[str, list[str]]], str]:
    """(address, parameter values used) for every way of filling `pattern`,
    or an empty list and why it cannot be filled."""
    if not pattern.name:
        return [], "no URL name to reverse"
    values = {parameter: parameter_values(pattern, parameter) for parameter in pattern.parameters}
    unknown = [parameter for parameter, found in values.items() if found is None]
    if unknown:
        return [], f"no values for {', '.join(unknown)}: add them to MODELS or VALUES"
    if any(found == [] for found in values.values()):
        return [], f"no rows to fill {', '.join(p for p, found in values.items() if not found)}"
    addresses = []
    with translation.override(pattern.language):
        for combination in itertools.product(*values.values()):
            kwargs = dict(zip(values, combination, strict=True))
            try:
                address = reverse(pattern.name, kwargs=kwargs)
                match = resolve(address.split("?")[0])
            except (NoReverseMatch, Resolver404):
                return [], f"{pattern.name} cannot be reversed with {kwargs}"
            if match.route != pattern.route:
                return [], f"{pattern.name} with {kwargs} reverses to {address}, another pattern ({match.route})"
            addresses.append((address, list(kwargs.values())))
    if not pattern.parameters:
        # A listing: its search as well, by a word of the draft's texts (not the marker).
        addresses.append((f"{addresses[0][0]}?q={WORD}&search={WORD}", []))
    return addresses, ""


def test_every_url_pattern_is_probed_or_skipped_for_a_reason(canary):
    unfilled = {}
    for pattern in url_patterns():
        if skip_reason(pattern) is None:
            addresses, why = pattern_addresses(pattern)
            if not addresses:
                unfilled[pattern.route] = why
    assert unfilled == {}
    assert all(any(p.route.startswith(start) for p in url_patterns()) for start in SKIPPED_ROUTES)


def test_no_url_pattern_shows_a_draft_or_fails_for_anonymous_callers(canary, probe):
    leaks = probe(
        "canary drafts: every URL pattern",
        "answers to anonymous callers, at every URL pattern in every language, showing a draft's marker",
    )
    # Counted on the same walk (each address asked once): a server error
    # answers, it is not raised, so every pattern is still asked.
    errors = probe("canary drafts: no 5xx", "answers 5xx to anonymous callers at any URL pattern")
    client = Client(raise_request_exception=False)
    for pattern in url_patterns():
        if skip_reason(pattern) is not None:
            continue
        for address, used in pattern_addresses(pattern)[0]:
            response = client.get(address)
            errors.check(response.status_code < 500, f"{address} → {response.status_code}")
            body = text_of(response)
            # A draft's own slug in the address may come back (a 404 page's
            # language links, the browsable API's breadcrumbs): that is the
            # caller's own input, not a leak. The draft's texts must not.
            for value in (str(value).lower() for value in used):
                if MARKER in value:  # a slug; removing a pk ("3") would break every marker
                    body = body.replace(value, "")
            leaks.check(MARKER not in body, f"{address} → {response.status_code}")
    assert leaks.failures == [] and errors.failures == []
