"""Why a convention was found (issue 12): the passage of its record that the
search matched, its words marked, and the field it comes from when it is not
the title the row shows (« Résumé : … », « Signataire : … »).

Only for the rows a page shows (at most 25), never for the whole selection,
and in one query: the conventions' own texts and, per convention, the names
of its parties, their other names, the representatives, plans, components,
sectors and regions, each kind joined into one string (search.document_for
lists the same texts: what the search reads, this shows).

- PostgreSQL: every text goes through ts_headline (SearchHeadline) with the
  search's own configuration and query, so the words marked are those the
  full-text search matched (stems, accents, case);
- SQLite, and PostgreSQL when ts_headline marks nothing: the words of the
  query, normalized as search.search normalizes them (case, accents, Arabic
  diacritics, plurals), are looked for in each word of the text.

The passage holding the most of the query's words wins (the first in the
order below on a tie, so a title holding them all is read first and the
rest of the row not at all) and is cut to a few words around its first
match. Its
text is user data: escaped piece by piece; only the <mark>s are ours.
"""

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.db.models import F, OuterRef, Q, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Concat, Length
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.templatetags.shiraka import as_written, in_french
from plans.models import Plan, PlanComponent, Region, Sector

from .models import Convention, Party
from .search import CONFIG, _fold_plural, normalize

LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

# Between the fields of one row, and between rows, in a joined string; around
# a matched word. Characters no text of the register holds (a text that did
# would at worst be marked or split wrongly: every piece is escaped anyway).
FIELD, ROW = "\x1f", "\x1e"
START, STOP = "\ue000", "\ue001"
_SENTINELS = re.compile(f"[{FIELD}{ROW}{START}{STOP}]")

# A word as the reader sees it: letters and digits with their accents and
# Arabic diacritics (combining marks, which \w alone would split on).
_WORD = re.compile(r"(?:\w|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])+")
# A passage longer than this is cut to the words around its first match.
LONGEST = 220
WORDS_BEFORE, WORDS_AFTER = 8, 22


@dataclass(frozen=True)
class Match:
    label: str  # the field, or "" for the title the row shows
    html: SafeString  # the passage: escaped, marked, isolated when not in the page's language

    @property
    def in_title(self) -> bool:
        """Found in the title the row shows: the row marks its title link
        instead of repeating the title as a line of its own."""
        return not self.label


@dataclass(frozen=True)
class _Passage:
    label: str
    language: str  # "" when unknown (names, places, the text)
    pieces: tuple[tuple[str, bool], ...]  # (text, marked)
    column: str = ""
    found: frozenset = frozenset()  # the query's words it holds (_marked, _headlined)

    @property
    def score(self) -> int:
        """How many of the query's words it holds."""
        return len(self.found)


def for_rows(conventions: Iterable[Convention], query: str) -> Mapping[int, Match]:
    """{convention pk: Match} for the conventions a page shows, computed when
    first read (so a page kept in the cache costs nothing): one query."""
    if not normalize(query):
        return {}
    return SimpleLazyObject(lambda: explain([convention.pk for convention in conventions], query))


def explain(pks: list[int], query: str) -> dict[int, Match]:
    """{pk: Match} for the conventions `pks` found by `query`; a convention
    whose words cannot be found (none should) has no entry. One query."""
    if not pks:
        return {}
    language = get_language() or settings.LANGUAGE_CODE
    postgresql = connection.vendor == "postgresql"
    wanted = query_words(query)
    matches = {}
    rows = (_texts_query(_columns(query)) if postgresql else _plain_texts_query()).filter(pk__in=pks)
    for found in rows:
        row = {name.removeprefix("why_"): value for name, value in found.items()}
        texts = (p for p in _passages(row, language) if _plain(p))
        best = None
        if postgresql:
            best = _best(_headlined(p, wanted) for p in texts)
            if best is None or not best.score:
                # ts_headline kept a form the search had normalized (Arabic diacritics).
                texts = (p for p in _passages(row, language) if _plain(p))
                best = None
        if best is None:
            best = _best((_marked(p, _plain(p), wanted) for p in texts), most=len(set(wanted)))
        if best is None or not best.score:
            continue
        if best.column == "text" and postgresql and row["text_length"] > len(_plain(best)):
            best = _Passage(best.label, best.language, (("… ", False), *best.pieces, (" …", False)), best.column)
        matches[row["pk"]] = Match(label=str(best.label), html=_html(best))
    return matches


