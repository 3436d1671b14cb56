"""Measure each public page and API list against a floor, as ratios.

The machines are shared and noisy, so single timings mean little: each page
is timed in rounds interleaved with the floor (a trivial JSON view going
through the same middleware), and the report gives the median ratio
page / floor. A ratio that grows with the register's size is a regression.

    python manage.py benchmark --conventions 500 --rounds 7

The data are synthetic and live in a throwaway test database, never in yours.
"""

import statistics
import time
from unittest import mock

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment, teardown_test_environment
from rest_framework.throttling import SimpleRateThrottle

PAGES = [
    ("home", "/fr/"),
    ("convention list", "/fr/conventions/"),
    ("convention list, filtered", "/fr/conventions/?sector=automobile&sort=title"),
    ("search", "/fr/conventions/?q=partenariat"),
    ("convention page", "/fr/conventions/{convention}/"),
    ("actor page", "/fr/actors/{actor}/"),
    ("plan page", "/fr/plans/{plan}/"),
    ("network", "/fr/network/"),
    ("API list", "/api/v1/conventions/"),
    ("API detail", "/api/v1/conventions/{convention}/"),
]
FLOOR = "/healthz"


class Command(BaseCommand):
    help = "Time the public pages and API against a trivial view; report median ratios."

    def add_arguments(self, parser):
        parser.add_argument("--conventions", type=int, default=300, help="Synthetic published conventions.")
        parser.add_argument("--rounds", type=int, default=5, help="Interleaved rounds per page.")
        parser.add_argument("--requests", type=int, default=20, help="Requests per page per round.")

    def handle(self, *args, conventions, rounds, requests, **options):
        setup_test_environment()
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            targets = self.populate(conventions)
            self.report(self.measure(targets, rounds, requests), conventions)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()

    def populate(self, count):
        # Factories live with the tests; the benchmark reuses them rather than
        # keeping a second data generator.
        from conventions.models import Convention
        from tests import factories as f

        sectors = [f.SectorFactory(slug=slug) for slug in ("automobile", "aeronautique", "textile")]
        actors = [f.ActorFactory() for _ in range(max(10, count // 5))]
        plan = f.PlanFactory()
        components = [f.PlanComponentFactory(plan=plan) for _ in range(5)]
        for index in range(count):
            convention = f.ConventionFactory(title=f"Convention de partenariat industriel n°{index}")
            convention.sectors.add(sectors[index % len(sectors)])
            convention.plans.add(plan)
            convention.components.add(components[index % len(components)])
            for offset in range(3):
                f.PartyFactory(convention=convention, actor=actors[(index + offset * 7) % len(actors)])
            f.MeasurementFactory(objective=f.ObjectiveFactory(convention=convention))
            f.FollowUpActionFactory(convention=convention, responsible=actors[index % len(actors)])
        Convention.objects.refresh_search_text()
        first = Convention.objects.order_by("pk").first()
        return {"convention": first.slug, "actor": actors[0].slug, "plan": plan.slug}

    def measure(self, targets, rounds, requests):
        client = Client()

        def timed(url):
            start = time.perf_counter()
            for _ in range(requests):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
            return (time.perf_counter() - start) / requests

        ratios = {}
        # The API's rate limits would refuse a benchmark's hundreds of requests;
        # raised, not removed, so each request still pays the throttle's cache.
        unlimited = {scope: "1000000/second" for scope in SimpleRateThrottle.THROTTLE_RATES}
        with mock.patch.dict(SimpleRateThrottle.THROTTLE_RATES, unlimited):
            for name, pattern in PAGES:
                ratios[name] = self.measure_page(timed, pattern.format(**targets), rounds)
        return ratios

    def measure_page(self, timed, url, rounds):
        timed(url)  # warm caches and connections
        samples = []
        for _ in range(rounds):
            floor = timed(FLOOR)
            samples.append(timed(url) / floor)
        return statistics.median(samples), min(samples), max(samples)

    def report(self, ratios, count):
        self.stdout.write(f"Ratio to the floor ({FLOOR}), median of rounds, with {count} published conventions:")
        self.stdout.write(f"{'page':<28} {'median':>8} {'min':>8} {'max':>8}")
        for name, (median, low, high) in ratios.items():
            self.stdout.write(f"{name:<28} {median:>7.1f}x {low:>7.1f}x {high:>7.1f}x")
