"""A backup taken from SQLite restores into PostgreSQL, and the other way
round, with nothing lost: the restored register exports the same bytes.

Runs the commands as an administrator would, in fresh processes on fresh
databases (migrated, not the test database). The PostgreSQL server is the
one named by SHIRAKA_POSTGRES_URL (CI sets it), else the local default."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

from tests.backup.test_register import same_tree

ROOT = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("SHIRAKA_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")

# A document with a file, a named editor's change, a group: what load_demo lacks.
ADDITIONS = """
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from conventions.models import Convention, Document
editor = User.objects.create_user("amina", password="secret", is_staff=True)
editor.groups.add(Group.objects.get(name="Publisher"))
convention = Convention.objects.order_by("pk").first()
document = Document(convention=convention, title="Texte signé", kind="signed_text")
document.file.save("convention-signee.pdf", ContentFile(b"%PDF-1.4\\n\\x00\\xff\\xe2\\x82\\xac\\n%%EOF\\n"))
convention.summary_en = "Signed in Rabat."
convention._history_user = editor
convention.save()
"""


def server_url(database: str) -> str:
    return SERVER.rsplit("/", 1)[0] + "/" + database


def admin_connection():
    return psycopg.connect(SERVER.replace("postgres://", "postgresql://"), autocommit=True, connect_timeout=5)


@pytest.fixture
def postgres_database():
    try:
        connection = admin_connection()
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {SERVER}: {error}")
    name = f"shiraka_backup_{uuid.uuid4().hex[:10]}"
    with connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server_url(name)
    finally:
        with admin_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(database_url: str, media: Path, *args: str) -> str:
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "DJANGO_SETTINGS_MODULE": "config.settings.development",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.parametrize("direction", ["sqlite to postgresql", "postgresql to sqlite"])
def test_a_backup_moves_between_sqlite_and_postgresql_without_loss(tmp_path, postgres_database, direction):
    sqlite = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    source, target = (sqlite, postgres_database) if direction.startswith("sqlite") else (postgres_database, sqlite)
    for database in (source, target):
        manage(database, tmp_path / "unused", "migrate", "--no-input", "-v", "0")
    manage(source, tmp_path / "media-source", "load_demo")
    manage(source, tmp_path / "media-source", "shell", "-c", ADDITIONS)
    manage(source, tmp_path / "media-source", "export_register", str(tmp_path / "backup"))

    manage(target, tmp_path / "media-target", "import_register", str(tmp_path / "backup"))
    manage(target, tmp_path / "media-target", "export_register", str(tmp_path / "again"))

    assert same_tree(tmp_path / "backup", tmp_path / "again")
    assert same_tree(tmp_path / "media-source", tmp_path / "media-target")
    # Stored under a generated name (never the uploader's), and carried over.
    assert [path.read_bytes()[:8] for path in (tmp_path / "backup" / "files").rglob("*.pdf")] == [b"%PDF-1.4"]