def _best(passages: Iterable[_Passage], most: int = 0) -> _Passage | None:
    """The passage of the highest score, the first of equals (_passages
    gives them in the order a reader looks for the reason). Stops at the
    first that scores `most`, which no later one can beat: most rows are
    found by their title, and the rest of their texts (the full text among
    them) need not be read."""
    best = None
    for passage in passages:
        if best is None or passage.score > best.score:
            best = passage
            if most and best.score >= most:
                break
    return best


def _texts_query(columns: dict):
    # Aliased: an annotation may not take the name of a field. Unordered:
    # the rows are read into a dict.
    return Convention.objects.order_by().values("pk", **{f"why_{name}": value for name, value in columns.items()})


@functools.cache
def _plain_texts_query():
    """The texts' query without its rows, built once per process: resolving
    its dozen subqueries cost more than running them (its columns name
    every language, and hold no word of any query)."""
    return _texts_query(_columns(None))


# --- The query ----------------------------------------------------------------------------------------------------


def _joined(queryset, group: str, *fields, condition: Q | None = None, order_by=()) -> Subquery:
    """One string per convention: each row's `fields` joined by FIELD, the
    rows by ROW (NULLs as empty texts)."""
    pieces = []
    for field in fields:
        pieces += [Value(FIELD), F(field)] if pieces else [F(field)]
    row = Concat(*pieces, output_field=TextField()) if len(pieces) > 1 else F(fields[0])
    if not connection.features.supports_aggregate_order_by_clause:  # SQLite before 3.44: the rows as stored
        order_by = ()
    joined = StringAgg(row, Value(ROW), filter=condition, order_by=order_by, output_field=TextField())
    return Subquery(queryset.order_by().values(group).annotate(joined=joined).values("joined")[:1])


def _in_every_language(name: str) -> list[str]:
    return [f"{name}_{code}" for code in LANGUAGES]


PARTY_FIELDS = (
    *(f"actor__{field}" for field in _in_every_language("name")),
    "actor__acronym",
    "name_as_written",
    "representative__name",
    "representative_title",
    "representative_capacity",
)


def _columns(query: str | None) -> dict:
    """Column name -> expression; with `query` (PostgreSQL), each passed
    through ts_headline, whole and marked (the full text: a few fragments)."""
    own = {
        **{field: F(field) for field in _in_every_language("title")},
        **{field: F(field) for field in _in_every_language("summary")},
        "text": F("text"),
        "reference": F("reference"),
        "place": F("place"),
        "event": F("event"),
    }
    parties = Party.objects.filter(convention=OuterRef("pk"))
    related = {
        "parties": _joined(parties, "convention", *PARTY_FIELDS, order_by=("position", "pk")),
        "other_names": _joined(
            parties,
            "convention",
            "actor__names__name",
            "actor__names__acronym",
            condition=Q(actor__names__isnull=False),
        ),
        "plans": _joined(
            Convention.plans.through.objects.filter(convention=OuterRef("pk")),
            "convention",
            *(f"plan__{field}" for field in [*_in_every_language("name"), *_in_every_language("short_name")]),
        ),
        "components": _joined(
            Convention.components.through.objects.filter(convention=OuterRef("pk")),
            "convention",
            *(f"plancomponent__{field}" for field in _in_every_language("name")),
        ),
        "sectors": _joined(
            Convention.sectors.through.objects.filter(convention=OuterRef("pk")),
            "convention",
            *(f"sector__{field}" for field in _in_every_language("name")),
        ),
        "regions": _joined(
            Convention.regions.through.objects.filter(convention=OuterRef("pk")),
            "convention",
            *(f"region__{field}" for field in _in_every_language("name")),
        ),
    }
    columns = {**own, **related}
    if query is None:
        return columns
    search = SearchQuery(query, search_type="websearch", config=CONFIG)
    marks = {"config": CONFIG, "start_sel": START, "stop_sel": STOP}
    headlines = {
        name: SearchHeadline(expression, search, highlight_all=True, **marks)
        for name, expression in columns.items()
        if name != "text"
    }
    # The full text may run to pages: its best fragments only, and its length
    # to tell whether they are the whole of it.
    headlines["text"] = SearchHeadline(
        F("text"), search, max_words=30, min_words=12, max_fragments=2, fragment_delimiter=" … ", **marks
    )
    headlines["text_length"] = Length("text")
    return headlines


