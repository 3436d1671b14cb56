"""The whole register survives a backup and a restore: every row, its history,
who made each change, and every uploaded file, byte for byte."""

import filecmp
import json
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor
from conventions.models import Convention, Document
from shiraka.register import file_sha256, register_models, wiped_models
from tests.factories import (
    ActorNameFactory,
    ConventionFactory,
    ConventionRelationFactory,
    DocumentFactory,
    FollowUpActionFactory,
    MandateFactory,
    MeasurementFactory,
    PartyFactory,
    PlanComponentFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


def build_register():
    """A small register touching every kind of row a backup must carry."""
    editor = User.objects.create_user("amina", password="secret", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    convention = ConventionFactory(
        complete=True,
        title_fr="Convention automobile",
        title_ar="اتفاقية صناعة السيارات",
        summary_en="Automotive agreement",
    )
    convention.sectors.add(SectorFactory(), SectorFactory())
    component = PlanComponentFactory()
    convention.plans.add(component.plan)
    convention.components.add(component)
    PartyFactory(convention=convention)
    ConventionRelationFactory(from_convention=convention)
    MeasurementFactory(objective__convention=convention)
    FollowUpActionFactory(convention=convention)
    MandateFactory()
    ActorNameFactory()
    DocumentFactory(convention=convention, file__data=b"%PDF-1.4\n\x00\xff binary \xe2\x82\xac\n%%EOF\n")
    # A change made by a named person, as the admin records it.
    convention.title_en = "Automotive convention"
    convention._history_user = editor
    convention.save()
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Convention),
        object_id=str(convention.pk),
        object_repr=str(convention),
        action_flag=CHANGE,
        change_message="Titre anglais",
    )
    return convention


def wipe():
    """What a new, migrated database holds: no register, no staff."""
    for name in Document.history.values_list("file", flat=True):
        if default_storage.exists(name):
            default_storage.delete(name)
    for model in wiped_models():
        model._base_manager.all()._raw_delete(model._base_manager.db)
    User.objects.all().delete()
    Group.objects.all().delete()


def same_tree(left: Path, right: Path) -> bool:
    comparison = filecmp.dircmp(left, right)
    names = [*comparison.common_files]
    if comparison.left_only or comparison.right_only or comparison.common_funny:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, names, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(left / name, right / name) for name in comparison.common_dirs)


def test_a_restored_register_exports_the_same_bytes_as_the_backup(tmp_path):
    build_register()
    call_command("export_register", tmp_path / "backup", verbosity=0)
    wipe()
    assert not Convention.objects.exists()

    call_command("import_register", tmp_path / "backup", verbosity=0)
    call_command("export_register", tmp_path / "again", verbosity=0)

    assert same_tree(tmp_path / "backup", tmp_path / "again")


def test_the_backup_holds_every_row_of_every_model_of_the_register(tmp_path):
    build_register()
    call_command("export_register", tmp_path, verbosity=0)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    for model in register_models():
        lines = (tmp_path / "data" / f"{model._meta.label_lower}.jsonl").read_text().splitlines()
        assert len(lines) == model._base_manager.count() == manifest["counts"][model._meta.label_lower]
    assert manifest["counts"]["conventions.historicalconvention"] >= 2


def test_restored_files_are_identical_to_the_uploaded_ones(tmp_path):
    build_register()
    document = Document.objects.get()
    with default_storage.open(document.file.name, "rb") as stream:
        uploaded = stream.read()
    call_command("export_register", tmp_path, verbosity=0)
    wipe()
    assert not default_storage.exists(document.file.name)

    call_command("import_register", tmp_path, verbosity=0)

    with default_storage.open(Document.objects.get().file.name, "rb") as stream:
        assert stream.read() == uploaded


def test_the_restore_keeps_who_changed_what(tmp_path):
    convention = build_register()
    call_command("export_register", tmp_path, verbosity=0)
    wipe()
    call_command("import_register", tmp_path, verbosity=0)

    latest = Convention.history.filter(id=convention.pk).order_by("-history_date").first()
    assert latest.history_user.username == "amina"
    assert latest.title_en == "Automotive convention"
    assert not latest.prev_record.title_en
    assert LogEntry.objects.get().user.username == "amina"
    assert User.objects.get(username="amina").groups.get().name == "Editor"
    assert User.objects.get(username="amina").check_password("secret")


def test_the_restore_keeps_every_language_and_link(tmp_path):
    convention = build_register()
    sectors = set(convention.sectors.values_list("pk", flat=True))
    call_command("export_register", tmp_path, verbosity=0)
    wipe()
    call_command("import_register", tmp_path, verbosity=0)

    restored = Convention.objects.get(pk=convention.pk)
    assert (restored.title_fr, restored.title_ar, restored.title_en) == (
        "Convention automobile",
        "اتفاقية صناعة السيارات",
        "Automotive convention",
    )
    assert restored.updated_at == convention.updated_at  # to the microsecond
    assert set(restored.sectors.values_list("pk", flat=True)) == sectors
    assert restored.components.get().plan in restored.plans.all()


