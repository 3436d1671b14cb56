import io

import pytest

from core.management.commands.benchmark import PAGES, Command

pytestmark = pytest.mark.django_db


def test_the_floor_answers():
    from django.test import Client

    assert Client().get("/healthz").json() == {"status": "ok"}


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
