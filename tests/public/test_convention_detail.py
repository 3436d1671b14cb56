import datetime
import html
from decimal import Decimal

import pytest

from conventions.models import FollowUpAction, Objective, Party
from core.dates import DatePrecision
from tests import factories as f
from tests.public.helpers import full_convention

pytestmark = pytest.mark.django_db


def page(client, convention, language="fr"):
    response = client.get(convention.get_absolute_url().replace("/fr/", f"/{language}/", 1))
    assert response.status_code == 200
    return html.unescape(response.text)


@pytest.mark.parametrize("language,direction", [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_the_page_answers_in_each_language(client, language, direction):
    text = page(client, full_convention(), language)
    assert f'lang="{language}" dir="{direction}"' in text


def test_the_page_is_an_article_with_its_summary_as_description(client):
    text = page(client, full_convention(summary="Un dispositif de financement pour les équipementiers."))
    assert '<meta property="og:type" content="article">' in text
    assert '<meta name="description" content="Un dispositif de financement pour les équipementiers.">' in text
    assert text.count("<h1") == 1


def test_representatives_are_shown_honestly(client):
    convention = f.ConventionFactory()
    f.PartyFactory(
        convention=convention,
        representative=f.PersonFactory(name="Ryad Mezzour"),
        representative_title="Ministre de l'Industrie et du Commerce",
        representative_capacity=Party.RepresentativeCapacity.SIGNED,
    )
    f.PartyFactory(
        convention=convention,
        representative=f.PersonFactory(name="Hakim Abdelmoumen"),
        representative_title="Président",
        representative_capacity=Party.RepresentativeCapacity.SPOKE,
    )
    f.PartyFactory(convention=convention)
    text = page(client, convention)
    # Each name links to the person's page.
    assert "Ryad Mezzour</a></strong>, Ministre de l'Industrie et du Commerce" in text
    assert 'capacity-signed">a signé' in text
    assert "Hakim Abdelmoumen</a></strong>, Président" in text
    assert "a pris la parole (signature non précisée)" in text
    assert text.count("capacity-signed") == 1
    assert "Représentant non précisé par les sources." in text


# The factories' convention is signed on 12 February 2025: a figure dated
# before is context, never progress (conventions/progress.py), so the figures
# below are dated after it.


def test_objective_progress_shows_the_real_share_and_status(client):
    objective = f.ObjectiveFactory(
        indicator="Substitution des importations",
        unit="MAD",
        target_value=Decimal(34_000_000_000),
        horizon_on=datetime.date(2099, 1, 1),
    )
    f.MeasurementFactory(
        objective=objective,
        value=Decimal(21_000_000_000),
        measured_on=datetime.date(2025, 3, 1),
        note="357 projets dans 10 secteurs",
    )
    text = page(client, objective.convention)
    assert "au moins 34 milliards MAD" in text
    assert "21 milliards MAD (mars 2025)" in text
    assert 'max="100" value="62"' in text
    assert "62\xa0% de la cible" in text
    assert "status-on_track" in text


def test_progress_beyond_the_target_is_shown_in_full_but_the_bar_stops_at_100(client):
    objective = f.ObjectiveFactory(unit="MAD", target_value=Decimal(130_000_000_000))
    f.MeasurementFactory(objective=objective, value=Decimal(157_000_000_000), measured_on=datetime.date(2025, 6, 1))
    text = page(client, objective.convention)
    assert 'value="100"' in text
    assert "121\xa0% de la cible" in text
    assert f'status-{Objective.Progress.REACHED}">Atteint' in text


def test_a_figure_from_before_the_signature_is_the_start_not_an_achievement(client):
    # Until issue #11, the 2024 record read « Atteint, 121 % » for a convention signed in 2025.
    objective = f.ObjectiveFactory(unit="MAD", target_value=Decimal(130_000_000_000))
    f.MeasurementFactory(objective=objective, value=Decimal(157_000_000_000), measured_on=datetime.date(2024, 1, 1))
    text = page(client, objective.convention)
    assert "Atteint" not in text
    assert "Mesure antérieure à la signature : elle sert de point de départ, pas de progrès." in text
    assert "0\xa0% de la cible" in text


def test_an_objective_without_measurement_says_so(client):
    objective = f.ObjectiveFactory()
    text = page(client, objective.convention)
    assert "Aucune mesure publiée pour l'instant." in text
    assert "Pas de mesure" in text
    assert "<progress" not in text


def test_a_series_of_measurements_is_drawn_as_an_accessible_svg(client):
    convention = full_convention(size=1)
    text = page(client, convention)
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in text
    assert "<desc" in text and "janvier 2023 : 10 milliards MAD ; 2024 : 21 milliards MAD" in text


def test_a_late_objective_is_marked_late_and_a_passed_one_missed(client):
    # Signed in 2016, due by 2030: on 1 January 2025, 60 % of the way is expected, 100 of 13 340 jobs are late.
    convention = f.ConventionFactory(signed_on=datetime.date(2016, 1, 1), signed_on_precision=DatePrecision.YEAR)
    objective = f.ObjectiveFactory(
        convention=convention, horizon_on=datetime.date(2030, 1, 1), horizon_on_precision=DatePrecision.YEAR
    )
    f.MeasurementFactory(objective=objective, value=Decimal(100))
    response = client.get(convention.get_absolute_url(), {"as_of": "2025-01-01"})
    assert 'status-late">En retard' in response.text
    # Once its horizon (2020) has passed, an objective short of its target is missed.
    passed = f.ObjectiveFactory(
        convention=convention, horizon_on=datetime.date(2020, 1, 1), horizon_on_precision=DatePrecision.YEAR
    )
    f.MeasurementFactory(objective=passed, value=Decimal(100))
    assert 'status-missed">Manqué' in page(client, convention)


def test_overdue_actions_are_marked_in_words(client):
    convention = f.ConventionFactory()
    f.FollowUpActionFactory(convention=convention, title="Sonder les membres", due_on=datetime.date(2020, 1, 1))
    f.FollowUpActionFactory(
        convention=convention, title="Mandater un cabinet", due_on=datetime.date(2099, 1, 1), state="in_progress"
    )
    f.FollowUpActionFactory(
        convention=convention,
        title="Action close",
        due_on=datetime.date(2019, 1, 1),
        state=FollowUpAction.State.DONE,
        completed_on=datetime.date(2019, 2, 1),
    )
    text = page(client, convention)
    assert text.count('<strong class="badge late">En retard</strong>') == 1
    assert "1 action est en retard sur son échéance." in text
    # A timeline: in order of due date.
    assert text.index("Action close") < text.index("Sonder les membres") < text.index("Mandater un cabinet")


def test_a_citation_of_a_document_links_to_its_page(client):
    convention = f.ConventionFactory()
    document = f.DocumentFactory(convention=convention, title="Convention signée")
    party = f.PartyFactory(convention=convention)
    f.CommitmentFactory(party=party, document=document, page=4, clause="art. 3")
    text = page(client, convention)
    # A numbered note to the sources list, the clause and page beside it.
    assert f'href="/documents/{document.pk}/#page=4">art. 3, p. 4</a>' in text
    assert '<a href="#source-1"><span class="visually-hidden">Source </span>[1]</a>' in text


def test_a_citation_never_links_a_document_of_a_draft(client):
    draft_document = f.DocumentFactory(convention=f.ConventionFactory(draft=True), title="Document confidentiel")
    objective = f.ObjectiveFactory(document=draft_document, page=2)
    text = page(client, objective.convention)
    assert "Document confidentiel" not in text
    assert draft_document.file.url not in text
    assert draft_document.get_absolute_url() not in text


def test_sources_documents_places_and_links(client):
    convention = full_convention(size=1)
    text = page(client, convention)
    assert "Article source" in text and "Le Matin</bdi>, février 2021" in text
    assert "Texte signé" in text and "Texte signé</bdi></a>" in text
    assert "Portée nationale" in text
    component = convention.components.get()
    assert f'href="{component.get_absolute_url()}"' in text


def test_relations_and_related_conventions_show_only_published_ones(client):
    convention = f.ConventionFactory()
    actor = f.ActorFactory()
    f.PartyFactory(convention=convention, actor=actor)
    amendment = f.ConventionFactory(title="Avenant publié")
    f.ConventionRelationFactory(from_convention=amendment, to_convention=convention)
    draft = f.ConventionFactory(title="Avenant en brouillon", draft=True)
    f.ConventionRelationFactory(from_convention=draft, to_convention=convention)
    f.PartyFactory(convention=draft, actor=actor)
    sibling = f.ConventionFactory(title="Autre convention du même acteur")
    f.PartyFactory(convention=sibling, actor=actor)
    text = page(client, convention)
    assert "Avenant publié" in text
    assert "Autre convention du même acteur" in text
    assert "Avenant en brouillon" not in text


def test_related_conventions_are_at_most_five(client):
    convention = f.ConventionFactory()
    plan = f.PlanFactory()
    convention.plans.add(plan)
    for n in range(7):
        f.ConventionFactory(title=f"Voisine {n}").plans.add(plan)
    response = client.get(convention.get_absolute_url())
    assert len(response.context["related"]) == 5


def test_an_unknown_slug_gives_the_friendly_404_with_the_navigation(client):
    response = client.get("/fr/conventions/nexiste-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text
    assert 'aria-label="Navigation principale"' in response.text


@pytest.mark.parametrize("size", [3, 60])
def test_the_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, size):
    convention = full_convention(size=size)
    related = f.ConventionFactory()
    related.plans.add(convention.plans.get())
    f.ConventionRelationFactory(from_convention=related, to_convention=convention)
    # The convention; parties (actor, representative); commitments; objectives;
    # measurements; actions (responsible); sources; documents; sectors; regions;
    # plans; components (plan); outgoing and incoming relations; the register's
    # version, the related conventions found (kept per version) and read: 17.
    with django_assert_num_queries(17):
        response = client.get(convention.get_absolute_url())
    assert response.status_code == 200
