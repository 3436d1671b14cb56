"""The index of names behind the site search and the filters that accept a
name: built once per register version for every process, never stale."""

import pytest
from django.utils import translation

from conventions import finder
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_another_process_reads_the_index_built_by_the_first(django_assert_num_queries):
    f.PartyFactory(actor=f.ActorFactory(name="Association marocaine de l'automobile", acronym="AMICA"))
    first = finder.index()
    finder.forget()  # as a second worker, which has built nothing yet
    with django_assert_num_queries(1):  # the register's version; the index comes from the shared cache
        second = finder.index()
    assert second == first
    assert [entry.names for entry in finder.match(second.actors, "amica")] == [
        ("association marocaine de l automobile", "amica")
    ]


def test_a_write_gives_a_new_index_to_every_process():
    f.PartyFactory(actor=f.ActorFactory(name="Premier acteur", acronym=""))
    assert len(finder.index().actors) == 1
    f.PartyFactory(actor=f.ActorFactory(name="Acteur ajouté ensuite", acronym=""))
    finder.forget()
    assert len(finder.match(finder.index().actors, "ajoute")) == 1


def test_an_actor_is_found_by_its_names_in_every_language_and_its_former_names():
    actor = f.ActorFactory(name="Ministère de l'Industrie", name_ar="وزارة الصناعة", name_en="Ministry of Industry")
    f.ActorNameFactory(actor=actor, name="Ministère du Commerce et de l'Industrie", acronym="MCI")
    f.PartyFactory(actor=actor)
    entries = finder.index().actors
    for typed in ("ministere", "وزارة", "ministry", "MCI", "commerce"):
        assert [entry.pk for entry in finder.match(entries, typed)] == [actor.pk], typed


def test_the_index_sorts_by_the_name_the_reader_sees():
    actor = f.ActorFactory(name="Zeta ministère", name_ar="الف وزارة", acronym="")
    f.PartyFactory(actor=actor)
    with translation.override("ar"):
        assert finder.index().actors[0].label == "الف وزارة"
    assert finder.index().actors[0].label == "zeta ministere"


def test_an_actor_known_only_from_a_draft_is_not_in_the_index():
    hidden = f.ActorFactory(name="Acteur des brouillons", acronym="")
    f.PartyFactory(actor=hidden, convention=f.ConventionFactory(draft=True))
    f.ActorNameFactory(actor=hidden, name="Ancien nom secret")
    assert finder.match(finder.index().actors, "brouillons") == []
    assert finder.match(finder.index().actors, "secret") == []
