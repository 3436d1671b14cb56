"""Unsaved rows, built fast (`make`), the slugs and addresses already taken
(`Taken`), and what the generator carries between its parts: an actor's
particulars (`ActorInfo`), a convention with its children (`Bundle`), and
unsaved rows read as `search.document_for` reads saved ones (`_View`)."""

from dataclasses import dataclass, field

from django.db.models.base import ModelState

from actors.models import Actor, Person
from conventions.models import Convention, Source
from core.slugs import slug_candidates
from plans.models import Plan


class Maker:
    """Builds unsaved instances of `model` ten times faster than
    `model(**values)`, which costs 100-200 µs an instance here (every field's
    default, modeltranslation's keyword rewriting, the post_init signal): a
    million child rows would spend minutes in constructors alone.

    The instance gets the defaults (computed once), the given values by
    attribute name, and a fresh state, as `Model.from_db` builds one without
    `__init__`'s keyword handling. Nothing here listens to post_init
    (modeltranslation's receiver only undoes its own constructor flag). A
    relation given as an instance is cached like an assignment, so the
    writer takes the parent's key once the parent is saved. Defaults are
    computed once: none of these models has a callable default that must be
    fresh for each row.
    """

    def __init__(self, model):
        self.model = model
        fields = model._meta.concrete_fields
        self.template = {field.attname: field.get_default() for field in fields}
        self.relations = {field.name: field for field in fields if field.is_relation}

    def __call__(self, **values):
        obj = self.model.__new__(self.model)
        data = obj.__dict__
        data.update(self.template)
        state = data["_state"] = ModelState()
        for name, value in values.items():
            field = self.relations.get(name)
            if field is not None:
                data[field.attname] = None if value is None else value.pk
                if value is not None:
                    state.fields_cache[name] = value
            elif name in self.template:
                data[name] = value
            else:
                raise TypeError(f"{self.model.__name__} has no field {name!r}")
        return obj


_MAKERS: dict[type, Maker] = {}


def make(model, **values):
    maker = _MAKERS.get(model)
    if maker is None:
        maker = _MAKERS[model] = Maker(model)
    return maker(**values)


class Taken:
    """Slugs and source addresses already used, in the database or by this
    run: a new row takes the next free '-2', '-3'… as `core.slugs.unique_slug`
    would, so an --append run never collides with what is there."""

    def __init__(self, **used: set[str]):
        self.used = {name: set(values) for name, values in used.items()}

    @classmethod
    def from_database(cls) -> "Taken":
        return cls(
            actor=set(Actor.objects.values_list("slug", flat=True)),
            person=set(Person.objects.values_list("slug", flat=True)),
            plan=set(Plan.objects.values_list("slug", flat=True)),
            convention=set(Convention.objects.values_list("slug", flat=True)),
            url=set(Source.objects.exclude(url="").values_list("url", flat=True)),
        )

    def claim(self, space: str, text: str, *, max_length: int, fallback: str) -> str:
        used = self.used.setdefault(space, set())
        candidate = next(c for c in slug_candidates(text, fallback=fallback, max_length=max_length) if c not in used)
        used.add(candidate)
        return candidate

    def claim_url(self, url: str) -> str:
        used = self.used.setdefault("url", set())
        candidate, number = url, 1
        while candidate in used:
            number += 1
            candidate = f"{url}-{number}"
        used.add(candidate)
        return candidate


@dataclass(slots=True)
class ActorInfo:
    """What the convention generator needs to know of an actor."""

    actor: Actor
    article: str  # before the label
    label: str  # for titles: an institution's acronym if any, else its name; a company's name
    long_article: str = ""  # before the full name
    names: list = field(default_factory=list)  # [(name, from, until)] former names, for "name as written"
    other_names: set = field(default_factory=set)  # every other name, lower-cased (unique per actor)
    name_rows: list = field(default_factory=list)  # its ActorName rows, for the search text
    mandates: list = field(default_factory=list)  # [(start, end or None, person, title)]

    @property
    def kind(self) -> str:
        return self.actor.kind

    def in_text(self, *, short: bool = True) -> str:
        if short:
            return self.article + self.label
        text = self.actor.name_fr
        if text.startswith("Ministère"):
            text = "m" + text[1:]
        return self.long_article + text


@dataclass(slots=True)
class Bundle:
    """One convention and everything that hangs from it, unsaved."""

    convention: Convention
    parties: list
    commitments: list
    objectives: list
    measurements: list
    actions: list
    new_sources: list
    sources: list
    sectors: list
    regions: list
    plans: list
    components: list
    relations: list


class _Rows(list):
    """A list read like a prefetched relation: `.all()`."""

    def all(self):
        return self


class _View:
    """An unsaved row as `search.document_for` reads a saved one: its own
    attributes, and its relations (not in the database yet) as given."""

    def __init__(self, obj, **relations):
        self.__dict__.update(relations)
        self._obj = obj

    def __getattr__(self, name):
        return getattr(self._obj, name)
