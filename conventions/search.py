"""Full-text search over conventions.

Each convention keeps a `search_text`: its titles and summaries in every
language, its text, and the names, acronyms and former names of its parties,
plans, components, sectors and regions, the people who signed or spoke for
its parties and the title they held, its place and event, lower-cased and
without accents. So "AMICA",
either expansion of AMICA, or "decarbonation" all reach the same rows.

PostgreSQL: a stored tsvector column computed from `search_text` with the
`shiraka_french` configuration (french with `unaccent, french_stem`), under a
GIN index, queried with websearch syntax and ranked. Both are created by a
migration that runs only on PostgreSQL; Django does not know the column.
SQLite: every word of the query must appear in `search_text` (accent- and
case-insensitive), with a light plural folding instead of stemming, found
through a trigram index where SQLite has FTS5 (sqlite_search.py).
"""

import functools
import math

from django.db import connection, connections
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from core import cache as register_cache
from core.text import normalize  # moved to core (the actor matcher uses it); imported from here too

from . import sqlite_search

CONFIG = "shiraka_french"


def _fold_plural(word: str) -> str:
    if len(word) > 4 and word[-1] in "sx":
        return word[:-1]
    return word


def ranks() -> bool:
    """Whether search ranks its matches (PostgreSQL); SQLite's rank is 0."""
    return connection.vendor == "postgresql"


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Filter `queryset` to conventions matching `query`, annotated with `rank`."""
    if not normalize(query):
        return queryset.annotate(rank=RawSQL("0", [], output_field=FloatField()))
    # A rare query's matches by key, from the index (rare_matches).
    indexed = matching_ids(query)
    few = rare_matches(queryset, *indexed) if indexed else None
    if connection.vendor == "postgresql":
        # Unqualified on purpose: Django renames the table (U0…) when this
        # queryset becomes a subquery, as the facet counts make it.
        tsquery = f"websearch_to_tsquery('{CONFIG}', %s)"
        queryset = (
            queryset.alias(matches=RawSQL(f"search_vector @@ {tsquery}", [query], output_field=BooleanField()))
            .filter(matches=True)
            .annotate(rank=RawSQL(f"ts_rank_cd(search_vector, {tsquery})", [query], output_field=FloatField()))
        )
        return queryset if few is None else queryset.filter(pk__in=few)
    words = [_fold_plural(word) for word in normalize(query).split()]
    if few is not None:
        # The index answered for the words of three letters or more; the
        # shorter ones are read in the text.
        queryset = queryset.filter(pk__in=few)
        words = [word for word in words if len(word) < 3]
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset.annotate(rank=RawSQL("0", [], output_field=FloatField()))


def matching_ids(query: str) -> tuple[str, list] | None:
    """SQL selecting the ids of every convention matching `query` through the
    database's index (PostgreSQL's GIN; SQLite's trigram index, for the
    query's words of three letters or more), with its parameters; None on
    SQLite when no word can be looked up in the index."""
    if connection.vendor == "postgresql":
        return (
            f"SELECT id FROM conventions_convention WHERE search_vector @@ websearch_to_tsquery('{CONFIG}', %s)",
            [query],
        )
    if not sqlite_search.indexed(str(connection.settings_dict["NAME"])):
        return None
    pieces = [word for word in (_fold_plural(word) for word in normalize(query).split()) if len(word) >= 3]
    if not pieces:
        return None
    table = sqlite_search.TABLE
    return f"SELECT rowid AS id FROM {table} WHERE {table} MATCH %s", [sqlite_search.match(pieces)]


# At most this many matches are read to tell a rare query from a common one.
RARE_AT_MOST = 5000


def rare_matches(queryset: QuerySet, matching_ids_sql: str, params: list) -> tuple[int, ...] | None:
    """The ids of the conventions `matching_ids_sql` selects, when they are few
    enough to be fetched by key; None when reading the list in its order is
    cheaper.

    A list ordered by date reads conventions in that order until its page is
    full: a query matching a fraction p of N conventions costs about 25 / p
    rows, so a common word is cheap that way and a rare one reads the whole
    register (at 100 000 conventions, 45 to 450 ms on PostgreSQL, whose
    planner guesses 193 matches where there is one, and 250 ms on SQLite).
    The index costs about one step per match. They cross near 10 √N matches
    (at 100 000: a word in 74 conventions, 10 ms by the index against 72 ms
    by reading; in 4 619, 17 against 4; in 64 312, 45 against 1.6). Asked once
    per register version and query in each process, in one query bounded by
    RARE_AT_MOST rows."""
    return _rare_matches(register_cache.current(), queryset.db, matching_ids_sql, tuple(params))


def few_enough(matches: int, largest_id: int) -> bool:
    return matches < RARE_AT_MOST and matches < 10 * math.sqrt(largest_id)


# Each entry holds at most RARE_AT_MOST ids (about 180 KB): 128 entries bound
# a worker's memory whatever queries clients send.
@functools.lru_cache(maxsize=128)
def _rare_matches(version: str, database: str, matching_ids_sql: str, params: tuple) -> tuple[int, ...] | None:
    with connections[database].cursor() as cursor:
        cursor.execute(
            "SELECT matched.id, (SELECT max(id) FROM conventions_convention)"
            f" FROM ({matching_ids_sql} LIMIT {RARE_AT_MOST}) AS matched",
            params,
        )
        rows = cursor.fetchall()
    if not rows:
        return ()
    return tuple(row[0] for row in rows) if few_enough(len(rows), rows[0][1] or 0) else None


def _all_languages(obj, field: str) -> list[str]:
    from django.conf import settings

    return [getattr(obj, f"{field}_{code}", "") or "" for code in settings.MODELTRANSLATION_LANGUAGES]


def document_for(convention) -> str:
    """The normalized text a convention is found by. Expects parties' actors
    with their names, representatives, plans, components, sectors and regions
    prefetched."""
    parts = [
        *_all_languages(convention, "title"),
        *_all_languages(convention, "summary"),
        convention.text,
        convention.reference,
        convention.place,
        convention.event,
    ]
    for party in convention.parties.all():
        actor = party.actor
        parts += [*_all_languages(actor, "name"), actor.acronym, party.name_as_written]
        for other in actor.names.all():
            parts += [other.name, other.acronym]
        if party.representative_id:
            parts += [party.representative.name, party.representative_title]
    for plan in convention.plans.all():
        parts += [*_all_languages(plan, "name"), *_all_languages(plan, "short_name")]
    for component in convention.components.all():
        parts += _all_languages(component, "name")
    for sector in convention.sectors.all():
        parts += _all_languages(sector, "name")
    # "Oriental", "Tanger-Tétouan-Al Hoceïma": a reader searches a place by its region too.
    for region in convention.regions.all():
        parts += _all_languages(region, "name")
    return normalize(" ".join(p for p in parts if p))
