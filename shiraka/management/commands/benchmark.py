"""Measure each public page and API list against a floor, as ratios.

The machines are shared and noisy, so single timings mean little: each page
is timed in rounds interleaved with the floor (a trivial JSON view going
through the same middleware), and the report gives the median ratio
page / floor. A ratio that grows with the register's size is a regression.

    python manage.py benchmark --conventions 500 --rounds 7

The data are synthetic and live in a throwaway test database, never in yours;
or, with --existing, the database you point it at (a register filled by
`seed_synthetic --conventions 100000`, say), which it only reads:

    DATABASE_URL=sqlite:////tmp/s10k.sqlite3 python manage.py benchmark --existing
"""

import statistics
import time
from unittest import mock

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Q
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
    ("actor list", "/fr/actors/"),
    ("plan page", "/fr/plans/{plan}/"),
    ("network", "/fr/network/"),
    ("API list", "/api/v1/conventions/"),
    ("API detail", "/api/v1/conventions/{convention}/"),
    ("API actors", "/api/v1/actors/"),
]
FLOOR = "/livez"


class Command(BaseCommand):
    help = "Time the public pages and API against a trivial view; report median ratios."

    def add_arguments(self, parser):
        parser.add_argument("--conventions", type=int, default=300, help="Synthetic published conventions.")
        parser.add_argument("--rounds", type=int, default=5, help="Interleaved rounds per page.")
        parser.add_argument("--requests", type=int, default=20, help="Requests per page per round.")
        parser.add_argument(
            "--existing",
            action="store_true",
            help="Measure the database in use (read only) instead of a throwaway one.",
        )

    def handle(self, *args, conventions, rounds, requests, existing=False, **options):
        if existing:
            targets, count = self.existing_targets()
            self.report(self.measure(targets, rounds, requests), count)
            return
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

    def existing_targets(self):
        """The heaviest pages of a register: the public actor in most
        conventions, the plan most conventions serve, the latest convention."""
        from django.db.models import Count

        from actors.models import Actor
        from conventions.models import Convention
        from plans.models import Plan

        published = Convention.objects.published()
        actor = (
            Actor.objects.public()
            .annotate(n=Count("parties", filter=Q(parties__convention__in=published)))
            .order_by("-n")
            .first()
        )
        plan = Plan.objects.annotate(n=Count("conventions")).order_by("-n").first()
        convention = published.order_by("-signed_on", "pk").first()
        if not (actor and plan and convention):
            raise CommandError("Le registre est vide : lancez d'abord seed_synthetic ou load_demo.")
        return {"convention": convention.slug, "actor": actor.slug, "plan": plan.slug}, published.count()

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
