"""Finding actors, people and plans by what a reader types.

Conventions have their own full-text search (search.py). Actors, people and
plans are found by every name they go by (an actor's current name in each
language, its acronym, its former names and variants; a plan's names and
short names, its components, their places and regions), written the way
search.normalize writes them: lower case, without accents or Arabic
diacritics, so "societe", "Société" and "SOCIETE" are one word.

The names of every public actor, public person and plan make one index, built
in five queries once per register version and language, kept in the shared
cache for every process and in this one (3 MB at 100 000 conventions): a
search then reads no row to match, only the few rows it shows. Only
`Actor.objects.public()`, `Person.objects.public()` and plans (public by
nature) go in: a draft's actor is never found.
"""

import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import get_language

from actors.models import Actor, ActorName, Person
from core import cache as register_cache
from plans.models import Plan, PlanComponent

from .search import normalize

# How many matches of a kind a search keeps, at most: more tells the reader
# to type more, and keeps each answer bounded whatever the register's size.
MATCHED_AT_MOST = 200


@dataclass(frozen=True)
class Entry:
    pk: int
    label: str  # sort key: the normalized main name
    names: tuple[str, ...]  # each name alone, normalized (exact matches)
    text: str = field(repr=False)  # every name and place, normalized, joined


@dataclass
class Index:
    actors: list[Entry]
    people: list[Entry]
    plans: list[Entry]


def in_every_language(obj, name: str) -> list[str]:
    return [getattr(obj, f"{name}_{code}", "") or "" for code in settings.MODELTRANSLATION_LANGUAGES]


def _entry(pk: int, label: str, names: list[str], extra: list[str] = ()) -> Entry:
    normalized = tuple(dict.fromkeys(n for n in map(normalize, names) if n))
    return Entry(
        pk=pk,
        label=normalize(label),
        names=normalized,
        text=" | ".join([*normalized, *(n for n in map(normalize, extra) if n)]),
    )


def build() -> Index:
    """The index of the register as it is now: five queries (actors, their
    other names, people, plans, their components with their regions), read as
    plain values: building 18 000 actors and their names as models was most
    of the index's time at 100 000 conventions."""
    languages = settings.MODELTRANSLATION_LANGUAGES
    french = languages.index(settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
    active = languages.index(get_language()) if get_language() in languages else french
    # Every actor's other names: only the public actors' are read below.
    other_names = defaultdict(list)
    for actor_id, name, acronym in ActorName.objects.values_list("actor_id", "name", "acronym"):
        other_names[actor_id] += [value for value in (name, acronym) if value]
    actors = []
    for pk, acronym, *names in (
        Actor.objects.public().order_by("pk").values_list("pk", "acronym", *(f"name_{code}" for code in languages))
    ):
        # The label is the name a reader of this language sees (French when missing).
        label = names[active] or names[french]
        actors.append(_entry(pk, label, [*names, acronym, *other_names[pk]]))
    people = [_entry(pk, name, [name]) for pk, name in Person.objects.public().order_by("pk").values_list("pk", "name")]
    components = PlanComponent.objects.select_related("region")
    plans = []
    for plan in Plan.objects.prefetch_related(Prefetch("components", queryset=components)).order_by("pk"):
        places = []
        for component in plan.components.all():
            places += [*in_every_language(component, "name"), component.location]
            if component.region is not None:
                places += in_every_language(component.region, "name")
        plans.append(
            _entry(
                plan.pk, plan.name, [*in_every_language(plan, "name"), *in_every_language(plan, "short_name")], places
            )
        )
    return Index(actors=actors, people=people, plans=plans)


# One index per process, for the register version and language it was built
# for: a newer version (any write, from any worker) is never answered with an
# older index. It is built once per version for every process, through the
# shared cache (3 MB at 100 000 conventions, read in a fraction of the time a
# build takes), then kept here.
_built: dict[tuple[str, str], Index] = {}
_lock = threading.Lock()


def index() -> Index:
    version = register_cache.current()
    key = (version, get_language())
    found = _built.get(key)
    if found is None:
        found = register_cache.remember("finder-index", "names", build, version=version)
        with _lock:
            if not any(built == version for built, _ in _built):
                _built.clear()
            _built[key] = found
    return found


def match(entries: list[Entry], query: str, *, limit: int = MATCHED_AT_MOST) -> list[Entry]:
    """The entries holding every word of `query`, best first: a name equal to
    the query, then a name beginning with it, then the others, each in
    alphabetical order. At most `limit`."""
    words = normalize(query).split()
    if not words:
        return []
    whole = " ".join(words)
    found = [entry for entry in entries if all(word in entry.text for word in words)]

    def rank(entry: Entry):
        if whole in entry.names:
            return (0, entry.label)
        if any(name.startswith(whole) for name in entry.names):
            return (1, entry.label)
        return (2, entry.label)

    return sorted(found, key=rank)[:limit]


def exact(entries: list[Entry], typed: str) -> list[int]:
    """The pks of the entries one of whose names is `typed` (accents and case aside)."""
    wanted = normalize(typed)
    return [entry.pk for entry in entries if wanted and wanted in entry.names] if wanted else []


def forget() -> None:
    """Drop this process's index (tests that count the queries of a first request)."""
    with _lock:
        _built.clear()