def test_rows_added_after_a_restore_get_new_primary_keys(tmp_path):
    convention = build_register()
    highest = Actor.objects.order_by("-pk").first().pk
    call_command("export_register", tmp_path, verbosity=0)
    wipe()
    call_command("import_register", tmp_path, verbosity=0)

    assert ConventionFactory().pk > convention.pk
    assert Actor.objects.create(name="Nouvel acteur", slug="nouvel-acteur").pk > highest


def test_the_export_costs_the_same_queries_for_two_or_twenty_conventions(tmp_path):
    def queries_to_export(directory):
        with CaptureQueriesContext(connection) as captured:
            call_command("export_register", directory, verbosity=0)
        return len(captured)

    build_register()
    small = queries_to_export(tmp_path / "small")
    for _ in range(18):
        ConventionFactory(complete=True).sectors.add(SectorFactory())
    assert queries_to_export(tmp_path / "large") == small


def test_the_restore_refuses_a_register_that_is_not_empty(tmp_path):
    convention = build_register()
    call_command("export_register", tmp_path, verbosity=0)
    Convention.objects.update(title_fr="Modifiée après la sauvegarde")

    with pytest.raises(CommandError, match="--replace"):
        call_command("import_register", tmp_path, verbosity=0)
    assert Convention.objects.get(pk=convention.pk).title_fr == "Modifiée après la sauvegarde"


def test_replace_puts_the_backup_in_place_of_the_register(tmp_path):
    convention = build_register()
    backed_up = set(Convention.objects.values_list("pk", "title_fr"))
    call_command("export_register", tmp_path, verbosity=0)
    Convention.objects.filter(pk=convention.pk).update(title_fr="Modifiée après la sauvegarde")
    ConventionFactory(slug="ajoutee-apres")

    call_command("import_register", tmp_path, replace=True, verbosity=0)

    assert set(Convention.objects.values_list("pk", "title_fr")) == backed_up


def test_the_export_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("à garder")
    with pytest.raises(CommandError, match="n'est pas vide"):
        call_command("export_register", tmp_path, verbosity=0)
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def damage_manifest(directory: Path, **changes):
    manifest = json.loads((directory / "manifest.json").read_text())
    manifest.update(changes)
    (directory / "manifest.json").write_text(json.dumps(manifest))


def rewrite_data(directory: Path, name: str, text: str):
    """A data file rewritten and its hash in the manifest with it, so that
    the restore's own checks (not the hashes) must catch what it holds."""
    (directory / "data" / name).write_text(text)
    manifest = json.loads((directory / "manifest.json").read_text())
    manifest["data"][name] = file_sha256(directory / "data" / name)
    (directory / "manifest.json").write_text(json.dumps(manifest))


def first_file(directory: Path) -> Path:
    return next(path for path in (directory / "files").rglob("*") if path.is_file())


DAMAGES = {
    "no manifest": (lambda d: (d / "manifest.json").unlink(), "manifest.json"),
    "manifest not JSON": (lambda d: (d / "manifest.json").write_text("{ pas du json"), "illisible"),
    "another tool's folder": (lambda d: damage_manifest(d, format="dumpdata"), "ne décrit pas"),
    "a newer format": (lambda d: damage_manifest(d, version=99), "format 99"),
    "a file changed": (lambda d: first_file(d).write_bytes(b"autre contenu"), "a changé"),
    "a file missing": (lambda d: first_file(d).unlink(), "Fichier manquant"),
    "a file outside the folder": (
        lambda d: damage_manifest(d, files={"../../etc/passwd": "0" * 64}),
        "refusé",
    ),
    "a truncated line": (
        lambda d: rewrite_data(d, "conventions.party.jsonl", '{"fields": {"actor": 1,'),
        "rien n'a été changé",
    ),
    "a row that breaks a constraint": (
        lambda d: rewrite_data(
            d,
            "conventions.party.jsonl",
            '{"model": "conventions.party", "pk": 1, "fields": {"convention": 99999, "actor": 99999}}\n',
        ),
        "rien n'a été changé",
    ),
    "a row count that disagrees": (
        lambda d: damage_manifest(d, counts={"conventions.convention": 7}),
        "Nombre de lignes",
    ),
    "an unknown model": (
        lambda d: damage_manifest(d, counts={"conventions.treaty": 1}),
        "inconnus",
    ),
}


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_a_damaged_backup_is_refused_with_a_reason_and_changes_nothing(tmp_path, damage):
    convention = build_register()
    call_command("export_register", tmp_path, verbosity=0)
    Convention.objects.update(title_fr="État présent")
    spoil, reason = DAMAGES[damage]
    spoil(tmp_path)

    with pytest.raises(CommandError, match=reason):
        call_command("import_register", tmp_path, replace=True, verbosity=0)

    assert Convention.objects.get(pk=convention.pk).title_fr == "État présent"
    assert Convention.history.filter(id=convention.pk).count() >= 2


def test_a_folder_that_does_not_exist_is_refused(tmp_path):
    with pytest.raises(CommandError, match="n'existe pas"):
        call_command("import_register", tmp_path / "absent", verbosity=0)
