"""What an API write promises beyond its own fields: a PATCH changes only what
it names, a published convention stays complete, children keep their ids, a
writer can send back what it read, and an editor cannot touch what the public
sees. Each test compares the stored rows before and after."""

import datetime
from decimal import Decimal

import pytest
from rest_framework import serializers
from rest_framework.test import APIClient

from conventions.api_write import ConventionWriteSerializer
from conventions.models import Commitment, Convention, Document, FollowUpAction, Measurement, Objective, Party
from core.dates import DatePrecision
from core.history import translated_fields
from plans.models import Region
from tests import factories as f
from tests.api.test_write import client_for

pytestmark = pytest.mark.django_db

PUBLISHER = ("add_convention", "change_convention", "delete_convention", "publish_convention", "add_measurement")
EDITOR = ("add_convention", "change_convention", "delete_convention", "add_measurement")
# What every write refreshes: not a field a writer sets.
DERIVED = {"updated_at", "search_text"}


# --- Building a fully filled convention ---------------------------------------


def filled_convention(**overrides) -> Convention:
    """A published convention with every field away from its default, two
    parties with commitments, two objectives with measurements, two actions,
    classifications and a source; every citation filled."""
    plan = f.PlanFactory()
    fields = {
        "title_fr": "Convention de partenariat pour l'écosystème automobile",
        "title_ar": "اتفاقية شراكة لمنظومة السيارات",
        "title_en": "Partnership agreement for the automotive ecosystem",
        "summary_fr": "Développer l'intégration locale.",
        "summary_ar": "تطوير الإدماج المحلي.",
        "summary_en": "Develop local integration.",
        "reference": "CP-2022/14",
        "kind": Convention.Kind.FRAMEWORK,
        "status": Convention.Status.IN_EXECUTION,
        "text": "Article premier : objet.",
        "signed_on": datetime.date(2022, 1, 1),
        "signed_on_precision": DatePrecision.MONTH,
        "signed_on_note": "en janvier 2022",
        "place": "Rabat",
        "event": "Assises de l'industrie",
        "start_on": datetime.date(2022, 2, 1),
        "end_on": datetime.date(2026, 12, 31),
        "amount": Decimal("1250000.50"),
        "currency": "EUR",
        "scope": Convention.Scope.REGIONAL,
        **overrides,
    }
    convention = f.ConventionFactory(**fields)
    source = f.SourceFactory()
    convention.sources.add(source)
    convention.sectors.add(f.SectorFactory())
    convention.regions.add(Region.objects.order_by("pk").first())
    convention.plans.add(plan)
    convention.components.add(f.PlanComponentFactory(plan=plan))
    for position, role in enumerate((Party.Role.FINANCIER, Party.Role.BENEFICIARY)):
        party = f.PartyFactory(
            convention=convention,
            role=role,
            position=position,
            name_as_written=f"Partie telle qu'écrite {position}",
            representative=f.PersonFactory(),
            representative_title="Président",
            representative_capacity=Party.RepresentativeCapacity.SIGNED,
            joined_on=datetime.date(2022, 3, 1),
            note=f"Note de la partie {position}",
        )
        f.CommitmentFactory(
            party=party,
            description_fr="Financer la formation.",
            description_en="Fund training.",
            amount=Decimal("300000.00"),
            currency="EUR",
            position=0,
            source=source,
            clause="art. 4",
        )
    for position in range(2):
        objective = f.ObjectiveFactory(
            convention=convention,
            indicator_fr=f"Indicateur {position}",
            indicator_en=f"Indicator {position}",
            unit="emplois",
            comparator=Objective.Comparator.ABOUT,
            baseline_value=Decimal("100.00"),
            baseline_year=2021,
            target_value=Decimal("5000.00"),
            horizon_on=datetime.date(2026, 1, 1),
            horizon_on_precision=DatePrecision.YEAR,
            note_fr="Selon le ministère.",
            position=position,
            source=source,
            page=3,
        )
        f.MeasurementFactory(
            objective=objective,
            value=Decimal("2500.00"),
            measured_on=datetime.date(2024, 6, 1),
            measured_on_precision=DatePrecision.MONTH,
            note="Bilan d'étape",
            source=source,
        )
    for position in range(2):
        f.FollowUpActionFactory(
            convention=convention,
            title_fr=f"Action {position}",
            description_fr="Mandater un cabinet.",
            responsible_note="cabinet non nommé",
            state=FollowUpAction.State.IN_PROGRESS,
            position=position,
            source=source,
        )
    return convention


