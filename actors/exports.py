"""The actors spreadsheet format (docs/import/modele-acteurs.csv): its columns,
and the rows of a selection in that format, so an export can be edited and
imported back (conventions.importing.import_actors reads it)."""

from django.db.models import Prefetch
from django.utils import timezone

from core.imports import FileColumn
from core.spreadsheets import csv_download, xlsx_download

from .models import ActorName

# In file order.
ACTOR_FILE = [
    FileColumn("slug", "identifiant", lambda a: a.slug),
    FileColumn("name", "nom", lambda a: a.name_fr or a.name),
    FileColumn("acronym", "sigle", lambda a: a.acronym),
    FileColumn("kind", "type", lambda a: a.get_kind_display()),
    FileColumn("aliases", "autres noms", lambda a: "; ".join(other.name for other in a.names.all())),
    # An instruction to the import, not a fact of the actor: always blank in an export.
    FileColumn("confirm_new", "créer malgré la ressemblance"),
]
# Column key -> French header.
ACTOR_COLUMNS = {column.key: column.header for column in ACTOR_FILE}


def actor_rows(queryset):
    queryset = queryset.prefetch_related(Prefetch("names", queryset=ActorName.objects.order_by("name")))
    for actor in queryset.iterator(chunk_size=500):
        yield [column.write(actor) for column in ACTOR_FILE]


def _filename(extension: str) -> str:
    return f"shiraka-acteurs-{timezone.localdate().isoformat()}.{extension}"


def actors_csv(queryset):
    return csv_download(filename=_filename("csv"), header=list(ACTOR_COLUMNS.values()), rows=actor_rows(queryset))


def actors_xlsx(queryset):
    return xlsx_download(
        filename=_filename("xlsx"), header=list(ACTOR_COLUMNS.values()), rows=actor_rows(queryset), title="acteurs"
    )
