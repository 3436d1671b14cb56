import pytest

from assistant.extraction.amounts import as_amount, parse_number, quantities


@pytest.mark.parametrize(
    "written, value, currency",
    [
        ("près de 130 milliards de DH", 130e9, "MAD"),
        ("1,7 MMDH", 1.7e9, "MAD"),
        ("20 milliards de Dirhams", 20e9, "MAD"),
        ("200 MDH", 200e6, "MAD"),
        ("50 M€", 50e6, "EUR"),
        ("2,5 millions d'euros", 2.5e6, "EUR"),
        ("1 500 000 dirhams", 1.5e6, "MAD"),
        ("1\u202f500\u202f000 DH", 1.5e6, "MAD"),
        ("4.200.000 DH", 4.2e6, "MAD"),
        ("3,2 Mds DH", 3.2e9, "MAD"),
        ("un milliard de dirhams", 1e9, "MAD"),
        ("750 millions de dollars", 750e6, "USD"),
        ("12 millions de MAD", 12e6, "MAD"),
    ],
)
def test_french_amounts_are_read_with_their_scale_and_currency(written, value, currency):
    (found,) = [q for q in quantities(written) if q.kind == "money"]
    assert (found.value, found.currency) == (value, currency)


@pytest.mark.parametrize(
    "written, value, currency",
    [("MAD 1.2 billion", 1.2e9, "MAD"), ("$50 million", 50e6, "USD"), ("€3.5m", 3.5e6, "EUR")],
)
def test_english_amounts(written, value, currency):
    (found,) = quantities(written, "en")
    assert (found.value, found.currency) == (pytest.approx(value), currency)


def test_arabic_amounts():
    (found,) = quantities("بغلاف مالي قدره 3 مليار درهم", "ar")
    assert (found.value, found.currency) == (3e9, "MAD")


@pytest.mark.parametrize("written, value", [("13 340", 13340), ("1,7", 1.7), ("2.5", 2.5), ("1.200.000", 1_200_000)])
def test_french_numbers(written, value):
    assert parse_number(written) == value


def test_a_foreign_amount_keeps_its_currency_and_gets_dirhams_only_when_the_text_gives_them():
    converted, plain = quantities("un prêt de 50 M€ (environ 540 MDH) et un don de 2 millions d'euros")
    assert as_amount(converted) == {
        "value_mad": 540e6,
        "currency": "EUR",
        "original_value": 50e6,
        "as_written": "50 M€",
    }
    assert as_amount(plain)["value_mad"] is None and as_amount(plain)["currency"] == "EUR"


def test_dates_and_ordinals_are_no_quantities():
    assert quantities("signée le 12 mars 2024, lors de la 3e édition, en 2016") == []


def test_counts_keep_what_they_count():
    (jobs,) = quantities("la création de 4 500 emplois directs")
    assert (jobs.value, jobs.kind, jobs.unit) == (4500, "count", "emplois directs")
