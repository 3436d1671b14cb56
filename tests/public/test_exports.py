"""The list's downloads (CSV, JSON, XLSX; pages and API) and the open-data
CSV resources: the same bytes as the model-instance implementations they
replaced (kept below as references), a fixed number of queries per chunk, a
row count announced up front, and a failure while streaming that reaches the
client instead of a short file. Figures: docs/exports-benchmark.md."""

import csv
import io
import json
import logging
from datetime import date

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import translation
from openpyxl import load_workbook

from actors.models import Actor
from conventions import exports, opendata
from conventions.filters import ConventionFilterSet
from conventions.models import Commitment, Convention, FollowUpAction, Measurement, Objective, Party
from core import spreadsheets
from core.dates import DatePrecision
from core.spreadsheets import neutralise
from tests import factories as f

pytestmark = pytest.mark.django_db


# --- the implementation before the rewrite, kept only as the reference --------
# (conventions/exports.py until the export was rewritten over values_list: one
# model instance per convention, its relations prefetched.)


def _reference_row(convention, request) -> dict:
    return {
        "slug": convention.slug,
        "title": convention.title,
        "kind": convention.kind,
        "status": convention.status,
        "signed_on": convention.signed_on.isoformat() if convention.signed_on else None,
        "signed_on_precision": convention.signed_on_precision,
        "place": convention.place,
        "event": convention.event,
        "start_on": convention.start_on.isoformat() if convention.start_on else None,
        "end_on": convention.end_on.isoformat() if convention.end_on else None,
        "amount": str(convention.amount) if convention.amount is not None else None,
        "currency": convention.currency,
        "scope": convention.scope,
        "parties": [
            {"actor": p.actor.slug, "name": p.actor.name, "acronym": p.actor.acronym, "role": p.role}
            for p in convention.parties.all()
        ],
        "sectors": [s.slug for s in convention.sectors.all()],
        "regions": [r.slug for r in convention.regions.all()],
        "plans": [p.slug for p in convention.plans.all()],
        "url": request.build_absolute_uri(convention.get_absolute_url()),
        "updated_at": convention.updated_at.isoformat(),
    }


def _reference_rows(queryset, request):
    queryset = queryset.prefetch_related("parties__actor", "sectors", "regions", "plans")
    for convention in queryset.iterator(chunk_size=500):
        yield _reference_row(convention, request)


class _Echo:
    def write(self, value):
        return value


def _reference_flat(row: dict) -> list[str]:
    parties = "; ".join(f"{p['acronym'] or p['name']} ({p['role']})" for p in row["parties"])
    values = {**row, "parties": parties}
    for key in ("sectors", "regions", "plans"):
        values[key] = "; ".join(row[key])
    return [neutralise("" if values[f] is None else str(values[f])) for f in exports.FIELDS]


def reference_csv(queryset, request) -> bytes:
    writer = csv.writer(_Echo())
    lines = ["\ufeff", writer.writerow(exports.FIELDS)]
    lines += [writer.writerow(_reference_flat(row)) for row in _reference_rows(queryset, request)]
    return "".join(lines).encode()


def reference_json(queryset, request) -> bytes:
    pieces = ["["]
    for index, row in enumerate(_reference_rows(queryset, request)):
        pieces.append(("," if index else "") + json.dumps(row, ensure_ascii=False))
    pieces.append("]")
    return "".join(pieces).encode()


def reference_xlsx_rows(queryset, request) -> list[tuple]:
    return [tuple(exports.FIELDS)] + [tuple(_reference_flat(row)) for row in _reference_rows(queryset, request)]


# --- the open-data resources before the rewrite, kept only as the reference -----
# (conventions/opendata.py until it was rewritten over values_list: one model
# instance, or three with select_related, per row; ordered as below.)


def _od_date(value):
    return value.isoformat() if value else ""


