"""Tasks queued before cms was split into sub-packages name the old module paths; the worker imports a task by
its stored path, so without this rewrite a deploy would fail every task still waiting in the queue."""

from django.db import migrations

MOVED = {
    "cms.tasks.purge_frontend_task": "cms.headless.tasks.purge_frontend_task",
    "cms.mail.deliver_queued_mail": "cms.background.mail.deliver_queued_mail",
    "cms.mail.retry_deferred_mail": "cms.background.mail.retry_deferred_mail",
}


def _rename(apps, schema_editor, moves: dict[str, str]) -> None:
    results = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in moves.items():
        results.objects.filter(task_path=old).update(task_path=new)


def forwards(apps, schema_editor) -> None:
    _rename(apps, schema_editor, MOVED)


def backwards(apps, schema_editor) -> None:
    _rename(apps, schema_editor, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_comments_site"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
