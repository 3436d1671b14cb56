"""Every change to the register is recorded: who, when, and every language."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import Actor
from conventions.models import Convention
from core.history import translated_fields
from tests.factories import ActorFactory, ConventionFactory, PlanFactory

from .helpers import open_change_form, post_change_form

pytestmark = pytest.mark.django_db

TRACKED = [
    "actors.Actor",
    "actors.ActorName",
    "actors.Person",
    "actors.Mandate",
    "plans.Plan",
    "plans.PlanComponent",
    "conventions.Convention",
    "conventions.ConventionRelation",
    "conventions.Party",
    "conventions.Commitment",
    "conventions.Objective",
    "conventions.Measurement",
    "conventions.FollowUpAction",
    "conventions.Source",
    "conventions.Document",
]


@pytest.mark.parametrize("label", TRACKED)
def test_each_historical_model_keeps_every_translated_column(label):
    model = apps.get_model(label)
    history_columns = {field.name for field in model.history.model._meta.fields}
    for columns in translated_fields(model).values():
        assert set(columns) <= history_columns
        assert {"_fr", "_ar", "_en"} == {column[-3:] for column in columns}


def test_a_historical_record_stores_the_arabic_title():
    convention = ConventionFactory(title_fr="Convention automobile", title_ar="اتفاقية السيارات")
    convention.title_ar = "اتفاقية صناعة السيارات"
    convention.save()

    first, second = convention.history.order_by("history_date")
    assert (first.title_ar, second.title_ar) == ("اتفاقية السيارات", "اتفاقية صناعة السيارات")
    assert second.title_fr == "Convention automobile"
    assert second.instance.title_ar == "اتفاقية صناعة السيارات"


def test_a_change_through_the_admin_is_recorded_with_its_user(admin_client, admin_user):
    convention = ConventionFactory(draft=True, place="Rabat")
    post_change_form(admin_client, convention, open_change_form(admin_client, convention), place="Tanger")

    record = convention.history.latest()
    assert record.history_type == "~"
    assert record.history_user == admin_user
    assert record.place == "Tanger"
    assert record.prev_record.place == "Rabat"


def test_the_history_page_shows_which_fields_changed(admin_client):
    convention = ConventionFactory(draft=True, place="Rabat", title_ar="")
    response = open_change_form(admin_client, convention)
    post_change_form(admin_client, convention, response, place="Tanger", title_ar="اتفاقية")

    page = admin_client.get(reverse("admin:conventions_convention_history", args=[convention.pk]))

    assert page.status_code == 200
    text = page.text.lower()
    assert "<strong>lieu de signature:</strong>" in text
    assert "rabat" in text and "tanger" in text
    assert "<strong>intitulé [ar]:</strong>" in text
    assert "اتفاقية" in page.text


def test_rebuilding_the_search_text_adds_no_history():
    ConventionFactory.create_batch(3)
    before = Convention.history.count()
    assert Convention.objects.all().refresh_search_text() == 3
    assert Convention.history.count() == before


def test_a_status_action_on_a_selection_is_recorded_with_its_user(admin_client, admin_user):
    conventions = ConventionFactory.create_batch(2, draft=True, status=Convention.Status.SIGNED)
    admin_client.post(
        reverse("admin:conventions_convention_changelist"),
        {"action": "mark_completed", "_selected_action": [c.pk for c in conventions], "index": 0},
    )
    for convention in conventions:
        record = convention.history.latest()
        assert (record.status, record.history_user) == (Convention.Status.COMPLETED, admin_user)


def test_actors_and_plans_are_recorded_too(admin_client, admin_user):
    actor, plan = ActorFactory(), PlanFactory()
    post_change_form(admin_client, actor, open_change_form(admin_client, actor), acronym="AMICA")
    post_change_form(admin_client, plan, open_change_form(admin_client, plan), short_name_fr="PAI")
    assert Actor.objects.get(pk=actor.pk).acronym == "AMICA"
    assert (actor.history.latest().acronym, actor.history.latest().history_user) == ("AMICA", admin_user)
    assert plan.history.latest().short_name_fr == "PAI"


def test_the_history_page_costs_the_same_queries_for_3_or_12_records(admin_client):
    convention = ConventionFactory(draft=True)
    history_url = reverse("admin:conventions_convention_history", args=[convention.pk])
    counts = []
    for records in (3, 12):
        while convention.history.count() < records:
            post_change_form(
                admin_client,
                convention,
                open_change_form(admin_client, convention),
                place=f"Lieu {convention.history.count()}",
            )
        admin_client.get(history_url)  # warms the content-type cache
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(history_url).status_code == 200
        counts.append(len(queries))
    # Session, user, the convention, its parties (the admin queryset's
    # prefetch), the paginator's count, the records with their users (one
    # query, select_related): 6, whatever the number of records.
    assert counts == [6, 6]
