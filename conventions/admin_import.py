"""The admin's "Importer des conventions" page and the spreadsheet exports of
an admin selection. ConventionAdmin and ActorAdmin only route to these.

Upload → preview (a dry run: per row, what will happen and why) → confirm →
import in one transaction. Between preview and confirmation the file waits
in a private directory (never under MEDIA_ROOT, which is public), named by a
random id carried in a signed token bound to the user; it is deleted once
imported, and files older than a day are swept at each upload.
"""

import time
import uuid
from pathlib import Path
from tempfile import gettempdir

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actors.exports import ACTOR_COLUMNS
from core.spreadsheets import csv_download, too_large_message, upload_limit, xlsx_download

from .importing import ACTORS, CONVENTION_COLUMNS, CONVENTIONS, convention_rows, import_file

SALT = "conventions.admin_import"
MAX_AGE = 3600
SWEEP_AFTER = 24 * 3600
EXTENSIONS = (".csv", ".xlsx")


def _import_dir() -> Path:
    directory = Path(getattr(settings, "IMPORT_TEMP_DIR", "") or Path(gettempdir()) / "shiraka-imports")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def _sweep(directory: Path) -> None:
    cutoff = time.time() - SWEEP_AFTER
    for path in directory.glob("*.*"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass


class ImportForm(forms.Form):
    what = forms.ChoiceField(
        label=_("Le fichier contient"),
        choices=[(CONVENTIONS, _("des conventions")), (ACTORS, _("des acteurs"))],
        initial=CONVENTIONS,
    )
    file = forms.FileField(
        label=_("Fichier .csv ou .xlsx"),
        help_text=_("Une ligne par convention ou par acteur, dans les colonnes du modèle à télécharger ci-dessus."),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > upload_limit():
            raise ValidationError(too_large_message(file.size), code="file_too_big")
        if Path(file.name).suffix.lower() not in EXTENSIONS:
            raise ValidationError(
                gettext("Le fichier doit être un tableau .csv ou .xlsx (reçu : « %(name)s »).") % {"name": file.name},
                code="bad_extension",
            )
        return file


def _stored(token: str, user) -> tuple[Path, str, str]:
    """The waiting file a confirmation token points to, or PermissionDenied."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature as exc:
        raise PermissionDenied(gettext("Jeton d'import invalide ou expiré : déposez à nouveau le fichier.")) from exc
    stem, extension = data.get("f", ""), data.get("x", "")
    if data.get("u") != user.pk or extension not in EXTENSIONS or not _is_uuid(stem):
        raise PermissionDenied
    return _import_dir() / f"{stem}{extension}", data.get("n", ""), data.get("w", CONVENTIONS)


def _is_uuid(value: str) -> bool:
    try:
        return uuid.UUID(hex=value).hex == value
    except ValueError:
        return False


def import_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": gettext("Importer des conventions"),
        "columns": CONVENTION_COLUMNS.values(),
        "templates": template_links(),
        "limit_mb": settings.IMPORT_MAX_UPLOAD_MB,
    }
    form = ImportForm()
    if request.method == "POST" and "token" in request.POST:
        path, name, what = _stored(request.POST["token"], request.user)
        if not path.exists():
            messages.error(request, gettext("Le fichier en attente a expiré : déposez-le à nouveau."))
            return redirect(request.path)
        with path.open("rb") as handle:
            report = import_file(file=handle, name=name, user=request.user, dry_run=False, what=what)
        if report.written:
            path.unlink(missing_ok=True)
            messages.success(
                request,
                gettext(
                    "Import de « %(name)s » terminé : %(created)s créée(s) (en brouillon), %(updated)s mise(s) à jour."
                )
                % {"name": name, "created": report.created, "updated": report.updated},
            )
            changelist = (
                "admin:actors_actor_changelist" if what == ACTORS else "admin:conventions_convention_changelist"
            )
            return redirect(changelist)
        # Something changed since the preview (or the database refused):
        # show the new report; nothing was written.
        context.update(report=report, file_name=name)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload, what = form.cleaned_data["file"], form.cleaned_data["what"]
            report = import_file(
                file=upload, name=upload.name, size=upload.size, user=request.user, dry_run=True, what=what
            )
            context.update(report=report, file_name=upload.name)
            if report.ok:
                directory = _import_dir()
                _sweep(directory)
                stem, extension = uuid.uuid4().hex, Path(upload.name).suffix.lower()
                upload.seek(0)
                with (directory / f"{stem}{extension}").open("wb") as handle:
                    for chunk in upload.chunks():
                        handle.write(chunk)
                context["token"] = signing.dumps(
                    {"f": stem, "x": extension, "n": upload.name, "w": what, "u": request.user.pk}, salt=SALT
                )
    context["form"] = form
    return TemplateResponse(request, "admin/conventions/convention/import.html", context)


# --- blank templates to fill ---------------------------------------------------------

# What the import page offers to download: the columns the importer reads,
# built from the same lists, so a template never drifts from the code.
TEMPLATES = {
    CONVENTIONS: ("conventions", CONVENTION_COLUMNS),
    ACTORS: ("acteurs", ACTOR_COLUMNS),
}


def template_links() -> list[tuple[str, str, str]]:
    """(what, extension, file name) of each downloadable template."""
    return [
        (what, extension, f"modele-{stem}.{extension}")
        for what, (stem, _) in TEMPLATES.items()
        for extension in ("xlsx", "csv")
    ]


def template_view(model_admin, request, what: str, extension: str):
    """A blank spreadsheet with the import's header row, as .xlsx or .csv."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    if what not in TEMPLATES or extension not in ("csv", "xlsx"):
        raise Http404
    stem, columns = TEMPLATES[what]
    header, filename = list(columns.values()), f"modele-{stem}.{extension}"
    if extension == "csv":
        return csv_download(filename=filename, header=header, rows=[])
    return xlsx_download(filename=filename, header=header, rows=[], title=stem)


# --- exports of an admin selection -----------------------------------------------


def _filename(stem: str, extension: str) -> str:
    return f"shiraka-{stem}-{timezone.localdate().isoformat()}.{extension}"


def conventions_csv(queryset):
    return csv_download(
        filename=_filename("conventions", "csv"),
        header=list(CONVENTION_COLUMNS.values()),
        rows=convention_rows(queryset),
    )


def conventions_xlsx(queryset):
    return xlsx_download(
        filename=_filename("conventions", "xlsx"),
        header=list(CONVENTION_COLUMNS.values()),
        rows=convention_rows(queryset),
        title="conventions",
    )
