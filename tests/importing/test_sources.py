"""The « sources » column, which brings each convention in with the articles
that report it (so a publisher can publish it without retyping), and the
Arabic and English columns."""

import datetime

import pytest

from conventions.importing import convention_rows
from conventions.models import Convention, Source
from core.dates import DatePrecision
from tests.factories import ActorFactory, SourceFactory
from tests.importing.helpers import csv_bytes, errors, row, run

pytestmark = pytest.mark.django_db

ARTICLE = "Deux conventions pour l'emploi à Tanger (Le Matin, 2025-02-12) <https://lematin.ma/tanger-emploi>"


@pytest.fixture(autouse=True)
def parties():
    ActorFactory(name="Crédit Agricole du Maroc", acronym="CAM")
    ActorFactory(name="Association Marocaine pour l'Industrie et la Construction de l'Automobile", acronym="AMICA")


def convention_row(title: str, sources: str) -> list[str]:
    return row(title=title, parties="CAM; AMICA", sources=sources)


def test_a_new_source_is_created_with_its_outlet_date_and_address():
    report = run(csv_bytes([convention_row("Convention A", ARTICLE)]), dry_run=False)

    assert report.ok, errors(report)
    source = Source.objects.get()
    assert (source.title, source.outlet, source.url) == (
        "Deux conventions pour l'emploi à Tanger",
        "Le Matin",
        "https://lematin.ma/tanger-emploi",
    )
    assert (source.published_on, source.published_on_precision) == (datetime.date(2025, 2, 12), DatePrecision.DAY)
    assert list(source.conventions.values_list("title_fr", flat=True)) == ["Convention A"]


def test_an_article_cited_by_two_rows_is_created_once_and_linked_to_both():
    report = run(
        csv_bytes([convention_row("Convention A", ARTICLE), convention_row("Convention B", ARTICLE)]), dry_run=False
    )

    assert report.ok, errors(report)
    assert Source.objects.get().conventions.count() == 2


def test_a_source_of_the_register_is_found_by_its_address_alone():
    known = SourceFactory(url="https://lematin.ma/tanger-emploi")

    report = run(csv_bytes([convention_row("Convention A", "https://lematin.ma/tanger-emploi")]), dry_run=False)

    assert report.ok, errors(report)
    assert list(Source.objects.all()) == [known]
    assert known.conventions.get().title_fr == "Convention A"


def test_a_source_of_the_register_is_found_by_its_title_and_outlet():
    known = SourceFactory(title="Signature à Rabat", outlet="Infomédiaire", url="")

    report = run(csv_bytes([convention_row("Convention A", "Signature à rabat (infomediaire)")]), dry_run=False)

    assert report.ok, errors(report)
    assert list(Source.objects.all()) == [known]


def test_an_unknown_bare_address_asks_for_a_title():
    report = run(csv_bytes([convention_row("Convention A", "https://exemple.ma/inconnu")]))

    assert report.rows[0].line == 2
    assert errors(report) == [
        "colonne « sources » : source inconnue : « https://exemple.ma/inconnu ». Pour en créer une, "
        "donnez son titre : « Titre de l'article (Média, 2021-02-01) <https://…> »."
    ]


def test_a_malformed_address_rejects_the_row_and_writes_nothing():
    report = run(csv_bytes([convention_row("Convention A", "Un article <pas-une-adresse>")]), dry_run=False)

    assert report.rejected == 1 and not report.written
    assert any("sources" in message for message in errors(report))
    assert not Source.objects.exists() and not Convention.objects.exists()


def test_an_exported_row_brings_its_sources_back_without_duplicating_them():
    run(csv_bytes([convention_row("Convention A", ARTICLE)]), dry_run=False)
    exported = list(convention_rows(Convention.objects.all()))

    report = run(csv_bytes(exported), dry_run=False)

    assert report.ok and report.updated == 1, errors(report)
    assert Source.objects.count() == 1
    assert Source.objects.get().conventions.count() == 1


def test_arabic_and_english_titles_and_summaries_come_in_and_are_searchable():
    data = csv_bytes(
        [
            row(
                title="Convention automobile",
                title_ar="اتفاقية صناعة السيارات",
                title_en="Automotive agreement",
                summary_ar="مواكبة المقاولات",
                summary_en="Support for companies",
                parties="CAM; AMICA",
            )
        ]
    )

    report = run(data, dry_run=False)

    assert report.ok, errors(report)
    convention = Convention.objects.get()
    assert (convention.title_ar, convention.title_en) == ("اتفاقية صناعة السيارات", "Automotive agreement")
    assert (convention.summary_ar, convention.summary_en) == ("مواكبة المقاولات", "Support for companies")
    assert list(Convention.objects.search("السيارات")) == [convention]
    exported = next(convention_rows(Convention.objects.all()))
    assert "اتفاقية صناعة السيارات" in exported and "Support for companies" in exported
