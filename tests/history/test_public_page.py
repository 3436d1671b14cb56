"""The public convention page says when the record was last changed."""

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from conventions.models import Convention
from tests.factories import ConventionFactory

pytestmark = pytest.mark.django_db


def test_the_convention_page_shows_its_last_update(client):
    convention = ConventionFactory()
    updated = timezone.make_aware(datetime.datetime(2026, 3, 4, 10, 30))
    Convention.objects.filter(pk=convention.pk).update(updated_at=updated)

    response = client.get(convention.get_absolute_url())

    assert response.status_code == 200
    assert "Dernière mise à jour" in response.text
    assert f">{date_format(updated.date(), 'DATE_FORMAT')}</time>" in response.text
    assert date_format(updated.date(), "DATE_FORMAT") == "4 mars 2026"
