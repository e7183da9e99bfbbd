from django.db import migrations


def create_fts(apps, schema_editor):
    # SQLite only (PostgreSQL has its own tsvector columns, 0002): search.fulltext.fts5_ids matches here.
    if schema_editor.connection.vendor == "sqlite":
        # Imported when the migration runs: loading the migration graph must not import today's app code.
        from search.fulltext import FTS5_CREATE_SQL, FTS5_REBUILD_SQL  # migration: today's code only when it runs

        for statement in FTS5_CREATE_SQL:
            schema_editor.execute(statement)
        schema_editor.execute(FTS5_REBUILD_SQL)


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        # Imported when the migration runs: loading the migration graph must not import today's app code.
        from search.fulltext import FTS5_DROP_SQL  # migration: today's code only when it runs

        for statement in FTS5_DROP_SQL:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("gcm_search", "0003_index_outbox"),
    ]

    operations = [
        migrations.RunPython(create_fts, drop_fts),
    ]
