"""Actors and plans, like conventions (tests/admin/test_concurrent_edits.py),
refuse the second of two concurrent saves, and the refusal writes no history."""

import pytest

from tests.factories import ActorFactory, PlanFactory

from .helpers import open_change_form, post_change_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "field", "first", "second"),
    [
        (ActorFactory, "acronym", "AMICA", "AMIC"),
        (PlanFactory, "website", "https://www.mcinet.gov.ma/", "https://example.org/"),
    ],
    ids=["actor", "plan"],
)
def test_the_second_of_two_concurrent_saves_is_refused_and_changes_nothing(admin_client, factory, field, first, second):
    obj = factory()
    first_page, second_page = open_change_form(admin_client, obj), open_change_form(admin_client, obj)
    assert post_change_form(admin_client, obj, first_page, **{field: first}).status_code == 302
    records = obj.history.count()

    refused = post_change_form(admin_client, obj, second_page, **{field: second})

    assert refused.status_code == 200
    assert "modifié par admin le" in refused.text
    assert "depuis que vous l&#x27;avez ouvert" in refused.text
    assert getattr(type(obj).objects.get(pk=obj.pk), field) == first
    assert obj.history.count() == records
