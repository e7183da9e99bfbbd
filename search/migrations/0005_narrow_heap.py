"""PostgreSQL only: keep the search entries' rows narrow, so that matching a common term reads little.

A full-text match returns the ids of its rows through the GIN index, but PostgreSQL still visits each row in
the table. With the body text and the full-text vector stored in the row, a row took about 3.4 KB and a term in
half of 100,000 examples visited 11,000 pages (33 ms for the match alone, 78 ms ranked). Out of line (TOAST,
read only when a row's text is shown), the table holds the short fields and the small ranking vector: 61 MB
instead of 341 MB, the match 20 ms, ranked 29 ms in psql (docs/benchmarks.md, issue 16).

VACUUM FULL rewrites the existing rows into the new layout; it cannot run in a transaction, hence
``atomic = False``. It locks the table for the rewrite (about 12 s at 100,000 entries), a read model that
``manage.py rebuild_search`` could rebuild anyway.
"""

from django.db import migrations

NARROW = [
    "ALTER TABLE gcm_search_searchentry SET (toast_tuple_target = 128)",
    "ALTER TABLE gcm_search_searchentry ALTER COLUMN search_vector SET STORAGE EXTERNAL",
    "ALTER TABLE gcm_search_searchentry ALTER COLUMN rank_vector SET STORAGE MAIN",
    # Never compressed: a short column the target would compress is decompressed at every comparison (the
    # facet index sorts 60,000 titles: 5.4 s compressed, 0.6 s plain).
    "ALTER TABLE gcm_search_searchentry ALTER COLUMN title SET STORAGE PLAIN",
    "ALTER TABLE gcm_search_searchentry ALTER COLUMN country_name SET STORAGE PLAIN",
    "ALTER TABLE gcm_search_searchentry ALTER COLUMN path SET STORAGE PLAIN",
    "VACUUM FULL gcm_search_searchentry",
]
WIDE = [
    "ALTER TABLE gcm_search_searchentry RESET (toast_tuple_target)",
    "ALTER TABLE gcm_search_searchentry ALTER COLUMN search_vector SET STORAGE EXTENDED",
    "ALTER TABLE gcm_search_searchentry ALTER COLUMN rank_vector SET STORAGE EXTENDED",
    "ALTER TABLE gcm_search_searchentry ALTER COLUMN title SET STORAGE EXTENDED",
    "ALTER TABLE gcm_search_searchentry ALTER COLUMN country_name SET STORAGE EXTENDED",
    "ALTER TABLE gcm_search_searchentry ALTER COLUMN path SET STORAGE EXTENDED",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("gcm_search", "0004_sqlite_fts5"),
    ]

    operations = [
        migrations.RunPython(_run(NARROW), _run(WIDE)),
    ]
