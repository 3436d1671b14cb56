"""Conventions are filtered by year of signature, among the years present."""

import datetime

import pytest
from django.urls import reverse

from core.dates import DatePrecision
from tests.factories import ConventionFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:conventions_convention_changelist")


@pytest.fixture
def conventions():
    return {
        "2019": ConventionFactory(signed_on=datetime.date(2019, 2, 1), signed_on_precision=DatePrecision.MONTH),
        "2021": ConventionFactory(signed_on=datetime.date(2021, 1, 1), signed_on_precision=DatePrecision.YEAR),
        "2021-day": ConventionFactory(signed_on=datetime.date(2021, 12, 31)),
        "unknown": ConventionFactory(signed_on=None, signed_on_precision=DatePrecision.UNKNOWN),
    }


def year_filter(response):
    return next(
        spec for spec in response.context["cl"].filter_specs if getattr(spec, "parameter_name", None) == "signed_year"
    )


def test_year_filter_lists_only_the_years_present(admin_client, conventions):
    response = admin_client.get(URL)

    assert [value for value, _label in year_filter(response).lookup_choices] == ["2021", "2019", "unknown"]


def test_year_filter_keeps_the_conventions_of_that_year(admin_client, conventions):
    response = admin_client.get(URL, {"signed_year": "2021"})

    assert set(response.context["cl"].result_list) == {conventions["2021"], conventions["2021-day"]}


def test_year_filter_finds_conventions_without_a_date(admin_client, conventions):
    response = admin_client.get(URL, {"signed_year": "unknown"})

    assert list(response.context["cl"].result_list) == [conventions["unknown"]]


def test_a_malformed_year_does_not_break_the_page(admin_client, conventions):
    response = admin_client.get(URL, {"signed_year": "deux-mille"})

    # The admin's answer to bad filter parameters: back to the list, flagged.
    assert response.status_code == 302
    assert "e=1" in response.url


def test_the_list_shows_each_date_at_its_precision(admin_client, conventions):
    content = admin_client.get(URL).content.decode()

    assert "février 2019" in content
    assert "31 décembre 2021" in content
    assert "date inconnue" in content
