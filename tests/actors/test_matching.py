"""The one actor matcher (actors.matching): exact names, acronyms and other
names first, whatever the accents and case; then close names, never an
unrelated one. No database but for `load()`."""

import difflib

import pytest
from rapidfuzz.distance import Indel

from actors.matching import ACRONYM, EXACT, FORMER, FUZZY, ActorMatcher, Candidate, Entry, load, similarity
from core.text import normalize
from tests.factories import ActorFactory, ActorNameFactory

AMICA = "Association Marocaine pour l'Industrie et la Construction de l'Automobile"
OTHER_EXPANSION = "Association Marocaine de l'Industrie et du Montage Automobile"
CAM = "Crédit Agricole du Maroc"


@pytest.fixture
def matcher():
    return ActorMatcher(
        [
            Entry(1, names=(AMICA,), acronyms=("AMICA",)),
            Entry(2, names=(CAM, "مجموعة القرض الفلاحي للمغرب"), acronyms=("CAM",)),
            Entry(3, names=("Office Chérifien des Phosphates",), acronyms=("OCP",)),
            Entry(
                4,
                names=("Ministère de l'Industrie et du Commerce",),
                former=("Ministère du Commerce et de l'Industrie",),
            ),
            Entry(5, names=("Agence Marocaine de Développement des Investissements",), acronyms=("AMDI",)),
        ]
    )


def keys(candidates: list[Candidate]) -> list:
    return [candidate.key for candidate in candidates]


def test_an_exact_name_matches_with_score_one(matcher):
    assert matcher.lookup(CAM) == [Candidate(2, 1.0, EXACT, CAM)]


def test_a_name_in_another_language_is_an_exact_name(matcher):
    assert keys(matcher.lookup("مجموعة القرض الفلاحي للمغرب")) == [2]


def test_an_acronym_matches_as_an_acronym(matcher):
    assert matcher.lookup("OCP") == [Candidate(3, 1.0, ACRONYM, "OCP")]


def test_a_former_name_matches_as_a_former_name(matcher):
    (candidate,) = matcher.lookup("Ministère du Commerce et de l'Industrie")
    assert (candidate.key, candidate.how, candidate.score) == (4, FORMER, 1.0)


@pytest.mark.parametrize(
    "typed",
    [
        "credit agricole du maroc",
        "CRÉDIT AGRICOLE DU MAROC",
        "Crédit-Agricole du Maroc",
        "  crédit agricole  du maroc. ",
    ],
)
def test_accents_case_and_punctuation_do_not_matter(matcher, typed):
    assert matcher.lookup(typed) == [Candidate(2, 1.0, EXACT, CAM)]


def test_an_acronym_is_found_whatever_its_case(matcher):
    assert keys(matcher.lookup("amica")) == [1]


def test_name_with_its_acronym_in_parentheses_names_the_actor(matcher):
    assert keys(matcher.lookup("Crédit Agricole du Maroc (CAM)")) == [2]
    assert keys(matcher.lookup("Le Crédit agricole (CAM)")) == [2]  # the acronym, when the name is not exact


def test_a_typo_is_a_fuzzy_candidate(matcher):
    (candidate,) = matcher.lookup("Credit Agricol du Maroc")
    assert (candidate.key, candidate.how, candidate.name) == (2, FUZZY, CAM)
    assert 0.85 <= candidate.score < 1


def test_another_expansion_of_an_acronym_is_found_by_shared_words(matcher):
    # Too different letter by letter (0.81, difflib and rapidfuzz alike), but
    # four of the six telling words of both are shared: 4 / 6 >= 0.6.
    assert similarity(normalize(OTHER_EXPANSION), normalize(AMICA)) < 0.85
    (candidate,) = matcher.lookup(OTHER_EXPANSION)
    assert (candidate.key, candidate.how) == (1, FUZZY)
    assert candidate.score >= 0.6


def test_a_typo_in_an_acronym_is_a_fuzzy_candidate_for_one_word(matcher):
    assert keys(matcher.near("AMCI")) == []  # 0.67 against AMICA, 0.75 against AMDI: too far
    assert keys(matcher.near("AMDII")) == [5]  # 0.89 against AMDI


def test_an_unrelated_name_matches_nothing(matcher):
    assert matcher.lookup("Société Nationale des Autoroutes du Maroc") == []
    assert matcher.lookup("Banque Populaire") == []
    assert matcher.lookup("") == []


