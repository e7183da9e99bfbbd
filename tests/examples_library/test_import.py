"""Bulk import (issue 16): a file of rows goes in with a submission's rules, row by row, idempotently."""

import json

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from wagtail.models import PageLogEntry, Revision

import pytest

from cms.accounts import roles
from examples_library.models import ExamplePage, Submission, SubmissionStatus
from examples_library.transfer.importing import (
    CREATED,
    REFUSED,
    UNCHANGED,
    UPDATED,
    Importer,
    ImportFileError,
)
from examples_library.transfer.rows import COLUMNS
from tests.examples_library.helpers import PDF, csv_bytes, row
from tests.factories import UserFactory
from workflows.moderation import current_state

BAD = {  # row index -> (column, bad value, the field the refusal names)
    3: ("objectives", "42", "objectives"),
    17: ("country", "Atlantis", "country"),
    25: ("title", "", "title"),
    40: ("summary", "short", "summary"),
    55: ("start_year", "1800", "start_year"),
    70: ("principles", "no_such_principle", "principles"),
    90: ("external_id", "not a url", "external_id"),
    120: ("kind", "anecdote", "kind"),
    150: ("actor_types", "pirates", "actor_types"),
    199: ("sources", "Report | ftp://example.org/x", "sources"),
}


def file_of_200() -> bytes:
    rows = []
    for i in range(200):
        if i in BAD:
            column, value, _field = BAD[i]
            rows.append(row(i, **{column: value}))
        else:
            rows.append(row(i))
    return csv_bytes(rows)


@pytest.fixture
def editor(db):
    return UserFactory(role=roles.EDITORS, username="bulk-importer")


def imported() -> int:
    return ExamplePage.objects.filter(source_url__startswith="https://practices.example.org/").count()


@pytest.fixture
def queued_tasks(settings):
    """Background work (search indexing, frontend purges) queued as in production, not run inline: the
    test measures the import, in seconds."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_200_rows_with_10_bad_create_190_report_10_and_rerun_changes_nothing(editor, queued_tasks):
    content = file_of_200()
    dry = Importer(user=editor, dry_run=True).run(content, "practices.csv")
    assert dry.counts() == {CREATED: 190, UPDATED: 0, UNCHANGED: 0, REFUSED: 10}
    assert imported() == 0

    report = Importer(user=editor, publish=True).run(content, "practices.csv")
    assert report.counts() == {CREATED: 190, UPDATED: 0, UNCHANGED: 0, REFUSED: 10}
    refused = {r.row: r.errors for r in report.rows if r.outcome == REFUSED}
    assert sorted(refused) == sorted(i + 2 for i in BAD)  # spreadsheet rows: row 1 is the header
    for i, (_column, _value, field) in BAD.items():
        fields = [f for f, _message in refused[i + 2]]
        assert field in fields, (i, refused[i + 2])
        assert all(message for _f, message in refused[i + 2])
    assert imported() == 190
    page = ExamplePage.objects.get(source_url="https://practices.example.org/records/1")
    assert page.live and page.country.iso2 == "GH"  # "Ghana" by name
    assert "<script>" not in page.body and "<b>municipalities</b>" in page.body
    assert [o.number for o in page.secondary_objectives.all()] == [15]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=editor).exists()

    revisions = Revision.objects.count()
    again = Importer(user=editor, publish=True).run(content, "practices.csv")
    assert again.counts() == {CREATED: 0, UPDATED: 0, UNCHANGED: 190, REFUSED: 10}
    assert imported() == 190 and Revision.objects.count() == revisions


def test_a_changed_row_updates_its_example_with_a_new_revision(editor):
    Importer(user=editor, publish=True).run(csv_bytes([row(1)]), "a.csv")
    report = Importer(user=editor, publish=True).run(csv_bytes([row(1, title="Renamed practice")]), "a.csv")
    assert [r.outcome for r in report.rows] == [UPDATED]
    assert ExamplePage.objects.get(source_url=row(1)["external_id"]).title == "Renamed practice"


def test_drafts_enter_moderation_as_a_submission_would(editor):
    report = Importer(user=editor).run(csv_bytes([row(1)]), "a.csv")
    page = ExamplePage.objects.get(pk=report.rows[0].page_id)
    assert not page.live
    assert current_state(page) is not None
    assert Submission.objects.get(page=page).status == SubmissionStatus.SCREENING
    assert PageLogEntry.objects.filter(page=page, action="wagtail.create", user=editor).exists()


def test_refusals_are_in_the_readers_language(editor):
    with translation.override("fr"):
        report = Importer(user=editor, dry_run=True).run(csv_bytes([row(1, country="Atlantis")]), "a.csv")
    [(field, message)] = report.rows[0].errors
    assert field == "country" and message.startswith("Valeur inconnue") and "Atlantis" in message


def test_attachments_are_read_beside_the_file_and_checked_by_content(editor, tmp_path):
    (tmp_path / "report.pdf").write_bytes(PDF)
    (tmp_path / "fake.pdf").write_bytes(b"MZ not a pdf")
    rows = [
        row(1, attachments="report.pdf"),
        row(2, attachments="fake.pdf"),
        row(3, attachments="../../etc/passwd"),
    ]
    report = Importer(user=editor, directory=tmp_path, publish=True).run(csv_bytes(rows), "a.csv")
    assert [r.outcome for r in report.rows] == [CREATED, REFUSED, REFUSED]
    page = ExamplePage.objects.get(pk=report.rows[0].page_id)
    assert [a.document.file_extension for a in page.attachments.all()] == ["pdf"]
    again = Importer(user=editor, directory=tmp_path, publish=True).run(csv_bytes(rows[:1]), "a.csv")
    assert [r.outcome for r in again.rows] == [UNCHANGED]


def test_json_and_bad_files(editor):
    items = [row(1, objectives=[3, 15], pilot_country=True, start_year=2019)]
    report = Importer(user=editor, dry_run=True).run(json.dumps(items).encode(), "a.json")
    assert [r.outcome for r in report.rows] == [CREATED]
    with pytest.raises(ImportFileError):
        Importer(user=editor).run(b"hello", "a.txt")
    with pytest.raises(ImportFileError):
        Importer(user=editor).run(b"title\nx\n", "a.csv")  # no external_id column
    with pytest.raises(ImportFileError):
        Importer(user=editor).run(b"\xff\xfe{", "a.json")


def test_command(editor, tmp_path, capsys):
    path = tmp_path / "practices.csv"
    path.write_bytes(csv_bytes([row(1), row(2, objectives="99")]))
    call_command("import_examples", str(path), "--user", "bulk-importer", "--dry-run", "--every", "1")
    out = capsys.readouterr()
    assert "(dry run)" in out.out and "2/2 rows" in out.err
    assert imported() == 0
    call_command("import_examples", str(path), "--user", "bulk-importer", "--publish")
    assert imported() == 1
    champion = UserFactory(role=roles.CHAMPIONS, username="champ")
    with pytest.raises(CommandError):
        call_command("import_examples", str(path), "--user", champion.username)


def test_columns_are_the_export_columns():
    assert COLUMNS[0] == "external_id"
