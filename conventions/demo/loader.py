"""Load the demo register (`conventions.demo.data`) into the database.

Idempotent: every record is found by a natural key and updated in place, so
a second run changes nothing and keeps primary keys. The keys: slugs for
actors, people, sectors, plans and conventions; (plan, slug) for components;
the title for sources (the articles have no address); (actor, name) for other
names; (person, actor, French title) for mandates; (plan, French indicator)
for plan objectives; (objective, date, precision) for measurements.

The children of a demo convention (its parties with their commitments, its
objectives with their measurements, its actions) belong to the demo: they
are matched by actor or by position, and any other child of that convention
is deleted. Plans, actors and people may have been enriched by hand: their
extra components, names, mandates and objectives are left alone.

Every object goes through full_clean() before it is saved, so the demo data
also proves the validation rules. The whole load is one transaction, ending
with the demo conventions' search text rebuilt.
"""

import importlib
from decimal import Decimal
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import translation

from actors.models import Actor, ActorName, Mandate, Person
from conventions import services
from conventions.models import Commitment, Convention, FollowUpAction, Measurement, Objective, Party, Source
from core.dates import DatePrecision, parse_partial
from plans.models import Plan, PlanComponent, Region, Sector

from . import data as demo_data

DEMO = "Données de démonstration (articles de presse)."
ARTICLES = Path(__file__).resolve().parent / "articles"

COUNTED = [
    Actor,
    ActorName,
    Person,
    Mandate,
    Sector,
    Plan,
    PlanComponent,
    Source,
    Convention,
    Party,
    Commitment,
    Objective,
    Measurement,
    FollowUpAction,
]


def translated(field: str, value: str | dict | None) -> dict:
    """{'name_fr': …, 'name_ar': …} from a French string or a {language: text} dict."""
    if value is None:
        return {}
    if isinstance(value, str):
        value = {"fr": value}
    return {f"{field}_{language}": text for language, text in value.items()}


