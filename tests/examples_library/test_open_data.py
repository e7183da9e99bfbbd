"""Open data (issue 16): published examples of a language as CSV, JSON and XLSX, streamed, licence and date
stated, nothing unpublished, and each format goes back through the import unchanged."""

import csv
import io
import json

from django.http import StreamingHttpResponse

from wagtail.models import PageViewRestriction

import openpyxl
import pytest

from examples_library.models import ExamplePage, ExamplesIndexPage
from examples_library.transfer.importing import UNCHANGED, Importer
from examples_library.transfer.rows import COLUMNS
from tests.examples_library.factories import ExamplePageFactory
from tests.examples_library.helpers import csv_bytes, row

URL = "/api/v1/open-data/examples.{}?locale={}"


# ``bulk_editor`` and ``imported_examples`` (five imported examples) come from this folder's conftest.py.


def download(client, extension: str, language: str = "en"):
    response = client.get(URL.format(extension, language))
    assert response.status_code == 200, response.content
    body = b"".join(response.streaming_content)
    return response, body


def published_en() -> int:
    return ExamplePage.objects.live().public().filter(locale__language_code="en").count()


def test_csv_streams_every_published_example_with_licence_and_date(client, imported_examples):
    response, body = download(client, "csv")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"].startswith('attachment; filename="gcm-examples-en-')
    assert 'rel="license"' in response["Link"]
    text = body.decode()
    first, rest = text.split("\r\n", 1)
    assert first.startswith("# ") and "CC BY 4.0" in first and "generated at" in first
    rows = list(csv.DictReader(io.StringIO(rest)))
    assert list(rows[0]) == COLUMNS
    assert len(rows) == published_en()
    formula = next(r for r in rows if r["external_id"].endswith("/records/1"))
    assert formula["partners"].startswith("'=")  # inert in a spreadsheet


def test_json_and_xlsx_parse_back(client, imported_examples):
    _response, body = download(client, "json")
    data = json.loads(body)
    assert data["licence"] == "CC BY 4.0" and data["generated_at"] and data["language"] == "en"
    assert len(data["examples"]) == published_en()
    one = next(e for e in data["examples"] if e["external_id"].endswith("/records/2"))
    assert one["objectives"] == [3, 15] and one["pilot_country"] is True and one["country"] == "GH"

    response = client.get(URL.format("xlsx", "en"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert workbook.sheetnames == ["Examples", "About"]
    sheet_rows = list(workbook["Examples"].iter_rows(values_only=True))
    assert list(sheet_rows[0]) == COLUMNS and len(sheet_rows) - 1 == published_en()
    about = dict(workbook["About"].iter_rows(values_only=True))
    assert about["licence"] == "CC BY 4.0" and about["generated_at"]


@pytest.mark.parametrize("extension", ["csv", "json", "xlsx"])
def test_export_round_trips_through_the_import_unchanged(client, imported_examples, bulk_editor, extension):
    response = client.get(URL.format(extension, "en"))
    body = b"".join(response.streaming_content)
    report = Importer(user=bulk_editor, dry_run=True).run(body, f"export.{extension}")
    assert report.rows, "the export is empty"
    assert {r.outcome for r in report.rows} == {UNCHANGED}, [
        (r.row, r.outcome, r.errors) for r in report.rows if r.outcome != UNCHANGED
    ]


def test_unpublished_moderated_and_private_examples_never_leak(client, bulk_editor):
    index = ExamplesIndexPage.objects.get(locale__language_code="en")
    ExamplePageFactory(title="Secret draft never published", publish=False)
    live = ExamplePageFactory(title="Live example with a secret draft")
    live.title = "Secret draft title"
    live.save_revision()
    # A submission in moderation, and one rejected: drafts entering the workflow.
    Importer(user=bulk_editor).run(csv_bytes([row(1, title="Secret in moderation")]), "a.csv")
    private = ExamplePageFactory(title="Secret private example")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert index.pk
    for extension in ("csv", "json"):
        _response, body = download(client, extension)
        assert b"Live example with a secret draft" in body
        assert b"Secret" not in body, extension
    response = client.get(URL.format("xlsx", "en"))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    cells = [str(c) for r in workbook["Examples"].iter_rows(values_only=True) for c in r]
    assert not any("Secret" in c for c in cells)
    assert any("Live example with a secret draft" in c for c in cells)


def test_language_filter_and_bad_language(client, imported_examples):
    _response, body = download(client, "json", "fr")
    assert all(e["external_id"] and "records" not in e["external_id"] for e in json.loads(body)["examples"])
    assert client.get(URL.format("csv", "xx")).status_code == 400
