"""Issue 14: the official French and Spanish titles of the objectives in databases loaded before the data
had them. Only rows still holding a generated value (the English text, or nothing) change; see
guidance_pages/objective_titles.py."""

from django.db import migrations


def forwards(apps, schema_editor):
    # Imported when the migration runs, not when migrations are loaded: the function reads the data file.
    from guidance_pages.objective_titles import apply_official_titles

    apply_official_titles(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("guidance_pages", "0008_edition_pdfs"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    # Backwards leaves the official wording in place: it is correct in the older code too.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
