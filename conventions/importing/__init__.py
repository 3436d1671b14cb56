"""Import of conventions (and of actors) from a spreadsheet, one row each.

The format is documented for staff in docs/import/README.md. Two promises:

- **Never a second actor by accident.** Parties and responsibles are matched
  by name, acronym or other name (ActorName), accent- and case-insensitively,
  by the one actor matcher (actors.matching). A near match (another expansion
  of an acronym, a typo) is proposed in the report ("probablement … (AMICA)")
  and the row is rejected until the file names the actor exactly. An actor
  unknown with no near match is created only when the row says « oui » in
  « créer les acteurs inconnus ».
- **All or nothing.** `dry_run=True` checks every row and writes nothing;
  the real import checks again and writes every row in one transaction, or
  none if a single row is rejected (core.imports.run).

The modules, one job each:

- `cells.py`: the file's columns, the grammars of its list cells
  (objectives, actions, sources) and the formatters that write them back;
- `lists.py`: a row's parties, objectives, actions and sources read;
- `conventions.py`: the conventions import, row by row, then its write;
- `runner.py`: the entry points (which importer reads which file);
- `export.py`: a selection in the same format, to edit and import back.

What every import shares is in core (core.imports: reports, columns, the
run; core.cells and core.dates: the values of cells); the actors file is
imported by actors.importing, which conventions only route to.
"""

from core.imports import ImportReport

from .cells import CONVENTION_COLUMNS
from .conventions import ConventionImport
from .export import convention_rows
from .runner import ACTORS, CONVENTIONS, import_actors, import_conventions, import_file, run_import

__all__ = [
    "ACTORS",
    "CONVENTIONS",
    "CONVENTION_COLUMNS",
    "ConventionImport",
    "ImportReport",
    "convention_rows",
    "import_actors",
    "import_conventions",
    "import_file",
    "run_import",
]
