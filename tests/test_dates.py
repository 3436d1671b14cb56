import datetime

import pytest
from django.core.exceptions import ValidationError

from core.dates import DatePrecision, format_partial
from tests import factories as f

D = datetime.date


def test_a_year_is_shown_as_the_year_alone():
    assert format_partial(D(2016, 1, 1), DatePrecision.YEAR) == "2016"


def test_a_month_is_shown_without_a_day():
    assert format_partial(D(2019, 2, 1), DatePrecision.MONTH) == "février 2019"


def test_a_day_is_shown_in_full():
    assert format_partial(D(2025, 2, 12), DatePrecision.DAY) == "12 février 2025"


def test_an_unknown_date_says_so():
    assert format_partial(None, DatePrecision.UNKNOWN) == "date inconnue"


@pytest.mark.django_db
def test_clean_stores_a_month_as_its_first_day():
    convention = f.ConventionFactory.build(signed_on=D(2019, 2, 14), signed_on_precision=DatePrecision.MONTH)
    convention.clean()
    assert convention.signed_on == D(2019, 2, 1)


@pytest.mark.django_db
def test_clean_stores_a_year_as_its_first_day():
    convention = f.ConventionFactory.build(signed_on=D(2016, 7, 14), signed_on_precision=DatePrecision.YEAR)
    convention.clean()
    assert convention.signed_on == D(2016, 1, 1)


@pytest.mark.django_db
def test_clean_reads_a_typed_date_with_unknown_precision_as_a_full_date():
    convention = f.ConventionFactory.build(signed_on=D(2025, 2, 12), signed_on_precision=DatePrecision.UNKNOWN)
    convention.clean()
    assert convention.signed_on_precision == DatePrecision.DAY


@pytest.mark.django_db
def test_clean_refuses_a_precision_without_a_date():
    convention = f.ConventionFactory.build(signed_on=None, signed_on_precision=DatePrecision.YEAR)
    with pytest.raises(ValidationError) as error:
        convention.clean()
    assert "signed_on" in error.value.message_dict
