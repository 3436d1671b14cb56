"""`manage.py seed_synthetic --conventions N --seed S`: a realistic synthetic
register for load tests, written in bulk (see conventions/synthetic/ for
what it holds and why it bypasses the service layer)."""

import time

from django.core.management.base import BaseCommand, CommandError

from conventions import synthetic
from conventions.models import Convention
from core import statistics


class Command(BaseCommand):
    help = (
        "Remplit la base avec un registre synthétique réaliste, pour les tests de charge : acteurs et anciens "
        "noms, personnes et mandats, plans et composantes, conventions avec parties, engagements, objectifs, "
        "mesures, actions de suivi et sources. Écriture en masse, sans historique. Même nombre et même graine : "
        "mêmes lignes. Refuse une base qui contient déjà des conventions, sauf avec --append."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--conventions", type=int, default=1000, help="Nombre de conventions à créer (1000 par défaut)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Graine du générateur (1 par défaut).")
        parser.add_argument(
            "--append",
            action="store_true",
            help="Ajouter à une base qui contient déjà des conventions (rien d'existant n'est modifié).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=synthetic.DEFAULT_BATCH_SIZE,
            help=(
                f"Conventions au plus par transaction ({synthetic.DEFAULT_BATCH_SIZE} par défaut ; moins pour "
                "un petit registre, afin que la progression s'affiche tous les 5 % environ)."
            ),
        )

    def handle(self, *args, conventions, seed, append, batch_size, **options):
        if conventions < 1:
            raise CommandError("--conventions doit être un nombre positif.")
        if batch_size < 1:
            raise CommandError("--batch-size doit être un nombre positif.")
        existing = Convention.objects.count()
        if existing and not append:
            raise CommandError(
                f"La base contient déjà {existing} convention(s) : seed_synthetic ne remplit qu'une base vide. "
                "Pour ajouter des conventions synthétiques à côté des données existantes (qui ne sont pas "
                "modifiées), relancez avec --append."
            )
        started = time.monotonic()
        step = max(1, conventions // 20)
        next_report = [step]

        def progress(label, done, total):
            if label != "conventions":
                self._err(f"acteurs, personnes et plans écrits ({time.monotonic() - started:.1f} s)")
                return
            if done >= next_report[0] or done == total:
                elapsed = time.monotonic() - started
                self._err(f"conventions : {done}/{total} ({100 * done // total} %, {elapsed:.0f} s)")
                while next_report[0] <= done:
                    next_report[0] += step

        counts = synthetic.seed(conventions, seed, batch_size=batch_size, progress=progress)
        statistics.refresh()
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Registre synthétique écrit en {elapsed:.1f} s (graine {seed})."))
        self.stdout.write("Lignes créées :")
        width = max(len(label) for label in counts)
        for label, count in counts.items():
            self.stdout.write(f"  {label.ljust(width)} : {count}")

    def _err(self, message: str) -> None:
        # Progress goes to stderr, plain (the default style there is the error style).
        self.stderr.write(message, style_func=lambda text: text)
