"""Open-data packaging of the published register.

- A Frictionless data package: `datapackage.json` describing CSV resources
  (conventions, parties, commitments, objectives, measurements, actions,
  actors), each field with a description, and readable labels beside codes.
- Actors, people and mandates as Popolo JSON (organizations, persons,
  memberships).

Everything starts from the published entry points; CSV is streamed.

A resource is read as the list of conventions is exported (exports.py): its
keys first, in the resource's order (one query, 8 bytes a row, which also
gives the row count announced in `X-Total-Count`), then CHUNK_SIZE rows at a
time by key with `values_list` of exactly the columns written, joins
included: `1 + ceil(rows / CHUNK_SIZE)` queries, no model instances, one
piece of CSV a chunk. Translated columns and labels are in the language of
the request, resolved before streaming starts. A failure while streaming is
logged and cuts the response short visibly, as for the list's exports.

Popolo is still built whole in memory (a JsonResponse): at 100 000
conventions, about 5 s and 135 MB for 18 000 actors.
"""

from array import array
from itertools import islice

from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from actors.models import Actor, Mandate, Person
from core.spreadsheets import csv_download
from core.throttling import throttled

from .columns import DATE_PRECISION, OPEN_DATA, stored
from .exports import _among, _translated
from .models import Commitment, Convention, FollowUpAction, Measurement, Objective, Party

# Rows read per query. On PostgreSQL at 100 000 conventions, 1 000 is the
# fastest: at 2 000 the planner trades the commitments' index lookups for a
# scan of every party, per chunk (docs/exports-benchmark.md).
CHUNK_SIZE = 1000


def _date(value):
    return value.isoformat() if value else ""


def _blank(value):
    return "" if value is None else value


def _plain(queryset):
    """Without modeltranslation's per-row fallbacks: the translated columns
    are named per language here, and resolved by `_translated`."""
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def _labels(model, field: str) -> dict:
    """A choice field's labels in the active language, as get_FOO_display()
    gives them (an unknown code stands for itself)."""
    return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


class _Table:
    """A resource's rows: `keys` (a queryset of the rows, in the resource's
    order) read once; then per chunk of keys, `columns` of `model` (the key
    first) through `row`, which turns one tuple of values into the CSV's
    cells."""

    def __init__(self, keys, model, columns, row):
        keys = _plain(keys).values_list("pk", flat=True)
        self.pks = array("q", keys.iterator(chunk_size=CHUNK_SIZE))
        self.model, self.columns, self.row = model, columns, row

    def __len__(self):
        return len(self.pks)

    def chunks(self):
        rows, row = _plain(self.model.objects.order_by()), self.row
        pks = iter(self.pks)
        while chunk := list(islice(pks, CHUNK_SIZE)):
            values = {v[0]: v for v in rows.filter(_among("pk", chunk)).values_list("pk", *self.columns)}
            yield [row(values[pk]) for pk in chunk if pk in values]  # a row deleted meanwhile is left out


def _conventions():
    title_columns, title = _translated(Convention, "title")
    own = stored(OPEN_DATA)
    labels = {column.label_of: _labels(Convention, column.label_of) for column in OPEN_DATA if column.label_of}

    def row(values):
        _pk, slug, *rest = values
        read = {column.field: column.written(value) for column, value in zip(own, rest, strict=False)}
        cells = []
        for column in OPEN_DATA:
            if column.name == "slug":
                cells.append(slug)
            elif column.name == "title":
                cells.append(title(rest[len(own) :]))
            elif column.label_of:
                code = read[column.label_of]
                cells.append(labels[column.label_of].get(code, code))
            else:
                cells.append(read[column.field])
        return cells

    columns = ["slug", *(column.field for column in own), *title_columns]
    return _Table(Convention.objects.published().order_by("pk"), Convention, columns, row)


def _parties():
    name_columns, name = _translated(Actor, "name")
    roles = _labels(Party, "role")

    def row(values):
        _pk, convention, actor, acronym, role, person, person_name, person_title, capacity, *names = values
        return [
            convention,
            actor,
            name(names),
            acronym,
            role,
            roles.get(role, role),
            person_name if person is not None else "",
            person_title,
            capacity if person is not None else "",
        ]

    columns = ["convention__slug", "actor__slug", "actor__acronym", "role", "representative_id", "representative__name"]
    columns += ["representative_title", "representative_capacity", *(f"actor__{c}" for c in name_columns)]
    keys = Party.objects.public().order_by("convention_id", "position", "pk")
    return _Table(keys, Party, columns, row)