def _reference_od_conventions():
    for c in Convention.objects.published().order_by("pk").iterator(chunk_size=1000):
        yield [
            c.slug,
            c.title,
            c.kind,
            c.get_kind_display(),
            c.status,
            c.get_status_display(),
            _od_date(c.signed_on),
            c.signed_on_precision,
            c.place,
            c.event,
            _od_date(c.start_on),
            _od_date(c.end_on),
            c.amount if c.amount is not None else "",
            c.currency,
            c.scope,
            c.published_at.isoformat(),
        ]


def _reference_od_parties():
    rows = (
        Party.objects.filter(convention__in=Convention.objects.published())
        .select_related("convention", "actor", "representative")
        .order_by("convention_id", "position", "pk")
    )
    for p in rows.iterator(chunk_size=1000):
        yield [
            p.convention.slug,
            p.actor.slug,
            p.actor.name,
            p.actor.acronym,
            p.role,
            p.get_role_display(),
            p.representative.name if p.representative else "",
            p.representative_title,
            p.representative_capacity if p.representative_id else "",
        ]


def _reference_od_commitments():
    rows = (
        Commitment.objects.filter(party__convention__in=Convention.objects.published())
        .select_related("party__convention", "party__actor")
        .order_by("pk")
    )
    for c in rows.iterator(chunk_size=1000):
        yield [
            c.party.convention.slug,
            c.party.actor.slug,
            c.description,
            c.amount if c.amount is not None else "",
            c.currency,
        ]


def _reference_od_objectives():
    rows = Objective.objects.public().select_related("convention", "plan", "component").order_by("pk")
    for o in rows.iterator(chunk_size=1000):
        yield [
            o.pk,
            o.convention.slug if o.convention else "",
            o.plan.slug if o.plan else "",
            o.component.slug if o.component else "",
            o.indicator,
            o.unit,
            o.comparator,
            o.baseline_value if o.baseline_value is not None else "",
            o.target_value,
            _od_date(o.horizon_on),
            o.horizon_on_precision,
            o.horizon_label,
        ]


def _reference_od_measurements():
    rows = Measurement.objects.filter(objective__in=Objective.objects.public()).select_related("source")
    for m in rows.order_by("objective_id", "measured_on").iterator(chunk_size=1000):
        yield [
            m.objective_id,
            m.value,
            _od_date(m.measured_on),
            m.measured_on_precision,
            m.note,
            m.source.url if m.source else "",
        ]


def _reference_od_actions():
    rows = FollowUpAction.objects.public().select_related("convention", "responsible").order_by("pk")
    for a in rows.iterator(chunk_size=1000):
        yield [
            a.convention.slug,
            a.title,
            a.responsible.slug if a.responsible else "",
            a.responsible_note,
            _od_date(a.due_on),
            a.due_on_precision,
            a.state,
            a.get_state_display(),
            _od_date(a.completed_on),
        ]


def _reference_od_actors():
    for a in Actor.objects.public().select_related("parent").order_by("pk").iterator(chunk_size=1000):
        yield [
            a.slug,
            a.name,
            a.acronym,
            a.kind,
            a.get_kind_display(),
            a.parent.slug if a.parent else "",
            a.country,
            a.website,
        ]


REFERENCE_OPEN_DATA = {
    "conventions": _reference_od_conventions,
    "parties": _reference_od_parties,
    "commitments": _reference_od_commitments,
    "objectives": _reference_od_objectives,
    "measurements": _reference_od_measurements,
    "actions": _reference_od_actions,
    "actors": _reference_od_actors,
}


def reference_open_data_csv(name) -> bytes:
    writer = csv.writer(_Echo())
    lines = [writer.writerow([f for f, _t, _d in opendata.RESOURCES[name][1]])]
    lines += [writer.writerow([neutralise(str(value)) for value in row]) for row in REFERENCE_OPEN_DATA[name]()]
    return "".join(lines).encode()


# --- data ----------------------------------------------------------------------


