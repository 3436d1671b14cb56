"""The entry points of the spreadsheet import: which importer reads which
file (conventions, or actors: actors.importing), run by core.imports (check
every row; write them all in one transaction, or none)."""

from functools import partial

from actors.importing import ActorImport
from core import imports
from core.imports import ImportReport, Progress
from core.spreadsheets import Table

from ..models import Convention, Party
from .conventions import ConventionImport

CONVENTIONS, ACTORS = "conventions", "actors"


def _reindex(actor_pks: list[int]) -> None:
    """An actors import gave actors other names in bulk (no signal): the
    conventions found by their names are reindexed in its transaction."""
    Convention.objects.filter(
        pk__in=Party.objects.filter(actor__in=actor_pks).values("convention")
    ).refresh_search_text()


def _importer(what: str, *, user, progress: Progress | None):
    importers = {CONVENTIONS: ConventionImport, ACTORS: partial(ActorImport, renamed=_reindex)}
    return importers[what](user=user, progress=progress)


def run_import(
    *, table: Table, user=None, dry_run: bool, what: str = CONVENTIONS, progress: Progress | None = None
) -> ImportReport:
    """Check every row; unless `dry_run` or a row is rejected, write them all
    in one transaction. Runs in French: messages and labels are for staff."""
    return imports.run(_importer(what, user=user, progress=progress), table=table, dry_run=dry_run)


def import_conventions(*, table: Table, user=None, dry_run: bool, progress: Progress | None = None) -> ImportReport:
    return run_import(table=table, user=user, dry_run=dry_run, what=CONVENTIONS, progress=progress)


def import_actors(*, table: Table, user=None, dry_run: bool, progress: Progress | None = None) -> ImportReport:
    return run_import(table=table, user=user, dry_run=dry_run, what=ACTORS, progress=progress)


def import_file(
    *,
    file,
    name: str,
    size: int | None = None,
    user=None,
    dry_run: bool,
    what: str = CONVENTIONS,
    progress: Progress | None = None,
) -> ImportReport:
    """Read an uploaded file and import it; a file that cannot be read gives a
    report with `file_error` and no rows."""
    importer = _importer(what, user=user, progress=progress)
    return imports.run_file(importer, file=file, name=name, size=size, dry_run=dry_run)
