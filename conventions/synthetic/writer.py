"""Writing a synthetic register in bulk: one COPY (PostgreSQL) or executemany
(SQLite) per table and batch, the ids chosen here."""

from collections import Counter
from collections.abc import Callable

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import BooleanField, CharField, DateField, DateTimeField, IntegerField, Max, TextField
from django.utils import timezone, translation
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from actors.models import Actor, ActorName, Mandate, Person
from conventions.models import (
    Commitment,
    Convention,
    ConventionRelation,
    FollowUpAction,
    Measurement,
    Objective,
    Party,
    Source,
)
from plans.models import Plan, PlanComponent, Sector

from .register import SyntheticRegister
from .rows import Bundle


class _Table:
    """Inserts rows of one model with a single COPY or executemany per batch,
    the ids chosen here (following the largest in the table).

    Why not bulk_create: it passes every value of every row through the SQL
    compiler (pre_save, get_db_prep_save, placeholders), about 2 ms of Python
    per convention and its children; this reads the same values straight from
    the instances (dates, datetimes and decimals through the backend's own
    adapters, translated fields through their descriptor, as pre_save does)
    and lets the driver do the rest. Choosing the ids lets children point to
    parents without reading ids back (neither COPY nor SQLite's executemany
    returns them).
    """

    def __init__(self, model):
        meta = model._meta
        self.model = model
        self.label = str(meta.verbose_name_plural)
        fields = [field for field in meta.concrete_fields if not getattr(field, "generated", False)]
        self.table, self.columns = meta.db_table, [field.column for field in fields]
        try:
            translated = set(translator.get_options_for_model(model).all_fields)
        except NotRegistered:
            translated = set()
        self.readers = [self._reader(field, translated) for field in fields]
        self.relations = [(field.name, field.attname) for field in fields if field.is_relation]
        self.pk = meta.pk.attname
        self.next_id = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    @staticmethod
    def _reader(field, translated) -> Callable:
        ops, attname = connection.ops, field.attname
        if field.name in translated:
            # The original column of a translated field holds what its descriptor returns: the value in the
            # active language (French here) when there is one, else the fallbacks, else the default.
            localized = build_localized_fieldname(field.name, translation.get_language())

            def read_translated(obj, now):
                value = obj.__dict__.get(localized)
                if value is None or value == "":
                    value = getattr(obj, field.name)
                return field.get_db_prep_save(value, connection)

            return read_translated
        if isinstance(field, DateTimeField):
            if field.auto_now or field.auto_now_add:
                return lambda obj, now: now
            return lambda obj, now: ops.adapt_datetimefield_value(obj.__dict__[attname])
        if isinstance(field, DateField) and not (field.auto_now or field.auto_now_add):
            return lambda obj, now: ops.adapt_datefield_value(obj.__dict__[attname])
        if isinstance(field, CharField | TextField):
            return lambda obj, now: _plain(obj.__dict__[attname])
        if field.is_relation or isinstance(field, IntegerField | BooleanField):
            return lambda obj, now: obj.__dict__[attname]
        return lambda obj, now: field.get_db_prep_save(field.pre_save(obj, True), connection)

    def insert(self, objects: list, now) -> int:
        if not objects:
            return 0
        rows = []
        for obj in objects:
            data = obj.__dict__
            data[self.pk] = self.next_id
            self.next_id += 1
            cache = obj._state.fields_cache
            for name, attname in self.relations:
                if data[attname] is None and cache.get(name) is not None:
                    parent_pk = cache[name].pk
                    if parent_pk is None:
                        raise ValueError(f"{self.model.__name__}.{name}: parent not saved yet")
                    data[attname] = parent_pk
            rows.append([read(obj, now) for read in self.readers])
            obj._state.adding = False
            obj._state.db = connection.alias
        _insert_rows(self.table, self.columns, rows)
        return len(rows)