# --- The passages of one convention -------------------------------------------------------------------------------


def _label(model, field: str | None = None) -> str:
    meta = model._meta
    return capfirst(meta.get_field(field).verbose_name if field else meta.verbose_name)


def _page_first(language: str) -> list[str]:
    """The languages in the order a reader of `language` wants them."""
    return list(dict.fromkeys([language, DEFAULT_LANGUAGE, *LANGUAGES]))


def _rows(value: str | None) -> list[list[str]]:
    return [row.split(FIELD) for row in (value or "").split(ROW) if row]


def _passages(row: dict, language: str):
    """Every text of the convention that the search reads, in the order a
    reader looks for the reason: the title shown, the other titles, the
    summary, the parties and who spoke for them, the place and event, the
    plans, components, sectors and regions, the reference, the text."""

    def passage(label, text, lang="", column=""):
        return _Passage(label, lang, ((text or "", False),), column)

    languages = _page_first(language)
    shown = language if row.get(f"title_{language}") else DEFAULT_LANGUAGE
    title = _label(Convention, "title")
    yield passage("", row[f"title_{shown}"], shown)
    for code in languages:
        if code != shown:
            yield passage(title, row[f"title_{code}"], code)
    for code in languages:
        yield passage(_label(Convention, "summary"), row[f"summary_{code}"], code)

    party, other_name = _label(Party), _("Autre nom d'une partie")
    for fields in _rows(row["parties"]):
        fields += [""] * (len(PARTY_FIELDS) - len(fields))
        names = dict(zip(LANGUAGES, fields, strict=False))
        acronym, as_written, person, title_then, capacity = fields[len(LANGUAGES) : len(PARTY_FIELDS)]
        for code in languages:
            if names[code]:
                yield passage(party, f"{names[code]} ({acronym})" if acronym else names[code], code)
        if not any(names.values()) and acronym:
            yield passage(party, acronym)
        yield passage(party, as_written)
        if person:
            signed = _SENTINELS.sub("", capacity) == Party.RepresentativeCapacity.SIGNED
            label = Party.Role.SIGNATORY.label if signed else _label(Party, "representative")
            who = f"{person}, {title_then}" if title_then else person
            short = acronym or names[DEFAULT_LANGUAGE]
            # « président du directoire du CAM » names the party already.
            named = short and _SENTINELS.sub("", short) in _SENTINELS.sub("", title_then)
            yield passage(label, f"{who} ({short})" if short and not named else who)
    for name, acronym in (fields + [""] * (2 - len(fields)) for fields in _rows(row["other_names"])):
        yield passage(other_name, f"{name} ({acronym})" if name and acronym else name or acronym)

    yield passage(_label(Convention, "place"), row["place"])
    yield passage(_label(Convention, "event"), row["event"])
    for column, model in (("plans", Plan), ("components", PlanComponent), ("sectors", Sector), ("regions", Region)):
        for fields in _rows(row[column]):
            names = dict(zip(LANGUAGES, fields, strict=False))
            short = dict(zip(LANGUAGES, fields[len(LANGUAGES) :], strict=False))
            for code in languages:
                text = names.get(code) or ""
                if short.get(code) and short.get(code) != text:
                    text = f"{text} ({short[code]})" if text else short[code]
                yield passage(_label(model), text, code)
    yield passage(_label(Convention, "reference"), row["reference"])
    yield passage(_label(Convention, "text"), row["text"], column="text")


# --- Finding and marking the words ---------------------------------------------------------------------------------


def _headlined(passage: _Passage, wanted: list[str]) -> _Passage:
    """`passage` as ts_headline marked it, with the query's words it holds: a
    marked word is counted as the query's word it holds (« financiers » as
    « financier », as on SQLite), or as itself when the search matched it by
    a stem that holds none."""
    pieces = _split_marks(_plain(passage))
    found = set()
    for text, marked in pieces:
        if marked:
            word = normalize(text)
            found.update(_held(word, wanted) or [word])
    return _Passage(passage.label, passage.language, pieces, passage.column, frozenset(found))


