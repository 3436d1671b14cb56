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

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

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
    if connection.vendor == "postgresql":
        # Unqualified on purpose: Django renames the table (U0…) when this
        # queryset becomes a subquery, as the facet counts make it.
        tsquery = f"websearch_to_tsquery('{CONFIG}', %s)"
        return (
            queryset.alias(matches=RawSQL(f"search_vector @@ {tsquery}", [query], output_field=BooleanField()))
            .filter(matches=True)
            .annotate(rank=RawSQL(f"ts_rank_cd(search_vector, {tsquery})", [query], output_field=FloatField()))
        )
    words = [_fold_plural(word) for word in normalize(query).split()]
    if sqlite_search.indexed(str(connection.settings_dict["NAME"])):
        # Rare words of three letters or more from the trigram index
        # (sqlite_search.py); common and shorter ones by reading the text,
        # which finds a page of common words in the first rows it reads.
        pieces = [word for word in words if len(word) >= 3]
        if pieces and sqlite_search.rare(pieces):
            queryset = queryset.filter(
                pk__in=RawSQL(
                    f"SELECT rowid FROM {sqlite_search.TABLE} WHERE {sqlite_search.TABLE} MATCH %s",
                    [sqlite_search.match(pieces)],
                )
            )
            words = [word for word in words if len(word) < 3]
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset.annotate(rank=RawSQL("0", [], output_field=FloatField()))


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
