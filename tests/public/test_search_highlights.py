"""Each convention found by a search says why (issue 12): the passage that
matched, its words marked, and the field it comes from when it is not the
title the row shows. Accent-, case- and Arabic-script-insensitive, escaped,
isolated like other data, on the list and on the site-wide search; one query
for a page, whatever its rows. Runs on SQLite (words found in Python) and on
PostgreSQL (ts_headline)."""

import re

import pytest
from django.utils import translation

from actors.models import ActorName
from conventions import highlights
from conventions.models import Convention, Party
from plans.models import Region
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = "/fr/conventions/"
SEARCH = "/fr/search/"


@pytest.fixture
def financing():
    ministry = f.ActorFactory(name="Ministère de l'Industrie et du Commerce", acronym="MIC")
    amica = f.ActorFactory(
        name="Association Marocaine pour l'Industrie et la Construction Automobile",
        acronym="AMICA",
    )
    ActorName.objects.create(actor=amica, name="Groupement des constructeurs du Détroit")
    cam = f.ActorFactory(name="Crédit Agricole du Maroc", acronym="CAM", name_ar="القرض الفلاحي للمغرب")
    convention = f.ConventionFactory(
        title="Accompagnement financier des entreprises",
        title_en="Financial support for companies",
        summary="Un dispositif financier adapté et l'accompagnement des investissements de décarbonation.",
        place="Tanger",
    )
    f.PartyFactory(
        convention=convention,
        actor=ministry,
        representative=f.PersonFactory(name="Ryad Mezzour"),
        representative_title="Ministre de l'Industrie",
    )
    f.PartyFactory(
        convention=convention,
        actor=cam,
        representative=f.PersonFactory(name="Mohamed Fikrat"),
        representative_title="Président du directoire",
        representative_capacity=Party.RepresentativeCapacity.SIGNED,
    )
    f.PartyFactory(convention=convention, actor=amica)
    convention.regions.add(Region.objects.get(code="MA-01"))
    Convention.objects.refresh_search_text()
    return convention


def why(convention, query, language="fr"):
    with translation.override(language):
        match = highlights.explain([convention.pk], query).get(convention.pk)
        return (str(match.label), str(match.html)) if match else None


def row_of(text: str, title: str) -> str:
    """The HTML of the result row whose link reads `title`."""
    found = re.search(rf"<li>\s*<a [^>]*>{re.escape(title)}</a>.*?</li>", text, re.S)
    assert found, f"no row titled {title!r}"
    return found.group()


def test_a_word_of_the_title_is_marked_in_the_title_without_a_label(financing):
    assert why(financing, "entreprises") == ("", "Accompagnement financier des <mark>entreprises</mark>")


def test_a_word_of_the_summary_is_found_without_its_accent_and_named_as_the_summary(financing):
    label, html = why(financing, "DECARBONATION")

    assert label == "Résumé"
    assert "<mark>décarbonation</mark>" in html
    assert html.startswith("Un dispositif financier")


def test_a_minister_who_spoke_is_shown_as_representative_with_his_title_and_party(financing):
    assert why(financing, "mezzour") == (
        "Représentant",
        "Ryad <mark>Mezzour</mark>, Ministre de l&#x27;Industrie (MIC)",
    )


def test_a_president_who_signed_is_shown_as_signatory(financing):
    assert why(financing, "Fikrat") == ("Signataire", "Mohamed <mark>Fikrat</mark>, Président du directoire (CAM)")


def test_a_title_that_names_the_party_is_not_followed_by_its_name_again():
    convention = f.ConventionFactory(title="Convention agricole")
    f.PartyFactory(
        convention=convention,
        actor=f.ActorFactory(name="Crédit Agricole du Maroc", acronym="CAM"),
        representative=f.PersonFactory(name="Mohamed Fikrat"),
        representative_title="président du directoire du CAM",
    )
    Convention.objects.refresh_search_text()

    assert why(convention, "fikrat") == ("Représentant", "Mohamed <mark>Fikrat</mark>, président du directoire du CAM")


def test_a_party_found_by_its_acronym(financing):
    assert why(financing, "amica") == (
        "Partie",
        "Association Marocaine pour l&#x27;Industrie et la Construction Automobile (<mark>AMICA</mark>)",
    )


def test_a_party_found_by_a_former_name_says_so(financing):
    label, html = why(financing, "detroit")

    assert label == "Autre nom d'une partie"
    assert "<mark>Détroit</mark>" in html


def test_a_region_and_a_place(financing):
    assert why(financing, "tanger") == ("Lieu de signature", "<mark>Tanger</mark>")
    label, html = why(financing, "hoceima")
    assert label == "Région"
    assert "<mark>Hoceïma</mark>" in html


def test_the_passage_holding_most_of_the_words_wins(financing):
    # « financier » is in the title and the summary; only the summary also holds « décarbonation ».
    label, html = why(financing, "financier decarbonation")

    assert label == "Résumé"
    assert "<mark>financier</mark>" in html and "<mark>décarbonation</mark>" in html


def test_a_title_holding_every_word_is_the_reason_whatever_the_summary_repeats():
    convention = f.ConventionFactory(
        title="Soutien financier aux coopératives",
        summary="Un appui financier, des partenaires financiers et des produits financiers.",
    )
    Convention.objects.refresh_search_text()

    label, html = why(convention, "financier")

    assert label == ""
    assert "<mark>financier</mark>" in html and "coopératives" in html


def test_arabic_script_is_found_without_its_diacritics_and_isolated_on_a_french_page():
    cam = f.ActorFactory(name="Crédit Agricole du Maroc", acronym="CAM", name_ar="القَرْض الفلاحي للمغرب")
    convention = f.ConventionFactory(title="Financement agricole")
    f.PartyFactory(convention=convention, actor=cam)
    Convention.objects.refresh_search_text()

    label, html = why(convention, "القرض")

    assert label == "Partie"
    assert html.startswith('<bdi lang="ar">') and "<mark>القَرْض</mark>" in html


