"""A backup's data is checked as well as its files: the manifest holds a
sha256 of every data file, and a restore refuses, before it changes
anything, a data file edited, missing or added."""

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from conventions.models import Convention
from shiraka.register import file_sha256
from tests.factories import ConventionFactory, DocumentFactory

pytestmark = pytest.mark.django_db

TITLE = "Convention de partenariat automobile"


@pytest.fixture
def backup(tmp_path):
    get_user_model().objects.create_user("amina", password="secret", is_staff=True)
    ConventionFactory(complete=True, slug="automobile", title_fr=TITLE)
    DocumentFactory(convention=Convention.objects.get(slug="automobile"), file__data=b"%PDF-1.4\n%%EOF\n")
    call_command("export_register", tmp_path / "backup", verbosity=0)
    # The register moves on after the backup: a refused restore must leave it so.
    Convention.objects.filter(slug="automobile").update(title_fr="Titre d'aujourd'hui")
    return tmp_path / "backup"


def data_file(backup: Path, label: str) -> Path:
    return backup / "data" / f"{label}.jsonl"


def restore(backup: Path):
    call_command("import_register", backup, replace=True, verbosity=0)


def assert_nothing_changed():
    assert Convention.objects.get(slug="automobile").title_fr == "Titre d'aujourd'hui"
    assert not get_user_model().objects.get(username="amina").is_superuser


def test_the_manifest_holds_a_sha256_of_every_data_file(backup):
    manifest = json.loads((backup / "manifest.json").read_text())
    data = sorted(path.name for path in (backup / "data").iterdir())

    assert sorted(manifest["data"]) == data
    assert all(manifest["data"][name] == file_sha256(backup / "data" / name) for name in data)


def test_one_byte_changed_in_a_title_is_refused(backup):
    path = data_file(backup, "conventions.convention")
    content = path.read_bytes()
    assert content.count(TITLE.encode()) == 1
    path.write_bytes(content.replace(TITLE.encode(), TITLE.replace("automobile", "automobilE").encode()))

    with pytest.raises(CommandError, match=r"data/conventions\.convention\.jsonl a changé.*empreinte"):
        restore(backup)

    assert_nothing_changed()


def test_a_user_turned_superuser_in_the_backup_is_refused(backup):
    path = data_file(backup, "auth.user")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    tampered = [
        line.replace('"is_superuser": false', '"is_superuser": true') if '"username": "amina"' in line else line
        for line in lines
    ]
    assert tampered != lines
    path.write_text("".join(tampered), encoding="utf-8")

    with pytest.raises(CommandError, match=r"rien n'a été changé.*data/auth\.user\.jsonl a changé"):
        restore(backup)

    assert_nothing_changed()


def test_a_missing_data_file_is_refused(backup):
    data_file(backup, "conventions.party").unlink()

    with pytest.raises(CommandError, match=r"fichier de données manquant : data/conventions\.party\.jsonl"):
        restore(backup)

    assert_nothing_changed()


def test_an_added_data_file_is_refused(backup):
    data_file(backup, "conventions.extra").write_text("{}\n")

    with pytest.raises(CommandError, match=r"fichiers en trop dans data/ : conventions\.extra\.jsonl"):
        restore(backup)

    assert_nothing_changed()


def test_an_added_uploaded_file_is_refused(backup):
    (backup / "files" / "intrus.pdf").write_bytes(b"%PDF-1.4\n")

    with pytest.raises(CommandError, match=r"fichiers en trop dans files/ : intrus\.pdf"):
        restore(backup)

    assert_nothing_changed()


def test_a_backup_without_data_hashes_is_refused(backup):
    manifest = json.loads((backup / "manifest.json").read_text())
    del manifest["data"]
    (backup / "manifest.json").write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match=r"incomplet \(counts, data, files\)"):
        restore(backup)

    assert_nothing_changed()


def test_an_untouched_backup_restores(backup):
    restore(backup)

    assert Convention.objects.get(slug="automobile").title_fr == TITLE
    assert not get_user_model().objects.get(username="amina").is_superuser
