"""python manage.py extract_convention --text-file FILE [--published YYYY-MM-DD] [--language fr|ar|en] [--json] [--time]

Reads an article and prints the conventions it describes: {"conventions": [...]}
with --json (the shape of ../shared/extraction/SCHEMA.md, so it can be
scored), else a summary for a reader. Nothing is saved. --time reads the
article again after a warm-up and prints how long one reading takes."""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assistant.extraction import MAX_CHARS, ExtractionError, extract


class Command(BaseCommand):
    help = "Propose les conventions décrites par un article de presse, sans rien enregistrer."

    def add_arguments(self, parser):
        parser.add_argument("--text-file", required=True, help="Fichier texte (UTF-8) de l'article.")
        parser.add_argument("--published", help="Date de publication : AAAA, AAAA-MM ou AAAA-MM-JJ.")
        parser.add_argument("--language", choices=["fr", "ar", "en"], help="Langue (détectée si absente).")
        parser.add_argument("--json", action="store_true", help='Écrit {"conventions": [...]} en JSON.')
        parser.add_argument("--time", action="store_true", help="Mesure une lecture après un échauffement.")

    def handle(self, *args, **options):
        path = Path(options["text_file"])
        try:
            raw = path.read_bytes()[: MAX_CHARS * 4 + 1]
        except OSError as exc:
            raise CommandError(
                _("Impossible de lire %(path)s : %(reason)s") % {"path": path, "reason": exc.strerror}
            ) from exc
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(_("%(path)s n'est pas un texte UTF-8.") % {"path": path}) from exc
        arguments = {"published": options["published"], "language": options["language"]}
        try:
            conventions = extract(text, **arguments)
            if options["time"]:
                started = time.perf_counter()
                extract(text, **arguments)
                elapsed = time.perf_counter() - started
        except ExtractionError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps({"conventions": conventions}, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(self.summary(conventions))
        if options["time"]:
            self.stderr.write(
                _("%(chars)d caractères lus en %(ms).0f ms (après échauffement).")
                % {"chars": len(text), "ms": elapsed * 1000}
            )

    def summary(self, conventions) -> str:
        if not conventions:
            return _("Aucune convention trouvée dans ce texte.")
        lines = []
        for number, convention in enumerate(conventions, 1):
            date = convention["date_signed"]
            lines.append(f"{number}. {convention['title']} ({convention['kind']})")
            lines.append(
                "   "
                + _("Date : %(value)s (%(precision)s)")
                % {"value": date["value"] or "?", "precision": date["precision"]}
            )
            for party in convention["signatories"]:
                match = party["match"]
                found = match["actor"] or _("nouvel acteur")
                lines.append(
                    f"   - {party['name']}" + (f" ({party['acronym']})" if party["acronym"] else "") + f" → {found}"
                )
            for person in convention["representatives"]:
                lines.append(f"   · {person['person']}, {person['title'] or '?'}")
            for amount in convention["amounts"]:
                lines.append(f"   $ {amount['as_written']}")
            for objective in convention["objectives"]:
                lines.append(f"   ◎ {objective['as_written']} ({objective['indicator']})")
        return "\n".join(lines)
