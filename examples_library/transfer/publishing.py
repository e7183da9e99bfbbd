"""Open data written ahead: each language's CSV, JSON and XLSX are built by a background task into the
default storage and the download routes serve the stored file, because building 60,000 rows during a request
takes about a minute (docs/benchmarks.md) and outlasts the server's timeout.

When the published examples of a language change, the search read model (which sees every publish, unpublish,
move and delete, whatever the path) calls ``published_set_changed``: that counts the change on the language's
``OpenDataFile`` rows and queues one build. The counter lives here and not in ``search.models.SearchVersion``
because this app sits below search in the layers (pyproject's import contract) and because the search version
also moves with guidance pages, which are not in the files.

A build writes each file row by row into a temporary file (constant memory), saves it under a new name and
then points the record at it, so a reader gets either the old whole file or the new one, never half of one.
"""

import logging
import tempfile
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

from django_tasks import task

from examples_library.models import ExamplePage, OpenDataFile
from examples_library.transfer import exporting

logger = logging.getLogger(__name__)

FORMATS = [choice.value for choice in OpenDataFile.Format]
DIRECTORY = "open-data"
# Below fresh work (a search sync, a purge, a mail): a build takes a minute at 100,000 examples. As the
# edition PDFs (guidance_pages.publications.tasks).
OPEN_DATA_PRIORITY = -10


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def ensure_records(language: str) -> None:
    """The records of the language's files, made on first use."""
    if OpenDataFile.objects.filter(language=language).count() < len(FORMATS):
        for file_format in FORMATS:
            OpenDataFile.objects.get_or_create(language=language, file_format=file_format)


def published_set_changed(changed: Iterable[str]) -> None:
    """The published examples of these languages changed: their files are stale from now; queue a build."""
    for language in changed:
        ensure_records(language)
        OpenDataFile.objects.filter(language=language).update(wanted_version=F("wanted_version") + 1)
        request_build(language)


def view_restriction_changed(page_id: int) -> None:
    """Who may see a page and what is below it changed. Publishing does not announce it, so the read model
    does not see it: a restricted example must leave the files all the same."""
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is not None and ExamplePage.objects.descendant_of(page, inclusive=True).exists():
        published_set_changed([page.locale.language_code])


def request_build(language: str) -> bool:
    """Queue one build of the language unless one is queued for its latest change already (a burst of
    publishes or of readers of a stale file queues one). Returns whether it queued one."""
    ensure_records(language)
    claimed = OpenDataFile.objects.filter(language=language, queued_version__lt=F("wanted_version")).update(
        queued_version=F("wanted_version")
    )
    if not claimed:
        return False

    def enqueue() -> None:
        try:
            build_open_data_task.using(priority=OPEN_DATA_PRIORITY).enqueue(language)
        except Exception:  # publishing never fails because of open data; a later change or reader asks again
            logger.exception("Could not enqueue the open-data build of %s", language)
            OpenDataFile.objects.filter(language=language).update(queued_version=-1)

    transaction.on_commit(enqueue, robust=True)
    return True


def stored(language: str, file_format: str) -> OpenDataFile | None:
    """The record of the language's stored file in that format, or None when there is none (yet)."""
    record = OpenDataFile.objects.filter(language=language, file_format=file_format).exclude(name="").first()
    if record is None:
        return None
    if not default_storage.exists(record.name):  # storage emptied behind our back: build it again
        logger.warning("Open-data file %s is missing from storage", record.name)
        OpenDataFile.objects.filter(language=language).update(version=-1, queued_version=-1)
        OpenDataFile.objects.filter(pk=record.pk).update(name="")
        return None
    return record


class _Counted:
    def __init__(self, rows: Iterator[dict]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[dict]:
        for row in self.rows:
            self.count += 1
            yield row


def _write(handle, language: str, file_format: str, generated_at, source: Iterable[dict]) -> None:
    if file_format == OpenDataFile.Format.XLSX:
        exporting.write_xlsx(handle, language, generated_at, source)
        return
    chunks = exporting.csv_chunks if file_format == OpenDataFile.Format.CSV else exporting.json_chunks
    for chunk in chunks(language, generated_at, source):
        handle.write(chunk.encode())


def write_file(language: str, file_format: str, version: int) -> OpenDataFile:
    """Build one file from the published examples and make it the served one (unless a build of a later
    change finished first)."""
    generated_at = timezone.now()
    source = _Counted(exporting.rows(language))
    with tempfile.TemporaryFile() as handle:
        _write(handle, language, file_format, generated_at, source)
        size = handle.tell()
        handle.seek(0)
        # A new name each time (the storage adds a suffix when taken): the record switches to it below.
        name = default_storage.save(f"{DIRECTORY}/examples-{language}.{file_format}", File(handle))
    with transaction.atomic():
        record = OpenDataFile.objects.select_for_update().get(language=language, file_format=file_format)
        if record.version > version:
            unused = name  # a build of a later change finished first
        else:
            unused = record.name
            record.name, record.size, record.rows = name, size, source.count
            record.generated_at, record.version = generated_at, version
            record.save(update_fields=["name", "size", "rows", "generated_at", "version"])
    if unused:
        # A reader still streaming the old file keeps its open handle (on a file system).
        transaction.on_commit(lambda: default_storage.delete(unused), robust=True)
    return record


def build(language: str, *, force: bool = False) -> list[OpenDataFile]:
    """Build the language's files unless they are current (``force`` builds them anyway). The change count
    is read before the rows: a change during the build leaves the file stale and queues the next build."""
    ensure_records(language)
    records = list(OpenDataFile.objects.filter(language=language))
    version = max(record.wanted_version for record in records)
    if not force and all(record.current for record in records):
        return []
    return [write_file(language, file_format, version) for file_format in FORMATS]


@task()
def build_open_data_task(language: str) -> int:
    """Returns how many files it wrote (0 when they were current: a task delivered twice does nothing)."""
    try:
        return len(build(language))
    except Exception:
        # Unclaim the change, or no reader of the stale file could queue the build again.
        OpenDataFile.objects.filter(language=language).update(queued_version=-1)
        raise