def _insert_rows(table: str, columns: list[str], rows: list) -> None:
    """Many rows into `table`: COPY on PostgreSQL (several times faster than
    a pipeline of INSERTs), executemany elsewhere."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})", rows)


def _plain(value):
    """A text value as the driver wants it: choices members become plain strings."""
    return value if value is None or type(value) is str else str(value)


def _by_depth(objects: list, parents: Callable) -> list[list]:
    """Objects in generations: a row's parent (or predecessor) is written before it."""
    depth: dict[int, int] = {}
    for obj in objects:  # parents come before children in the lists built above
        depth[id(obj)] = 1 + max((depth[id(p)] for p in parents(obj) if p is not None), default=-1)
    levels: dict[int, list] = {}
    for obj in objects:
        levels.setdefault(depth[id(obj)], []).append(obj)
    return [levels[level] for level in sorted(levels)]


class Writer:
    """Writes a SyntheticRegister: the reference rows in one transaction, then
    the conventions in batches, one transaction per batch."""

    def __init__(self):
        self.tables: dict[type, _Table] = {}
        self.linked: set[str] = set()  # many-to-many tables written
        self.counts: Counter = Counter()

    def insert(self, model, objects: list, label: str | None = None) -> None:
        table = self.tables.get(model)
        if table is None:
            table = self.tables[model] = _Table(model)
        written = table.insert(objects, self.now)
        if written:
            self.counts[label or table.label] += written

    def link(self, through, left: str, pairs: list[tuple[int, int]], label: str) -> None:
        """Rows of a many-to-many table from (left id, right id) pairs; their ids are the database's."""
        if not pairs:
            return
        left_field = through._meta.get_field(left)
        right_field = next(f for f in through._meta.concrete_fields if f.is_relation and f is not left_field)
        _insert_rows(through._meta.db_table, [left_field.column, right_field.column], pairs)
        self.linked.add(through._meta.db_table)
        self.counts[label] += len(pairs)

    def _stamp(self) -> None:
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())

    def _reset_sequences(self) -> None:
        """PostgreSQL: move the id sequences past the ids chosen here, so that
        the next ordinary insert does not collide (SQLite's AUTOINCREMENT
        follows by itself)."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self.tables)):
                cursor.execute(sql)

    def reference(self, register: SyntheticRegister) -> None:
        self._stamp()
        with transaction.atomic():
            for level in _by_depth(register.new_sectors, lambda s: [s.parent]):
                self.insert(Sector, level)
            for level in _by_depth([info.actor for info in register.infos], lambda a: [a.parent]):
                self.insert(Actor, level)
            self.insert(ActorName, register.actor_names)
            self.insert(Person, register.persons)
            self.insert(Mandate, register.mandates)
            for level in _by_depth(register.plans, lambda p: [p.parent, p.predecessor]):
                self.insert(Plan, level)
            pairs = [(plan.pk, sector.pk) for plan, sector in register.plan_sectors]
            self.link(Plan.sectors.through, "plan", pairs, "liens plan–secteur")
            for level in _by_depth(register.components, lambda c: [c.parent]):
                self.insert(PlanComponent, level)
            self.insert(Objective, register.plan_objectives)
            self.insert(Measurement, register.plan_measurements)
            self._reset_sequences()

    def batch(self, batch: list[Bundle]) -> None:
        def gather(name):
            return [obj for bundle in batch for obj in getattr(bundle, name)]

        self._stamp()
        with transaction.atomic():
            self.insert(Source, gather("new_sources"))
            self.insert(Convention, [bundle.convention for bundle in batch])
            self.insert(Party, gather("parties"))
            self.insert(Commitment, gather("commitments"))
            self.insert(Objective, gather("objectives"))
            self.insert(Measurement, gather("measurements"))
            self.insert(FollowUpAction, gather("actions"))
            self.insert(ConventionRelation, gather("relations"))
            links = [
                (Convention.sectors, "sectors", "liens convention–secteur"),
                (Convention.regions, "regions", "liens convention–région"),
                (Convention.plans, "plans", "liens convention–plan"),
                (Convention.components, "components", "liens convention–composante"),
            ]
            for descriptor, name, label in links:
                pairs = [(bundle.convention.pk, obj.pk) for bundle in batch for obj in getattr(bundle, name)]
                self.link(descriptor.through, "convention", pairs, label)
            pairs = [(bundle.convention.pk, source.pk) for bundle in batch for source in bundle.sources]
            self.link(Source.conventions.through, "convention", pairs, "liens source–convention")
            self._reset_sequences()
