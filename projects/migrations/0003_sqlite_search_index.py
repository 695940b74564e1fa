"""The reuse search's full-text index on SQLite: an FTS5 table kept up to date by triggers on
the project, update and output tables (see projects/search.py). PostgreSQL searches the tables
themselves, so there this migration does nothing.

A row's rowid is its object's id times four plus a number for its kind (1 project, 2 update,
3 output): the triggers find rows by rowid, the one lookup FTS5 makes without a scan."""

from django.db import migrations

CREATE = [
    """CREATE VIRTUAL TABLE projects_search USING fts5(
        title, summary, body, kind UNINDEXED, object_id UNINDEXED,
        tokenize = 'porter unicode61 remove_diacritics 2'
    )""",
    # What is already there.
    """INSERT INTO projects_search (rowid, title, summary, body, kind, object_id)
        SELECT id * 4 + 1, title, summary, problem, 'project', id FROM projects_project""",
    """INSERT INTO projects_search (rowid, title, summary, body, kind, object_id)
        SELECT id * 4 + 2, title, '', body, 'update', id FROM projects_update""",
    """INSERT INTO projects_search (rowid, title, summary, body, kind, object_id)
        SELECT id * 4 + 3, title, description, '', 'output', id FROM projects_output""",
    # Projects.
    """CREATE TRIGGER projects_search_project_inserted AFTER INSERT ON projects_project BEGIN
        INSERT INTO projects_search (rowid, title, summary, body, kind, object_id)
        VALUES (NEW.id * 4 + 1, NEW.title, NEW.summary, NEW.problem, 'project', NEW.id);
    END""",
    """CREATE TRIGGER projects_search_project_changed AFTER UPDATE OF title, summary, problem ON projects_project
    BEGIN
        UPDATE projects_search SET title = NEW.title, summary = NEW.summary, body = NEW.problem
        WHERE rowid = NEW.id * 4 + 1;
    END""",
    """CREATE TRIGGER projects_search_project_deleted AFTER DELETE ON projects_project BEGIN
        DELETE FROM projects_search WHERE rowid = OLD.id * 4 + 1;
    END""",
    # Updates.
    """CREATE TRIGGER projects_search_update_inserted AFTER INSERT ON projects_update BEGIN
        INSERT INTO projects_search (rowid, title, summary, body, kind, object_id)
        VALUES (NEW.id * 4 + 2, NEW.title, '', NEW.body, 'update', NEW.id);
    END""",
    """CREATE TRIGGER projects_search_update_changed AFTER UPDATE OF title, body ON projects_update BEGIN
        UPDATE projects_search SET title = NEW.title, body = NEW.body WHERE rowid = NEW.id * 4 + 2;
    END""",
    """CREATE TRIGGER projects_search_update_deleted AFTER DELETE ON projects_update BEGIN
        DELETE FROM projects_search WHERE rowid = OLD.id * 4 + 2;
    END""",
    # Outputs.
    """CREATE TRIGGER projects_search_output_inserted AFTER INSERT ON projects_output BEGIN
        INSERT INTO projects_search (rowid, title, summary, body, kind, object_id)
        VALUES (NEW.id * 4 + 3, NEW.title, NEW.description, '', 'output', NEW.id);
    END""",
    """CREATE TRIGGER projects_search_output_changed AFTER UPDATE OF title, description ON projects_output BEGIN
        UPDATE projects_search SET title = NEW.title, summary = NEW.description WHERE rowid = NEW.id * 4 + 3;
    END""",
    """CREATE TRIGGER projects_search_output_deleted AFTER DELETE ON projects_output BEGIN
        DELETE FROM projects_search WHERE rowid = OLD.id * 4 + 3;
    END""",
]

DROP = [
    *(
        f"DROP TRIGGER IF EXISTS projects_search_{kind}_{event}"
        for kind in ("project", "update", "output")
        for event in ("inserted", "changed", "deleted")
    ),
    "DROP TABLE IF EXISTS projects_search",
]


def _on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_output_file_name_and_rules")]

    operations = [migrations.RunPython(_on_sqlite(CREATE), _on_sqlite(DROP))]
