"""`manage.py import_conventions FILE [--dry-run] [--user]`: progress, a
summary, a non-zero exit and nothing written when a row is rejected."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from actors.models import Actor
from conventions.models import Convention
from tests.factories import ActorFactory
from tests.importing.helpers import DOCS, csv_bytes, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors():
    ActorFactory(name="Crédit Agricole du Maroc", acronym="CAM")
    ActorFactory(name="Association Marocaine pour l'Industrie et la Construction de l'Automobile", acronym="AMICA")


def command(*args):
    out, err = StringIO(), StringIO()
    call_command("import_conventions", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_and_prints_progress_and_a_summary(actors, tmp_path):
    path = tmp_path / "conventions.csv"
    path.write_bytes(csv_bytes([row(title=f"Convention {n}", parties="CAM; AMICA") for n in range(250)]))

    out, err = command(path, "--every", 100)

    assert "vérification : ligne 100/250" in err and "vérification : ligne 250/250" in err
    assert "écriture : ligne 200/250" in err
    assert "Créées : 250 ; mises à jour : 0 ; rejetées : 0." in out
    assert "Import terminé : 250 créée(s), 0 mise(s) à jour." in out
    assert Convention.objects.filter(publication_state="draft").count() == 250


def test_a_dry_run_writes_nothing(actors, tmp_path):
    path = tmp_path / "conventions.csv"
    path.write_bytes(csv_bytes([row(title="Essai", parties="CAM; AMICA")]))

    out, _err = command(path, "--dry-run")

    assert "Prêt à importer : 1 création(s), 0 mise(s) à jour, aucun rejet. (essai : rien n'a été écrit)" in out
    assert not Convention.objects.exists()


def test_a_rejected_row_exits_non_zero_with_its_reason_and_writes_nothing(actors, tmp_path):
    path = tmp_path / "conventions.csv"
    rows = [
        row(title="Bonne", parties="CAM; AMICA"),
        row(title="Mauvaise", parties="Association Marocaine de l'Industrie et du Montage Automobile; CAM"),
    ]
    path.write_bytes(csv_bytes(rows))
    out = StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_conventions", str(path), stdout=out, stderr=StringIO())

    assert "1 ligne(s) rejetée(s) : rien n'a été écrit." in str(raised.value)
    assert "ligne 3 : rejetée — Mauvaise" in out.getvalue()
    assert "probablement Association Marocaine pour l'Industrie et la Construction de l'Automobile (AMICA)" in (
        out.getvalue()
    )
    assert "Créées : 1 ; mises à jour : 0 ; rejetées : 1." in out.getvalue()
    assert not Convention.objects.exists()


def test_a_non_zero_exit_code_from_the_shell(actors, tmp_path):
    path = tmp_path / "vide.csv"
    path.write_bytes(b"")
    with pytest.raises(SystemExit) as raised:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["manage.py", "import_conventions", str(path)])
    assert raised.value.code == 1


def test_an_unknown_user_or_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        command(tmp_path / "absent.csv")
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes([row(title="x", parties="y")]))
    with pytest.raises(CommandError, match="Utilisateur inconnu : personne"):
        command(path, "--user", "personne")


def test_the_user_rights_apply(actors, tmp_path, django_user_model):
    django_user_model.objects.create_user("lecteur")
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes([row(title="x", parties="CAM; AMICA")]))

    with pytest.raises(CommandError):
        command(path, "--user", "lecteur")
    assert not Convention.objects.exists()


def test_import_actors_reads_the_actors_template(tmp_path):
    out = StringIO()
    call_command("import_actors", str(DOCS / "modele-acteurs.csv"), stdout=out, stderr=StringIO())

    assert Actor.objects.filter(acronym="FIMME").exists()
    assert "Créées : 1" in out.getvalue()