def _commitments():
    description_columns, description = _translated(Commitment, "description")

    def row(values):
        _pk, convention, actor, amount, currency, *descriptions = values
        return [convention, actor, description(descriptions), _blank(amount), currency]

    columns = ["party__convention__slug", "party__actor__slug", "amount", "currency", *description_columns]
    keys = Commitment.objects.filter(party__convention__in=Convention.objects.published()).order_by("pk")
    return _Table(keys, Commitment, columns, row)


def _objectives():
    indicator_columns, indicator = _translated(Objective, "indicator")
    label_columns, label = _translated(Objective, "horizon_label")
    split = len(indicator_columns)

    def row(values):
        (pk, convention, plan, component, unit, comparator, baseline, target, horizon_on, precision,
         *translated) = values  # fmt: skip
        return [
            pk,
            _blank(convention),
            _blank(plan),
            _blank(component),
            indicator(translated[:split]),
            unit,
            comparator,
            _blank(baseline),
            target,
            _date(horizon_on),
            precision,
            label(translated[split:]),
        ]

    columns = ["convention__slug", "plan__slug", "component__slug", "unit", "comparator", "baseline_value"]
    columns += ["target_value", "horizon_on", "horizon_on_precision", *indicator_columns, *label_columns]
    return _Table(Objective.objects.public().order_by("pk"), Objective, columns, row)


def _measurements():
    def row(values):
        _pk, objective, value, measured_on, precision, note, source, url = values
        return [objective, value, _date(measured_on), precision, note, url if source is not None else ""]

    columns = ["objective_id", "value", "measured_on", "measured_on_precision", "note", "source_id", "source__url"]
    # The key settles measurements of one objective on the same day (their
    # order was left to the database).
    keys = Measurement.objects.filter(objective__in=Objective.objects.public()).order_by(
        "objective_id", "measured_on", "pk"
    )
    return _Table(keys, Measurement, columns, row)


def _actions():
    title_columns, title = _translated(FollowUpAction, "title")
    states = _labels(FollowUpAction, "state")

    def row(values):
        _pk, convention, responsible, note, due_on, precision, state, completed_on, *titles = values
        return [
            convention,
            title(titles),
            _blank(responsible),
            note,
            _date(due_on),
            precision,
            state,
            states.get(state, state),
            _date(completed_on),
        ]

    columns = ["convention__slug", "responsible__slug", "responsible_note", "due_on", "due_on_precision", "state"]
    columns += ["completed_on", *title_columns]
    return _Table(FollowUpAction.objects.public().order_by("pk"), FollowUpAction, columns, row)


def _actors():
    name_columns, name = _translated(Actor, "name")
    kinds = _labels(Actor, "kind")

    def row(values):
        _pk, slug, acronym, kind, parent_id, parent, country, website, *names = values
        # A parent known only from drafts stays unseen: it is public iff it is one of the rows.
        parent = parent if parent_id in public else None
        return [slug, name(names), acronym, kind, kinds.get(kind, kind), _blank(parent), country, website]

    columns = ["slug", "acronym", "kind", "parent_id", "parent__slug", "country", "website", *name_columns]
    table = _Table(Actor.objects.public().order_by("pk"), Actor, columns, row)
    public = set(table.pks)
    return table


