"""Issue 11's « done when », on the demo register: what a ministry analyst
preparing a progress report reads on the plan pages, a convention's page,
the overdue feed and the follow-up digest."""

import datetime
import html
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from actors.models import ReminderContact
from conventions.models import Convention
from follows.digest import digests
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def words(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.text)))


def test_the_plan_de_relance_shows_62_percent_of_its_34_bn_import_substitution_target_with_its_source(client, demo):
    text = words(client.get("/fr/plans/plan-de-relance-industrielle/"))
    objective = text[text.index("Substitution aux importations par la production locale") :]
    assert "Cible 34 milliards MAD" in objective
    assert "62 % de la cible" in objective
    assert "Source de l'objectif : Le Matin, février 2021" in objective


def test_the_pai_counts_its_conventions_by_status_and_shows_its_2020_targets_past_their_horizon(client, demo):
    text = words(client.get("/fr/plans/plan-acceleration-industrielle/"))
    assert "Conventions par statut En exécution : 1" in text
    assert "Objectifs des conventions qui le servent" in text
    jobs = text[text.index("Créations d'emplois Pas de mesure") :]
    assert "Cible 500 000 emplois, échéance 2020" in jobs
    assert "Échéance dépassée (2020) : aucune mesure publiée ne dit si la cible a été atteinte." in jobs


def test_an_action_past_its_due_date_is_overdue_on_its_convention_in_the_feed_and_in_the_digest(client, demo):
    convention = Convention.objects.published().get(slug__startswith="contrats-de-performance")
    responsible = convention.parties.order_by("position").first().actor
    ReminderContact.objects.create(actor=responsible, email="suivi@example.ma")
    due = timezone.localdate() - datetime.timedelta(days=10)
    action = f.FollowUpActionFactory(
        convention=convention, title="Bilan d'étape des écosystèmes", responsible=responsible, due_on=due
    )

    page = html.unescape(client.get(convention.get_absolute_url()).text)
    item = page[page.index("Bilan d'étape des écosystèmes") :]
    assert '<strong class="badge late">En retard</strong>' in item[: item.index("</li>")]
    assert "Bilan d'étape des écosystèmes" in html.unescape(client.get("/fr/conventions/actions-en-retard/feed/").text)
    (digest,) = [d for d in digests(timezone.localdate(), 14) if d.email == "suivi@example.ma"]
    assert [(a.pk, a.overdue) for group in digest.groups for a in group.actions] == [(action.pk, True)]


def test_jobs_measured_at_two_thirds_halfway_to_the_horizon_read_on_track_as_of_that_date(client):
    convention = f.ConventionFactory(signed_on=datetime.date(2020, 1, 1))
    objective = f.ObjectiveFactory(
        convention=convention, target_value=Decimal(3000), horizon_on=datetime.date(2023, 12, 31)
    )
    f.MeasurementFactory(
        objective=objective, value=Decimal(2000), measured_on=datetime.date(2022, 1, 1), measured_on_precision="day"
    )

    text = words(client.get(convention.get_absolute_url(), {"as_of": "2022-01-01"}))

    section = text[text.index(objective.indicator) :]
    assert section.startswith(f"{objective.indicator} En cours")
    assert objective.progress_reading(datetime.date(2022, 1, 1)).status == "on_track"
