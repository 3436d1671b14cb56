import io

import pytest

from shiraka.management.commands.benchmark import PAGES, Command

pytestmark = pytest.mark.django_db


def test_the_floor_answers():
    from django.test import Client

    assert Client().get("/livez").json() == {"status": "ok"}


def test_the_floor_touches_neither_the_database_nor_the_cache(django_assert_num_queries):
    from unittest import mock

    from django.test import Client

    with django_assert_num_queries(0), mock.patch("django.core.cache.cache.get", side_effect=AssertionError):
        assert Client().get("/livez").status_code == 200


def test_the_benchmark_reports_a_ratio_for_every_page():
    command = Command(stdout=io.StringIO())
    targets = command.populate(5)
    ratios = command.measure(targets, rounds=1, requests=1)
    assert set(ratios) == {name for name, _url in PAGES}
    assert all(median > 0 for median, _low, _high in ratios.values())
    command.report(ratios, 5)
    assert "median" in command.stdout.getvalue()


def test_the_benchmark_is_not_stopped_by_the_api_rate_limits():
    from unittest import mock

    from rest_framework.throttling import SimpleRateThrottle

    command = Command(stdout=io.StringIO())
    targets = command.populate(3)
    strict = {scope: "1/minute" for scope in SimpleRateThrottle.THROTTLE_RATES}
    with mock.patch.dict(SimpleRateThrottle.THROTTLE_RATES, strict):
        ratios = command.measure(targets, rounds=2, requests=2)
    assert ratios["API detail"][0] > 0


def test_the_benchmark_measures_an_existing_register_without_writing_to_it():
    from django.core.management import call_command

    from conventions.models import Convention
    from tests import factories as f

    for _ in range(3):
        convention = f.ConventionFactory(complete=True)
        convention.plans.add(f.PlanFactory())
    before = list(Convention.objects.values_list("pk", "updated_at"))
    out = io.StringIO()
    call_command("benchmark", "--existing", "--rounds", "1", "--requests", "1", stdout=out)
    assert "with 3 published conventions" in out.getvalue()
    assert "actor page" in out.getvalue()
    assert list(Convention.objects.values_list("pk", "updated_at")) == before


def test_the_benchmark_of_an_empty_register_says_what_to_do():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="seed_synthetic"):
        call_command("benchmark", "--existing", stdout=io.StringIO())