# --- Comparing what is stored -------------------------------------------------


def row(obj) -> dict:
    """Every stored column of a row but the ones each write refreshes (and
    `title`, which mirrors title_fr, title_ar or title_en: those are compared)."""
    mirrors = set(translated_fields(type(obj)))
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.attname not in DERIVED | mirrors
    }


def rows(queryset) -> list[dict]:
    return [row(obj) for obj in queryset.order_by("pk")]


def snapshot(convention) -> dict:
    """The convention, its classifications, sources and every child, ids included."""
    stored = Convention.objects.get(pk=convention.pk)
    return {
        "convention": row(stored),
        **{
            name: sorted(getattr(stored, name).values_list("pk", flat=True))
            for name in ("sectors", "regions", "plans", "components", "sources")
        },
        "parties": rows(Party.objects.filter(convention=stored)),
        "commitments": rows(Commitment.objects.filter(party__convention=stored)),
        "objectives": rows(Objective.objects.filter(convention=stored)),
        "measurements": rows(Measurement.objects.filter(objective__convention=stored)),
        "actions": rows(FollowUpAction.objects.filter(convention=stored)),
        "documents": rows(Document.objects.filter(convention=stored)),
    }


def changes(before: dict, after: dict) -> list[tuple]:
    """(table, id, column, before, after) for every stored value that differs,
    and the rows that appeared or went: readable when a test fails."""
    found = []
    for table in before.keys() | after.keys():
        old, new = before.get(table), after.get(table)
        if isinstance(old, dict):
            old, new = [old], [new]
        if old and isinstance(old[0], dict):
            old_rows, new_rows = {r["id"]: r for r in old}, {r["id"]: r for r in new}
            for pk in old_rows.keys() | new_rows.keys():
                a, b = old_rows.get(pk, {}), new_rows.get(pk, {})
                found += [(table, pk, k, a.get(k), b.get(k)) for k in a.keys() | b.keys() if a.get(k) != b.get(k)]
        elif old != new:
            found.append((table, None, None, old, new))
    return sorted(found, key=str)


def url(convention) -> str:
    return f"/api/v1/conventions/{convention.slug}/"


# --- A PATCH changes only what it names ---------------------------------------


def scalar_fields() -> list[str]:
    """The convention's own fields a writer sets: not the nested lists, the
    classifications, `translations` (another way to write title_fr…) or the
    version read."""
    fields = ConventionWriteSerializer().fields
    return [
        name
        for name, field in fields.items()
        if not field.read_only
        and not field.write_only
        and not isinstance(field, serializers.BaseSerializer | serializers.ManyRelatedField | serializers.RelatedField)
    ]


def another_value(name: str, field, current):
    """A valid value for `field`, different from `current`, that leaves the
    convention publishable."""
    if name == "currency":
        return "USD"
    if isinstance(field, serializers.ChoiceField):
        return next(c for c in field.choices if c != current and c != DatePrecision.UNKNOWN)
    if isinstance(field, serializers.DecimalField):
        return str(current + 1)
    if isinstance(field, serializers.DateField):
        return current.replace(year=current.year + 1).isoformat()  # still the first of its month
    if isinstance(field, serializers.SlugField):
        return f"{current}-bis"
    if isinstance(field, serializers.CharField):
        return f"{current} (modifié)"[: field.max_length]
    raise AssertionError(f"another_value() does not know {type(field).__name__} ({name}): teach it")


def test_the_scalar_fields_are_derived_from_the_serializer():
    names = scalar_fields()
    assert {"place", "signed_on", "signed_on_precision", "currency", "title_ar"} <= set(names)
    assert not {"parties", "sectors", "translations", "updated_at", "publication_state"} & set(names)


@pytest.mark.parametrize("name", scalar_fields())
def test_a_patch_of_one_field_leaves_every_other_field_as_it_was(name):
    convention = filled_convention()
    field = ConventionWriteSerializer().fields[name]
    value = another_value(name, field, getattr(convention, name))
    before = snapshot(convention)

    response = client_for(*PUBLISHER).patch(url(convention), {name: value}, format="json")

    assert response.status_code == 200, response.json()
    after = snapshot(convention)
    [(_table, _id, column, _old, new)] = changes(before, after)
    assert (column, str(new)) == (name, value)
    assert after["convention"]["publication_state"] == Convention.PublicationState.PUBLISHED


