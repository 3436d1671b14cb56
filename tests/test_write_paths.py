"""The register's invariants, tried through every path a user has to write:
the admin's change form (as a browser submits it, every field of the page
sent back), the API, and a spreadsheet import row. Each path is an adapter
below; each invariant runs through each path that can express it.

- A partial update keeps every field, and every child, it did not mention.
- A published convention never becomes incomplete.
- History has one row per change, with its user.
- A stale version is refused, and changes nothing.
- After an actor is renamed, search finds its conventions by the new name."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.forms.models import model_to_dict
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conventions.models import Commitment, Convention, FollowUpAction, Measurement, Objective, Party
from core.dates import DatePrecision
from tests import factories as f
from tests.importing.helpers import csv_bytes, row, run

pytestmark = pytest.mark.django_db

PATHS = ["admin", "api", "import"]
IGNORED = {"updated_at", "search_text"}


@pytest.fixture
def publisher():
    user = User.objects.create_user("publisher", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Publisher"))
    return user


@pytest.fixture
def convention():
    """A published convention with every field filled, and children of every kind."""
    convention = f.ConventionFactory(
        title_fr="Convention pour l'intégration locale",
        title_ar="اتفاقية الإدماج المحلي",
        title_en="Local integration agreement",
        summary_fr="Identifier les composants importés.",
        summary_en="Find imported components.",
        reference="CONV-2019-04",
        kind=Convention.Kind.FRAMEWORK,
        status=Convention.Status.IN_EXECUTION,
        text="Article premier…",
        signed_on=datetime.date(2019, 2, 1),
        signed_on_precision=DatePrecision.MONTH,
        signed_on_note="date 2019-02",
        place="Tanger",
        event="8e Salon de l'Automobile de Tanger",
        start_on=datetime.date(2019, 3, 1),
        end_on=datetime.date(2023, 12, 31),
        amount=Decimal("20000000000"),
        currency="EUR",
        scope=Convention.Scope.REGIONAL,
    )
    convention.sectors.add(f.SectorFactory())
    convention.plans.add(f.PlanFactory())
    ministry = f.ActorFactory(name="Ministère de l'Industrie", acronym="MIC")
    party = f.PartyFactory(
        convention=convention,
        actor=ministry,
        representative=f.PersonFactory(name="Ryad Mezzour"),
        representative_title="Ministre",
        note="Signataire pour l'État.",
    )
    f.CommitmentFactory(party=party)
    f.PartyFactory(convention=convention, actor=f.ActorFactory(name="Association automobile", acronym="AMICA"))
    objective = f.ObjectiveFactory(convention=convention)
    f.MeasurementFactory(objective=objective)
    f.FollowUpActionFactory(convention=convention)
    convention.sources.add(f.SourceFactory())
    Convention.objects.filter(pk=convention.pk).refresh_search_text()
    return Convention.objects.get(pk=convention.pk)


def _values(obj) -> dict:
    # An untranslated text is None or "" (modeltranslation leaves None; a form sends ""): the same fact.
    return {k: ("" if v is None else v) for k, v in model_to_dict(obj).items() if k not in IGNORED}


def snapshot(convention) -> dict:
    """Every stored value of the convention and its children, ids included."""
    convention = Convention.objects.get(pk=convention.pk)
    values = _values(convention)
    values["published_at"] = convention.published_at
    values["sources"] = sorted(convention.sources.values_list("pk", flat=True))
    for name, rows in {
        "parties": Party.objects.filter(convention=convention),
        "commitments": Commitment.objects.filter(party__convention=convention),
        "objectives": Objective.objects.filter(convention=convention),
        "measurements": Measurement.objects.filter(objective__convention=convention),
        "actions": FollowUpAction.objects.filter(convention=convention),
    }.items():
        values[name] = [_values(obj) for obj in rows.order_by("pk")]
    return values


# --- The paths ---------------------------------------------------------------


def change_page_data(response) -> dict:
    """What a browser sends back from an admin change page: every field of the
    form and of each inline's existing rows, as shown."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        initial = formset.initial_form_count()
        data.update(
            {
                f"{formset.prefix}-TOTAL_FORMS": str(initial),
                f"{formset.prefix}-INITIAL_FORMS": str(initial),
                f"{formset.prefix}-MIN_NUM_FORMS": "0",
                f"{formset.prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        forms += formset.initial_forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None:
                data[key] = ""
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(getattr(item, "pk", item)) for item in value]
            elif isinstance(value, datetime.date):
                data[key] = value.isoformat()
            else:
                data[key] = str(getattr(value, "pk", value))
    return data


class Admin:
    def __init__(self, client, user):
        client.force_login(user)
        self.client = client

    def url(self, convention):
        return reverse("admin:conventions_convention_change", args=[convention.pk])

    def page(self, convention) -> dict:
        response = self.client.get(self.url(convention))
        assert response.status_code == 200
        return change_page_data(response)

    def update(self, convention, **changes):
        data = self.page(convention)
        data.update(changes)
        return self.client.post(self.url(convention), data)

    def remove_party(self, convention):
        data = self.page(convention)
        data["parties-0-DELETE"] = "on"
        return self.client.post(self.url(convention), data)

    def stale_update(self, convention, **changes):
        data = self.page(convention)
        data.update(changes, loaded_updated_at=(convention.updated_at - datetime.timedelta(minutes=5)).isoformat())
        return self.client.post(self.url(convention), data)

    def rename_actor(self, actor, name):
        url = reverse("admin:actors_actor_change", args=[actor.pk])
        response = self.client.get(url)
        data = change_page_data(response)
        data.update(name_fr=name)
        return self.client.post(url, data)


class Api:
    def __init__(self, client, user):
        self.client = APIClient()
        self.client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

    def url(self, convention):
        return f"/api/v1/conventions/{convention.slug}/"

    def update(self, convention, **changes):
        return self.client.patch(self.url(convention), changes, format="json")

    def remove_party(self, convention):
        party = convention.parties.order_by("position", "pk").first()
        return self.client.patch(self.url(convention), {"parties": [{"id": party.pk, "delete": True}]}, format="json")

    def stale_update(self, convention, **changes):
        stale = (convention.updated_at - datetime.timedelta(minutes=5)).isoformat()
        return self.client.patch(self.url(convention), {**changes, "updated_at": stale}, format="json")

    def rename_actor(self, actor, name):
        return self.client.patch(f"/api/v1/actors/{actor.slug}/", {"name": name}, format="json")


class Import:
    """A spreadsheet row naming the convention by its identifiant."""

    COLUMNS = {"place": "place", "event": "event", "reference": "reference"}

    def __init__(self, client, user):
        self.user = user

    def update(self, convention, **changes):
        report = run(
            csv_bytes([row(slug=convention.slug, **{self.COLUMNS[k]: v for k, v in changes.items()})]),
            dry_run=False,
            user=self.user,
        )
        return report

    def rename_actor(self, actor, name):
        pytest.skip("the actor import matches rows to actors by name: a rename is an admin or API change")


def writer(path, client, user):
    return {"admin": Admin, "api": Api, "import": Import}[path](client, user)


def succeeded(path, response) -> bool:
    if path == "import":
        return response.written
    return response.status_code in (200, 302)


# --- The invariants ------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
def test_a_partial_update_keeps_every_field_and_child_it_did_not_mention(path, client, publisher, convention):
    before = snapshot(convention)
    response = writer(path, client, publisher).update(convention, place="Rabat")
    assert succeeded(path, response), getattr(response, "content", response)
    after = snapshot(convention)
    assert after.pop("place") == "Rabat"
    before.pop("place")
    assert after == before


@pytest.mark.parametrize("path", PATHS)
def test_a_change_is_one_history_row_with_its_user(path, client, publisher, convention):
    rows = convention.history.count()
    response = writer(path, client, publisher).update(convention, place="Rabat")
    assert succeeded(path, response)
    assert convention.history.count() == rows + 1
    latest = convention.history.latest()
    assert (latest.history_user, latest.place) == (publisher, "Rabat")


@pytest.mark.parametrize("path", ["admin", "api"])
def test_a_published_convention_never_becomes_incomplete(path, client, publisher, convention):
    before = snapshot(convention)
    response = writer(path, client, publisher).remove_party(convention)
    if path == "api":
        assert response.status_code == 400
        assert "deux parties" in str(response.json())
    else:
        assert response.status_code in (200, 302)
    assert snapshot(convention) == before
    assert Convention.objects.get(pk=convention.pk).publication_state == Convention.PublicationState.PUBLISHED


@pytest.mark.parametrize("path", ["admin", "api"])
def test_a_stale_version_is_refused_and_changes_nothing(path, client, publisher, convention):
    before = snapshot(convention)
    response = writer(path, client, publisher).stale_update(convention, place="Rabat")
    if path == "api":
        assert response.status_code == 412
    else:
        assert response.status_code == 200  # the form again, with the message
        assert "depuis que vous l" in response.content.decode()
    assert snapshot(convention) == before


@pytest.mark.parametrize("path", ["admin", "api"])
def test_search_finds_a_convention_by_its_actor_s_new_name(
    path, client, publisher, convention, django_capture_on_commit_callbacks
):
    actor = convention.parties.get(actor__acronym="MIC").actor
    with django_capture_on_commit_callbacks(execute=True):
        response = writer(path, client, publisher).rename_actor(actor, "Ministère de l'Économie verte")
    assert response.status_code in (200, 302), getattr(response, "content", b"")[:2000]
    assert list(Convention.objects.search("economie verte").values_list("pk", flat=True)) == [convention.pk]
