"""What every spreadsheet import shares (conventions, actors): the report of
each row and of the whole file, the check of the header against a format's
columns, and the run: check every row, then, unless it is a dry run or a row
is rejected, write them all in one transaction. Messages are in French: they
are shown as they are to staff.

An importer is any object with `check(table) -> rows` (each row carrying a
`report`: RowReport) and `write(rows)` (in one transaction); it may list the
actors it creates in `created_actors`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .spreadsheets import SpreadsheetError, Table, formula_like, read_table, unneutralise
from .text import normalize
from .writes import Refused

Progress = Callable[[str, int, int], None]  # (stage: "check" or "write", rows done, rows in all)

CREATE, UPDATE, REJECT = "create", "update", "reject"
ACTION_LABELS = {
    CREATE: gettext_lazy("création"),
    UPDATE: gettext_lazy("mise à jour"),
    REJECT: gettext_lazy("rejetée"),
}
ERROR, WARNING = "error", "warning"


def no_progress(stage: str, done: int, total: int) -> None:
    pass


def may(user, permission: str) -> bool:
    """Whether `user` may import what needs `permission`; None is the system."""
    return user is None or user.has_perm(permission)


@dataclass
class Note:
    text: str
    column: str = ""
    level: str = ERROR

    def __str__(self) -> str:
        if self.column:
            return _("colonne « %(column)s » : %(text)s") % {"column": self.column, "text": self.text}
        return self.text


@dataclass
class RowReport:
    """What one row of the file will do (or did), with line and column."""

    line: int
    title: str = ""
    slug: str = ""
    action: str = CREATE
    notes: list[Note] = field(default_factory=list)

    def error(self, text: str, column: str = "") -> None:
        self.notes.append(Note(text, column, ERROR))

    def warn(self, text: str, column: str = "") -> None:
        self.notes.append(Note(text, column, WARNING))

    @property
    def errors(self) -> list[Note]:
        return [note for note in self.notes if note.level == ERROR]

    @property
    def warnings(self) -> list[Note]:
        return [note for note in self.notes if note.level == WARNING]

    @property
    def rejected(self) -> bool:
        return bool(self.errors)

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[REJECT if self.rejected else self.action])

    def model_errors(self, error: ValidationError, column: str = "", columns: dict[str, str] | None = None) -> None:
        """A model's validation errors as errors of this row: under the
        column `columns` gives a field ({field: header}), else `column`."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                for message in ValidationError(errors).messages:
                    self.error(message, (columns or {}).get(name, column))
        else:
            for message in error.messages:
                self.error(message, column)

    def __str__(self) -> str:
        lines = [
            _("ligne %(line)s : %(action)s — %(title)s")
            % {"line": self.line, "action": self.action_label, "title": self.title or "?"}
        ]
        lines += [f"    {note}" for note in self.notes]
        return "\n".join(lines)


@dataclass
class ImportReport:
    """The whole file: a refusal of the file itself (`file_error`), or one
    report per row. `written` is True once the rows are in the database."""

    dry_run: bool
    rows: list[RowReport] = field(default_factory=list)
    file_error: str = ""
    notes: list[str] = field(default_factory=list)
    created_actors: list[str] = field(default_factory=list)
    written: bool = False

    def _count(self, action: str) -> int:
        return sum(1 for row in self.rows if not row.rejected and row.action == action)

    @property
    def created(self) -> int:
        return self._count(CREATE)

    @property
    def updated(self) -> int:
        return self._count(UPDATE)

    @property
    def rejected(self) -> int:
        return sum(1 for row in self.rows if row.rejected)

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.rejected

    def summary(self) -> str:
        if self.file_error:
            return _("Fichier refusé : %(error)s") % {"error": self.file_error}
        counts = {"created": self.created, "updated": self.updated, "rejected": self.rejected}
        if self.written:
            return _("Import terminé : %(created)s créée(s), %(updated)s mise(s) à jour.") % counts
        if self.ok:
            return _("Prêt à importer : %(created)s création(s), %(updated)s mise(s) à jour, aucun rejet.") % counts
        return (
            _(
                "%(rejected)s ligne(s) rejetée(s) : rien n'a été écrit. Corrigez le fichier et recommencez "
                "(%(created)s création(s) et %(updated)s mise(s) à jour attendent)."
            )
            % counts
        )


# --- columns -------------------------------------------------------------------


