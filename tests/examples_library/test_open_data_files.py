"""Open data written ahead (issue 16 at scale): the worker writes each language's files into the storage
after the published examples change, and the stable download URLs serve them."""

import csv
import io
import json
from datetime import UTC, datetime
from unittest import mock

from django.core.management import CommandError, call_command
from django.db.models import F
from django.http import FileResponse, StreamingHttpResponse

from wagtail.models import PageViewRestriction

import openpyxl
import pytest

from examples_library.models import ExamplePage, OpenDataFile
from examples_library.transfer import exporting, publishing
from examples_library.transfer.importing import UNCHANGED, Importer
from tests.examples_library.factories import ExamplePageFactory
from tests.examples_library.helpers import OPEN_DATA_URL as URL

GENERATED = datetime(2026, 12, 2, 5, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


def stored_bytes(language: str, file_format: str) -> bytes:
    record = OpenDataFile.objects.get(language=language, file_format=file_format)
    with publishing.default_storage.open(record.name, "rb") as handle:
        return handle.read()


def titles_in_csv(data: bytes) -> set[str]:
    _about, rest = data.decode().split("\r\n", 1)
    return {row["title"] for row in csv.DictReader(io.StringIO(rest))}


def test_build_writes_what_the_request_streams(imported_examples):
    with mock.patch.object(publishing.timezone, "now", return_value=GENERATED):
        written = publishing.build("en")
    assert [record.file_format for record in written] == ["csv", "json", "xlsx"]
    published = exporting.published_in("en").count()
    assert all(record.rows == published and record.generated_at == GENERATED for record in written)
    for file_format, chunks in (("csv", exporting.csv_chunks), ("json", exporting.json_chunks)):
        expected = "".join(chunks("en", GENERATED)).encode()
        assert stored_bytes("en", file_format) == expected, file_format
        assert OpenDataFile.objects.get(language="en", file_format=file_format).size == len(expected)
    workbook = openpyxl.load_workbook(io.BytesIO(stored_bytes("en", "xlsx")), read_only=True)
    expected = openpyxl.load_workbook(exporting.xlsx_file("en", GENERATED), read_only=True)
    for sheet in ("Examples", "About"):
        assert list(workbook[sheet].iter_rows(values_only=True)) == list(
            expected[sheet].iter_rows(values_only=True)
        )
    assert publishing.build("en") == [], "current files are not written again"


def test_route_serves_the_stored_file_with_download_headers(client, imported_examples):
    publishing.build("en")
    record = OpenDataFile.objects.get(language="en", file_format="csv")
    # Changed behind the file's back (no worker ran): the stored file, not a fresh export, is served.
    ExamplePage.objects.filter(pk=exporting.published_in("en").first().pk).update(title="Changed later")
    with mock.patch.object(publishing, "build_open_data_task") as task:
        response = client.get(URL.format("csv", "en"))
    task.using.assert_not_called()  # the file is current
    assert isinstance(response, FileResponse)
    data = body_of(response)
    assert data == stored_bytes("en", "csv") and b"Changed later" not in data
    assert int(response["Content-Length"]) == record.size
    assert response["ETag"] and response["Last-Modified"]
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Disposition"] == (
        f'attachment; filename="gcm-examples-en-{record.generated_at:%Y%m%d}.csv"'
    )
    assert f"generated at {record.generated_at.isoformat()}" in data.decode().split("\r\n", 1)[0]
    again = client.get(URL.format("csv", "en"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_stale_file_is_served_and_one_rebuild_queued(
    client,
    imported_examples,
    django_capture_on_commit_callbacks,
):
    publishing.build("en")
    before = stored_bytes("en", "json")
    wanted = OpenDataFile.objects.filter(language="en").first().wanted_version + 1
    OpenDataFile.objects.filter(language="en").update(wanted_version=wanted)  # a change the file misses
    with (
        mock.patch.object(publishing, "build_open_data_task") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        first = client.get(URL.format("json", "en"))
        client.get(URL.format("csv", "en"))
    assert first.status_code == 200 and body_of(first) == before
    task.using.return_value.enqueue.assert_called_once_with("en")  # two readers, one build
    publishing.build_open_data_task.call("en")
    assert OpenDataFile.objects.get(language="en", file_format="json").version == wanted


def test_missing_file_falls_back_to_streaming_and_queues_the_build(
    client,
    imported_examples,
    django_capture_on_commit_callbacks,
):
    with (
        mock.patch.object(publishing, "build_open_data_task") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.get(URL.format("csv", "en"))
    assert isinstance(response, StreamingHttpResponse) and not isinstance(response, FileResponse)
    assert len(titles_in_csv(body_of(response))) == exporting.published_in("en").count()
    task.using.assert_called_once_with(priority=publishing.OPEN_DATA_PRIORITY)
    task.using.return_value.enqueue.assert_called_once_with("en")


def test_file_deleted_from_storage_is_rebuilt(
    client,
    imported_examples,
    storage,
    django_capture_on_commit_callbacks,
):
    publishing.build("en")
    for path in (storage / "open-data").iterdir():
        path.unlink()
    with (
        mock.patch.object(publishing, "build_open_data_task") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert client.get(URL.format("csv", "en")).status_code == 200
    task.using.return_value.enqueue.assert_called_once_with("en")


def test_stored_csv_round_trips_through_the_import_unchanged(client, imported_examples, bulk_editor):
    publishing.build("en")
    response = client.get(URL.format("csv", "en"))
    assert isinstance(response, FileResponse)
    report = Importer(user=bulk_editor, dry_run=True).run(body_of(response), "export.csv")
    assert report.rows and {r.outcome for r in report.rows} == {UNCHANGED}


def test_publish_and_unpublish_rebuild_the_served_file(client, django_capture_on_commit_callbacks):
    publishing.build("en")
    with django_capture_on_commit_callbacks(execute=True):
        page = ExamplePageFactory(title="Freshly published example", publish=False)
        page.save_revision().publish()
    assert "Freshly published example" in titles_in_csv(body_of(client.get(URL.format("csv", "en"))))
    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.unpublish()
    response = client.get(URL.format("csv", "en"))
    assert isinstance(response, FileResponse)
    assert "Freshly published example" not in titles_in_csv(body_of(response))
    assert b"Freshly published example" not in stored_bytes("en", "json")


def test_a_publish_queues_one_build_of_its_language_below_fresh_work(db, django_capture_on_commit_callbacks):
    with mock.patch.object(publishing, "build_open_data_task") as task:
        with django_capture_on_commit_callbacks(execute=True):
            page = ExamplePageFactory(title="Queued example", publish=False)
            page.save_revision().publish()
        task.using.assert_called_once_with(priority=publishing.OPEN_DATA_PRIORITY)
        task.using.return_value.enqueue.assert_called_once_with("en")
        OpenDataFile.objects.filter(language="en").update(queued_version=-1)  # the build ran
        task.reset_mock()
        with django_capture_on_commit_callbacks(execute=True):
            page.refresh_from_db()
            page.unpublish()
        task.using.return_value.enqueue.assert_called_once_with("en")


def test_unpublished_and_view_restricted_examples_never_stored(client):
    ExamplePageFactory(title="Secret never published", publish=False)
    private = ExamplePageFactory(title="Secret view restricted")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    ExamplePageFactory(title="Public example")
    publishing.build("en", force=True)
    for file_format in ("csv", "json"):
        data = stored_bytes("en", file_format)
        assert b"Public example" in data and b"Secret" not in data, file_format
    workbook = openpyxl.load_workbook(io.BytesIO(stored_bytes("en", "xlsx")), read_only=True)
    cells = [str(c) for r in workbook["Examples"].iter_rows(values_only=True) for c in r]
    assert "Public example" in cells and not any("Secret" in c for c in cells)


def test_command_builds_every_language_and_refuses_an_unknown_one(imported_examples):
    out = io.StringIO()
    call_command("build_open_data", stdout=out)
    assert OpenDataFile.objects.exclude(name="").count() == 3 * len(publishing.languages())
    assert json.loads(stored_bytes("fr", "json"))["language"] == "fr"
    call_command("build_open_data", "--language", "en", stdout=out)
    assert out.getvalue().rstrip().endswith("en: current")
    with pytest.raises(CommandError, match="Unknown language"):
        call_command("build_open_data", "--language", "xx")


def test_a_view_restriction_added_later_takes_the_example_out_of_the_served_file(
    client, django_capture_on_commit_callbacks
):
    page = ExamplePageFactory(title="Soon restricted example")
    publishing.build("en")
    assert b"Soon restricted example" in stored_bytes("en", "csv")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(URL.format("csv", "en"))
    assert isinstance(response, FileResponse)
    assert "Soon restricted example" not in titles_in_csv(body_of(response))


def test_a_failed_build_lets_the_next_reader_queue_another(client, django_capture_on_commit_callbacks):
    publishing.build("en")
    OpenDataFile.objects.filter(language="en").update(wanted_version=F("wanted_version") + 1)
    with (
        mock.patch.object(publishing, "write_file", side_effect=OSError("disk full")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert client.get(URL.format("csv", "en")).status_code == 200  # the build ran and failed
    with (
        mock.patch.object(publishing, "build_open_data_task") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.get(URL.format("csv", "en"))
    task.using.return_value.enqueue.assert_called_once_with("en")
