"""Guides in the reuse search's full-text index on SQLite (`projects_search`, see
projects/search.py): each guide's title and the text of its current revision, as long as that
revision is not hidden, kept up to date by triggers on the guide and revision tables. PostgreSQL
searches the tables themselves, so there this migration does nothing.

A guide's row has the rowid its id times four: the index's other kinds use the remainders 1 to 3.

SQLite drops a table's triggers when Django rebuilds the table to alter it: a later migration
that alters guides_guide or guides_revision must run `CREATE_TRIGGERS` again."""

from django.db import migrations

# The guide's row, from its current revision if that is visible; none otherwise.
INDEX_GUIDES_WHERE = """
    INSERT INTO projects_search (rowid, title, summary, body, kind, object_id)
    SELECT g.id * 4, g.title, '', r.body, 'guide', g.id
    FROM guides_guide AS g JOIN guides_revision AS r ON r.id = g.current_revision_id AND NOT r.is_hidden
    WHERE {condition}"""

CREATE_TRIGGERS = [
    f"""CREATE TRIGGER projects_search_guide_inserted AFTER INSERT ON guides_guide BEGIN
        {INDEX_GUIDES_WHERE.format(condition="g.id = NEW.id")};
    END""",
    f"""CREATE TRIGGER projects_search_guide_changed AFTER UPDATE OF title, current_revision_id ON guides_guide
    BEGIN
        DELETE FROM projects_search WHERE rowid = OLD.id * 4;
        {INDEX_GUIDES_WHERE.format(condition="g.id = NEW.id")};
    END""",  # noqa: S608 - no input in the SQL
    """CREATE TRIGGER projects_search_guide_deleted AFTER DELETE ON guides_guide BEGIN
        DELETE FROM projects_search WHERE rowid = OLD.id * 4;
    END""",
    # Hiding (or showing again) the revision a guide shows, or correcting its text.
    f"""CREATE TRIGGER projects_search_revision_changed AFTER UPDATE OF body, is_hidden ON guides_revision
    BEGIN
        DELETE FROM projects_search
        WHERE rowid IN (SELECT id * 4 FROM guides_guide WHERE current_revision_id = NEW.id);
        {INDEX_GUIDES_WHERE.format(condition="g.current_revision_id = NEW.id")};
    END""",  # noqa: S608 - as above
]

CREATE = [
    # What is already there.
    INDEX_GUIDES_WHERE.format(condition="1"),
    *CREATE_TRIGGERS,
]

DROP = [
    *(
        f"DROP TRIGGER IF EXISTS projects_search_{name}"
        for name in ("guide_inserted", "guide_changed", "guide_deleted", "revision_changed")
    ),
    "DELETE FROM projects_search WHERE kind = 'guide'",
]


def _on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0001_initial"),
        ("projects", "0003_sqlite_search_index"),
    ]

    operations = [migrations.RunPython(_on_sqlite(CREATE), _on_sqlite(DROP))]
