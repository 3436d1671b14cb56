from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from conventions.importing import ACTORS, CONVENTIONS, import_file


class Command(BaseCommand):
    help = (
        "Importe des conventions depuis un tableur .csv ou .xlsx (format : docs/import/README.md). Tout ou rien : "
        "si une ligne est rejetée, rien n'est écrit et la commande se termine en erreur. Les conventions créées "
        "sont des brouillons."
    )
    what = CONVENTIONS

    def add_arguments(self, parser):
        parser.add_argument("file", help="Le fichier .csv ou .xlsx à importer.")
        parser.add_argument("--dry-run", action="store_true", help="Vérifier le fichier sans rien écrire.")
        parser.add_argument(
            "--user",
            help="Nom de l'utilisateur au nom duquel importer : ses droits s'appliquent et l'import entre dans "
            "l'historique de l'administration. Sans lui, l'import est fait par le système.",
        )
        parser.add_argument("--every", type=int, default=100, help="Afficher l'avancement toutes les N lignes.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        user = None
        if options["user"]:
            try:
                user = get_user_model()._default_manager.get_by_natural_key(options["user"])
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"Utilisateur inconnu : {options['user']}") from exc
        every = max(1, options["every"])
        stages = {"check": "vérification", "write": "écriture"}

        def progress(stage, done, total):
            if done % every == 0 or done == total:
                self.stderr.write(f"{stages[stage]} : ligne {done}/{total}")

        with path.open("rb") as handle:
            report = import_file(
                file=handle,
                name=path.name,
                size=path.stat().st_size,
                user=user,
                dry_run=options["dry_run"],
                what=self.what,
                progress=progress,
            )
        for note in report.notes:
            self.stdout.write(note)
        for row in report.rows:
            if row.notes:
                self.stdout.write(str(row))
        if report.created_actors:
            self.stdout.write("Acteurs créés : " + " ; ".join(report.created_actors))
        self.stdout.write(
            f"Créées : {report.created} ; mises à jour : {report.updated} ; rejetées : {report.rejected}."
        )
        if not report.ok:
            raise CommandError(report.summary())
        style = self.style.SUCCESS if report.written else self.style.WARNING
        self.stdout.write(style(report.summary() + (" (essai : rien n'a été écrit)" if report.dry_run else "")))


class ActorsCommand(Command):
    help = (
        "Importe des acteurs depuis un tableur .csv ou .xlsx (modèle : docs/import/modele-acteurs.csv). Tout ou "
        "rien, comme import_conventions."
    )
    what = ACTORS
