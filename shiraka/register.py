"""Backup and restore of the whole register: `export_register DIR` and
`import_register DIR`.

A backup is a directory a person can read and diff:

    manifest.json              format, version, rows per model, sha256 of every
                               data file and every uploaded file
    data/<app>.<model>.jsonl   one object per line, ordered by primary key
    files/<storage name>       the uploaded documents, as stored

It holds the three apps of the register with their change history, the
admin's log, and the staff accounts and groups that history points to
(password hashes included: keep backups private; API tokens are left out and
must be issued again). Exporting the same data twice gives the same bytes,
whichever database it comes from, so "export, restore elsewhere, export
again" can be compared byte for byte.

A restore checks the data as well as the files before it touches anything:
a line edited in a data file (a title, a `is_superuser` turned on), a file
missing or a file added is refused. The hashes catch damage and edits made
without rewriting the manifest; whoever can rewrite the manifest can rewrite
the hashes too, so backups must still be kept where only operators can write.

Built on Django's serializers rather than dumpdata because a backup must be
exact: dumpdata's JSON cuts datetimes to the millisecond, writes many-to-many
lists in database order and copies no files.
"""

import datetime
import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JSONLinesSerializer
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

FORMAT = "shiraka-register"
# 2: the manifest holds a sha256 of every data file ("data"), checked on restore.
VERSION = 2


class RegisterError(Exception):
    """A backup that cannot be read or restored; the message says why."""


class ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, without cutting datetimes and times to the millisecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONLinesSerializer):
    """JSON Lines with many-to-many lists sorted, so the output does not
    depend on the order a database returns them in.

    `links` ({field name: {pk: [related pks]}}) gives the many-to-many
    values read beforehand in one query per field: Django's serializer
    would run one query per object and field."""

    def serialize(self, queryset, *, links=None, **options):
        self.links = links or {}
        return super().serialize(queryset, **options)

    def handle_m2m_field(self, obj, field):
        if field.name in self.links:
            self._current[field.name] = sorted(self.links[field.name].get(obj.pk, []))
            return
        super().handle_m2m_field(obj, field)
        if field.name in self._current:
            self._current[field.name] = sorted(self._current[field.name])


def many_to_many_links(model) -> dict[str, dict]:
    """{field: {pk: [related pks]}} for the many-to-many fields of `model`
    whose targets are written by primary key (not by natural key)."""
    links = {}
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        if not through._meta.auto_created or hasattr(field.remote_field.model, "natural_key"):
            continue
        source = field.m2m_column_name()
        target = field.m2m_reverse_name()
        values = {}
        for owner, related in through._base_manager.values_list(source, target):
            values.setdefault(owner, []).append(related)
        links[field.name] = values
    return links


def register_models() -> list[type[models.Model]]:
    """What a backup holds, parents before children."""
    user_model = get_user_model()
    chosen = [user_model, apps.get_model("auth", "Group"), apps.get_model("admin", "LogEntry")]
    for label in settings.REGISTER_APPS:
        chosen += [model for model in apps.get_app_config(label).get_models() if not model._meta.proxy]
    # Historical models live in their app (simple-history) and point to users.
    return [model for model in serializers.sort_dependencies([(None, chosen)], allow_cycles=True) if model in chosen]


def stored_fields(model) -> list[str]:
    """Fields to write: all but the original column of a translated field,
    which only mirrors one of its _fr/_ar/_en columns and is rebuilt from
    them on save."""
    try:
        mirrored = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        mirrored = set()
    return [
        field.name
        for field in [*model._meta.local_fields, *model._meta.local_many_to_many]
        if field.serialize and not field.primary_key and field.name not in mirrored
    ]


