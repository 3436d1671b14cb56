"""PostgreSQL connections as the app opens them."""

import pytest
from django.db import connections

POSTGRESQL = [alias for alias in connections if connections[alias].vendor == "postgresql"]


@pytest.mark.skipif(not POSTGRESQL, reason="PostgreSQL only (DATABASE_URL=postgres://…)")
@pytest.mark.django_db(databases="__all__")
@pytest.mark.parametrize("alias", POSTGRESQL)
def test_jit_is_off_on_every_connection(alias):
    """PostgreSQL's default jit=on spent 366 of the 534 ms of a convention
    page's related_conventions query compiling it."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