def test_the_fuzzy_threshold_is_085_inclusive():
    # 20 letters, 17 in common: 2 × 17 / 40 = 0.85 exactly.
    matcher = ActorMatcher([Entry(1, names=("abcdefghijklmnopqrst",))])
    assert difflib.SequenceMatcher(None, "abcdefghijklmnopqxyz", "abcdefghijklmnopqrst").ratio() == 0.85
    assert keys(matcher.near("abcdefghijklmnopqxyz")) == [1]
    # 16 in common: 0.8, below.
    assert keys(matcher.near("abcdefghijklmnopwxyz")) == []


def test_the_similarity_is_difflibs_so_the_answers_stay_what_they_were():
    # rapidfuzz's Indel ratio (0.857 here) only lets names through; difflib's
    # ratio (0.837), the one the import and the quality page always used, decides.
    known = "institut marocaine pour la tourisme de fes meknes"
    typed = "institut marocaine pour la tourisme de l oriental"
    assert Indel.normalized_similarity(known, typed) >= 0.85 > similarity(known, typed)
    assert difflib.SequenceMatcher(None, known, typed).ratio() == similarity(known, typed)
    assert ActorMatcher([Entry(1, names=(known,))]).near(typed) == []
    assert ActorMatcher([Entry(1, names=(known,)), Entry(2, names=(typed,))]).duplicates() == []


def test_acronyms_are_compared_fuzzily_only_with_a_one_word_text():
    matcher = ActorMatcher([Entry(1, names=("Zeta",), acronyms=("ab cdefgh",))])
    assert keys(matcher.near("ab cdefgx")) == []  # two words: not against an acronym
    assert keys(matcher.near("abcdefgh")) == [1]  # one word: 0.94


def test_a_text_several_actors_share_returns_them_all(matcher):
    matcher.add(6, names=("Autre association",), acronyms=("AMICA",))
    assert keys(matcher.lookup("AMICA")) == [1, 6]
    assert {candidate.how for candidate in matcher.lookup("AMICA")} == {ACRONYM}


def test_candidates_are_sorted_best_first_and_limited():
    matcher = ActorMatcher(
        [Entry(key, names=(name,)) for key, name in enumerate(["Maroc Export", "Maroc Exports", "Maroc Exportt"])]
    )
    found = matcher.near("Maroc Exports", limit=3)
    assert found[0].key == 1 and found[0].score == 1
    assert [candidate.score for candidate in found] == sorted((c.score for c in found), reverse=True)
    assert len(matcher.near("Maroc Exports", limit=1)) == 1


def test_an_actor_added_later_is_found(matcher):
    matcher.add(-1, names=("Société Nouvelle de Câblage",), acronyms=("SNC",))
    assert keys(matcher.lookup("snc")) == [-1]
    assert keys(matcher.lookup("Societe Nouvelle de Cablag")) == [-1]


def test_duplicates_pair_actors_whose_names_look_alike():
    matcher = ActorMatcher(
        [
            Entry(1, names=(AMICA,), former=(OTHER_EXPANSION,), acronyms=("AMICA",)),
            Entry(2, names=(OTHER_EXPANSION.lower(),)),
            Entry(3, names=(CAM,), acronyms=("CAM",)),
            Entry(4, names=("Crédit Agricole du Maroc S.A.",)),
            Entry(5, names=("Caisse de Dépôt",), acronyms=("CDG",)),
            Entry(6, names=("Compagnie de Gestion",), acronyms=("CDG",)),  # same acronym
            Entry(7, names=("CAMA",)),  # short: alike only when equal
        ]
    )
    assert matcher.duplicates() == [(1, 2), (3, 4), (5, 6)]


@pytest.mark.django_db
def test_load_reads_actors_and_their_other_names():
    actor = ActorFactory(name=CAM, acronym="CAM")
    ActorNameFactory(actor=actor, name="Caisse Nationale de Crédit Agricole", acronym="CNCA")
    other = ActorFactory(name="Office Chérifien des Phosphates", acronym="OCP")

    matcher = load()

    assert len(matcher) == 2
    assert matcher.lookup("cnca") == [Candidate(actor.pk, 1.0, ACRONYM, "CNCA")]
    assert matcher.lookup("caisse nationale de credit agricole")[0].how == FORMER
    assert keys(matcher.lookup("Office Cherifien des Phosphate")) == [other.pk]
    assert keys(load(actors=type(other).objects.filter(pk=other.pk)).lookup("CAM")) == []
