"""The admin's imports run in the background (django-tasks): a long file would outlast a request. The task
records its progress on the ImportRun, which the admin page shows on each refresh. A ZIP upload's attachments
are read from its unpacked copy, as ``import_examples`` reads them beside its file."""

import tempfile
from pathlib import Path

from django.db import transaction
from django.utils import translation

from django_tasks import task

from examples_library.models import ImportRun
from examples_library.transfer import archive
from examples_library.transfer.importing import Importer, ImportFileError

PROGRESS_EVERY = 20


@task()
def run_import(run_id: int) -> str:
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    if run.status != ImportRun.Status.WAITING:
        return run.status  # already run (a task delivered twice)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        # Outside the row's transaction so that the admin page sees it at once.
        ImportRun.objects.filter(pk=run.pk).update(done=done, total=total)

    importer = Importer(
        user=run.user, dry_run=run.dry_run, publish=run.publish, progress=progress, every=PROGRESS_EVERY
    )
    content, name = bytes(run.content), run.name
    # A ZIP is unpacked afresh by each run (dry run and confirmation), into a folder removed after it.
    with translation.override(run.language), tempfile.TemporaryDirectory(prefix="gcm-import-") as folder:
        try:
            if archive.is_archive(name):
                table = archive.extract(content, Path(folder))
                importer.directory = table.parent
                content, name = table.read_bytes(), table.name
            report = importer.run(content, name)
        except ImportFileError as exc:
            ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED, error=str(exc))
            return ImportRun.Status.FAILED
    with transaction.atomic():
        ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.DONE, report=report.as_dict())
    return ImportRun.Status.DONE
