"""Backup, restore and tamper, counted.

- A backup of a register holding every kind of row (history, the admin's
  log, accounts and groups, an uploaded file) is restored, as an operator
  would (`import_register` in a fresh process), into a new, migrated
  database, which is then backed up again: every file of the two backups
  must be the same bytes.
- The backup is then tampered with, one way at a time (a byte of a data
  file, a user turned superuser, a file removed or added, the manifest
  edited…) and restored over a register that has moved on since: each must
  be refused, and leave the database and the stored files exactly as they
  were.

Not counted, by design (shiraka/register.py): whoever can rewrite a data file
*and* its hash in the manifest can restore anything; backups are kept where
only operators can write."""

import filecmp
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from conventions.models import Convention
from tests.backup.test_across_databases import manage
from tests.backup.test_register import build_register
from tests.probes.test_faults_and_concurrency import snapshot

pytestmark = pytest.mark.django_db

# What a restore writes to, besides the register's own tables.
TABLES = ("actors_", "plans_", "conventions_", "auth_", "django_admin_log")


def files_of(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())


def test_a_backup_restored_into_a_new_database_backs_up_to_the_same_bytes(tmp_path, new_database, probe):
    mismatches = probe(
        "backup: round trip",
        "files of a backup that differ once it is restored into a new database and backed up again",
    )
    build_register()
    call_command("export_register", tmp_path / "backup", verbosity=0)
    with new_database() as database:
        manage(database, tmp_path / "media", "import_register", str(tmp_path / "backup"))
        manage(database, tmp_path / "media", "export_register", str(tmp_path / "again"))
    before, after = files_of(tmp_path / "backup"), files_of(tmp_path / "again")
    for name in sorted(set(before) | set(after)):
        same = name in before and name in after
        same = same and filecmp.cmp(tmp_path / "backup" / name, tmp_path / "again" / name, shallow=False)
        mismatches.check(same, name)
    assert len(before) > 10 and any(name.startswith("files/") for name in before)
    assert mismatches.failures == []


def edit_line(path: Path, old: str, new: str, *, where: str = "") -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    edited = [line.replace(old, new, 1) if where in line else line for line in lines]
    assert edited != lines, f"{old!r} not found in {path.name}"
    path.write_text("".join(edited), encoding="utf-8")


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def edit_manifest(backup: Path, change) -> None:
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    change(manifest)
    (backup / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")


def uploaded(backup: Path) -> Path:
    return next(path for path in (backup / "files").rglob("*") if path.is_file())


DATA = "data/conventions.convention.jsonl"
TAMPERS = {
    "one byte of a data file": lambda b: flip_a_byte(b / DATA),
    "a title edited": lambda b: edit_line(b / DATA, "Convention automobile", "Convention automobilE"),
    "a user turned superuser": lambda b: edit_line(
        b / "data/auth.user.jsonl", '"is_superuser": false', '"is_superuser": true', where='"amina"'
    ),
    "a user added to a group": lambda b: edit_line(
        b / "data/auth.user.jsonl", '"groups": [', '"groups": [["Publisher"], ', where='"amina"'
    ),
    "a row added to a data file": lambda b: (b / DATA).write_text(
        (b / DATA).read_text(encoding="utf-8") * 2, encoding="utf-8"
    ),
    "a data file removed": lambda b: (b / "data/conventions.party.jsonl").unlink(),
    "a data file emptied": lambda b: (b / "data/conventions.party.jsonl").write_bytes(b""),
    "a data file added": lambda b: (b / "data/conventions.extra.jsonl").write_text("{}\n"),
    "one byte of an uploaded file": lambda b: flip_a_byte(uploaded(b)),
    "an uploaded file removed": lambda b: uploaded(b).unlink(),
    "an uploaded file added": lambda b: (b / "files" / "intrus.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n"),
    "a file added beside the manifest": lambda b: (b / "restore.sh").write_text("#!/bin/sh\n"),
    "manifest: a data file's hash edited": lambda b: edit_manifest(
        b, lambda m: m["data"].update({Path(DATA).name: hashlib.sha256(b"forged").hexdigest()})
    ),
    "manifest: a data file's entry removed": lambda b: edit_manifest(b, lambda m: m["data"].pop(Path(DATA).name)),
    "manifest: the data hashes removed": lambda b: edit_manifest(b, lambda m: m.pop("data")),
    "manifest: a row count edited": lambda b: edit_manifest(
        b, lambda m: m["counts"].update({"conventions.convention": m["counts"]["conventions.convention"] + 1})
    ),
    "manifest: an unknown model counted": lambda b: edit_manifest(
        b, lambda m: m["counts"].update({"auth.permission": 1})
    ),
    "manifest: a file outside files/": lambda b: edit_manifest(
        b, lambda m: m["files"].update({"../manifest.json": hashlib.sha256(b"x").hexdigest()})
    ),
    "manifest: another format version": lambda b: edit_manifest(b, lambda m: m.update(version=m["version"] + 1)),
    "manifest: cut short": lambda b: (b / "manifest.json").write_bytes((b / "manifest.json").read_bytes()[:100]),
    "manifest removed": lambda b: (b / "manifest.json").unlink(),
}


def stored_files() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {name: hashlib.sha256((root / name).read_bytes()).hexdigest() for name in files_of(root)}


@pytest.fixture
def backup(tmp_path):
    build_register()
    call_command("export_register", tmp_path / "backup", verbosity=0)
    # The register moves on after the backup: any restore would change it.
    Convention.objects.update(title_fr="Titre d'aujourd'hui")
    return tmp_path / "backup"


def test_every_tampered_backup_is_refused_and_changes_nothing(backup, tmp_path, probe):
    accepted = probe(
        "backup: tampering",
        "tampered backups restored, or refused after changing the database or the stored files",
    )
    before = snapshot(prefixes=TABLES), stored_files()
    for name, tamper in TAMPERS.items():
        tampered = shutil.copytree(backup, tmp_path / "tampered" / name)
        tamper(tampered)
        try:
            call_command("import_register", tampered, replace=True, verbosity=0)
        except CommandError:
            refused = True
        else:
            refused = False
        unchanged = (snapshot(prefixes=TABLES), stored_files()) == before
        accepted.check(
            refused and unchanged,
            f"{name}: {'refused' if refused else 'restored'}, {'nothing' if unchanged else 'something'} changed",
        )
        if not unchanged:
            break  # the next tampering would start from another register
    assert accepted.failures == []


def test_the_untampered_backup_restores(backup):
    """The tampering probe proves something only if the same backup, left
    alone, is restored."""
    call_command("import_register", backup, replace=True, verbosity=0)
    assert Convention.objects.filter(title_fr="Convention automobile").exists()
