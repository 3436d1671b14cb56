"""An actor's reminder contact: written in the admin through the actors'
write path (history with its user), and shown nowhere else — not on public
pages, in the API (anonymous or a writer's), the exports or the open data."""

import pytest
from django.contrib.auth.models import Group, User
from rest_framework.test import APIClient

from actors import services
from actors.models import ReminderContact
from tests import factories as f
from tests.history.helpers import admin_url, form_values, inline_values

pytestmark = pytest.mark.django_db

SECRET = "directeur.suivi@amica.ma"


@pytest.fixture
def actor():
    actor = f.ActorFactory(slug="amica", acronym="AMICA")
    f.PartyFactory(convention=f.ConventionFactory(complete=True), actor=actor)
    services.reminder_contact_save(actor=actor, user=None, email=SECRET, language="ar")
    return actor


def test_the_admin_writes_the_contact_through_the_write_path(admin_client, admin_user):
    actor = f.ActorFactory()
    url = admin_url(actor, "change")
    page = admin_client.get(url)
    data = {**form_values(page), **inline_values(page)}
    data.update(
        {
            "reminder_contact-TOTAL_FORMS": "1",
            "reminder_contact-0-email": " Suivi@Exemple.MA ",
            "reminder_contact-0-language": "en",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    contact = ReminderContact.objects.get(actor=actor)
    assert (contact.email, contact.language) == ("suivi@exemple.ma", "en")  # as the service stores it
    [history] = contact.history.all()
    assert history.history_user == admin_user


def test_an_editor_without_the_right_to_change_actors_cannot_write_one():
    editor = User.objects.create_user("lecteur", is_staff=True)
    with pytest.raises(Exception, match="droit"):
        services.reminder_contact_save(actor=f.ActorFactory(), user=editor, email="a@b.ma")


def test_a_bad_address_is_refused():
    from core.writes import Refused

    with pytest.raises(Refused) as refused:
        services.reminder_contact_save(actor=f.ActorFactory(), user=None, email="pas une adresse")
    assert "email" in refused.value.errors


@pytest.mark.parametrize(
    "address",
    [
        "/fr/actors/amica/",
        "/ar/actors/amica/",
        "/fr/actors/",
        "/fr/actors/amica/feed/",
        "/api/v1/actors/amica/",
        "/api/v1/actors/",
        "/api/v1/popolo.json",
        "/api/v1/datapackage/actors.csv",
        "/fr/conventions/export.json",
        "/api/v1/conventions/export.json",
    ],
)
def test_the_contact_is_not_public(client, actor, address):
    response = client.get(address)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert SECRET.encode() not in body and b"amica.ma" not in body


def test_a_writer_reading_the_api_does_not_get_it_either(actor):
    writer = User.objects.create_user("redacteur", password="x", is_staff=True)
    writer.groups.add(Group.objects.get(name="Publisher"))
    api = APIClient()
    api.force_authenticate(writer)
    assert SECRET.encode() not in api.get("/api/v1/actors/amica/").content


def test_the_actors_spreadsheet_export_leaves_it_out(admin_client, actor):
    response = admin_client.post("/admin/actors/actor/", {"action": "export_csv", "_selected_action": [actor.pk]})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and b"AMICA" in body
    assert SECRET.encode() not in body
