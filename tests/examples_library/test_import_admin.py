"""The admin's import screen (issue 16): editors only; upload, dry-run report, confirm; progress on a page
that refreshes itself."""

import io
import stat
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from cms.accounts import roles
from examples_library import attachments
from examples_library.models import ExamplePage, ImportRun
from examples_library.transfer import archive
from tests.examples_library.helpers import PDF, csv_bytes, row
from tests.factories import UserFactory
from tests.helpers import client_for

URL = "/admin/examples/import/"


def upload(client, rows, publish=True):
    data = {"file": SimpleUploadedFile("practices.csv", csv_bytes(rows), content_type="text/csv")}
    if publish:
        data["publish"] = "on"
    return client.post(URL, data)


def imported() -> int:
    return ExamplePage.objects.filter(source_url__startswith="https://practices.example.org/").count()


def test_an_editor_checks_then_confirms(db):
    editor = UserFactory(role=roles.EDITORS)
    client = client_for(editor)
    assert client.get(URL).status_code == 200
    response = upload(client, [row(1), row(2, objectives="99")])
    assert response.status_code == 302
    run = ImportRun.objects.get(user=editor)
    assert run.dry_run and run.status == ImportRun.Status.DONE
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Import these rows" in html and 'http-equiv="refresh"' not in html
    assert "Out of range (23)." in html
    assert imported() == 0
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302
    assert imported() == 1
    assert ExamplePage.objects.get(source_url=row(1)["external_id"]).live


def test_a_running_import_page_refreshes_itself(db):
    editor = UserFactory(role=roles.EDITORS)
    run = ImportRun.objects.create(user=editor, name="a.csv", content=b"", done=40, total=200)
    html = client_for(editor).get(f"{URL}{run.pk}/").content.decode()
    assert 'http-equiv="refresh"' in html and "40 of 200 rows read." in html


def test_a_file_of_another_type_is_refused_with_a_message(db):
    client = client_for(UserFactory(role=roles.EDITORS))
    response = client.post(URL, {"file": SimpleUploadedFile("a.txt", b"hello")})
    assert response.status_code == 200
    assert "Import a CSV, XLSX or JSON file, or a ZIP file holding one" in response.content.decode()
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("role", [roles.CHAMPIONS, roles.MODERATORS])
def test_others_may_not_import(db, role):
    user = UserFactory(role=role)
    client = client_for(user)
    assert client.get(URL).status_code in (302, 403)
    assert upload(client, [row(1)]).status_code in (302, 403)
    members = {"practices.csv": csv_bytes([row(1, attachments="report.pdf")]), "report.pdf": PDF}
    assert upload_zip(client, members).status_code in (302, 403)
    assert not ImportRun.objects.exists() and imported() == 0


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]
    assert upload(client, [row(1)]).status_code == 302
    assert not ImportRun.objects.exists()


def test_someone_elses_run_is_not_found(db):
    owner = UserFactory(role=roles.EDITORS)
    run = ImportRun.objects.create(user=owner, name="a.csv", content=b"")
    other = client_for(UserFactory(role=roles.EDITORS))
    assert other.get(f"{URL}{run.pk}/").status_code == 404


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in members.items():
            zipped.writestr(name, content)
    return buffer.getvalue()


def upload_zip(client, members: dict[str, bytes] | bytes, publish: bool = False):
    content = members if isinstance(members, bytes) else zip_of(members)
    data = {"file": SimpleUploadedFile("practices.zip", content, content_type="application/zip")}
    if publish:
        data["publish"] = "on"
    return client.post(URL, data)


