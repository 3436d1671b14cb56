"""The actors file (actors.importing, routed to by conventions.importing):
an actor is completed, never doubled by accident, and the conventions it is
party to are found by the other names the file gives it."""

import pytest

from actors.exports import ACTOR_COLUMNS
from actors.models import Actor, ActorName
from conventions.models import Convention
from conventions.search import search
from tests.factories import ActorFactory, ConventionFactory, PartyFactory
from tests.importing.helpers import csv_bytes, errors, run

pytestmark = pytest.mark.django_db

HEADER = list(ACTOR_COLUMNS.values())


def actor_row(**values) -> list[str]:
    return [values.get(key, "") for key in ACTOR_COLUMNS]


def run_actors(*rows, dry_run=False):
    return run(csv_bytes(list(rows), header=HEADER), name="acteurs.csv", dry_run=dry_run, what="actors")


@pytest.fixture
def cam():
    return ActorFactory(name="Crédit Agricole du Maroc", acronym="CAM", slug="cam", kind=Actor.Kind.BANK)


def test_an_other_name_given_by_the_file_finds_the_actors_conventions(cam):
    convention = ConventionFactory(title="Financement des coopératives")
    PartyFactory(convention=convention, actor=cam)

    report = run_actors(actor_row(slug="cam", aliases="Caisse Nationale de Crédit Agricole"))

    assert report.written, errors(report)
    assert list(ActorName.objects.filter(actor=cam).values_list("name", flat=True)) == [
        "Caisse Nationale de Crédit Agricole"
    ]
    # Other names are written in bulk (no signal): the import reindexes the conventions itself.
    assert list(search(Convention.objects.all(), "caisse nationale")) == [convention]


def test_a_name_close_to_an_actor_is_refused_until_the_row_confirms_it(cam):
    refused = run_actors(actor_row(name="Credit Agricol du Maroc"))
    assert not refused.written
    assert "ressemble à un acteur existant : probablement Crédit Agricole du Maroc (CAM)" in errors(refused)[0]

    report = run_actors(actor_row(name="Credit Agricol du Maroc", confirm_new="oui"))

    assert report.written, errors(report)
    assert Actor.objects.filter(name_fr="Credit Agricol du Maroc").exists()


def test_an_actor_named_by_its_acronym_or_an_other_name_is_completed_not_doubled(cam):
    ActorName.objects.create(actor=cam, name="Groupe Crédit Agricole du Maroc")

    report = run_actors(
        actor_row(name="GROUPE CREDIT AGRICOLE DU MAROC", kind="Banque ou institution financière"),
        actor_row(name="Société Nouvelle", acronym="CAM"),
    )

    assert report.written, errors(report)
    assert [row.action for row in report.rows] == ["update", "update"]
    assert Actor.objects.count() == 1


def test_the_same_new_actor_twice_in_a_file_is_refused_the_second_time():
    report = run_actors(actor_row(name="Société Nouvelle de Câblage"), actor_row(name="societe nouvelle de cablage"))

    assert not report.written
    assert errors(report) == ["colonne « nom » : cet acteur figure déjà plus haut dans le fichier."]