def test_on_an_english_page_a_french_summary_is_isolated_marked_and_the_label_translated(financing):
    label, html = why(financing, "decarbonation", language="en")

    assert label == "Summary"
    assert html.startswith('<bdi lang="fr" class="fallback">')
    assert html.endswith('<small class="fallback-note">(in French)</small>')


def test_on_an_english_page_the_french_title_is_named_as_a_title(financing):
    # The English title is the one the row shows: a match in the French one says where it is.
    label, html = why(financing, "entreprises", language="en")

    assert label == "Title"
    assert html == (
        '<bdi lang="fr" class="fallback">Accompagnement financier des <mark>entreprises</mark></bdi>'
        ' <small class="fallback-note">(in French)</small>'
    )


def test_a_long_text_is_cut_around_the_first_match():
    words = " ".join(f"mot{n}" for n in range(300))
    convention = f.ConventionFactory(
        title="Convention longue", text=f"{words} la décarbonation des usines de Kénitra {words}"
    )
    Convention.objects.refresh_search_text()

    label, html = why(convention, "kenitra")

    assert label == "Texte"
    assert "<mark>Kénitra</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 400


def test_the_passage_is_escaped_and_only_the_marks_are_html():
    convention = f.ConventionFactory(
        title="Convention ordinaire",
        summary='<script>alert("x")</script> <b>gras</b> & l\'automobile <img src=x onerror=alert(1)>',
    )
    Convention.objects.refresh_search_text()

    label, html = why(convention, "automobile")

    assert label == "Résumé"
    assert "<script>" not in html and "<b>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert re.sub(r"</?mark>", "", html) == re.sub(r"<[^>]+>", "", re.sub(r"</?mark>", "", html))


def test_the_list_shows_why_each_row_matched(client, financing):
    text = client.get(LIST, {"q": "Fikrat"}).text

    row = row_of(text, "Accompagnement financier des entreprises")
    assert '<small class="match">Signataire : Mohamed <mark>Fikrat</mark>' in row


def test_the_list_without_a_search_shows_no_passage(client, financing):
    assert 'class="match"' not in client.get(LIST).text


def test_the_site_search_shows_why_each_convention_matched(client, financing):
    text = client.get(SEARCH, {"q": "mezzour"}).text

    row = row_of(text, "Accompagnement financier des entreprises")
    assert '<small class="match">Représentant : Ryad <mark>Mezzour</mark>' in row


def test_the_passages_of_a_page_cost_one_query_whatever_its_rows(django_assert_num_queries):
    conventions = []
    for n in range(20):
        convention = f.ConventionFactory(title=f"Automobile {n}", summary="Usines automobiles")
        f.PartyFactory(convention=convention, representative=f.PersonFactory())
        convention.plans.add(f.PlanFactory())
        conventions.append(convention)
    Convention.objects.refresh_search_text()

    for rows in (conventions[:2], conventions):
        with django_assert_num_queries(1):
            found = highlights.explain([c.pk for c in rows], "automobile")
        assert len(found) == len(rows)


def test_nothing_is_computed_until_a_row_asks(django_assert_num_queries, financing):
    with django_assert_num_queries(0):
        matches = highlights.for_rows([financing], "mezzour")
    with django_assert_num_queries(1):
        assert matches.get(financing.pk).label == "Représentant"


@pytest.mark.parametrize(
    ("text", "live"),
    [
        ('<script>alert("x1")</script>', '<script>alert("x1")'),
        ('"><img src=x onerror=alert("x2")>', "<img src=x onerror="),
        ("</bdi></mark><svg onload=alert('x3')>", "<svg onload="),
        ("{{ request.META }}{% debug %}", "'HTTP_"),
    ],
)
def test_hostile_text_in_every_field_comes_out_as_text(client, text, live):
    person = f.PersonFactory(name=f"Samir {text} alerte")
    actor = f.ActorFactory(name=f"Association {text} alerte", acronym="ALERTE")
    ActorName.objects.create(actor=actor, name=f"Ancienne {text} alerte")
    convention = f.ConventionFactory(
        title=f"Convention {text} alerte",
        summary=f"Résumé {text} alerte",
        text=f"Texte {text} alerte",
        place=f"Lieu {text} alerte",
        event=f"Salon {text} alerte",
    )
    f.PartyFactory(
        convention=convention, actor=actor, representative=person, representative_title=f"Titre {text} alerte"
    )
    Convention.objects.refresh_search_text()

    for language in ("fr", "ar", "en"):
        for query in ("alerte", "alert", "samir", "ancienne", "salon", "titre"):
            for address in (f"/{language}/conventions/", f"/{language}/search/"):
                page = client.get(address, {"q": query}).text
                # Marked in the title link, or in the line saying where it matched.
                assert "<mark>" in page, (address, query)
                assert live not in page, (address, query)


def test_a_row_found_by_its_title_marks_the_title_instead_of_repeating_it(client, financing):
    page = client.get("/fr/conventions/", {"q": "entreprises"}).text
    link = f'<a href="{financing.get_absolute_url()}">Accompagnement financier des <mark>entreprises</mark></a>'
    assert link in page
    assert 'class="match"' not in page


def test_a_french_title_matched_on_an_arabic_page_keeps_its_missing_translation_note(client, financing):
    page = client.get("/ar/conventions/", {"q": "entreprises"}).text
    assert '<bdi lang="fr" class="fallback">Accompagnement financier des <mark>entreprises</mark></bdi>' in page
