"""Two writers who read the same version and write at the same moment: the
first to take the lock wins, the other is told the row changed (StaleVersion,
412 through the API). Never a lost update, never "database is locked", never
a 500. Real threads, each with its own database connection, so these tests
commit (transaction=True)."""

import threading
from functools import partial

import pytest
from django.contrib.auth.models import User
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conventions import services
from conventions.models import Convention
from core.locking import StaleVersion
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 10


def publisher(name: str) -> User:
    # Superusers: these tests are about locking, not permissions, and a
    # transactional test runs after others have flushed the database, when
    # permission rows may point to content types recreated under new ids.
    User.objects.create_superuser(name)
    return User.objects.get(username=name)  # a fresh instance: no permission cache shared between threads


def at_once(*writes) -> list:
    """Run each write in its own thread, released together; what each
    returned, or the exception it raised. Each thread closes its connection."""
    barrier = threading.Barrier(len(writes))
    outcomes: list = [None] * len(writes)

    def run(index, write):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = write()
        except Exception as error:  # noqa: BLE001 - the test reports any exception as an outcome
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, write)) for index, write in enumerate(writes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a writer is still waiting for the lock"
    return outcomes


def update_place(convention, user, place, read_version) -> str:
    services.convention_update(convention=convention, user=user, fields={"place": place}, read_version=read_version)
    return place


def test_of_two_simultaneous_writes_of_the_same_version_one_wins_and_one_is_stale():
    convention = f.ConventionFactory(complete=True)
    users = [publisher("premier"), publisher("second")]
    for round_ in range(ROUNDS):
        read_version = Convention.objects.get(pk=convention.pk).updated_at

        outcomes = at_once(
            partial(update_place, convention, users[0], f"Rabat {round_}", read_version),
            partial(update_place, convention, users[1], f"Tanger {round_}", read_version),
        )

        winners = [outcome for outcome in outcomes if isinstance(outcome, str)]
        stale = [outcome for outcome in outcomes if isinstance(outcome, StaleVersion)]
        assert (len(winners), len(stale)) == (1, 1), f"round {round_}: {outcomes!r}"
        assert Convention.objects.get(pk=convention.pk).place == winners[0]


def token_client(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_of_two_simultaneous_api_patches_of_the_same_version_one_is_200_and_one_412():
    convention = f.ConventionFactory(complete=True)
    clients = [token_client(publisher("premier")), token_client(publisher("second"))]
    address = f"/api/v1/conventions/{convention.slug}/"
    for round_ in range(ROUNDS):
        read_version = clients[0].get(address).json()["updated_at"]

        outcomes = at_once(
            *(
                partial(
                    client.patch, address, {"place": f"{place} {round_}", "updated_at": read_version}, format="json"
                )
                for client, place in zip(clients, ("Rabat", "Tanger"), strict=True)
            )
        )

        codes = sorted(getattr(outcome, "status_code", outcome) for outcome in outcomes)
        assert codes == [200, 412], f"round {round_}: {outcomes!r}"
        winner = next(outcome for outcome in outcomes if outcome.status_code == 200)
        assert Convention.objects.get(pk=convention.pk).place == winner.json()["place"]
