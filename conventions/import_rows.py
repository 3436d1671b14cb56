"""What the spreadsheet imports (conventions and actors) share: the per-row report, the column check,
and the readers of the values a clerk types (partial dates, numbers, choices,
lists). Messages are in French: they are shown as they are to staff."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import DatePrecision
from core.spreadsheets import SpreadsheetError, Table, formula_like, unneutralise

from .search import normalize

CREATE, UPDATE, REJECT = "create", "update", "reject"
ACTION_LABELS = {
    CREATE: gettext_lazy("création"),
    UPDATE: gettext_lazy("mise à jour"),
    REJECT: gettext_lazy("rejetée"),
}
ERROR, WARNING = "error", "warning"


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


def _quoted(names) -> str:
    return ", ".join(f"« {name} »" for name in names)


# --- values --------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_FRENCH = re.compile(r"^(?:(\d{1,2})/)?(\d{1,2})/(\d{4})$")


def partial_date(text: str) -> tuple[datetime.date | None, str]:
    """'2016' -> (2016-01-01, year), '2019-02' -> month, '2025-02-12' or
    '12/02/2025' -> day, '02/2019' -> month, '' -> (None, unknown)."""
    text = text.strip()
    if not text:
        return None, DatePrecision.UNKNOWN
    if text.endswith(" 00:00:00"):
        text = text[: -len(" 00:00:00")]
    match = _ISO.match(text)
    if match:
        year, month, day = match.groups()
    else:
        match = _FRENCH.match(text)
        if not match:
            raise ValueError(
                _("« %(value)s » n'est pas une date : écrivez AAAA, AAAA-MM ou AAAA-MM-JJ.") % {"value": text}
            )
        day, month, year = match.groups()
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    try:
        value = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(_("« %(value)s » n'est pas une date qui existe.") % {"value": text}) from exc
    if not 1900 <= value.year <= 2100:
        raise ValueError(_("« %(value)s » : année hors de 1900-2100.") % {"value": text})
    return value, precision


def full_date(text: str) -> datetime.date | None:
    value, precision = partial_date(text)
    if value is not None and precision != DatePrecision.DAY:
        raise ValueError(_("« %(value)s » : une date complète est attendue (AAAA-MM-JJ).") % {"value": text})
    return value


def decimal(text: str) -> Decimal | None:
    """'13 340', '13340', '1,7', '1.7' -> Decimal; '' -> None."""
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", text)
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        raise ValueError(_("« %(value)s » : nombre ambigu, n'utilisez qu'un séparateur décimal.") % {"value": text})
    cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(_("« %(value)s » n'est pas un nombre.") % {"value": text}) from exc
    if not value.is_finite():
        raise ValueError(_("« %(value)s » n'est pas un nombre.") % {"value": text})
    return value


def choice(choices, text: str):
    """The value of a TextChoices member named by its French label or its code."""
    wanted = normalize(text)
    for member in choices:
        if wanted in (normalize(member.value), normalize(str(member.label))):
            return member
    raise ValueError(
        _("« %(value)s » n'est pas une valeur reconnue. Valeurs possibles : %(values)s.")
        % {"value": text, "values": ", ".join(f"{member.label} ({member.value})" for member in choices)}
    )


def yes_no(text: str) -> bool:
    value = normalize(text)
    if value in ("", "non", "no", "0", "faux", "false", "n"):
        return False
    if value in ("oui", "yes", "1", "vrai", "true", "o", "x"):
        return True
    raise ValueError(_("« %(value)s » : écrivez « oui » ou « non ».") % {"value": text})


def items(text: str) -> list[str]:
    """A list cell: items separated by semicolons or line breaks."""
    return [item.strip() for item in re.split(r"[;\n]", text) if item.strip()]


def format_partial_iso(value: datetime.date | None, precision: str) -> str:
    """A partial date as the file writes it: AAAA, AAAA-MM or AAAA-MM-JJ."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
