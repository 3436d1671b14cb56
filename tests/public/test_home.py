import datetime
import html
from decimal import Decimal

import pytest
from django.utils import timezone

from conventions.models import FollowUpAction
from tests import factories as f
from tests.public.helpers import full_convention

pytestmark = pytest.mark.django_db


def text_of(response):
    assert response.status_code == 200
    return html.unescape(response.text)


@pytest.mark.parametrize("language,direction", [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_the_home_page_answers_in_each_language_with_data(client, language, direction):
    full_convention()
    text = text_of(client.get(f"/{language}/"))
    assert f'lang="{language}" dir="{direction}"' in text
    assert text.count("<h1") == 1


def test_key_figures_count_only_published_data(client):
    published = f.ConventionFactory(amount=Decimal(130_000_000_000), currency="MAD")
    f.PartyFactory(convention=published)
    f.PartyFactory(convention=published)
    f.ConventionFactory(amount=Decimal(2_000_000), currency="EUR")
    draft = f.ConventionFactory(draft=True, amount=Decimal(999_000_000_000), currency="MAD")
    f.PartyFactory(convention=draft)
    f.ActorFactory()  # party to nothing
    f.PlanFactory()
    response = client.get("/fr/")
    figures = response.context["figures"]
    assert figures["conventions"] == 2
    assert figures["actors"] == 2
    assert figures["plans"] == 1
    assert [(a["currency"], a["total"]) for a in figures["amounts"]] == [
        ("MAD", Decimal(130_000_000_000)),
        ("EUR", Decimal(2_000_000)),
    ]
    text = text_of(response)
    assert "130 milliards MAD" in text
    assert "2 millions EUR" in text
    assert "999" not in text


def test_latest_conventions_follow_publication_order(client):
    old = f.ConventionFactory(title="Publiée hier", published_at=timezone.now() - datetime.timedelta(days=1))
    new = f.ConventionFactory(title="Publiée aujourd'hui")
    latest = list(client.get("/fr/").context["latest"])
    assert latest == [new, old]


def test_upcoming_and_overdue_actions_of_published_conventions(client):
    today = timezone.localdate()
    convention = f.ConventionFactory()
    f.FollowUpActionFactory(convention=convention, title="Bientôt due", due_on=today + datetime.timedelta(days=30))
    f.FollowUpActionFactory(convention=convention, title="Lointaine", due_on=today + datetime.timedelta(days=200))
    f.FollowUpActionFactory(convention=convention, title="Dépassée", due_on=today - datetime.timedelta(days=3))
    f.FollowUpActionFactory(
        convention=convention,
        title="Faite",
        due_on=today - datetime.timedelta(days=3),
        state=FollowUpAction.State.DONE,
    )
    f.FollowUpActionFactory(
        convention=f.ConventionFactory(draft=True), title="Action secrète", due_on=today + datetime.timedelta(days=3)
    )
    response = client.get("/fr/")
    assert [a.title for a in response.context["upcoming"]] == ["Bientôt due"]
    assert [a.title for a in response.context["overdue"]] == ["Dépassée"]
    text = text_of(response)
    assert "Action secrète" not in text
    assert '<strong class="badge late">En retard</strong>' in text


def test_the_charts_are_svg_with_a_text_alternative(client):
    sector = f.SectorFactory(name="Automobile")
    for year in (2016, 2019, 2019):
        f.ConventionFactory(signed_on=datetime.date(year, 1, 1), signed_on_precision="year").sectors.add(sector)
    draft = f.ConventionFactory(draft=True, signed_on=datetime.date(2001, 1, 1))
    draft.sectors.add(f.SectorFactory(name="Secteur des brouillons"))
    text = text_of(client.get("/fr/"))
    assert 'role="img" aria-labelledby="chart-years-title chart-years-desc"' in text
    assert "2016 : 1 ; 2017 : 0 ; 2018 : 0 ; 2019 : 2" in text
    assert "Automobile : 3" in text
    assert "2001" not in text
    assert "Secteur des brouillons" not in text


def test_the_charts_drawn_once_follow_the_next_write_and_each_language(client):
    f.ConventionFactory(signed_on=datetime.date(2016, 1, 1), signed_on_precision="year")
    assert "2016 : 1" in text_of(client.get("/fr/"))
    f.ConventionFactory(signed_on=datetime.date(2018, 1, 1), signed_on_precision="year")
    assert "2016 : 1 ; 2017 : 0 ; 2018 : 1" in text_of(client.get("/fr/"))
    arabic = text_of(client.get("/ar/"))
    assert 'dir="rtl"' in arabic and "2016 : 1" not in arabic  # its own labels, not the French fragment


def test_the_year_chart_reads_right_to_left_in_arabic(client):
    for year in (2016, 2019):
        f.ConventionFactory(signed_on=datetime.date(year, 1, 1), signed_on_precision="year")
    left_to_right = client.get("/fr/").context["year_chart"].bars
    right_to_left = client.get("/ar/").context["year_chart"].bars
    assert left_to_right[0].label == right_to_left[0].label == "2016"
    assert left_to_right[0].x < left_to_right[1].x
    assert right_to_left[0].x > right_to_left[1].x


def test_the_national_plans_objectives_are_counted_by_status_as_of_today(client):
    plan = f.PlanFactory(start_year=2021)
    today = timezone.localdate()
    reached = f.ObjectiveFactory(
        plan=plan, convention=None, target_value=Decimal(100), horizon_on=today.replace(year=today.year + 5)
    )
    f.MeasurementFactory(objective=reached, value=Decimal(120), measured_on=today - datetime.timedelta(days=30))
    f.ObjectiveFactory(plan=plan, convention=None, target_value=Decimal(100))  # not measured yet
    convention_objective = f.ObjectiveFactory(target_value=Decimal(10))  # a convention's: counted on its plan's page
    f.MeasurementFactory(objective=convention_objective, value=Decimal(20), measured_on=today)

    response = client.get("/fr/")

    assert response.context["plan_objectives_by_status"] == [("no_data", "Pas de mesure", 1), ("reached", "Atteint", 1)]
    assert '<span class="badge status-reached">Atteint</span> 1' in response.text


def test_nothing_of_a_draft_reaches_the_home_page(client):
    full_convention()
    full_convention(draft=True, prefix="SECRET ", title="SECRET convention")
    text = text_of(client.get("/fr/"))
    assert "SECRET" not in text


@pytest.mark.parametrize("count", [3, 60])
def test_the_home_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    today = timezone.localdate()
    sector = f.SectorFactory()
    for n in range(count):
        convention = f.ConventionFactory(amount=Decimal(1000), signed_on=datetime.date(2000 + n % 20, 1, 1))
        convention.sectors.add(sector)
        f.PartyFactory(convention=convention)
        f.FollowUpActionFactory(convention=convention, due_on=today - datetime.timedelta(days=n + 1))
        f.FollowUpActionFactory(convention=convention, due_on=today + datetime.timedelta(days=n + 1))
    # The register's version; its totals: conventions per year and per sector,
    # published conventions, actors, plans, amounts by currency; upcoming and
    # overdue actions (with convention and responsible); the latest
    # conventions and their parties (with actors); the plans' objectives (none
    # here: their measurements are not asked for).
    with django_assert_num_queries(12):
        assert client.get("/fr/").status_code == 200
    # Kept until the next write or midnight: the version only.
    with django_assert_num_queries(1):
        assert client.get("/fr/").status_code == 200
