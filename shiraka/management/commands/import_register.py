from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shiraka.register import RegisterError, import_register


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde faite par export_register, tout ou rien. Refuse une base qui contient "
        "déjà des conventions, des acteurs ou des plans, sauf avec --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Dossier écrit par export_register.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remplacer le registre présent (acteurs, plans, conventions, historique) par la sauvegarde.",
        )

    def handle(self, *args, directory, replace, verbosity, **options):
        def progress(message):
            if verbosity > 1:
                self.stdout.write(f"  {message}")

        try:
            counts = import_register(directory, replace=replace, progress=progress)
        except (RegisterError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(f"{sum(counts.values())} lignes de {len(counts)} tables restaurées depuis {directory}.")
        )
