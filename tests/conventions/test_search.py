"""Search is accent- and case-insensitive and knows actors by every name."""

import pytest

from actors.models import ActorName
from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def amica_conventions():
    amica = f.ActorFactory(
        name="Association Marocaine pour l'Industrie et la Construction de l'Automobile", acronym="AMICA", slug="amica"
    )
    ActorName.objects.create(actor=amica, name="Association Marocaine de l'Industrie et du Montage Automobile")
    cam = f.ActorFactory(name="Crédit Agricole du Maroc", acronym="CAM", slug="cam")
    financing = f.ConventionFactory(
        title="Accompagnement financier du secteur automobile",
        summary="Un dispositif financier adapté et l'accompagnement des investissements de décarbonation.",
    )
    f.PartyFactory(convention=financing, actor=cam)
    f.PartyFactory(convention=financing, actor=amica)
    integration = f.ConventionFactory(title="Développement de l'intégration locale")
    f.PartyFactory(
        convention=integration,
        actor=amica,
        name_as_written="Association Marocaine de l'Industrie et du Montage Automobile",
    )
    unrelated = f.ConventionFactory(title="Écosystèmes des industries mécaniques")
    f.PartyFactory(convention=unrelated, actor=f.ActorFactory(name="FIMME", acronym="FIMME", slug="fimme"))
    Convention.objects.refresh_search_text()
    return financing, integration, unrelated


def found(query):
    return set(Convention.objects.search(query).values_list("title", flat=True))


def test_a_word_without_its_accent_finds_the_accented_text(amica_conventions):
    assert found("decarbonation") == {"Accompagnement financier du secteur automobile"}


def test_case_does_not_matter(amica_conventions):
    assert found("DÉCARBONATION") == found("décarbonation") == {"Accompagnement financier du secteur automobile"}


def test_an_acronym_finds_every_convention_of_the_actor(amica_conventions):
    assert found("AMICA") == {"Accompagnement financier du secteur automobile", "Développement de l'intégration locale"}


@pytest.mark.parametrize(
    "name",
    [
        "Association Marocaine pour l'Industrie et la Construction de l'Automobile",
        "Association Marocaine de l'Industrie et du Montage Automobile",
    ],
)
def test_either_expansion_of_an_acronym_finds_the_same_conventions(amica_conventions, name):
    assert found(name) == found("AMICA")


def test_a_plural_finds_the_singular(amica_conventions):
    assert "Écosystèmes des industries mécaniques" in found("ecosysteme")
    assert "Accompagnement financier du secteur automobile" in found("investissement")


def test_an_empty_query_filters_nothing(amica_conventions):
    assert len(found("  ")) == 3


def test_a_query_of_punctuation_only_is_not_an_error(amica_conventions):
    assert len(found("'&|!():*")) == 3


def test_every_word_must_match(amica_conventions):
    assert found("AMICA mécaniques") == set()


def test_reindexing_does_not_count_as_an_edit(amica_conventions):
    financing = amica_conventions[0]
    before = Convention.objects.get(pk=financing.pk).updated_at
    Convention.objects.refresh_search_text()
    assert Convention.objects.get(pk=financing.pk).updated_at == before


@pytest.mark.parametrize(
    ("matches", "verdict"),
    [(0, True), (74, True), (3000, True), (4619, False), (64312, False)],
)
def test_only_a_rare_query_fetches_its_matches_by_key(matches, verdict):
    # Reading the list in its order finds a page of a common word in its
    # first rows; fetching by key pays for every match (figures at 100 000).
    from conventions.search import few_enough

    assert few_enough(matches, 100_000) is verdict


def test_a_rare_word_is_found_wherever_it_is_in_the_register(amica_conventions):
    financing, integration, unrelated = amica_conventions
    for n in range(30):
        f.ConventionFactory(title=f"Programme de formation numéro {n}")
    Convention.objects.refresh_search_text()
    assert found("mecaniques") == {unrelated.title}
    assert found("formation") == {f"Programme de formation numéro {n}" for n in range(30)}
