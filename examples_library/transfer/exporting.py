"""Open data: every published example of a language as CSV, JSON or XLSX, in the import's row format.

Rows are read with ``.iterator(chunk_size=…)`` and written as they come, so memory does not grow with the
library: CSV and JSON are streamed to the client; XLSX (a zip, which cannot be streamed as it is written)
goes through openpyxl's write-only mode into a temporary file that is then served from disk. tablib, which
reads the import files, is not used here: it holds a whole dataset in memory.
"""

import csv
import json
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from examples_library.examples import published_examples
from examples_library.models import ExamplePage
from examples_library.transfer.rows import COLUMNS, example_row, flat

CHUNK_SIZE = 500


def published_in(language: str) -> QuerySet[ExamplePage]:
    """Live, public (no view restriction) examples of the language. The page rows hold the published
    content: drafts of a live example stay in its revisions and are never read here."""
    return published_examples().filter(locale__language_code=language).order_by("pk")


def rows(language: str) -> Iterator[dict]:
    for page in published_in(language).iterator(chunk_size=CHUNK_SIZE):
        yield example_row(page)


def licence() -> dict:
    return {"licence": settings.OPEN_DATA_LICENCE, "licence_url": settings.OPEN_DATA_LICENCE_URL}


def about_line(language: str, generated_at: datetime) -> str:
    about = licence()
    return (
        f"# GCM Knowledge Platform examples ({language}); licence: {about['licence']} "
        f"({about['licence_url']}); generated at {generated_at.isoformat()}"
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(language: str, generated_at: datetime, source: Iterable[dict] | None = None) -> Iterator[str]:
    """The licence and date as a first comment line (the import skips it), the header, then the rows
    (``source``, by default every published example of the language)."""
    writer = csv.writer(_Echo())
    yield about_line(language, generated_at) + "\r\n"
    yield writer.writerow(COLUMNS)
    for row in rows(language) if source is None else source:
        yield writer.writerow(flat(row))


def json_chunks(language: str, generated_at: datetime, source: Iterable[dict] | None = None) -> Iterator[str]:
    head = {**licence(), "generated_at": generated_at.isoformat(), "language": language}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "examples": ['
    separator = ""
    for row in rows(language) if source is None else source:
        yield separator + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
        separator = ","
    yield "]}"


def _cell(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def xlsx_file(language: str, generated_at: datetime):
    """An open temporary file holding the workbook; deleted when closed."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 -- the FileResponse closes it
    write_xlsx(handle, language, generated_at)
    handle.seek(0)
    return handle


def write_xlsx(handle, language: str, generated_at: datetime, source: Iterable[dict] | None = None) -> None:
    """The workbook into ``handle``: an "Examples" sheet in the import's format, then an "About" sheet with
    the licence and date."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Examples")
    sheet.append(COLUMNS)
    for row in rows(language) if source is None else source:
        sheet.append([_cell(value) for value in flat(row)])
    about = workbook.create_sheet("About")
    about.append(["licence", settings.OPEN_DATA_LICENCE])
    about.append(["licence_url", settings.OPEN_DATA_LICENCE_URL])
    about.append(["generated_at", generated_at.isoformat()])
    about.append(["language", language])
    workbook.save(handle)