@dataclass(frozen=True)
class FileColumn:
    """A column of an import format, declared once: its key, its French
    header, how an exported row writes it (the way the import reads it back:
    an export edited and imported again changes only what was edited), and
    the model fields whose validation errors are reported under it."""

    key: str
    header: str
    write: Callable[[object], str] = lambda row: ""
    fields: tuple[str, ...] = ()


class Columns:
    """The header of a file mapped onto the columns of a format. Headers are
    compared without accents, case or punctuation ("Date de Signature" is
    "date de signature")."""

    def __init__(self, table: Table, spec: dict[str, str], required: set[str]):
        self.spec = spec
        known = {normalize(label): key for key, label in spec.items()}
        self.index: dict[str, int] = {}
        unknown, duplicated = [], []
        for position, cell in enumerate(table.header):
            if not cell.strip():
                continue
            key = known.get(normalize(unneutralise(cell)))
            if key is None:
                unknown.append(cell)
            elif key in self.index:
                duplicated.append(cell)
            else:
                self.index[key] = position
        missing = [spec[key] for key in spec if key in required and key not in self.index]
        problems = []
        if missing:
            problems.append(_("colonnes obligatoires absentes : %(names)s") % {"names": _quoted(missing)})
        if unknown:
            problems.append(_("colonnes inconnues : %(names)s") % {"names": _quoted(unknown)})
        if duplicated:
            problems.append(_("colonnes en double : %(names)s") % {"names": _quoted(duplicated)})
        if problems:
            raise SpreadsheetError(
                _(
                    "L'en-tête (ligne %(line)s) ne correspond pas au modèle : %(problems)s. "
                    "Colonnes attendues : %(expected)s."
                )
                % {
                    "line": table.header_line,
                    "problems": " ; ".join(problems),
                    "expected": _quoted(spec.values()),
                }
            )

    def __contains__(self, key: str) -> bool:
        return key in self.index

    def label(self, key: str) -> str:
        return self.spec[key]

    def cells(self, row: list[str], report: RowReport) -> dict[str, str]:
        """The row's values by column key. A cell a spreadsheet would take for
        a formula is kept as text (nothing is ever evaluated) and reported."""
        values = {}
        for key, position in self.index.items():
            raw = row[position].strip() if position < len(row) else ""
            value = unneutralise(raw)
            if raw and formula_like(raw):
                report.warn(
                    _("la cellule commence par « %(char)s » : elle est lue comme du texte, jamais calculée.")
                    % {"char": raw[0]},
                    self.spec[key],
                )
            values[key] = value
        return values


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f"« {name} »" for name in names)


# --- the run ---------------------------------------------------------------------


class Importer(Protocol):
    def check(self, table: Table) -> list: ...

    def write(self, rows: list) -> None: ...


def run(importer: Importer, *, table: Table, dry_run: bool) -> ImportReport:
    """Check every row; unless `dry_run` or a row is rejected, write them all
    in one transaction. Runs in French: messages and labels are for staff."""
    report = ImportReport(dry_run=dry_run, notes=list(table.notes))
    with translation.override("fr"):
        try:
            rows = importer.check(table)
        except SpreadsheetError as exc:
            report.file_error = str(exc)
            return report
        report.rows = [row.report for row in rows]
        report.created_actors = list(getattr(importer, "created_actors", []))
        if dry_run or not report.ok:
            return report
        try:
            importer.write(rows)
        except (PermissionDenied, ValidationError, Refused) as exc:
            # Rules checked again at write time (a convention published meanwhile).
            if isinstance(exc, Refused):
                error = " ".join(str(message) for messages in exc.errors.values() for message in messages)
            elif isinstance(exc, ValidationError):
                error = " ".join(ValidationError(exc.messages).messages)
            else:
                error = str(exc)
            report.file_error = _("l'import a été refusé, rien n'a été écrit : %(error)s") % {"error": error}
            return report
        except DatabaseError as exc:
            # A rule the checks above missed (or a concurrent edit): the
            # transaction is rolled back, nothing is written.
            report.file_error = _("la base de données a refusé l'import, rien n'a été écrit (%(error)s).") % {
                "error": exc
            }
            return report
        report.written = True
    return report


def run_file(importer: Importer, *, file, name: str, size: int | None = None, dry_run: bool) -> ImportReport:
    """Read an uploaded file and `run` the import; a file that cannot be read
    gives a report with `file_error` and no rows."""
    with translation.override("fr"):
        try:
            table = read_table(file=file, name=name, size=size)
        except SpreadsheetError as exc:
            return ImportReport(dry_run=dry_run, file_error=str(exc))
    return run(importer, table=table, dry_run=dry_run)
