import datetime
import html
from decimal import Decimal

import pytest

from tests import factories as f
from tests.public.helpers import full_convention

pytestmark = pytest.mark.django_db


def text_of(response):
    assert response.status_code == 200
    return html.unescape(response.text)


@pytest.fixture
def pai():
    emergence = f.PlanFactory(name="Plan Émergence", slug="emergence", start_year=2009, end_year=2015)
    pai = f.PlanFactory(
        name="Plan d'Accélération Industrielle",
        short_name="PAI",
        slug="pai",
        start_year=2014,
        end_year=2020,
        predecessor=emergence,
        owner=f.ActorFactory(acronym="MIC"),
    )
    f.PlanFactory(name="Plan de relance industrielle", slug="relance", start_year=2021, predecessor=pai)
    return pai


@pytest.mark.parametrize("language,direction", [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_the_plan_pages_answer_in_each_language(client, pai, language, direction):
    for url in (f"/{language}/plans/", pai.get_absolute_url().replace("/fr/", f"/{language}/", 1)):
        text = text_of(client.get(url))
        assert f'lang="{language}" dir="{direction}"' in text
        assert text.count("<h1") == 1


def test_the_list_runs_from_the_newest_period_and_counts_published_conventions(client, pai):
    direct = f.ConventionFactory()
    direct.plans.add(pai)
    through_component = f.ConventionFactory()
    through_component.components.add(f.PlanComponentFactory(plan=pai))
    both = f.ConventionFactory()
    both.plans.add(pai)
    both.components.add(f.PlanComponentFactory(plan=pai))
    f.ConventionFactory(draft=True).plans.add(pai)
    plans = list(client.get("/fr/plans/").context["object_list"])
    assert [p.slug for p in plans] == ["relance", "pai", "emergence"]
    assert {p.slug: p.convention_count for p in plans} == {"relance": 0, "pai": 3, "emergence": 0}


def test_predecessor_and_successor(client, pai):
    text = text_of(client.get(pai.get_absolute_url()))
    assert "Succède à" in text and "Plan Émergence" in text
    assert "Suivi par" in text and "Plan de relance industrielle" in text
    # The last plan of the line has no successor, and says nothing about one.
    assert "Suivi par" not in text_of(client.get("/fr/plans/relance/"))


def test_the_component_tree_nests_with_anchors(client, pai):
    pole = f.PlanComponentFactory(plan=pai, name="Pôle MedEst", slug="pole-medest", kind="regional_pole", position=1)
    f.PlanComponentFactory(
        plan=pai, name="Technopole d'Oujda", slug="technopole-oujda", parent=pole, kind="site", location="Oujda"
    )
    f.PlanComponentFactory(
        plan=pai,
        name="Fonds de développement industriel",
        slug="fdi",
        kind="fund",
        amount=Decimal(20_000_000_000),
        position=0,
    )
    response = client.get(pai.get_absolute_url())
    tree = response.context["tree"]
    assert [node.component.slug for node in tree] == ["fdi", "pole-medest"]
    assert [node.component.slug for node in tree[1].children] == ["technopole-oujda"]
    text = text_of(response)
    assert 'id="pole-medest"' in text and 'id="technopole-oujda"' in text
    assert "20 milliards MAD" in text
    assert "Lieu : Oujda" in text
    assert (
        text.index('id="pole-medest"')
        < text.index('id="technopole-oujda"')
        < text.index("</ul>", text.index('id="technopole-oujda"'))
    )


def test_objectives_of_the_plan_and_its_components_with_progress(client, pai):
    objective = f.ObjectiveFactory(
        convention=None, plan=pai, indicator="Emplois industriels", target_value=Decimal(500_000)
    )
    f.MeasurementFactory(objective=objective, value=Decimal(250_000))
    component = f.PlanComponentFactory(plan=pai, name="Écosystème IMM", slug="imm")
    f.ObjectiveFactory(
        convention=None,
        component=component,
        indicator="Chiffre d'affaires IMM",
        unit="MAD",
        target_value=Decimal(11_000_000_000),
    )
    text = text_of(client.get(pai.get_absolute_url()))
    assert "Emplois industriels" in text and "au moins 500\xa0000 emplois" in text and "50\xa0% de la cible" in text
    assert "Objectifs de la composante « Écosystème IMM »" in text and "11 milliards MAD" in text


def test_published_conventions_directly_or_through_a_component_and_no_draft(client, pai):
    component = f.PlanComponentFactory(plan=pai, name="Mesure 1", slug="mesure-1")
    f.ConventionFactory(title="Convention directe").plans.add(pai)
    f.ConventionFactory(title="Convention par composante").components.add(component)
    draft = full_convention(draft=True, prefix="SECRET ", title="SECRET brouillon")
    draft.plans.add(pai)
    draft.components.add(component)
    text = text_of(client.get(pai.get_absolute_url()))
    assert "Convention directe" in text
    assert "Convention par composante" in text and 'par la composante <a href="#mesure-1">Mesure 1</a>' in text
    assert "SECRET" not in text


def test_sub_plans_and_parent(client, pai):
    sub = f.PlanFactory(name="Stratégie régionale de l'Oriental", parent=pai)
    assert "Stratégie régionale de l'Oriental" in text_of(client.get(pai.get_absolute_url()))
    assert "Fait partie de" in text_of(client.get(sub.get_absolute_url()))


def test_an_unknown_plan_is_a_404(client):
    assert client.get("/fr/plans/nexiste-pas/").status_code == 404


@pytest.mark.parametrize("count", [3, 60])
def test_the_list_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for _ in range(count):
        plan = f.PlanFactory(owner=f.ActorFactory(), parent=f.PlanFactory())
        f.ConventionFactory().plans.add(plan)
    # The plans with owner, parent and their published-convention counts.
    with django_assert_num_queries(1):
        assert client.get("/fr/plans/").status_code == 200


@pytest.mark.parametrize("count", [3, 60])
def test_the_plan_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, pai, count):
    source = f.SourceFactory()
    source.plans.add(pai)
    pai.sectors.add(f.SectorFactory())
    parent = None
    for n in range(count):
        component = f.PlanComponentFactory(plan=pai, parent=parent, region=f.RegionFactory())
        parent = component if n % 3 else None
        for owner in ({"plan": pai}, {"component": component}):
            objective = f.ObjectiveFactory(convention=None, source=source, **owner)
            f.MeasurementFactory(objective=objective, measured_on=datetime.date(2020, 1, 1))
            f.MeasurementFactory(objective=objective, measured_on=datetime.date(2021, 1, 1))
        convention = f.ConventionFactory()
        convention.components.add(component)
        f.PartyFactory(convention=convention)
        f.PlanFactory(parent=pai)
    # The plan (owner, parent, predecessor, successor); components (region);
    # sub-plans; sectors; sources; objectives (component, source, document);
    # measurements (source, document); the register's version; the latest
    # found (kept until the next write); the roll-up (kept per version and
    # day: conventions by status, by year, per component, actions, the plan's
    # targets, its conventions' objectives in their units, their statuses:
    # objectives and measurements as values); the latest conventions; their
    # components in this plan; their parties (actor): 20.
    with django_assert_num_queries(20):
        assert client.get(pai.get_absolute_url()).status_code == 200
    with django_assert_num_queries(11):
        assert client.get(pai.get_absolute_url()).status_code == 200


def test_a_large_plan_shows_its_latest_conventions_and_links_to_all(client, pai):
    for n in range(25):
        f.ConventionFactory(title=f"Convention n°{n}", signed_on=datetime.date(2000 + n, 1, 1)).plans.add(pai)

    text = text_of(client.get(pai.get_absolute_url()))

    assert "Convention n°24" in text and "Convention n°5" in text
    assert "Convention n°4<" not in text
    assert "voir les 25 conventions dans la liste" in text
    assert "/fr/conventions/?plan=pai" in text
