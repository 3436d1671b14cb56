"""The public filters, fuzzed and counted: hypothesis writes query strings
for the conventions list page (three languages) and the API's conventions
list, from every filter of ConventionFilterSet (read from the FilterSet, so
a new filter is fuzzed the day it is added) and the pagination, ordering and
format parameters, with hostile values: unicode, NUL, huge and negative
integers, floats, impossible and far dates, long strings, SQL, repeated
parameters, and the slugs and names of the canary draft's own objects (each
filter is also given each of those, every time).
No answer may be a 5xx, and no 200 may show the draft's marker."""

import datetime
from urllib.parse import quote, unquote_plus, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conventions.filters import ConventionFilterSet
from tests.probes.test_canary_drafts import MARKER, WORD, canary, text_of  # noqa: F401 - canary is a fixture

pytestmark = pytest.mark.django_db

# Beside the filters: pagination (pages and API), the API's page size, state
# and format override, and an ordering and an as-of date no one declared
# (the dated filter, updated_since, is one of the FilterSet's).
OTHER_PARAMETERS = ["page", "page_size", "publication_state", "format", "ordering", "as_of"]
EXAMPLES = 150
BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def parameters() -> list[str]:
    return [*ConventionFilterSet.base_filters, *OTHER_PARAMETERS]


def known_values(register: dict) -> list[str]:
    """Values a filter may take, its boundaries, and the draft's own names."""
    values = [WORD, *(register[key].slug for key in ("draft", "actor", "person", "published"))]
    values += [register["actor"].name, register["actor"].names.first().acronym]
    for filter_ in ConventionFilterSet.base_filters.values():
        values += [str(choice) for choice, _label in filter_.extra.get("choices", [])]
    values += ["1949", "1950", "2100", "2101", "0", "-1", "1.5", "1e309", "NaN", "-0", "٢٠٢٤", "２０２４"]
    values += ["all", "draft", "published", "archived", "json", "api", "csv", "xlsx", "-title", "?", "&"]
    return values


HOSTILE = [
    "2020-13-45T10:00:00",
    "2020-02-30",
    "0000-00-00",
    "9999-12-31T23:59:59.999999+14:00",
    "10000-01-01",
    "-2020-01-01",
    "2024-01-01T25:61:61Z",
    "' OR 1=1 --",
    '"; DROP TABLE conventions_convention; --',
    "%00",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "../../etc/passwd",
    "a" * 5000,
    "ا" * 3000,
    "\u202e\u200f\ufeff",
    "🤝" * 100,
    " ",
    "",
]


def values(register: dict):
    return st.one_of(
        st.sampled_from(known_values(register) + HOSTILE),
        st.text(max_size=60),
        st.integers().map(str),
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
        st.floats().map(str),
        st.dates(min_value=datetime.date(1, 1, 1)).map(str),
        st.datetimes().map(datetime.datetime.isoformat),
        st.datetimes(timezones=st.just(datetime.UTC)).map(datetime.datetime.isoformat),
    )


def query_strings(register: dict):
    """Query strings of up to five parameters, each given once or twice."""
    return st.dictionaries(
        st.sampled_from(parameters()), st.lists(values(register), min_size=1, max_size=2), max_size=5
    ).map(lambda query: urlencode(query, doseq=True))


def shown(response, query: str) -> str:
    """The answer's text without what the caller sent (a page echoes the
    values it was given, in its links too): what remains is the register's."""
    body = text_of(response)
    values = [part.partition("=")[2] for part in query.split("&")]
    echoes = {echo for value in values for echo in (value, unquote_plus(value), quote(unquote_plus(value)))}
    # Only the echoes that hold the marker (removing "3" would break every
    # marker), longest first.
    for echo in sorted((echo.lower() for echo in echoes if MARKER in echo.lower()), key=len, reverse=True):
        body = body.replace(echo, "")
    return body


def draft_queries(register: dict) -> list[str]:
    """Every filter given each name the draft's own objects go by: the cases
    most likely to leak, asked every time rather than left to chance."""
    names = [register[key].slug for key in ("draft", "actor", "person")]
    names += [register["actor"].name, register["actor"].names.first().acronym, register["draft"].title]
    return [urlencode({name: value}) for name in ConventionFilterSet.base_filters for value in names]


def fuzz(addresses, register: dict, probe):
    errors = probe(
        "public filters: no 5xx",
        "hostile query strings for every filter, page, ordering and date of the conventions page and API"
        " answered by a 5xx",
    )
    leaks = probe("public filters: no draft", "filtered answers (200) showing a draft's marker")
    client = Client(raise_request_exception=False)

    @given(address=st.sampled_from(addresses), query=query_strings(register))
    @BOUNDED
    def ask(address, query):
        response = client.get(f"{address}?{query}")
        errors.check(response.status_code < 500, f"{address}?{query[:200]} → {response.status_code}")
        if response.status_code == 200:
            leaks.check(MARKER not in shown(response, query), f"{address}?{query[:200]}")

    for query in draft_queries(register):
        ask = example(address=addresses[0], query=query)(ask)
    ask()
    return errors, leaks


def test_hostile_filters_on_the_conventions_page_answer_no_5xx_and_no_draft(canary, probe):  # noqa: F811
    errors, leaks = fuzz(["/fr/conventions/", "/ar/conventions/", "/en/conventions/"], canary, probe)
    assert errors.failures == [] and leaks.failures == []


def test_hostile_filters_on_the_api_list_answer_no_5xx_and_no_draft(canary, probe):  # noqa: F811
    errors, leaks = fuzz(["/api/v1/conventions/"], canary, probe)
    assert errors.failures == [] and leaks.failures == []
