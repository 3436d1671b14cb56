"""The actors spreadsheet format (docs/import/modele-acteurs.csv): its columns,
and the rows of a selection in that format, so an export can be edited and
imported back (conventions.importing.import_actors reads it)."""

from django.db.models import Prefetch
from django.utils import timezone

from core.spreadsheets import csv_download, xlsx_download

from .models import ActorName

# Column key -> French header, in file order.
ACTOR_COLUMNS = {
    "slug": "identifiant",
    "name": "nom",
    "acronym": "sigle",
    "kind": "type",
    "aliases": "autres noms",
    "confirm_new": "créer malgré la ressemblance",
}


def actor_rows(queryset):
    queryset = queryset.prefetch_related(Prefetch("names", queryset=ActorName.objects.order_by("name")))
    for actor in queryset.iterator(chunk_size=500):
        yield [
            actor.slug,
            actor.name_fr or actor.name,
            actor.acronym,
            actor.get_kind_display(),
            "; ".join(other.name for other in actor.names.all()),
            "",
        ]


def _filename(extension: str) -> str:
    return f"shiraka-acteurs-{timezone.localdate().isoformat()}.{extension}"


def actors_csv(queryset):
    return csv_download(filename=_filename("csv"), header=list(ACTOR_COLUMNS.values()), rows=actor_rows(queryset))


def actors_xlsx(queryset):
    return xlsx_download(
        filename=_filename("xlsx"), header=list(ACTOR_COLUMNS.values()), rows=actor_rows(queryset), title="acteurs"
    )