def file_fields(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def data_path(directory: Path, model) -> Path:
    return directory / "data" / f"{model._meta.label_lower}.jsonl"


def sha256(path_or_file) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: path_or_file.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return sha256(stream)


def export_register(directory: Path, *, progress=lambda message: None) -> dict:
    """Write the register to `directory` (which must be empty or absent).
    Returns the manifest."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise RegisterError(
            _("Le dossier %(dir)s n'est pas vide : choisissez un dossier vide ou nouveau.") % {"dir": directory}
        )
    (directory / "data").mkdir(parents=True, exist_ok=True)
    counts, file_names = {}, set()
    serializer = Serializer()
    with transaction.atomic():  # one consistent picture, on PostgreSQL too
        for model in register_models():
            queryset = model._base_manager.order_by("pk")
            with data_path(directory, model).open("w", encoding="utf-8", newline="\n") as stream:
                serializer.serialize(
                    queryset.iterator(chunk_size=2000),
                    links=many_to_many_links(model),
                    stream=stream,
                    fields=stored_fields(model),
                    use_natural_foreign_keys=True,
                    use_natural_primary_keys=True,
                    cls=ExactEncoder,
                    sort_keys=True,
                )
            counts[model._meta.label_lower] = queryset.count()
            for attname in file_fields(model):
                file_names.update(name for name in queryset.values_list(attname, flat=True) if name)
            progress(f"{model._meta.label_lower}: {counts[model._meta.label_lower]}")
    data = {path.name: file_sha256(path) for path in sorted((directory / "data").iterdir())}
    files, missing = {}, []
    for name in sorted(file_names):
        if not default_storage.exists(name):
            missing.append(name)  # history may name a file deleted since
            continue
        target = directory / "files" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with default_storage.open(name, "rb") as source, target.open("wb") as copy:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                copy.write(chunk)
                digest.update(chunk)
        files[name] = digest.hexdigest()
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "counts": counts,
        "data": data,
        "files": files,
        "missing_files": missing,
    }
    (directory / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    progress(_("%(n)d fichiers copiés.") % {"n": len(files)})
    return manifest


def read_manifest(directory: Path) -> dict:
    directory = Path(directory)
    if not directory.is_dir():
        raise RegisterError(_("Le dossier %(dir)s n'existe pas.") % {"dir": directory})
    path = directory / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegisterError(
            _("%(dir)s ne contient pas de manifest.json : ce n'est pas une sauvegarde faite par export_register.")
            % {"dir": directory}
        ) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise RegisterError(_("manifest.json est illisible : %(error)s") % {"error": error}) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise RegisterError(_("manifest.json ne décrit pas une sauvegarde du registre Shiraka."))
    if manifest.get("version") != VERSION:
        raise RegisterError(
            _("Sauvegarde au format %(found)s ; cette version sait lire le format %(expected)s.")
            % {"found": manifest.get("version"), "expected": VERSION}
        )
    if not all(isinstance(manifest.get(key), dict) for key in ("counts", "data", "files")):
        raise RegisterError(_("manifest.json est incomplet (counts, data, files)."))
    return manifest


def refused(reason: str) -> RegisterError:
    return RegisterError(_("Sauvegarde refusée, rien n'a été changé : %(reason)s") % {"reason": reason})


def check_data(directory: Path, manifest: dict) -> None:
    """The data files are exactly those the manifest lists, each unchanged
    since the export (the rows they hold are counted against the manifest
    while they load)."""
    root = Path(directory) / "data"
    expected = manifest["data"]
    present = {path.name: path for path in root.iterdir()} if root.is_dir() else {}
    extra = sorted(set(present) - set(expected))
    if extra:
        raise refused(_("fichiers en trop dans data/ : %(names)s") % {"names": ", ".join(extra)})
    for name, digest in sorted(expected.items()):
        path = present.get(name)
        if path is None or not path.is_file():
            raise refused(_("fichier de données manquant : data/%(name)s") % {"name": name})
        if file_sha256(path) != digest:
            raise refused(
                _("le fichier data/%(name)s a changé depuis l'export (empreinte différente).") % {"name": name}
            )


def check_files(directory: Path, manifest: dict) -> None:
    """Every file the manifest lists is there, unchanged, and inside files/;
    nothing else is in the folder."""
    directory = Path(directory)
    extra = sorted(path.name for path in directory.iterdir() if path.name not in {"manifest.json", "data", "files"})
    if extra:
        raise refused(_("fichiers en trop dans la sauvegarde : %(names)s") % {"names": ", ".join(extra)})
    root = (directory / "files").resolve()
    for name, expected in manifest["files"].items():
        path = (root / name).resolve()
        if not path.is_relative_to(root):
            raise RegisterError(_("Nom de fichier refusé dans le manifeste : %(name)s") % {"name": name})
        try:
            with path.open("rb") as stream:
                found = sha256(stream)
        except OSError:
            raise RegisterError(_("Fichier manquant dans la sauvegarde : files/%(name)s") % {"name": name}) from None
        if found != expected:
            raise RegisterError(
                _("Le fichier files/%(name)s a changé depuis l'export (empreinte différente).") % {"name": name}
            )
    if root.is_dir():
        listed = {(root / name).resolve() for name in manifest["files"]}
        unlisted = sorted(
            path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file() and path not in listed
        )
        if unlisted:
            raise refused(_("fichiers en trop dans files/ : %(names)s") % {"names": ", ".join(unlisted)})


def register_is_empty() -> bool:
    content = [apps.get_model(label) for label in ("conventions.Convention", "actors.Actor", "plans.Plan")]
    return not any(model._base_manager.exists() for model in content)


def import_register(directory: Path, *, replace: bool = False, progress=lambda message: None) -> dict:
    """Restore a backup made by export_register, all or nothing.

    The register's tables are emptied and refilled with the backup's rows,
    primary keys included (addresses, history and links stay valid). Staff
    accounts and groups are matched by name: an account that exists is
    updated, not duplicated. Refused on a register that holds conventions,
    actors or plans unless `replace` is given."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    check_data(directory, manifest)
    check_files(directory, manifest)
    if not replace and not register_is_empty():
        raise RegisterError(
            _(
                "La base contient déjà des conventions, des acteurs ou des plans. "
                "Relancez avec --replace pour les remplacer par la sauvegarde."
            )
        )
    chosen = register_models()
    labels = {model._meta.label_lower for model in chosen}
    unknown = sorted(set(manifest["counts"]) - labels)
    if unknown:
        raise RegisterError(_("Modèles inconnus dans la sauvegarde : %(names)s") % {"names": ", ".join(unknown)})
    counts = {}
    try:
        with transaction.atomic():
            for model in wiped_models():
                model._base_manager.all()._raw_delete(model._base_manager.db)
            with connection.constraint_checks_disabled():
                for model in chosen:
                    counts[model._meta.label_lower] = load_model(directory, model)
                    progress(f"{model._meta.label_lower}: {counts[model._meta.label_lower]}")
            forget_what_pointed_to_removed_rows()
            connection.check_constraints(table_names=[model._meta.db_table for model in chosen])
            differing = sorted(label for label in counts if counts[label] != manifest["counts"].get(label, 0))
            if differing:
                raise RegisterError(
                    _("Nombre de lignes différent du manifeste pour : %(names)s") % {"names": ", ".join(differing)}
                )
            reset_sequences(chosen)
            restore_files(directory, manifest)
    except (DeserializationError, IntegrityError, DatabaseError, ValidationError, ObjectDoesNotExist) as error:
        raise RegisterError(_("Restauration annulée, rien n'a été changé : %(error)s") % {"error": error}) from None
    return counts


def wiped_models() -> list[type[models.Model]]:
    """The tables a restore empties, children first: the register's own
    (many-to-many link tables included) and the admin's log. Accounts and
    groups are kept and matched by name."""
    wiped = [apps.get_model("admin", "LogEntry")]
    for label in settings.REGISTER_APPS:
        wiped += apps.get_app_config(label).get_models(include_auto_created=True)
    ordered = serializers.sort_dependencies([(None, wiped)], allow_cycles=True)
    auto_created = [model for model in wiped if model._meta.auto_created]
    return auto_created + list(reversed([model for model in ordered if not model._meta.auto_created]))


def forget_what_pointed_to_removed_rows() -> None:
    """Rows outside the backup that point into the register (follows/: a
    staff user's watch, an e-mail subscription) and whose target the restore
    removed: dealt with as deleting that target would have (on_delete
    CASCADE or SET_NULL), instead of the restore failing on them at commit."""
    register = set(wiped_models())
    for model in apps.get_models():
        if model in register or model in register_models():
            continue
        for field in model._meta.concrete_fields:
            if not (field.many_to_one and field.related_model in register):
                continue
            present = field.related_model._base_manager.values("pk")
            dangling = model._base_manager.filter(**{f"{field.name}__isnull": False}).exclude(
                **{f"{field.name}__in": present}
            )
            if field.remote_field.on_delete is models.CASCADE:
                dangling.delete()
            elif field.remote_field.on_delete is models.SET_NULL:
                dangling.update(**{field.name: None})


def load_model(directory: Path, model) -> int:
    path = data_path(directory, model)
    if not path.exists():
        return 0
    count = 0
    with path.open(encoding="utf-8") as stream:
        for deserialized in serializers.deserialize("jsonl", stream, handle_forward_references=False):
            if type(deserialized.object) is not model:
                raise RegisterError(
                    _("%(file)s contient un objet d'un autre modèle (%(found)s).")
                    % {"file": path.name, "found": deserialized.object._meta.label_lower}
                )
            deserialized.save()
            count += 1
    return count


def reset_sequences(chosen) -> None:
    """After rows were written with their own primary keys, the next new row
    must not reuse one (PostgreSQL sequences; SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), chosen)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def restore_files(directory: Path, manifest: dict) -> None:
    root = Path(directory) / "files"
    for name in manifest["files"]:
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as present:
                if sha256(present) == manifest["files"][name]:
                    continue
            default_storage.delete(name)
        with (root / name).open("rb") as stream:
            saved = default_storage.save(name, File(stream))
        if saved != name:
            raise RegisterError(_("Le fichier %(name)s a été enregistré sous un autre nom.") % {"name": name})