@pytest.fixture
def register():
    """The demo register (translated titles, names, sectors and plans), and
    conventions built to probe the edges: no English title (French fallback),
    an empty English title, a formula-like title, no date and no amount, ties
    on the date and on the title, a draft, sectors ordered differently in
    French and in English or without an English name, a plan without a year,
    actors without an acronym or without an English name."""
    call_command("load_demo", stdout=io.StringIO())
    twin_a = _translated(f.SectorFactory(slug="zz-twin-a"), name_fr="Jumeau A", name_en="Twin B")
    twin_b = _translated(f.SectorFactory(slug="aa-twin-b"), name_fr="Jumeau B", name_en="Twin A")
    untranslated = _translated(f.SectorFactory(slug="sans-anglais"), name_fr="Sans anglais", name_en=None)
    plan = _translated(f.PlanFactory(slug="plan-sans-annee", start_year=None), name_fr="Plan", name_en=None)
    region = f.RegionFactory(slug="region-test", code="MA-99")
    actors = [
        _translated(f.ActorFactory(slug="sans-sigle", acronym=""), name_fr="Acteur sans sigle", name_en=None),
        _translated(f.ActorFactory(slug="avec-anglais", acronym=""), name_fr="Acteur", name_en="Actor"),
        _translated(f.ActorFactory(slug="sigle", acronym="SGL"), name_fr="Avec sigle", name_en=""),
    ]
    specs = [
        {"title_fr": "Sans titre anglais", "title_en": None, "signed_on": date(2020, 1, 1)},
        {"title_fr": "Titre anglais vide", "title_en": "", "signed_on": date(2020, 1, 1)},
        {"title_fr": '=HYPERLINK("http://evil")', "title_en": "+cmd", "signed_on": None, "amount": None},
        {"title_fr": "Même date, A", "title_en": "Same date, Z", "signed_on": date(2019, 6, 1), "amount": "1250000.50"},
        {"title_fr": "Même date, Z", "title_en": "Same date, A", "signed_on": date(2019, 6, 1), "place": "Tanger"},
        {"title_fr": "Jumelle", "title_en": "Twin", "signed_on": None, "start_on": date(2024, 1, 1)},
        {"title_fr": "Jumelle", "title_en": "Twin", "signed_on": None, "end_on": date(2030, 12, 31)},
    ]
    for index, spec in enumerate(specs):
        translations = {key: spec.pop(key) for key in ("title_fr", "title_en")}
        if spec["signed_on"] is None:
            spec["signed_on_precision"] = DatePrecision.UNKNOWN
        convention = _translated(f.ConventionFactory(slug=f"bord-{index}", **spec), **translations)
        for position, actor in enumerate(actors[: index % 4]):
            f.PartyFactory(convention=convention, actor=actor, position=position, role="partner")
        convention.sectors.set([twin_a, twin_b, untranslated][: index % 4])
        if index % 2:
            convention.plans.add(plan)
            convention.regions.add(region)
    f.ConventionFactory(slug="brouillon", title="Brouillon", draft=True)


def _translated(instance, **columns):
    """Set translation columns as stored, whatever the factory's language."""
    type(instance).objects.filter(pk=instance.pk).update(**columns)
    instance.refresh_from_db()
    return instance


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


SELECTIONS = [
    {},
    {"sort": "title"},
    {"sector": "industrie-automobile"},
    {"q": "automobile"},
    {"sector": "zz-twin-a", "sort": "title"},
]


def _reference_selection(params):
    return ConventionFilterSet(params or None, queryset=Convention.objects.published()).qs


# --- the same bytes as before ------------------------------------------------------


