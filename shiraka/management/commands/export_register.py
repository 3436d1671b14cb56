from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shiraka.register import RegisterError, export_register


class Command(BaseCommand):
    help = (
        "Sauvegarde tout le registre (acteurs, plans, conventions, historique, journal de l'admin, "
        "comptes et groupes, fichiers) dans un dossier vide ; import_register le restaure."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Dossier de la sauvegarde (vide ou à créer).")

    def handle(self, *args, directory, verbosity, **options):
        def progress(message):
            if verbosity > 1:
                self.stdout.write(f"  {message}")

        try:
            manifest = export_register(directory, progress=progress)
        except (RegisterError, OSError) as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"{rows} lignes de {len(manifest['counts'])} tables et {len(manifest['files'])} fichiers "
                f"sauvegardés dans {directory}."
            )
        )
        if manifest["missing_files"]:
            self.stderr.write(
                "Fichiers cités mais absents du stockage (non sauvegardés) : " + ", ".join(manifest["missing_files"])
            )