def money(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def upsert(model, lookup: dict, values: dict, save=None):
    """Find by `lookup` or start a new object, set `values`, validate, save
    (with `save(obj)` when given: the service layer's write)."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    if save is None:
        obj.save()
    else:
        save(obj)
    return obj


class Loader:
    def __init__(self, data=demo_data):
        self.data = data
        self.sectors: dict[str, Sector] = {}
        self.actors: dict[str, Actor] = {}
        self.people: dict[str, Person] = {}
        self.sources: dict[str, Source] = {}
        self.plans: dict[str, Plan] = {}
        self.components: dict[tuple[str, str], PlanComponent] = {}
        self.conventions: dict[str, Convention] = {}

    def run(self) -> list[tuple[str, int]]:
        with translation.override("fr"), transaction.atomic():
            for row in self.data.SECTORS:
                self.load_sector(row)
            for row in self.data.ACTORS:
                self.load_actor(row)
            for row in self.data.PEOPLE:
                self.load_person(row)
            for row in self.data.SOURCES:
                self.load_source(row)
            for row in self.data.PLANS:
                self.load_plan(row)
            for row in self.data.CONVENTIONS:
                self.load_convention(row)
            for row in self.data.SOURCES:
                self.link_source(row)
            self.publish()
            return [(str(model._meta.verbose_name_plural), model.objects.count()) for model in COUNTED]

    # --- reference data ---------------------------------------------------

    def load_sector(self, row):
        self.sectors[row["slug"]] = upsert(
            Sector,
            {"slug": row["slug"]},
            {**translated("name", row["name"]), "parent": self.sectors.get(row.get("parent"))},
        )

    def load_actor(self, row):
        actor = upsert(
            Actor,
            {"slug": row["slug"]},
            {
                **translated("name", row["name"]),
                **translated("description", row.get("description", "")),
                "acronym": row.get("acronym", ""),
                "kind": row["kind"],
                "parent": self.actors.get(row.get("parent")),
            },
        )
        self.actors[row["slug"]] = actor
        for other in row.get("names", []):
            attested_on, precision = parse_partial(other.get("attested"))
            upsert(
                ActorName,
                {"actor": actor, "name": other["name"]},
                {
                    "kind": other["kind"],
                    "acronym": other.get("acronym", ""),
                    "attested_on": attested_on,
                    "attested_on_precision": precision,
                    "note": other.get("note", ""),
                },
            )

    def load_person(self, row):
        person = upsert(Person, {"slug": row["slug"]}, {"name": row["name"], "family_name": row["name"].split()[-1]})
        self.people[row["slug"]] = person
        for mandate in row["mandates"]:
            title = mandate["title"]
            attested_on, precision = parse_partial(mandate.get("attested"))
            upsert(
                Mandate,
                {"person": person, "actor": self.actors[mandate["actor"]], "title_fr": title["fr"]},
                {
                    **translated("title", title),
                    "attested_on": attested_on,
                    "attested_on_precision": precision,
                    "note": mandate.get("note", ""),
                },
            )

    def load_source(self, row):
        published_on, precision = parse_partial(row.get("published"))
        self.sources[row["key"]] = upsert(
            Source,
            {"title": row["title"]},
            {
                "kind": row["kind"],
                "outlet": row.get("outlet", ""),
                "author": row.get("author", ""),
                "published_on": published_on,
                "published_on_precision": precision,
                "language": "fr",
                "quote": row["quote"],
                "text": (ARTICLES / row["article"]).read_text(encoding="utf-8"),
            },
        )

    def link_source(self, row):
        source = self.sources[row["key"]]
        before = list(source.conventions.all())
        source.conventions.set([self.conventions[slug] for slug in row["conventions"]])
        services.source_links_changed(source=source, user=None, before=before)
        source.plans.set([self.plans[slug] for slug in row["plans"]])

    @staticmethod
    def region(code: str | None) -> Region | None:
        if code is None:
            return None
        if not Region.objects.filter(code=code).exists():
            restore_shipped_regions()
        try:
            return Region.objects.get(code=code)
        except Region.DoesNotExist:
            raise CommandError(f"Région {code} absente : lancez d'abord « manage.py migrate ».") from None

    # --- plans ------------------------------------------------------------

    def load_plan(self, row):
        plan = upsert(
            Plan,
            {"slug": row["slug"]},
            {
                **translated("name", row["name"]),
                **translated("short_name", row.get("short_name", "")),
                **translated("summary", row.get("summary", "")),
                "kind": row["kind"],
                "start_year": row.get("start_year"),
                "end_year": row.get("end_year"),
                "predecessor": self.plans.get(row.get("predecessor")),
            },
        )
        self.plans[row["slug"]] = plan
        plan.sectors.set([self.sectors[slug] for slug in row.get("sectors", [])])
        for component in row.get("components", []):
            self.components[(row["slug"], component["slug"])] = upsert(
                PlanComponent,
                {"plan": plan, "slug": component["slug"]},
                {
                    **translated("name", component["name"]),
                    **translated("description", component.get("description", "")),
                    "kind": component["kind"],
                    "position": component["position"],
                    "parent": self.components.get((row["slug"], component.get("parent"))),
                    "region": self.region(component.get("region")),
                    "location": component.get("location", ""),
                    "amount": money(component.get("amount")),
                    "currency": "MAD",
                },
            )
        for position, objective in enumerate(row.get("objectives", []), start=1):
            obj = upsert(
                Objective,
                {"plan": plan, "indicator_fr": objective["indicator"]},
                self.objective_values(objective, position, default_source=None),
                save=lambda objective: services.child_save(obj=objective, user=None, reason=DEMO),
            )
            self.load_plan_measurements(obj, objective)

    def objective_values(self, row, position: int, default_source: str | None) -> dict:
        horizon_on, precision = parse_partial(row.get("horizon"))
        return {
            **translated("indicator", row["indicator"]),
            **translated("horizon_label", row.get("horizon_label", "")),
            **translated("note", row.get("note", "")),
            "unit": row["unit"],
            "comparator": row["comparator"],
            "baseline_value": money(row.get("baseline")),
            "baseline_year": row.get("baseline_year"),
            "target_value": money(row["target"]),
            "horizon_on": horizon_on,
            "horizon_on_precision": precision,
            "position": position,
            "source": self.sources[row.get("source", default_source)],
        }

    def measurement_items(self, objective: Objective | None, row) -> list[dict]:
        """A demo objective's measurements, matched to the stored ones by date."""
        stored = {}
        if objective is not None:
            stored = {(m.measured_on, m.measured_on_precision): m.pk for m in objective.measurements.all()}
        items = []
        for measurement in row.get("measurements", []):
            measured_on, precision = parse_partial(measurement["on"])
            items.append(
                {
                    "id": stored.get((measured_on, precision)),
                    "measured_on": measured_on,
                    "measured_on_precision": precision,
                    "value": money(measurement["value"]),
                    "note": measurement.get("note", ""),
                    "source": self.sources[measurement["source"]],
                }
            )
        return items

    def load_plan_measurements(self, objective: Objective, row) -> None:
        for item in self.measurement_items(objective, row):
            pk = item.pop("id")
            measurement = Measurement.objects.get(pk=pk) if pk else Measurement(objective=objective)
            for name, value in item.items():
                setattr(measurement, name, value)
            measurement.full_clean()
            services.child_save(obj=measurement, user=None, reason=DEMO)

    # --- conventions ------------------------------------------------------

    def load_convention(self, row):
        """Through the service layer, like any write: the stored children are
        matched by actor or position and updated in place (their ids kept);
        those the demo no longer has are deleted (a PUT's rule)."""
        slug = row["slug"]
        existing = Convention.objects.filter(slug=slug).first()
        signed_on, precision = parse_partial(row.get("signed"))
        fields = {
            **translated("title", row["title"]),
            **translated("summary", row.get("summary", "")),
            "kind": row["kind"],
            "status": row["status"],
            "signed_on": signed_on,
            "signed_on_precision": precision,
            "signed_on_note": row.get("signed_note", ""),
            "place": row.get("place", ""),
            "event": row.get("event", ""),
            "scope": Convention.Scope.NATIONAL,
        }
        relations = {
            "sectors": [self.sectors[s] for s in row.get("sectors", [])],
            "plans": [self.plans[s] for s in row.get("plans", [])],
            "components": [self.components[key] for key in row.get("components", [])],
            "regions": [],
        }
        source = row["source"]
        children = {
            "parties": self.party_items(existing, row, source),
            "objectives": self.objective_items(existing, row, source),
            "actions": self.action_items(existing, row, source),
        }
        if existing is None:
            convention = services.convention_create(
                user=None, fields={"slug": slug, **fields}, relations=relations, children=children, reason=DEMO
            )
        else:
            convention = services.convention_update(
                convention=existing,
                user=None,
                fields=fields,
                relations=relations,
                children=children,
                replace_children=True,
                reason=DEMO,
            )
        self.conventions[slug] = convention

    def party_items(self, convention: Convention | None, row, source: str) -> list[dict]:
        stored = {}
        if convention is not None:
            stored = {party.actor_id: party for party in convention.parties.prefetch_related("commitments")}
        items = []
        for position, party in _numbered(row, "parties"):
            actor = self.actors[party["actor"]]
            found = stored.get(actor.pk)
            commitments = {c.position: c.pk for c in found.commitments.all()} if found else {}
            representative = party.get("representative")
            items.append(
                {
                    "id": found.pk if found else None,
                    "actor": actor,
                    "role": party["role"],
                    "position": position,
                    "name_as_written": party.get("name_as_written", ""),
                    "representative": self.people[representative] if representative else None,
                    "representative_title": party.get("representative_title", ""),
                    "representative_capacity": party.get("capacity", Party.RepresentativeCapacity.SPOKE),
                    "note": party.get("note", ""),
                    "commitments": [
                        {
                            "id": commitments.get(number),
                            "position": number,
                            **translated("description", text),
                            "amount": None,
                            "source": self.sources[source],
                        }
                        for number, text in enumerate(party.get("commitments", []), start=1)
                    ],
                }
            )
        return items

    def objective_items(self, convention: Convention | None, row, source: str) -> list[dict]:
        stored = {}
        if convention is not None:
            stored = {o.position: o for o in convention.objectives.prefetch_related("measurements")}
        return [
            {
                "id": stored[position].pk if position in stored else None,
                **self.objective_values(objective, position, default_source=source),
                "measurements": self.measurement_items(stored.get(position), objective),
            }
            for position, objective in _numbered(row, "objectives")
        ]

    def action_items(self, convention: Convention | None, row, source: str) -> list[dict]:
        stored = {a.position: a.pk for a in convention.actions.all()} if convention is not None else {}
        items = []
        for position, action in _numbered(row, "actions"):
            responsible = action.get("responsible")
            items.append(
                {
                    "id": stored.get(position),
                    "position": position,
                    **translated("title", action["title"]),
                    **translated("description", action.get("description", "")),
                    "responsible": self.actors[responsible] if responsible else None,
                    "responsible_note": action.get("responsible_note", ""),
                    "state": action["state"],
                    # No article gives a due date or a completion date.
                    "due_on": None,
                    "due_on_precision": DatePrecision.UNKNOWN,
                    "completed_on": None,
                    "source": self.sources[action.get("source", source)],
                }
            )
        return items

    def publish(self) -> None:
        """The demo conventions are published once their sources are linked;
        a rerun leaves them (and their publication date) as they are."""
        for convention in self.conventions.values():
            services.transition(convention=convention, state=Convention.PublicationState.PUBLISHED, user=None)


def restore_shipped_regions() -> None:
    """Put back the 12 regions a migration ships, when a flushed database
    (TransactionTestCase, live-server tests) has lost them."""
    try:
        shipped = importlib.import_module("plans.migrations.0002_regions").REGIONS
    except (ImportError, AttributeError):
        return
    for code, slug, fr, ar, en in shipped:
        if not Region.objects.filter(code=code).exists():
            upsert(Region, {"code": code}, {"slug": slug, "name_fr": fr, "name_ar": ar, "name_en": en})


def _numbered(row: dict, key: str):
    return enumerate(row.get(key, []), start=1)


def load() -> list[tuple[str, int]]:
    """Load the demo register; return (model label, row count) pairs."""
    return Loader().run()