def test_the_filled_convention_has_no_field_at_its_default():
    convention = filled_convention()
    for name in scalar_fields():
        model_field = Convention._meta.get_field(name)
        assert getattr(convention, name) not in (model_field.get_default(), None, ""), name


def test_a_patch_of_one_party_keeps_every_other_child_and_its_id():
    convention = filled_convention()
    party = convention.parties.order_by("position").first()
    before = snapshot(convention)

    response = client_for(*PUBLISHER).patch(
        url(convention), {"parties": [{"id": party.pk, "role": Party.Role.PARTNER}]}, format="json"
    )

    assert response.status_code == 200, response.json()
    after = snapshot(convention)
    assert changes(before, after) == [("parties", party.pk, "role", Party.Role.FINANCIER, Party.Role.PARTNER)]


# --- A published convention stays complete ------------------------------------


def test_a_publisher_patch_leaving_one_party_is_refused_with_what_is_missing():
    convention = filled_convention()
    party = convention.parties.first()
    before = snapshot(convention)

    response = client_for(*PUBLISHER).patch(
        url(convention), {"parties": [{"id": party.pk, "delete": True}]}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"publication_state": ["Il faut au moins deux parties."]}
    assert changes(before, snapshot(convention)) == []


def test_a_publisher_put_leaving_one_party_is_refused_with_what_is_missing():
    convention = filled_convention()
    publisher = client_for(*PUBLISHER)
    read = publisher.get(url(convention)).json()
    read["parties"] = read["parties"][:1]
    before = snapshot(convention)

    response = publisher.put(url(convention), read, format="json")

    assert response.status_code == 400
    assert response.json() == {"publication_state": ["Il faut au moins deux parties."]}
    assert changes(before, snapshot(convention)) == []


def test_a_publisher_patch_removing_the_only_source_is_refused_with_what_is_missing():
    convention = filled_convention()
    before = snapshot(convention)

    response = client_for(*PUBLISHER).patch(url(convention), {"sources": []}, format="json")

    assert response.status_code == 400
    assert response.json() == {"publication_state": ["Il faut au moins une source ou un document."]}
    assert changes(before, snapshot(convention)) == []


# --- Children keep their ids ----------------------------------------------------


def history_types(model, pk) -> list[str]:
    return list(model.history.filter(id=pk).order_by("history_date").values_list("history_type", flat=True))


@pytest.mark.parametrize("method", ["put", "patch"])
def test_objectives_written_with_their_ids_keep_them(method):
    convention = filled_convention()
    publisher = client_for(*PUBLISHER)
    read = publisher.get(url(convention)).json()
    ids = [objective["id"] for objective in read["objectives"]]
    for objective in read["objectives"]:
        objective["target_value"] = "6000.00"
    body = read if method == "put" else {"objectives": read["objectives"], "updated_at": read["updated_at"]}

    response = getattr(publisher, method)(url(convention), body, format="json")

    assert response.status_code == 200, response.json()
    assert [objective["id"] for objective in response.json()["objectives"]] == ids
    assert list(convention.objectives.order_by("pk").values_list("pk", "target_value")) == [
        (pk, Decimal("6000.00")) for pk in ids
    ]
    for pk in ids:
        assert APIClient().get(f"/api/v1/objectives/{pk}/").status_code == 200
        assert history_types(Objective, pk) == ["+", "~"]


# --- Measurements and their sources ---------------------------------------------


def test_a_measurement_is_added_alone_with_its_date_precision_and_source():
    convention = filled_convention()
    objective = convention.objectives.first()
    source = f.SourceFactory()
    body = {"value": "4000", "measured_on": "2025-03-01", "measured_on_precision": "month", "source": source.pk}

    response = client_for(*PUBLISHER).post(f"/api/v1/objectives/{objective.pk}/measurements/", body, format="json")

    assert response.status_code == 201, response.json()
    assert response["Location"].endswith(f"/api/v1/objectives/{objective.pk}/")
    created = response.json()
    assert (created["value"], created["measured_on_precision"], created["source"]) == ("4000.00", "month", source.pk)
    detail = APIClient().get(url(convention)).json()
    read = next(o for o in detail["objectives"] if o["id"] == objective.pk)
    assert {"id": created["id"], "source": source.pk} in [
        {"id": m["id"], "source": m["source"]} for m in read["measurements"]
    ]


