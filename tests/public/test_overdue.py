"""Follow-up actions past their due date (issue 11): a filter on the public
list and the API, and an Atom feed, for published conventions only."""

import datetime

import pytest
from rest_framework.test import APIClient

from conventions.models import FollowUpAction
from tests import factories as f

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 1, 1)
FAR_AHEAD = datetime.date(2099, 1, 1)


@pytest.fixture
def actions():
    slipping = f.ConventionFactory(slug="en-retard", title="Convention aux actions en retard")
    on_time = f.ConventionFactory(slug="a-l-heure", title="Convention à l'heure")
    draft = f.ConventionFactory(slug="brouillon", title="Brouillon en retard", draft=True)
    late = f.FollowUpActionFactory(
        convention=slipping, title="Installer le comité", due_on=LONG_AGO, state=FollowUpAction.State.PLANNED
    )
    f.FollowUpActionFactory(convention=slipping, title="Action faite", due_on=LONG_AGO, state=FollowUpAction.State.DONE)
    f.FollowUpActionFactory(convention=on_time, title="Action à venir", due_on=FAR_AHEAD)
    f.FollowUpActionFactory(convention=draft, title="Action secrète en retard", due_on=LONG_AGO)
    return late


def test_the_list_filters_the_conventions_with_an_overdue_action(client, actions):
    text = client.get("/fr/conventions/", {"late": "true"}).text
    assert "Convention aux actions en retard" in text
    assert "Convention à l'heure" not in text and "Brouillon" not in text


def test_the_api_lists_the_conventions_with_an_overdue_action(actions):
    rows = APIClient().get("/api/v1/conventions/", {"late": "true"}).json()["results"]
    assert [row["slug"] for row in rows] == ["en-retard"]


def test_the_api_filters_overdue_actions(actions):
    overdue = APIClient().get("/api/v1/actions/", {"overdue": "true"}).json()["results"]
    assert [row["title"] for row in overdue] == ["Installer le comité"]
    rest = APIClient().get("/api/v1/actions/", {"overdue": "false"}).json()["results"]
    assert {row["title"] for row in rest} == {"Action faite", "Action à venir"}


def test_the_feed_lists_overdue_actions_of_published_conventions_only(client, actions):
    response = client.get("/fr/conventions/actions-en-retard/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.text
    assert "Installer le comité — Convention aux actions en retard" in text
    assert "Échéance : 1 janvier 2020" in text
    for absent in ("Action faite", "Action à venir", "secrète"):
        assert absent not in text


def test_an_unknown_late_value_is_a_clear_message_not_an_error(client, actions):
    assert client.get("/fr/conventions/", {"late": "peut-etre"}).status_code == 200
    response = APIClient().get("/api/v1/conventions/", {"late": "peut-etre"})
    assert response.status_code == 400 and "late" in response.json()
