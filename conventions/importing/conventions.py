"""The import of conventions, one row each (docs/import/README.md).

New conventions are drafts: publishing is a publisher's act, in the admin.
A row with an « identifiant » (slug) updates that convention: empty cells
leave fields as they are, lists add what is missing, nothing is deleted.
`check()` plans every row in a constant number of queries, `write()` carries
the plan out through the service layer's batch write.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from core.cells import choice, full_date, items, yes_no
from core.dates import parse_partial
from core.imports import CREATE, UPDATE, Columns, Progress, RowReport, may, no_progress
from core.slugs import slug_candidates
from core.spreadsheets import Table
from core.text import normalize
from plans.models import Plan, PlanComponent, Region, Sector

from .. import publication, services
from ..models import Convention
from .cells import CONVENTION_COLUMNS, FIELD_HEADERS, REQUIRED, amount, currency
from .lists import ConventionRow, ListCells


class _Lookup:
    """Sectors, regions or plans by slug, by name in any language, or code."""

    def __init__(self, objects, *attributes: str):
        self.found: dict[str, dict[int, object]] = defaultdict(dict)
        for obj in objects:
            for attribute in ("slug", *attributes):
                key = normalize(getattr(obj, attribute, "") or "")
                if key:
                    self.found[key][obj.pk] = obj

    def get(self, text: str):
        matches = self.found.get(normalize(text), {})
        return next(iter(matches.values())) if len(matches) == 1 else None


class ConventionImport:
    """One import of conventions: `check()` plans every row (a constant
    number of queries for the whole file), `write()` carries the plan out."""

    def __init__(self, *, user=None, progress: Progress | None = None):
        self.user = user
        self.progress = progress or no_progress
        self.created_actors: list[str] = []

    def _preload(self, slugs: set[str]) -> None:
        # Queries: actors, other names, sectors, regions, plans, sources, every
        # convention's (slug, title, date), then the conventions to update with
        # their parties, objectives, actions and components (5).
        self.lists = ListCells()
        self.created_actors = self.lists.created_actors
        self.sectors = _Lookup(
            Sector.objects.only("pk", "slug", "name_fr", "name_ar", "name_en"), "name_fr", "name_ar", "name_en"
        )
        self.regions = _Lookup(
            Region.objects.only("pk", "slug", "code", "name_fr", "name_ar", "name_en"),
            "code",
            "name_fr",
            "name_ar",
            "name_en",
        )
        self.plans = _Lookup(
            Plan.objects.only("pk", "slug", "name_fr", "name_ar", "name_en", "short_name_fr", "short_name_en"),
            "name_fr",
            "name_ar",
            "name_en",
            "short_name_fr",
            "short_name_en",
        )
        self.taken_slugs: set[str] = set()
        self.titles: dict[tuple[str, object], str] = {}
        for slug, title, signed_on in Convention.objects.values_list("slug", "title_fr", "signed_on"):
            self.taken_slugs.add(slug)
            self.titles[(normalize(title or ""), signed_on)] = slug
        self.existing = (
            {
                convention.slug: convention
                for convention in Convention.objects.filter(slug__in=slugs).prefetch_related(
                    "parties",
                    "objectives",
                    "actions",
                    # A new list of plans must keep the plans of its components.
                    Prefetch("components", queryset=PlanComponent.objects.select_related("plan")),
                )
            }
            if slugs
            else {}
        )

    def check(self, table: Table) -> list[ConventionRow]:
        columns = Columns(table, CONVENTION_COLUMNS, REQUIRED)
        slug_position = columns.index.get("slug")
        slugs = set()
        if slug_position is not None:
            slugs = {cells[slug_position].strip() for _line, cells in table.rows if slug_position < len(cells)}
            slugs.discard("")
        self._preload(slugs)
        rows, seen_slugs, seen_titles = [], {}, {}
        total = len(table.rows)
        for done, (line, cells) in enumerate(table.rows, start=1):
            rows.append(self._check_row(line, columns, cells, seen_slugs, seen_titles))
            if done % 100 == 0 or done == total:
                self.progress("check", done, total)
        return rows

    def _check_row(self, line, columns: Columns, cells, seen_slugs, seen_titles) -> ConventionRow:
        report = RowReport(line=line)
        values = columns.cells(cells, report)
        label = CONVENTION_COLUMNS
        slug = values.get("slug", "")
        title = values.get("title", "")
        report.title = title
        if slug:
            report.action = UPDATE
            convention = self.existing.get(slug)
            if slug in seen_slugs:
                report.error(
                    _("cette convention est déjà mise à jour ligne %(line)s.") % {"line": seen_slugs[slug]},
                    label["slug"],
                )
            seen_slugs.setdefault(slug, line)
            if convention is None:
                report.error(
                    _("aucune convention n'a l'identifiant « %(slug)s ». Laissez la colonne vide pour en créer une.")
                    % {"slug": slug},
                    label["slug"],
                )
                return ConventionRow(report, Convention())
            report.slug = slug
            report.title = title or convention.title_fr
            if not may(self.user, "conventions.change_convention"):
                report.error(_("vous n'avez pas le droit de modifier les conventions."))
            elif not publication.may_change(self.user, convention):
                report.error(_("cette convention est publiée : seul un publieur peut la modifier."))
        else:
            convention = Convention(publication_state=Convention.PublicationState.DRAFT)
            if not may(self.user, "conventions.add_convention"):
                report.error(_("vous n'avez pas le droit d'ajouter des conventions."))
            if not title:
                report.error(_("l'intitulé est obligatoire pour créer une convention."), label["title"])
        row = ConventionRow(report, convention)
        self._set_fields(row, values)
        if report.action == CREATE and title:
            self._check_new(row, title, line, seen_titles)
        create_actors = False
        if values.get("create_actors"):
            try:
                create_actors = yes_no(values["create_actors"])
            except ValueError as exc:
                report.error(str(exc), label["create_actors"])
        self.lists.parties(row, values.get("parties", ""), create_actors)
        self._set_relations(row, values)
        self.lists.objectives(row, values.get("objectives", ""))
        self.lists.actions(row, values.get("actions", ""), create_actors)
        self.lists.sources(row, values.get("sources", ""))
        if not report.rejected:
            try:
                convention.clean_fields(exclude=["search_text", "published_by", "published_at"])
                convention.clean()
            except ValidationError as error:
                report.model_errors(error, columns=FIELD_HEADERS)
        return row

    def _check_new(self, row: ConventionRow, title: str, line: int, seen_titles: dict) -> None:
        """A new convention: not one the register or the file already has
        (same title, same date); then its slug."""
        report, convention = row.report, row.convention
        key = (normalize(title), convention.signed_on)
        if key in self.titles:
            report.error(
                _(
                    "une convention de même intitulé et de même date existe déjà (identifiant « %(slug)s ») : "
                    "pour la mettre à jour, indiquez son identifiant."
                )
                % {"slug": self.titles[key]},
                CONVENTION_COLUMNS["title"],
            )
        elif key in seen_titles:
            report.error(
                _("même intitulé et même date que la ligne %(line)s.") % {"line": seen_titles[key]},
                CONVENTION_COLUMNS["title"],
            )
        seen_titles.setdefault(key, line)
        if not report.rejected:
            # As Convention.save would (core.slugs.unique_slug), without a query per row.
            candidates = slug_candidates(title, fallback="convention", max_length=140)
            slug = next(candidate for candidate in candidates if candidate not in self.taken_slugs)
            self.taken_slugs.add(slug)
            convention.slug = report.slug = slug

    def _set_fields(self, row: ConventionRow, values: dict[str, str]) -> None:
        convention, report = row.convention, row.report

        def put(key: str, parse, *fields: str) -> None:
            text = values.get(key, "")
            if not text:
                return
            try:
                value = parse(text)
            except ValueError as exc:
                report.error(str(exc), CONVENTION_COLUMNS[key])
                return
            if len(fields) == 2 and isinstance(value, tuple):  # a partial date and its precision
                for name, part in zip(fields, value, strict=True):
                    setattr(convention, name, part)
            else:
                for name in fields:
                    setattr(convention, name, value)
            row.changed += fields

        put("title", str, "title_fr", "title")
        put("title_ar", str, "title_ar")
        put("title_en", str, "title_en")
        put("reference", str, "reference")
        put("kind", lambda text: choice(Convention.Kind, text), "kind")
        put("status", lambda text: choice(Convention.Status, text), "status")
        put("signed_on", parse_partial, "signed_on", "signed_on_precision")
        put("signed_on_note", str, "signed_on_note")
        put("place", str, "place")
        put("event", str, "event")
        put("start_on", full_date, "start_on")
        put("end_on", full_date, "end_on")
        put("amount", amount, "amount")
        put("currency", currency, "currency")
        put("scope", lambda text: choice(Convention.Scope, text), "scope")
        put("summary", str, "summary_fr", "summary")
        put("summary_ar", str, "summary_ar")
        put("summary_en", str, "summary_en")

    def _set_relations(self, row: ConventionRow, values: dict[str, str]) -> None:
        """Sectors, regions and plans, by slug or name; the plans a
        convention's components belong to are kept."""
        report, convention = row.report, row.convention
        for key, lookup, what in (
            ("sectors", self.sectors, _("secteur")),
            ("regions", self.regions, _("région")),
            ("plans", self.plans, _("plan")),
        ):
            if values.get(key):
                found = []
                for item in items(values[key]):
                    obj = lookup.get(item)
                    if obj is None:
                        report.error(
                            _("%(what)s inconnu : « %(item)s » (écrivez son identifiant ou son nom).")
                            % {"what": what, "item": item},
                            CONVENTION_COLUMNS[key],
                        )
                    elif obj not in found:
                        found.append(obj)
                row.m2m[key] = found
        if "plans" in row.m2m and convention.pk:
            stray = services.components_outside_plans(row.m2m["plans"], convention.components.all())
            if stray:
                report.error(
                    _(
                        "la convention sert des composantes de plans absents de cette liste : %(components)s. "
                        "Gardez leurs plans, ou retirez d'abord ces composantes dans l'administration."
                    )
                    % {"components": ", ".join(str(component) for component in stray)},
                    CONVENTION_COLUMNS["plans"],
                )

    def write(self, rows: list[ConventionRow]) -> None:
        """Everything in one transaction, through the service layer's batch
        write (services.batch_write: its rules and query budget)."""
        created = [row for row in rows if row.report.action == CREATE]
        updated = [row for row in rows if row.report.action == UPDATE]
        batch = services.Batch(
            new_actors=list(self.lists.actors.pending),
            created=[row.convention for row in created],
            updated=[(row.convention, row.changed) for row in updated],
            parties=[party for row in rows for party in row.parties],
            role_changes=[party for row in rows for party in row.role_changes],
            objectives=[objective for row in rows for objective in row.objectives],
            actions=[action for row in rows for action in row.actions],
            # Written only when no row is rejected: every new source is cited.
            new_sources=self.lists.new_sources,
            source_links=[(source, row.convention) for row in rows for source in row.sources],
            relations={
                name: [(row.convention, row.m2m[name]) for row in rows if name in row.m2m]
                for name in ("sectors", "regions", "plans")
            },
        )
        services.batch_write(
            batch=batch, user=self.user, reason=_("Importée depuis un tableur."), progress=self.progress
        )
