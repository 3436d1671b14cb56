"""What a list row shows of a convention's parties, and the actors list read
from the public actors kept per register version, stay what the register
says, in every language."""

import html
import re

import pytest
from django.utils import timezone, translation

from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[str]:
    assert response.status_code == 200
    text = html.unescape(response.text)
    return text.split('<ul class="results">', 1)[1].split("</ul>", 1)[0].split("<li>")[1:]


def test_a_row_names_the_parties_in_their_order_by_acronym_or_name(client):
    convention = f.ConventionFactory(title="Convention des trois parties")
    f.PartyFactory(convention=convention, actor=f.ActorFactory(name="Troisième partie", acronym=""), position=3)
    f.PartyFactory(convention=convention, actor=f.ActorFactory(name="Association AMICA", acronym="AMICA"), position=1)
    f.PartyFactory(convention=convention, actor=f.ActorFactory(name="Ministère de l'Industrie", acronym=""), position=2)
    [row] = rows_of(client.get("/fr/conventions/"))
    assert row.index("AMICA") < row.index("Ministère de l'Industrie") < row.index("Troisième partie")
    assert "Association AMICA" not in row


def test_a_row_names_an_actor_in_the_page_language_or_marks_the_french_fallback(client):
    convention = f.ConventionFactory()
    f.PartyFactory(
        convention=convention,
        actor=f.ActorFactory(name="Ministère de l'Industrie", name_ar="وزارة الصناعة", acronym=""),
    )
    f.PartyFactory(convention=convention, actor=f.ActorFactory(name="Banque sans nom arabe", acronym=""))
    [row] = rows_of(client.get("/ar/conventions/"))
    assert "وزارة الصناعة" in row
    assert "Ministère de l'Industrie" not in row
    assert '<bdi lang="fr" class="fallback">Banque sans nom arabe</bdi>' in row


def test_the_home_and_a_plan_page_name_the_parties_of_their_latest_conventions(client):
    plan = f.PlanFactory()
    convention = f.ConventionFactory()
    convention.plans.add(plan)
    f.PartyFactory(convention=convention, actor=f.ActorFactory(name="Fédération FIMME", acronym="FIMME"))
    for url in ("/fr/", plan.get_absolute_url()):
        assert "FIMME" in html.unescape(client.get(url).text), url


def test_a_choice_is_displayed_in_the_active_language():
    convention = f.ConventionFactory(status=Convention.Status.SIGNED)
    with translation.override("fr"):
        french = convention.get_status_display()
    with translation.override("en"):
        english = convention.get_status_display()
    assert (french, english) == ("Signée", "Signed")


def test_a_value_outside_the_choices_is_displayed_as_it_is():
    convention = f.ConventionFactory()
    convention.status = "unheard-of"
    assert convention.get_status_display() == "unheard-of"


def test_the_actors_pages_continue_in_name_order(client):
    for number in range(55):
        f.PartyFactory(actor=f.ActorFactory(name=f"Acteur {number:03d}"))
    first = [actor.name for actor in client.get("/fr/actors/").context["object_list"]]
    second = [actor.name for actor in client.get("/fr/actors/?page=2").context["object_list"]]
    assert first + second == [f"Acteur {number:03d}" for number in range(55)]


def test_an_actor_made_public_by_a_write_is_listed_at_once(client):
    f.PartyFactory(actor=f.ActorFactory(name="Acteur déjà public"))
    assert "Acteur nouvellement public" not in client.get("/fr/actors/").text
    draft = f.ConventionFactory(draft=True)
    f.PartyFactory(convention=draft, actor=f.ActorFactory(name="Acteur nouvellement public"))
    assert "Acteur nouvellement public" not in client.get("/fr/actors/").text
    draft.publication_state = Convention.PublicationState.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()
    names = [actor.name for actor in client.get("/fr/actors/").context["object_list"]]
    assert names == ["Acteur déjà public", "Acteur nouvellement public"]


def test_the_actors_sitemap_pages_through_every_public_actor_and_follows_writes(client, monkeypatch):
    from shiraka.sitemaps import RegisterSitemap

    monkeypatch.setattr(RegisterSitemap, "limit", 4)
    actors = [f.ActorFactory(slug=f"acteur-{n}") for n in range(3)]
    for actor in actors:
        f.PartyFactory(actor=actor)
    hidden = f.ActorFactory(slug="acteur-des-brouillons")
    f.PartyFactory(actor=hidden, convention=f.ConventionFactory(draft=True))

    def listed():
        seen = []
        for page in (1, 2, 3, 4):
            response = client.get("/sitemap-actors.xml", {"p": page})
            if response.status_code == 404:
                break
            seen += re.findall(r"<loc>http://testserver/(\w\w)/actors/([\w-]+)/</loc>", response.text)
        return sorted(seen)

    assert listed() == sorted((language, a.slug) for a in actors for language in ("fr", "ar", "en"))
    f.PartyFactory(actor=hidden)  # now party to a published convention too
    assert ("fr", "acteur-des-brouillons") in listed()
