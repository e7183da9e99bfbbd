"""Discussions moved to the feedback app (issue 12). The rows stay where they are: this migration only
renames the four tables to feedback_*, and takes the models out of guidance_pages' state; feedback's
0001_initial puts them into its own state (without touching the database) and moves their content types,
so permissions, audit-log entries and translation sources keep pointing at the same rows."""

from django.db import migrations

MOVED = ["discussioncomment", "discussionquestion", "discussionpage", "discussion"]


class Migration(migrations.Migration):

    dependencies = [
        ("guidance_pages", "0004_chapter_lists_principles"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # A rename, not a copy: PostgreSQL and SQLite (3.26+) rename in the catalogue and carry the
            # foreign keys that point at a table along, whatever the number of rows.
            database_operations=[migrations.AlterModelTable(model, f"feedback_{model}") for model in MOVED],
            state_operations=[migrations.DeleteModel(model) for model in MOVED],
        ),
    ]
