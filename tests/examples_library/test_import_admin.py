"""The admin's import screen (issue 16): editors only; upload, dry-run report, confirm; progress on a page
that refreshes itself."""

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from cms.accounts import roles
from examples_library.models import ExamplePage, ImportRun
from tests.examples_library.helpers import csv_bytes, row
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
    assert "Import a CSV, XLSX or JSON file." in response.content.decode()
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("role", [roles.CHAMPIONS, roles.MODERATORS])
def test_others_may_not_import(db, role):
    user = UserFactory(role=role)
    client = client_for(user)
    assert client.get(URL).status_code in (302, 403)
    assert upload(client, [row(1)]).status_code in (302, 403)
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
