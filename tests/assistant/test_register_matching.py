"""Parties and people matched against the register's actors and people."""

import pytest

from assistant.extraction import extract
from tests.factories import ActorFactory, ActorNameFactory, MandateFactory, PersonFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Une convention a été signée entre l'ONMT et l'Office Chérifien des Phosphates. Le directeur général de "
    "l'ONMT, Adel El Fakir, a présenté le programme. Une autre convention a été signée entre la Fédération "
    "Nationale du Tourisme Rural et la Région de Drâa-Tafilalet."
)


def matches(conventions):
    return {s["name"]: s["match"] for c in conventions for s in c["signatories"]}


def test_an_existing_actor_is_found_by_its_acronym():
    ActorFactory(name="Office National Marocain du Tourisme", acronym="ONMT", slug="onmt")
    match = matches(extract(TEXT))["ONMT"]
    assert (match["actor"], match["how"], match["confidence"]) == ("onmt", "acronym", 1.0)


def test_an_existing_actor_is_found_by_its_former_name():
    ocp = ActorFactory(name="Groupe OCP", acronym="", slug="ocp")
    ActorNameFactory(actor=ocp, name="Office Chérifien des Phosphates")
    match = matches(extract(TEXT))["Office Chérifien des Phosphates"]
    assert (match["actor"], match["how"]) == ("ocp", "former name")


def test_an_unknown_actor_is_new():
    match = matches(extract(TEXT))["Fédération Nationale du Tourisme Rural"]
    assert match == {"actor": None, "confidence": 0.0, "how": "new"}


def test_a_known_person_is_matched_with_the_title_of_their_mandate():
    onmt = ActorFactory(name="Office National Marocain du Tourisme", acronym="ONMT", slug="onmt")
    MandateFactory(
        person=PersonFactory(name="Adel El Fakir", slug="adel-el-fakir"), actor=onmt, title="Directeur général"
    )
    (person,) = extract(TEXT)[0]["representatives"]
    assert person["match"] == {
        "person": "adel-el-fakir",
        "confidence": 1.0,
        "how": "exact",
        "mandate": "Directeur général",
    }