def _split_marks(text: str) -> tuple[tuple[str, bool], ...]:
    """ts_headline's output, its matched words between START and STOP, as pieces (text, marked)."""
    pieces, marked = [], False
    for part in re.split(f"([{START}{STOP}])", text or ""):
        if part == START:
            marked = True
        elif part == STOP:
            marked = False
        elif part:
            pieces.append((part, marked))
    return tuple(pieces)


def _plain(passage: _Passage) -> str:
    return "".join(text for text, _marked in passage.pieces)


def query_words(query: str) -> list[str]:
    """The words search.search looks for on SQLite, as it looks for them."""
    return [_fold_plural(word) for word in normalize(query).split()]


def _held(word: str, wanted: list[str]) -> list[str]:
    """The words of `wanted` that `word` holds. A short word ("de", "l") only
    as a whole word, or every word would be marked."""
    return [w for w in wanted if word == w or (len(w) >= 3 and w in word)]


def _marked(passage: _Passage, text: str, wanted: list[str]) -> _Passage:
    """`passage` with `text`, its words holding a word of `wanted`
    (query_words) marked, case, accents and Arabic diacritics aside, as the
    search compares them."""
    text = text.replace(START, "").replace(STOP, "").replace(FIELD, " ").replace(ROW, " ")
    whole = normalize(text)
    if not any(word in whole for word in wanted):  # most texts: no word to look at one by one
        return _Passage(passage.label, passage.language, ((text, False),), passage.column, frozenset())
    pieces, end, found = [], 0, set()
    for word in _WORD.finditer(text):
        held = _held(normalize(word.group()), wanted)
        if held:
            found.update(held)
            pieces += [(text[end : word.start()], False), (word.group(), True)]
            end = word.end()
    pieces.append((text[end:], False))
    pieces = tuple(piece for piece in pieces if piece[0])
    return _Passage(passage.label, passage.language, pieces, passage.column, frozenset(found))


def _cut(passage: _Passage) -> tuple[tuple[str, bool], ...]:
    """A long passage cut to the words around its first match, with « … »
    where it was cut; white space (line breaks) as single spaces."""
    text = _plain(passage)
    pieces = passage.pieces
    if len(text) > LONGEST:
        spans, position = [], 0
        for piece, marked in pieces:
            spans.append((position, position + len(piece), marked))
            position += len(piece)
        first = next(start for start, _end, marked in spans if marked)
        words = list(_WORD.finditer(text))
        index = next((i for i, w in enumerate(words) if w.end() > first), len(words) - 1)
        start = words[max(0, index - WORDS_BEFORE)].start() if words else 0
        stop = words[min(len(words) - 1, index + WORDS_AFTER)].end() if words else len(text)
        start, stop = min(start, first), max(stop, first)
        cut = [(text[max(a, start) : min(b, stop)], marked) for a, b, marked in spans if b > start and a < stop]
        pieces = (*((("… ", False),) if start > 0 else ()), *cut, *(((" …", False),) if stop < len(text) else ()))
    return tuple((re.sub(r"\s+", " ", piece), marked) for piece, marked in pieces)


def _html(passage: _Passage) -> SafeString:
    """The passage as HTML built from escaped pieces, isolated like other data
    (core.templatetags.shiraka): French text on another language's page
    marked « (en français) » as a missing translation is (the row's title
    says so already), names and other text isolated only."""
    # The title the row shows stands whole: it replaces the row's link text.
    pieces = _cut(passage) if passage.label else tuple((re.sub(r"\s+", " ", p), m) for p, m in passage.pieces)
    html = mark_safe(
        "".join(
            format_html("<mark>{}</mark>", piece) if marked else str(conditional_escape(piece))
            for piece, marked in pieces
        ).strip()
    )
    # French free text, and the row's title falling back to French, on
    # another language's page: isolated and marked « (en français) », as the
    # `tr` filter shows an unmatched title.
    if passage.language == DEFAULT_LANGUAGE:
        return in_french(html)
    return as_written(html, passage.language)
