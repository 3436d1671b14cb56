"""Open-data packaging of the published register.

- A Frictionless data package: `datapackage.json` describing CSV resources
  (conventions, parties, commitments, objectives, measurements, actions,
  actors), each field with a description, and readable labels beside codes.
- Actors, people and mandates as Popolo JSON (organizations, persons,
  memberships).

Everything starts from the published entry points; CSV is streamed.
"""

import csv

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from actors.models import Actor, Mandate, Person
from core.spreadsheets import neutralise

from .exports import _Echo
from .models import Commitment, Convention, FollowUpAction, Measurement, Objective, Party


def _date(value):
    return value.isoformat() if value else ""


def _conventions():
    for c in Convention.objects.published().order_by("pk").iterator(chunk_size=1000):
        yield [
            c.slug,
            c.title,
            c.kind,
            c.get_kind_display(),
            c.status,
            c.get_status_display(),
            _date(c.signed_on),
            c.signed_on_precision,
            c.place,
            c.event,
            _date(c.start_on),
            _date(c.end_on),
            c.amount if c.amount is not None else "",
            c.currency,
            c.scope,
            c.published_at.isoformat(),
        ]


def _parties():
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


def _commitments():
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


def _objectives():
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
            _date(o.horizon_on),
            o.horizon_on_precision,
            o.horizon_label,
        ]


def _measurements():
    rows = Measurement.objects.filter(objective__in=Objective.objects.public()).select_related("source")
    for m in rows.order_by("objective_id", "measured_on").iterator(chunk_size=1000):
        yield [
            m.objective_id,
            m.value,
            _date(m.measured_on),
            m.measured_on_precision,
            m.note,
            m.source.url if m.source else "",
        ]


def _actions():
    rows = FollowUpAction.objects.public().select_related("convention", "responsible").order_by("pk")
    for a in rows.iterator(chunk_size=1000):
        yield [
            a.convention.slug,
            a.title,
            a.responsible.slug if a.responsible else "",
            a.responsible_note,
            _date(a.due_on),
            a.due_on_precision,
            a.state,
            a.get_state_display(),
            _date(a.completed_on),
        ]


def _actors():
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


DATE_PRECISION = "day, month, year or unknown: how much of the date the source gives"

# name -> (rows, [(field, type, description)])
RESOURCES = {
    "conventions": (
        _conventions,
        [
            ("slug", "string", "Identifier, also in the page address"),
            ("title", "string", "Title"),
            ("kind", "string", "Kind (code)"),
            ("kind_label", "string", "Kind (label)"),
            ("status", "string", "Status (code)"),
            ("status_label", "string", "Status (label)"),
            ("signed_on", "date", "Signature date, first day of its period"),
            ("signed_on_precision", "string", DATE_PRECISION),
            ("place", "string", "Place of signature"),
            ("event", "string", "Event of the signature"),
            ("start_on", "date", "Start of effect"),
            ("end_on", "date", "End of effect"),
            ("amount", "number", "Committed amount"),
            ("currency", "string", "ISO 4217 currency"),
            ("scope", "string", "national, regional, local or international"),
            ("published_at", "datetime", "When the register published it"),
        ],
    ),
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
            ("comparator", "string", "gte, lte, about or eq"),
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


def datapackage_resource(request, name):
    if name not in RESOURCES:
        raise Http404
    rows, fields = RESOURCES[name]
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([f for f, _t, _d in fields])
        for row in rows():
            yield writer.writerow([neutralise(str(value)) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="shiraka-{name}.csv"'
    return response


def popolo(request):
    """Actors, people and mandates in Popolo JSON."""
    actors = Actor.objects.public().select_related("parent").prefetch_related("names").order_by("pk")
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
                    "parent_id": a.parent.slug if a.parent else None,
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
