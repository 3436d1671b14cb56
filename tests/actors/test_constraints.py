"""Each integrity rule of actors, their names, people and mandates holds in the database itself,
not only in forms: the bad row is refused with an IntegrityError on SQLite and
PostgreSQL."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from actors.models import Actor
from core.dates import DatePrecision
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date


def refused(build):
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


def test_actor_slug_is_unique():
    f.ActorFactory(slug="amica")
    refused(lambda: f.ActorFactory(slug="amica"))


def test_actor_cannot_be_its_own_parent():
    actor = f.ActorFactory()
    refused(lambda: Actor.objects.filter(pk=actor.pk).update(parent=actor))


def test_actor_name_is_unique_per_actor_whatever_the_case():
    alias = f.ActorNameFactory(name="Groupe Crédit Agricole du Maroc")
    refused(lambda: f.ActorNameFactory(actor=alias.actor, name="groupe crédit agricole du maroc"))


def test_actor_name_validity_cannot_end_before_it_starts():
    refused(
        lambda: f.ActorNameFactory(
            valid_from=D(2021, 10, 1),
            valid_from_precision=DatePrecision.MONTH,
            valid_until=D(2019, 10, 1),
            valid_until_precision=DatePrecision.MONTH,
        )
    )


@pytest.mark.parametrize(
    ("field", "value", "precision"),
    [("attested_on", D(2019, 2, 1), DatePrecision.UNKNOWN), ("attested_on", None, DatePrecision.MONTH)],
)
def test_actor_name_date_and_precision_go_together(field, value, precision):
    refused(lambda: f.ActorNameFactory(**{field: value, f"{field}_precision": precision}))


def test_mandate_cannot_end_before_it_starts():
    refused(
        lambda: f.MandateFactory(
            start_on=D(2021, 10, 7),
            start_on_precision=DatePrecision.DAY,
            end_on=D(2021, 1, 1),
            end_on_precision=DatePrecision.YEAR,
        )
    )


def test_mandate_date_needs_a_precision():
    refused(lambda: f.MandateFactory(start_on=D(2021, 10, 7), start_on_precision=DatePrecision.UNKNOWN))


def test_person_slug_is_unique():
    f.PersonFactory(slug="ryad-mezzour")
    refused(lambda: f.PersonFactory(slug="ryad-mezzour"))


def test_deleting_an_actor_that_is_a_party_is_refused():
    party = f.PartyFactory()
    with pytest.raises(ProtectedError):
        party.actor.delete()


def test_deleting_a_person_who_holds_a_mandate_is_refused():
    mandate = f.MandateFactory()
    with pytest.raises(ProtectedError):
        mandate.person.delete()