@pytest.mark.parametrize("publish", [False, True])
def test_a_zip_brings_the_attachments_its_rows_name(db, publish):
    """As ``import_examples`` reads files beside its file: drafts' attachments stay private until
    publication, a published import's are public; the dry run and the confirmation read the stored ZIP."""
    editor = UserFactory(role=roles.EDITORS)
    client = client_for(editor)
    members = {
        "export/practices.csv": csv_bytes(
            [row(1, attachments="files/report.pdf"), row(2, attachments="files/missing.pdf")]
        ),
        "export/files/report.pdf": PDF,
        "__MACOSX/export/._practices.csv": b"resource fork",
    }
    response = upload_zip(client, members, publish=publish)
    assert response.status_code == 302
    run = ImportRun.objects.get(user=editor)
    assert run.status == ImportRun.Status.DONE, run.error
    assert [r["outcome"] for r in run.report["rows"]] == ["created", "refused"]
    assert "missing.pdf is not beside the import file." in client.get(response["Location"]).content.decode()
    assert imported() == 0
    assert client.post(response["Location"]).status_code == 302
    page = ExamplePage.objects.get(source_url=row(1)["external_id"])
    assert page.live == publish
    [attachment] = page.get_latest_revision_as_object().attachments.all()
    assert attachment.document.file_extension == "pdf"
    expected = attachments.PUBLIC_COLLECTION if publish else attachments.PRIVATE_COLLECTION
    assert attachment.document.collection.name == expected


def symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("practices.csv", csv_bytes([row(1)]))
        link = zipfile.ZipInfo("report.pdf")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zipped.writestr(link, "/etc/passwd")
    return buffer.getvalue()


TABLE = csv_bytes([row(1, attachments="report.pdf")])
REFUSED_ZIPS = {
    "traversal": ({"practices.csv": TABLE, "../report.pdf": PDF}, "leaves its folder"),
    "absolute": ({"practices.csv": TABLE, "/tmp/report.pdf": PDF}, "is an absolute path"),
    "two tables": ({"a.csv": TABLE, "b.json": b"[]"}, "more than one table (a.csv, b.json)"),
    "no table": ({"report.pdf": PDF}, "holds no CSV, XLSX or JSON file"),
    "bomb": ({"practices.csv": TABLE, "report.pdf": b"\0" * 5000}, "unpacks to more than 0 MB"),
    "too many": ({"practices.csv": TABLE, **{f"f{i}.pdf": PDF for i in range(4)}}, "more than 3 files"),
    "symlink": (symlink_zip(), "is a symbolic link"),
    "not a zip": (b"PK but not really a zip", "This is not a ZIP file that can be read."),
}


@pytest.mark.parametrize("case", REFUSED_ZIPS)
def test_unsafe_or_unclear_zips_are_refused_on_the_form(db, monkeypatch, case):
    monkeypatch.setattr(archive, "MAX_UNPACKED", 4000)
    monkeypatch.setattr(archive, "MAX_MEMBERS", 3)
    members, message = REFUSED_ZIPS[case]
    response = upload_zip(client_for(UserFactory(role=roles.EDITORS)), members)
    assert response.status_code == 200
    assert message in response.content.decode().replace("&quot;", '"')
    assert not ImportRun.objects.exists() and imported() == 0


def test_the_task_refuses_a_stored_zip_that_unpacks_larger_than_it_says(db, monkeypatch):
    """Declared sizes can lie: extraction counts what it writes, whatever the listing said."""
    content = bytearray(zip_of({"practices.csv": TABLE, "report.pdf": b"\0" * 5000}))
    # The central directory's uncompressed size of report.pdf, rewritten to 10 bytes.
    entry = content.rindex(b"PK\x01\x02")
    content[entry + 24 : entry + 28] = (10).to_bytes(4, "little")
    monkeypatch.setattr(archive, "MAX_UNPACKED", 4000)
    editor = UserFactory(role=roles.EDITORS)
    run = ImportRun.objects.create(user=editor, name="practices.zip", content=bytes(content), language="fr")
    from examples_library.transfer.tasks import run_import

    run_import.call(run.pk)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert run.error in (
        "Le fichier ZIP se décompresse en plus de 0 Mo.",
        "Le fichier ZIP est endommagé et n’a pas pu être décompressé.",
    )
    assert imported() == 0
