"""On SQLite, search reads a trigram index of the search text: the same
matches as reading every row's text, at the cost of an index lookup."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conventions import sqlite_search
from conventions.models import Convention
from conventions.search import _fold_plural
from core.text import normalize
from tests import factories as f

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only (PostgreSQL has its own full-text index)"),
]

TITLES = [
    "Accompagnement financier du secteur automobile",
    "Développement de l'intégration locale des équipementiers",
    "Écosystème des industries mécaniques et métallurgiques",
    "Programme « Tatwir » de croissance verte",
    "Zone d'accélération industrielle de Kénitra",
]

QUERIES = [
    "automobile",
    "mobile",  # a piece inside a word
    "equipementiers",  # without accents, plural folded
    "Écosystèmes",
    "industries mecaniques",
    "ZONE kenitra",
    "de",  # shorter than three letters: read from the text
    "de automobile",
    "tatwir",
    "xyz-introuvable",
    'guillemet " seul',
]


@pytest.fixture
def conventions():
    made = [f.ConventionFactory(title=title, summary="") for title in TITLES]
    Convention.objects.refresh_search_text()
    return made


def found(query):
    return set(Convention.objects.search(query).values_list("pk", flat=True))


def scanned(query):
    """What reading every row's text finds: the search without the index."""
    queryset = Convention.objects.all()
    for word in normalize(query).split():
        queryset = queryset.filter(search_text__contains=_fold_plural(word))
    return set(queryset.values_list("pk", flat=True))


def test_the_index_is_made_by_migrate():
    assert sqlite_search.indexed(str(connection.settings_dict["NAME"]))


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_finds_what_reading_the_text_finds(conventions, query):
    assert found(query) == scanned(query)


def test_a_rare_word_is_looked_up_in_the_index_and_its_matches_fetched_by_key(conventions):
    with CaptureQueriesContext(connection) as context:
        pks = found("automobile")
    asked = [query["sql"] for query in context.captured_queries]
    assert pks == {conventions[0].pk}
    assert any(sqlite_search.TABLE in sql for sql in asked)
    assert f"IN ({conventions[0].pk})" in asked[-1]


def test_the_index_follows_an_edit_and_a_deletion(conventions):
    convention = conventions[0]
    convention.title = "Programme de formation aux métiers du textile"
    convention.save()
    Convention.objects.filter(pk=convention.pk).refresh_search_text()
    assert convention.pk in found("textile")
    assert convention.pk not in found("automobile")
    conventions[4].delete()
    assert found("kenitra") == set()


def test_triggers_dropped_by_a_table_rebuild_are_made_again_with_the_index(conventions):
    # Django rebuilds a SQLite table when a migration alters it, dropping its triggers.
    with connection.cursor() as cursor:
        for name in sqlite_search._TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
    Convention.objects.filter(pk=conventions[1].pk).update(search_text="un texte tout autre sur le cuir")
    assert sqlite_search.ensure()
    assert found("cuir") == {conventions[1].pk}
    assert conventions[1].pk not in found("equipementier")