# name -> (rows, [(field, type, description)])
RESOURCES = {
    "conventions": (_conventions, [(column.name, column.type, column.description) for column in OPEN_DATA]),
    "parties": (
        _parties,
        [
            ("convention", "string", "Convention slug"),
            ("actor", "string", "Actor slug"),
            ("actor_name", "string", "Actor name"),
            ("actor_acronym", "string", "Actor acronym"),
            ("role", "string", "Role (code)"),
            ("role_label", "string", "Role (label)"),
            ("representative", "string", "Person who represented the party"),
            ("representative_title", "string", "Title held that day"),
            ("representative_capacity", "string", "signed, or spoke (signature not stated by the source)"),
        ],
    ),
    "commitments": (
        _commitments,
        [
            ("convention", "string", "Convention slug"),
            ("actor", "string", "Committed party (actor slug)"),
            ("description", "string", "What the party commits to"),
            ("amount", "number", "Amount"),
            ("currency", "string", "ISO 4217 currency"),
        ],
    ),
    "objectives": (
        _objectives,
        [
            ("id", "integer", "Objective identifier"),
            ("convention", "string", "Owning convention slug"),
            ("plan", "string", "Owning plan slug"),
            ("component", "string", "Owning plan component slug"),
            ("indicator", "string", "What is measured"),
            ("unit", "string", "Unit"),
            ("comparator", "string", "gte, lte, about or eq; empty when the source does not say"),
            ("baseline", "number", "Baseline value"),
            ("target", "number", "Target value"),
            ("horizon_on", "date", "Horizon, first day of its period"),
            ("horizon_on_precision", "string", DATE_PRECISION),
            ("horizon_label", "string", "Horizon as written"),
        ],
    ),
    "measurements": (
        _measurements,
        [
            ("objective", "integer", "Objective identifier"),
            ("value", "number", "Measured value"),
            ("measured_on", "date", "Date of the measurement"),
            ("measured_on_precision", "string", DATE_PRECISION),
            ("note", "string", "What the measurement covers"),
            ("source_url", "string", "Source address"),
        ],
    ),
    "actions": (
        _actions,
        [
            ("convention", "string", "Convention slug"),
            ("title", "string", "Action"),
            ("responsible", "string", "Responsible actor slug"),
            ("responsible_note", "string", "Responsible as written"),
            ("due_on", "date", "Due date"),
            ("due_on_precision", "string", DATE_PRECISION),
            ("state", "string", "State (code)"),
            ("state_label", "string", "State (label)"),
            ("completed_on", "date", "Completion date"),
        ],
    ),
    "actors": (
        _actors,
        [
            ("slug", "string", "Identifier"),
            ("name", "string", "Current name"),
            ("acronym", "string", "Acronym"),
            ("kind", "string", "Kind (code)"),
            ("kind_label", "string", "Kind (label)"),
            ("parent", "string", "Parent organisation slug"),
            ("country", "string", "ISO 3166-1 country"),
            ("website", "string", "Website"),
        ],
    ),
}


@throttled
def datapackage(request):
    resources = []
    for name, (_rows, fields) in RESOURCES.items():
        resources.append(
            {
                "name": name,
                "path": request.build_absolute_uri(reverse("v1:datapackage-resource", kwargs={"name": name})),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [{"name": f, "type": t, "description": d} for f, t, d in fields]},
            }
        )
    return JsonResponse(
        {
            "profile": "tabular-data-package",
            "name": "shiraka-register",
            "title": _("Shiraka — registre des conventions de partenariat"),
            "licenses": [{"name": "ODC-BY-1.0", "path": "https://opendatacommons.org/licenses/by/1-0/"}],
            "resources": resources,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@throttled
def datapackage_resource(request, name):
    if name not in RESOURCES:
        raise Http404
    table, fields = RESOURCES[name]
    table = table()
    # No byte order mark: these files are for machines (Frictionless readers).
    return csv_download(
        filename=f"shiraka-{name}.csv",
        header=[f for f, _t, _d in fields],
        rows=(row for rows in table.chunks() for row in rows),
        bom=False,
        total=len(table),
    )


@throttled
def popolo(request):
    """Actors, people and mandates in Popolo JSON."""
    actors = list(Actor.objects.public().select_related("parent").prefetch_related("names").order_by("pk"))
    # A parent known only from drafts stays unseen: it is public iff it is listed.
    public = {a.pk for a in actors}
    people = Person.objects.public().order_by("pk")
    mandates = Mandate.objects.filter(actor__in=Actor.objects.public(), person__in=Person.objects.public())
    return JsonResponse(
        {
            "organizations": [
                {
                    "id": a.slug,
                    "name": a.name,
                    "other_names": [{"name": n.name, "note": n.get_kind_display()} for n in a.names.all()]
                    + ([{"name": a.acronym, "note": "acronym"}] if a.acronym else []),
                    "classification": a.kind,
                    "parent_id": a.parent.slug if a.parent_id in public else None,
                    "links": [{"url": a.website}] if a.website else [],
                }
                for a in actors
            ],
            "persons": [{"id": p.slug, "name": p.name, "family_name": p.family_name} for p in people],
            "memberships": [
                {
                    "person_id": m.person.slug,
                    "organization_id": m.actor.slug,
                    "role": m.title,
                    "start_date": _date(m.start_on) or None,
                    "end_date": _date(m.end_on) or None,
                }
                for m in mandates.select_related("person", "actor").order_by("pk")
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
