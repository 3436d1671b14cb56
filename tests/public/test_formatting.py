"""The small helpers behind the public pages: amounts, quantities, periods,
and the geometry of the server-drawn charts."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from core.charts import bar_chart, column_chart
from core.dates import DatePrecision
from core.templatetags.shiraka import money, number, quantity
from tests import factories as f


@pytest.mark.parametrize(
    "value,currency,expected",
    [
        (Decimal(130_000_000_000), "MAD", "130 milliards MAD"),
        (Decimal(1_700_000_000), "MAD", "1,7 milliard MAD"),
        (Decimal(2_300_000_000), "MAD", "2,3 milliards MAD"),
        (Decimal(2_500_000), "EUR", "2,5 millions EUR"),
        (Decimal(1_000_000), "MAD", "1 million MAD"),
        (Decimal(13_340), "MAD", "13\xa0340 MAD"),
        (None, "MAD", ""),
    ],
)
def test_money_reads_like_the_press(value, currency, expected):
    assert money(value, currency) == expected


def test_money_follows_the_active_language_number_format():
    with translation.override("en"):
        assert money(Decimal(1_700_000_000), "MAD").startswith("1.7 ")


@pytest.mark.parametrize(
    "language,value,expected",
    [
        ("fr", 1_700_000_000, "1,7 milliard MAD"),
        ("fr", 2_500_000_000, "2,5 milliards MAD"),
        ("en", 1_700_000_000, "1.7 billion MAD"),
        ("en", 2_500_000, "2.5 million MAD"),
        ("ar", 5_000_000_000, "5 مليارات MAD"),
        ("ar", 130_000_000_000, "130 مليار MAD"),
        # After a decimal number the Arabic noun stays singular, even from 3 to 10.
        ("ar", 3_500_000_000, "3,5 مليار MAD"),
        ("ar", 4_200_000, "4,2 مليون MAD"),
    ],
)
def test_amounts_with_a_decimal_part_take_each_language_own_plural(language, value, expected):
    with translation.override(language):
        assert money(Decimal(value), "MAD") == expected


def test_the_plural_follows_the_rounded_amount_shown():
    assert money(Decimal(1_960_000_000), "MAD") == "2 milliards MAD"


def test_quantities_use_money_only_for_currency_codes():
    assert quantity(Decimal("500000.00"), "emplois") == "500\xa0000 emplois"
    assert quantity(Decimal("23.00"), "% du PIB") == "23 % du PIB"
    assert quantity(Decimal(34_000_000_000), "MAD") == "34 milliards MAD"
    assert number(Decimal("1.70")) == "1,7"


@pytest.mark.django_db
def test_mandate_periods_keep_their_precision():
    mandate = f.MandateFactory(
        start_on=datetime.date(2019, 1, 1),
        start_on_precision=DatePrecision.YEAR,
        end_on=datetime.date(2021, 10, 1),
        end_on_precision=DatePrecision.MONTH,
    )
    assert mandate.period_display == "2019 – octobre 2021"
    attested = f.MandateFactory(attested_on=datetime.date(2025, 2, 12), attested_on_precision=DatePrecision.DAY)
    assert attested.period_display == "attesté le 12 février 2025"
    assert f.MandateFactory().period_display == ""


def test_columns_run_from_the_right_in_a_right_to_left_language():
    rows = [("2016", 1, "1"), ("2019", 3, "3")]
    ltr, rtl = column_chart(rows), column_chart(rows, rtl=True)
    assert ltr.bars[0].x < ltr.bars[1].x
    assert rtl.bars[0].x > rtl.bars[1].x
    # Mirror images: same sizes, positions reflected in the width.
    for a, b in zip(ltr.bars, rtl.bars, strict=True):
        assert (a.width, a.height, a.y) == (b.width, b.height, b.y)
        assert a.x + a.width + b.x == pytest.approx(ltr.width)
    # The tallest value fills the plot.
    assert ltr.bars[1].height > ltr.bars[0].height * 2.9


def test_a_target_line_sits_above_lower_values():
    chart = column_chart([("2023", 21, "21")], target=34)
    assert chart.target_y < chart.bars[0].y


def test_horizontal_bars_grow_from_the_reading_side():
    rows = [("Automobile", 4, "4"), ("Textile", 2, "2")]
    ltr, rtl = bar_chart(rows), bar_chart(rows, rtl=True)
    assert ltr.bars[0].width == pytest.approx(2 * ltr.bars[1].width, rel=0.01)
    assert ltr.bars[0].x == ltr.bars[1].x  # both start at the left edge
    assert rtl.bars[0].x + rtl.bars[0].width == pytest.approx(rtl.bars[1].x + rtl.bars[1].width)  # right edge
    assert rtl.bars[0].label_x > rtl.width / 2


@pytest.mark.django_db
def test_a_former_name_and_a_mandate_say_their_periods_alike():
    since = {"precision": DatePrecision.MONTH, "date": datetime.date(2019, 2, 1)}
    mandate = f.MandateFactory(start_on=since["date"], start_on_precision=since["precision"])
    name = f.ActorNameFactory(valid_from=since["date"], valid_from_precision=since["precision"])
    assert mandate.period_display == name.period_display == "depuis février 2019"