def test_a_measurement_source_round_trips_in_a_nested_write():
    convention = filled_convention()
    objective = convention.objectives.first()
    kept = objective.measurements.get()
    other = f.SourceFactory()
    measurements = [
        {"id": kept.pk, "source": other.pk},
        {"value": "3000", "measured_on": "2025-01-01", "measured_on_precision": "year", "source": other.pk},
    ]

    response = client_for(*PUBLISHER).patch(
        url(convention), {"objectives": [{"id": objective.pk, "measurements": measurements}]}, format="json"
    )

    assert response.status_code == 200, response.json()
    read = next(o for o in response.json()["objectives"] if o["id"] == objective.pk)
    assert [m["source"] for m in read["measurements"]] == [other.pk, other.pk]
    assert read["measurements"][0]["id"] == kept.pk
    assert set(objective.measurements.values_list("source", flat=True)) == {other.pk}


# --- What is written is what is read, and what is wrong says where --------------


def test_a_party_note_is_returned_in_the_detail():
    convention = filled_convention()
    party = convention.parties.first()

    response = client_for(*PUBLISHER).patch(
        url(convention), {"parties": [{"id": party.pk, "note": "A rejoint en 2023."}]}, format="json"
    )

    assert response.status_code == 200, response.json()
    read = APIClient().get(url(convention)).json()
    assert next(p for p in read["parties"] if p["id"] == party.pk)["note"] == "A rejoint en 2023."