@pytest.mark.parametrize("chunk_size", [2, 2000])
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("params", SELECTIONS)
def test_csv_and_json_are_byte_for_byte_what_the_prefetching_export_wrote(
    client, register, monkeypatch, language, params, chunk_size
):
    monkeypatch.setattr(exports, "CHUNK_SIZE", chunk_size)
    for extension, reference in (("csv", reference_csv), ("json", reference_json)):
        response = client.get(f"/{language}/conventions/export.{extension}", params)
        body = _body(response)
        with translation.override(language):
            expected = reference(_reference_selection(params), response.wsgi_request)
        assert body == expected, (extension, language, params)
    # Not vacuous: the selection holds rows.
    assert len(json.loads(body)) == int(response["X-Total-Count"]) > 0


@pytest.mark.parametrize("params", SELECTIONS)
def test_in_arabic_only_the_order_of_untranslated_relations_may_differ(client, register, params):
    """Arabic falls back to French for titles and names, but sectors and
    plans are sorted on their Arabic name, which none has: the old order of
    those ties was the database's whim (SQLite and PostgreSQL disagreed), the
    new one is by key. Everything else is byte for byte."""

    def normalised(body: bytes) -> list[dict]:
        rows = json.loads(body)
        for row in rows:
            row["sectors"].sort()
            row["plans"].sort()
        return rows

    response = client.get("/ar/conventions/export.json", params)
    body = _body(response)
    with translation.override("ar"):
        expected = reference_json(_reference_selection(params), response.wsgi_request)
    assert normalised(body) == normalised(expected) != []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_api_downloads_are_byte_for_byte_what_they_were(client, register, language):
    for extension, reference in (("csv", reference_csv), ("json", reference_json)):
        response = client.get(
            f"/api/v1/conventions/export.{extension}", {"sort": "title"}, HTTP_ACCEPT_LANGUAGE=language
        )
        body = _body(response)
        with translation.override(language):
            expected = reference(_reference_selection({"sort": "title"}), response.wsgi_request)
        assert body == expected
        assert language == "fr" or "Partnership agreement" in body.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_xlsx_cells_are_what_they_were(client, register, monkeypatch, language):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 3)
    response = client.get(f"/{language}/conventions/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content), read_only=True).active.iter_rows(values_only=True))
    with translation.override(language):
        expected = reference_xlsx_rows(_reference_selection({}), response.wsgi_request)
    # openpyxl reads an empty string cell back as None.
    assert rows == [tuple(cell or None for cell in row) for row in expected]
    assert response["X-Total-Count"] == str(len(expected) - 1)


def test_the_translated_columns_fall_back_to_french(client, register):
    rows = json.loads(_body(client.get("/en/conventions/export.json", {"sort": "title"})))
    by_slug = {row["slug"]: row for row in rows}
    assert by_slug["bord-0"]["title"] == "Sans titre anglais"  # NULL in English
    assert by_slug["bord-1"]["title"] == "Titre anglais vide"  # empty in English
    assert by_slug["bord-3"]["title"] == "Same date, Z"
    assert [p["name"] for p in by_slug["bord-3"]["parties"]] == ["Acteur sans sigle", "Actor", "Avec sigle"]
    assert by_slug["bord-3"]["url"] == "http://testserver/en/conventions/bord-3/"


def test_relations_of_the_same_name_are_listed_by_key(client):
    """Sectors (or plans) sharing a name were listed in whatever order the
    database's sort gave (it differed between SQLite and PostgreSQL); they
    now come in the order they were created."""
    convention = f.ConventionFactory()
    first, second, third = (f.SectorFactory(name="Même nom", slug=slug) for slug in ("zz", "mm", "aa"))
    convention.sectors.set([third, first, second])
    rows = json.loads(_body(client.get("/fr/conventions/export.json")))
    assert rows[0]["sectors"] == ["zz", "mm", "aa"]


# --- never silently short ------------------------------------------------------------


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_the_row_count_is_announced_before_the_body(client, register, extension):
    response = client.get(f"/fr/conventions/export.{extension}", {"sector": "industrie-automobile"})
    expected = _reference_selection({"sector": "industrie-automobile"}).count()
    assert response["X-Total-Count"] == str(expected)
    body = _body(response).decode().lstrip("\ufeff")
    rows = json.loads(body) if extension == "json" else list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == expected > 0


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_a_failure_while_streaming_propagates_and_is_logged(client, register, monkeypatch, caplog, extension):
    """Past the headers nothing can turn into a 500: the exception must leave
    the response's iterator, so the server drops the connection without the
    chunked encoding's last chunk, and the client reports an error."""
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    monkeypatch.setattr(spreadsheets.writing, "CSV_PIECE_ROWS", 2)
    real_chunk = exports._Export.rows
    calls = []

    def failing_chunk(self, pks):
        calls.append(pks)
        if len(calls) == 2:
            raise DatabaseError("connection lost")
        return real_chunk(self, pks)

    monkeypatch.setattr(exports._Export, "rows", failing_chunk)
    response = client.get(f"/fr/conventions/export.{extension}")
    assert response.status_code == 200 and int(response["X-Total-Count"]) > 4
    received = []
    with caplog.at_level(logging.ERROR, logger="core.spreadsheets"), pytest.raises(DatabaseError):
        for piece in response.streaming_content:
            received.append(piece)
    assert received, "the first chunk was sent before the failure"
    assert [r.exc_info[0] for r in caplog.records if r.name == "core.spreadsheets"] == [DatabaseError]
    if extension == "json":
        assert not b"".join(received).endswith(b"]")


def test_a_convention_deleted_while_streaming_is_left_out_not_an_error(client, register, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    response = client.get("/fr/conventions/export.json")
    iterator = iter(response.streaming_content)
    first = next(iterator) + next(iterator)  # "[" and the first chunk
    Convention.objects.filter(slug="bord-6").delete()
    rows = json.loads(first + b"".join(iterator))
    assert "bord-6" not in {row["slug"] for row in rows}
    assert len(rows) == int(response["X-Total-Count"]) - 1


# --- queries ------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("conventions", [0, 6, 15])
def test_queries_are_one_plus_five_per_chunk(client, django_assert_num_queries, monkeypatch, extension, conventions):
    """The keys (1), then per chunk: conventions, parties with their actors,
    sectors, regions, plans (5). 6 conventions are 2 chunks of 3, 15 are 5."""
    monkeypatch.setattr(exports, "CHUNK_SIZE", 3)
    sector, region, plan = f.SectorFactory(), f.RegionFactory(), f.PlanFactory()
    for _ in range(conventions):
        party = f.PartyFactory()
        party.convention.sectors.add(sector)
        party.convention.regions.add(region)
        party.convention.plans.add(plan)
    chunks = -(-conventions // 3)
    with django_assert_num_queries(1 + 5 * chunks):
        response = client.get(f"/fr/conventions/export.{extension}")
        body = response.content if extension == "xlsx" else _body(response)
    assert response["X-Total-Count"] == str(conventions)
    if extension == "json":
        rows = json.loads(body)
        assert len(rows) == conventions and all(len(row["parties"]) == 1 for row in rows)
    assert Party.objects.count() == conventions


# --- the open-data resources -----------------------------------------------------------------


@pytest.fixture
def open_register(register):
    """The register above, plus what the open-data resources tell apart:
    commitments without an amount or an English description, an objective of
    a plan (no convention), one with an English indicator, measurements with
    and without a source, an action without a responsible, a party with a
    representative, an actor with a parent, and a draft's rows."""
    published = Convention.objects.get(slug="bord-3")
    draft = Convention.objects.get(slug="brouillon")
    party = Party.objects.filter(convention=published).first()
    _translated(f.CommitmentFactory(party=party, amount=None), description_fr="Sans montant", description_en=None)
    _translated(f.CommitmentFactory(party=party, amount="10.50"), description_fr="Appui", description_en="Support")
    f.CommitmentFactory(party=f.PartyFactory(convention=draft), description="Engagement secret")
    plan_objective = f.ObjectiveFactory(convention=None, plan=f.PlanFactory(slug="plan-objectif"), baseline_value=3)
    objective = _translated(f.ObjectiveFactory(convention=published), indicator_fr="Emplois", indicator_en="Jobs")
    f.MeasurementFactory(objective=objective, source=f.SourceFactory(), note="=1+1", measured_on=date(2020, 3, 1))
    f.MeasurementFactory(objective=objective, measured_on=date(2019, 1, 1))
    f.MeasurementFactory(objective=plan_objective)
    f.MeasurementFactory(objective=f.ObjectiveFactory(convention=draft, indicator="Indicateur secret"))
    f.FollowUpActionFactory(convention=published, responsible=None, responsible_note="La région")
    f.FollowUpActionFactory(convention=draft, title="Action secrète")
    Party.objects.filter(pk=party.pk).update(representative=f.PersonFactory(), representative_title="Président")
    Actor.objects.filter(slug="sigle").update(parent=Actor.objects.get(slug="sans-sigle"))


@pytest.mark.parametrize("chunk_size", [3, 2000])
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", list(opendata.RESOURCES))
def test_open_data_resources_are_byte_for_byte_what_they_were(
    client, open_register, monkeypatch, language, name, chunk_size
):
    monkeypatch.setattr(opendata, "CHUNK_SIZE", chunk_size)
    response = client.get(f"/api/v1/datapackage/{name}.csv", HTTP_ACCEPT_LANGUAGE=language)
    body = _body(response)
    with translation.override(language):
        expected = reference_open_data_csv(name)
    assert body == expected
    assert int(response["X-Total-Count"]) == body.count(b"\r\n") - 1 > 0  # no cell holds a line break here
    assert b"secret" not in body.lower()


def test_open_data_resources_say_what_their_translated_columns_hold(client, open_register):
    text = _body(client.get("/api/v1/datapackage/commitments.csv", HTTP_ACCEPT_LANGUAGE="en")).decode()
    assert ",Support,10.50," in text and ",Sans montant,," in text
    text = _body(client.get("/api/v1/datapackage/measurements.csv")).decode()
    assert "'=1+1" in text


@pytest.mark.parametrize("rows", [0, 5, 7])
def test_open_data_queries_are_one_plus_one_per_chunk(client, django_assert_num_queries, monkeypatch, rows):
    """The keys (1), then one query per chunk, joins included: 5 rows are 2
    chunks of 3, 7 are 3."""
    monkeypatch.setattr(opendata, "CHUNK_SIZE", 3)
    for _ in range(rows):
        f.CommitmentFactory()
    with django_assert_num_queries(1 + -(-rows // 3)):
        response = client.get("/api/v1/datapackage/commitments.csv")
        body = _body(response)
    assert response["X-Total-Count"] == str(rows) and body.count(b"\r\n") == rows + 1
    assert Commitment.objects.count() == rows


def test_an_open_data_failure_while_streaming_propagates(client, open_register, monkeypatch, caplog):
    monkeypatch.setattr(opendata, "CHUNK_SIZE", 2)
    monkeypatch.setattr(spreadsheets.writing, "CSV_PIECE_ROWS", 2)
    real_among, calls = opendata._among, []

    def failing_among(column, pks):
        calls.append(pks)
        if len(calls) == 2:
            raise DatabaseError("connection lost")
        return real_among(column, pks)

    monkeypatch.setattr(opendata, "_among", failing_among)
    response = client.get("/api/v1/datapackage/actions.csv")
    assert int(response["X-Total-Count"]) > 4
    received = []
    with caplog.at_level(logging.ERROR, logger="core.spreadsheets"), pytest.raises(DatabaseError):
        for piece in response.streaming_content:
            received.append(piece)
    assert len(received) == 2  # the header, the first chunk
    assert [r.exc_info[0] for r in caplog.records if r.name == "core.spreadsheets"] == [DatabaseError]
