"""What waits in queues names module paths that moved when cms was split into sub-packages: the worker
imports a task by its stored path, and django-mailer stores each queued message pickled, with a reference to
the backend class (``cms.mail.QueuedEmailBackend``) that sent it. Without this rewrite a deploy would fail
every task and every mail still waiting."""

import base64
import io
import pickle

from django.db import migrations

MOVED = {
    "cms.tasks.purge_frontend_task": "cms.headless.tasks.purge_frontend_task",
    "cms.mail.deliver_queued_mail": "cms.background.mail.deliver_queued_mail",
    "cms.mail.retry_deferred_mail": "cms.background.mail.retry_deferred_mail",
}
MOVED_MODULES = {"cms.mail": "cms.background.mail", "cms.tasks": "cms.headless.tasks"}


class _MovedModules(pickle.Unpickler):
    def __init__(self, data: bytes, modules: dict[str, str]) -> None:
        super().__init__(io.BytesIO(data))
        self.modules = modules

    def find_class(self, module: str, name: str):
        return super().find_class(self.modules.get(module, module), name)


def repickle(message_data: str, modules: dict[str, str]) -> str | None:
    """django-mailer's encoding (base64 of a pickle) of the same message with its classes at their new paths;
    None when it names none of the moved modules."""
    raw = base64.decodebytes(message_data.encode("ascii"))
    if not any(old.encode() in raw for old in modules):
        return None
    email = _MovedModules(raw, modules).load()
    return base64.encodebytes(pickle.dumps(email)).decode("ascii")


def _rename(apps, task_paths: dict[str, str], modules: dict[str, str]) -> None:
    results = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in task_paths.items():
        results.objects.filter(task_path=old).update(task_path=new)
    for model in ("Message", "MessageLog"):
        rows = apps.get_model("mailer", model).objects.exclude(message_data="").exclude(message_data=None)
        for row in rows.iterator():
            data = repickle(row.message_data, modules)
            if data is not None:
                row.message_data = data
                row.save(update_fields=["message_data"])


def forwards(apps, schema_editor) -> None:
    _rename(apps, MOVED, MOVED_MODULES)


def backwards(apps, schema_editor) -> None:
    _rename(apps, {new: old for old, new in MOVED.items()}, {new: old for old, new in MOVED_MODULES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_comments_site"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("mailer", "0007_alter_messagelog_message_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