def test_an_unknown_currency_is_refused_on_the_convention():
    convention = filled_convention()
    before = snapshot(convention)

    response = client_for(*PUBLISHER).patch(url(convention), {"currency": "XYZ"}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["currency"]
    assert changes(before, snapshot(convention)) == []


def test_an_unknown_currency_is_refused_on_a_commitment():
    convention = filled_convention()
    party = convention.parties.order_by("position").last()
    commitment = party.commitments.get()
    before = snapshot(convention)
    body = {"parties": [{"id": party.pk, "commitments": [{"id": commitment.pk, "currency": "XYZ"}]}]}

    response = client_for(*PUBLISHER).patch(url(convention), body, format="json")

    assert response.status_code == 400
    assert list(response.json()["parties"]["0"]["commitments"]["0"]) == ["currency"]
    assert changes(before, snapshot(convention)) == []


def test_an_unknown_child_id_is_refused_at_its_position():
    convention = filled_convention()
    objective = convention.objectives.first()
    before = snapshot(convention)
    body = {"objectives": [{"id": objective.pk, "unit": "postes"}, {"id": 10**9, "unit": "postes"}]}

    response = client_for(*PUBLISHER).patch(url(convention), body, format="json")

    assert response.status_code == 400
    assert list(response.json()["objectives"]) == ["1"]
    assert list(response.json()["objectives"]["1"]) == ["id"]
    assert changes(before, snapshot(convention)) == []


def test_a_nested_error_is_keyed_by_position():
    convention = filled_convention()
    objective = convention.objectives.first()
    before = snapshot(convention)
    body = {"objectives": [{"id": objective.pk}, {"indicator_fr": "Export", "unit": "", "target_value": "1"}]}

    response = client_for(*PUBLISHER).patch(url(convention), body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["objectives"]
    assert list(response.json()["objectives"]) == ["1"]
    assert list(response.json()["objectives"]["1"]) == ["unit"]
    assert changes(before, snapshot(convention)) == []


# --- Drafts are read by writers only ---------------------------------------------


def test_a_writer_reads_back_the_draft_it_created():
    writer = client_for("add_convention", "change_convention")
    f.ActorFactory(slug="cam")
    created = writer.post(
        "/api/v1/conventions/", {"title_fr": "Brouillon", "parties": [{"actor": "cam"}]}, format="json"
    )
    assert created.status_code == 201, created.json()

    response = writer.get(f"/api/v1/conventions/{created.json()['slug']}/")

    assert response.status_code == 200
    assert response.json()["publication_state"] == "draft"
    assert response["Cache-Control"] == "private, no-store"


def test_anonymous_clients_get_404_for_a_draft():
    draft = f.ConventionFactory(draft=True)
    assert APIClient().get(url(draft)).status_code == 404


def test_a_writer_lists_drafts_on_request():
    draft = f.ConventionFactory(draft=True)
    f.ConventionFactory()

    response = client_for("change_convention").get("/api/v1/conventions/", {"publication_state": "draft"})

    assert [c["slug"] for c in response.json()["results"]] == [draft.slug]


def test_anonymous_clients_asking_for_drafts_get_the_published_register():
    f.ConventionFactory(draft=True)
    published = f.ConventionFactory()

    response = APIClient().get("/api/v1/conventions/", {"publication_state": "draft"})

    assert response.status_code == 200
    assert [c["slug"] for c in response.json()["results"]] == [published.slug]


# --- A writer can send back what it read -----------------------------------------


def test_a_writer_puts_back_what_it_read_and_nothing_changes():
    convention = filled_convention()
    publisher = client_for(*PUBLISHER)
    read = publisher.get(url(convention)).json()
    before = snapshot(convention)

    response = publisher.put(url(convention), read, format="json")

    assert response.status_code == 200, response.json()
    assert changes(before, snapshot(convention)) == []


def test_a_writer_patches_back_what_it_read_and_nothing_changes():
    convention = filled_convention()
    publisher = client_for(*PUBLISHER)
    read = publisher.get(url(convention)).json()
    before = snapshot(convention)

    response = publisher.patch(url(convention), read, format="json")

    assert response.status_code == 200, response.json()
    assert changes(before, snapshot(convention)) == []


def test_a_put_that_leaves_out_a_date_precision_keeps_it():
    """PUT keeps a field it does not send, as it keeps `place`: a precision
    left out must not fall back to « unknown », which a date reads as a day."""
    convention = filled_convention()
    publisher = client_for(*PUBLISHER)
    read = publisher.get(url(convention)).json()
    del read["signed_on_precision"]
    for objective in read["objectives"]:
        del objective["horizon_on_precision"]
        for measurement in objective["measurements"]:
            del measurement["measured_on_precision"]
    for action in read["actions"]:
        del action["due_on_precision"]
    before = snapshot(convention)

    response = publisher.put(url(convention), read, format="json")

    assert response.status_code == 200, response.json()
    assert changes(before, snapshot(convention)) == []


def test_a_commitment_edited_in_the_party_it_was_read_in_is_updated_in_place():
    convention = filled_convention()
    publisher = client_for(*PUBLISHER)
    read = publisher.get(url(convention)).json()
    commitment = read["parties"][0]["commitments"][0]
    commitment["amount"] = "450000.00"
    before = snapshot(convention)

    response = publisher.put(url(convention), read, format="json")

    assert response.status_code == 200, response.json()
    assert changes(before, snapshot(convention)) == [
        ("commitments", commitment["id"], "amount", Decimal("300000.00"), Decimal("450000.00"))
    ]


def test_a_draft_read_back_can_be_put_back_unchanged():
    """A draft as an integrator first writes it: few fields, a party without a
    representative, an objective without a measurement."""
    draft = f.ConventionFactory(draft=True, signed_on=None, signed_on_precision=DatePrecision.UNKNOWN)
    f.PartyFactory(convention=draft)
    f.ObjectiveFactory(convention=draft, horizon_on=None, horizon_on_precision=DatePrecision.UNKNOWN)
    writer = client_for("change_convention")
    read = writer.get(url(draft)).json()
    before = snapshot(draft)

    response = writer.put(url(draft), read, format="json")

    assert response.status_code == 200, response.json()
    assert changes(before, snapshot(draft)) == []


# --- An editor does not touch what the public sees --------------------------------


@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_an_editor_cannot_change_a_published_convention(method):
    convention = filled_convention()
    editor = client_for(*EDITOR)
    body = editor.get(url(convention)).json()
    body["place"] = "Tanger"
    before = snapshot(convention)

    response = getattr(editor, method)(url(convention), body, format="json")

    assert response.status_code == 403
    assert changes(before, snapshot(convention)) == []


def test_an_editor_cannot_add_a_measurement_to_a_published_convention():
    convention = filled_convention()
    objective = convention.objectives.first()
    before = snapshot(convention)
    body = {"value": "4000", "measured_on": "2025-03-01", "measured_on_precision": "month"}

    response = client_for(*EDITOR).post(f"/api/v1/objectives/{objective.pk}/measurements/", body, format="json")

    assert response.status_code == 403
    assert changes(before, snapshot(convention)) == []


def test_an_unknown_publication_state_is_a_400():
    response = client_for("change_convention").get("/api/v1/conventions/", {"publication_state": "secret"})

    assert response.status_code == 400
    assert list(response.json()) == ["publication_state"]
