from django.core.management.base import BaseCommand

from conventions.demo.loader import load


class Command(BaseCommand):
    help = (
        "Charge le registre de démonstration : les faits des cinq articles d'origine (acteurs, personnes, plans, "
        "conventions, objectifs, sources). Idempotent : une seconde exécution ne change rien."
    )

    def handle(self, *args, **options):
        counts = load()
        self.stdout.write(self.style.SUCCESS("Registre de démonstration chargé. Lignes en base :"))
        for label, count in counts:
            self.stdout.write(f"  {label} : {count}")
