import csv
import io

import pytest
from rest_framework.test import APIClient

from conventions.opendata import RESOURCES
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    amica = f.ActorFactory(slug="amica", acronym="AMICA")
    published = f.ConventionFactory(slug="publiee")
    f.CommitmentFactory(party=f.PartyFactory(convention=published, actor=amica))
    f.MeasurementFactory(objective=f.ObjectiveFactory(convention=published))
    f.FollowUpActionFactory(convention=published, responsible=amica)
    f.MandateFactory(actor=amica, person=f.PersonFactory(slug="hakim-abdelmoumen"))
    draft = f.ConventionFactory(slug="brouillon", draft=True)
    secret = f.ActorFactory(slug="secret")
    f.CommitmentFactory(party=f.PartyFactory(convention=draft, actor=secret), description="Engagement secret")
    f.MeasurementFactory(objective=f.ObjectiveFactory(convention=draft, indicator="Indicateur secret"))
    f.FollowUpActionFactory(convention=draft, responsible=secret, title="Action secrète")
    f.MandateFactory(actor=secret, person=f.PersonFactory(slug="personne-secrete"))


def read_csv(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_data_package_describes_every_resource_field_by_field(register):
    package = APIClient().get("/api/v1/datapackage.json").json()
    assert package["profile"] == "tabular-data-package"
    assert {r["name"] for r in package["resources"]} == set(RESOURCES)
    for resource in package["resources"]:
        assert all(field["description"] for field in resource["schema"]["fields"])


@pytest.mark.parametrize("name", list(RESOURCES))
def test_each_resource_matches_its_schema_and_holds_no_draft(register, name):
    api = APIClient()
    package = api.get("/api/v1/datapackage.json").json()
    fields = next(r for r in package["resources"] if r["name"] == name)["schema"]["fields"]
    rows = read_csv(api.get(f"/api/v1/datapackage/{name}.csv"))
    assert rows[0] == [field["name"] for field in fields]
    assert len(rows) > 1
    assert all(len(row) == len(fields) for row in rows)
    text = repr(rows)
    for secret in ("brouillon", "secret", "Engagement secret", "Indicateur secret", "Action secrète"):
        assert secret not in text


def test_an_unknown_resource_is_404():
    assert APIClient().get("/api/v1/datapackage/nope.csv").status_code == 404


def test_popolo_holds_public_actors_people_and_mandates_only(register):
    data = APIClient().get("/api/v1/popolo.json").json()
    assert [o["id"] for o in data["organizations"]] == ["amica"]
    assert [p["id"] for p in data["persons"]] == ["hakim-abdelmoumen"]
    assert data["memberships"] == [
        {
            "person_id": "hakim-abdelmoumen",
            "organization_id": "amica",
            "role": "Président",
            "start_date": None,
            "end_date": None,
        }
    ]
