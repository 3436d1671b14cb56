"""An index of the search text on SQLite, so a rare word costs no more than
a common one.

SQLite's search asks that every query word appear somewhere in a
convention's `search_text` (search.py). Without an index that is a scan of
every row's 2 KB of text: a word found in the first 25 rows in date order
stops early, but a rare word reads the whole register (16 ms a request at
10 000 conventions, growing with N). An FTS5 table with the trigram
tokenizer indexes every three-letter piece of the text, so it answers the
same question, "does this piece of text occur anywhere?", from the index:
the same matches as the scan, substrings included ("mobile" finds
"automobile"), for words of three letters or more. Shorter words keep the
scan.

The table holds no copy of the text (external content: it reads the
conventions table) and triggers keep it in step with every insert, update
and delete, whichever path writes. Django rebuilds a SQLite table when a
migration alters it, which drops its triggers: after every `migrate` the
table and triggers are checked and, if anything was missing, made again and
the index rebuilt. A SQLite built without FTS5 simply keeps the scan.
"""

from django.db import OperationalError, connections

TABLE = "conventions_convention_fts"

_TRIGGERS = {
    f"{TABLE}_insert": f"""
        CREATE TRIGGER {TABLE}_insert AFTER INSERT ON conventions_convention BEGIN
            INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    f"{TABLE}_delete": f"""
        CREATE TRIGGER {TABLE}_delete AFTER DELETE ON conventions_convention BEGIN
            INSERT INTO {TABLE}({TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        END""",
    f"{TABLE}_update": f"""
        CREATE TRIGGER {TABLE}_update AFTER UPDATE OF search_text ON conventions_convention BEGIN
            INSERT INTO {TABLE}({TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
}


def ensure(using: str = "default") -> bool:
    """Make the index and its triggers where any is missing (rebuilding the
    index from the conventions then); True when the index is there."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = %s OR name LIKE %s", [TABLE, f"{TABLE}_%"])
        present = {name for (name,) in cursor.fetchall()}
        if "conventions_convention" not in connection.introspection.table_names(cursor):
            return False
        if TABLE in present and all(name in present for name in _TRIGGERS):
            _known[str(connection.settings_dict["NAME"])] = True
            return True
        try:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
                "search_text, content='conventions_convention', content_rowid='id', tokenize='trigram')"
            )
        except OperationalError:  # SQLite without FTS5 or its trigram tokenizer
            _known[str(connection.settings_dict["NAME"])] = False
            return False
        for name, sql in _TRIGGERS.items():
            if name not in present:
                cursor.execute(sql)
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
    _known[str(connection.settings_dict["NAME"])] = True
    return True


# Whether each database (by name) has the index: told by `ensure()` after a
# migrate in this process, else asked once.
_known: dict[str, bool] = {}


def indexed(database_name: str) -> bool:
    """Whether the database of this name has the index."""
    if database_name not in _known:
        _known[database_name] = _has_index(database_name)
    return _known[database_name]


def _has_index(database_name: str) -> bool:
    for alias in connections:
        connection = connections[alias]
        if connection.vendor == "sqlite" and str(connection.settings_dict["NAME"]) == database_name:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [TABLE])
                return cursor.fetchone() is not None
    return False


def after_migrate(sender, using="default", **kwargs):
    ensure(using)


def match(words: list[str]) -> str:
    """An FTS5 query asking for every word, each as a piece of text."""
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)
