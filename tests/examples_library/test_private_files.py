"""A submission's attachments live outside MEDIA_ROOT until the example is published: nothing that serves the
media folder reaches them, and only the permission-checked document view serves them, privately."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.http import Http404
from django.test import RequestFactory
from django.views.static import serve as serve_media_folder

from wagtail.documents.models import Document

import pytest

from cms.accounts import roles
from examples_library import attachments
from examples_library.models import ExamplePage
from tests.examples_library.helpers import build_pdf, pdf, submit
from tests.factories import UserFactory
from tests.helpers import client_for
from workflows.moderation import APPROVE, moderate

# A real PDF (attachments are parsed) whose bytes carry a marker no other file has.
CONTENT = build_pdf(
    {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        4: b"(confidential screening copy)",
    }
)


@pytest.fixture(autouse=True)
def fresh_media_folders(settings, tmp_path):
    """Names are asserted exactly: files left by an earlier run would make storage pick other free names."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


def media_folder_get(name: str) -> int:
    """What a web server serving MEDIA_ROOT at MEDIA_URL (or Django's DEBUG media view) answers."""
    request = RequestFactory().get(settings.MEDIA_URL + name)
    try:
        return serve_media_folder(request, name, document_root=settings.MEDIA_ROOT).status_code
    except Http404:
        return 404


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def submitted(db, stakeholder):
    response = submit(client_for(stakeholder), files=[pdf("x.pdf", CONTENT)])
    assert response.status_code == 201
    page = ExamplePage.objects.get(pk=response.json()["page_id"])
    document = page.get_latest_revision_as_object().attachments.first().document
    document.refresh_from_db()
    return page, document


def public_name(document: Document) -> str:
    return document.file.name.removeprefix("private/")


def test_in_screening_the_file_is_outside_the_media_folder(submitted):
    _page, document = submitted
    assert document.file.name.startswith("private/documents/")
    assert Path(document.file.path).read_bytes() == CONTENT
    assert Path(settings.PRIVATE_MEDIA_ROOT).absolute() in Path(document.file.path).parents
    assert not (Path(settings.MEDIA_ROOT) / public_name(document)).exists()
    # its would-be public URL, and the stored name itself, are 404 wherever the media folder is served
    assert media_folder_get(public_name(document)) == 404
    assert media_folder_get(document.file.name) == 404


@pytest.mark.parametrize("who", ["anonymous", "other stakeholder", "champion"])
def test_the_document_view_refuses_everyone_else(submitted, who):
    _page, document = submitted
    role = {"anonymous": None, "other stakeholder": roles.STAKEHOLDERS, "champion": roles.CHAMPIONS}[who]
    response = client_for(UserFactory(role=role) if role else None).get(document.url)
    assert response.status_code in (302, 403), who
    assert CONTENT not in body(response)


@pytest.mark.parametrize("who", ["owner", "moderator"])
def test_the_owner_and_moderators_get_it_privately(submitted, stakeholder, moderator, who):
    _page, document = submitted
    response = client_for(stakeholder if who == "owner" else moderator).get(document.url)
    assert response.status_code == 200
    assert body(response) == CONTENT
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "public" not in cache_control


def test_publication_makes_it_public_and_unpublication_private_again(
    submitted, moderator, django_capture_on_commit_callbacks
):
    page, document = submitted
    private_path = Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        moderate(page, moderator, APPROVE)
        moderate(page, UserFactory(role="admin"), APPROVE)
    page.refresh_from_db()
    document.refresh_from_db()
    assert page.live
    assert not document.file.name.startswith("private/")
    assert media_folder_get(document.file.name) == 200
    assert not private_path.exists(), "the private copy is gone once the move committed"
    response = client_for().get(document.url)
    assert response.status_code == 200 and body(response) == CONTENT

    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()  # unchanged; then unpublished as an editor would
        page.refresh_from_db()
        page.unpublish()
    document.refresh_from_db()
    assert document.file.name.startswith("private/")
    assert media_folder_get(public_name(document)) == 404
    assert client_for().get(document.url).status_code == 302


def test_files_stored_before_private_storage_move_and_nothing_is_lost(db, django_capture_on_commit_callbacks):
    # an attachment of an existing database: private collection, file still in MEDIA_ROOT
    legacy = Document(title="legacy", collection=attachments.private_collection())
    legacy.file.save(f"legacy-{uuid.uuid4().hex[:8]}.pdf", ContentFile(CONTENT), save=False)
    Document.objects.bulk_create([legacy])  # as stored before: no save hook ran
    legacy = Document.objects.get(title="legacy")
    old_name = legacy.file.name
    assert media_folder_get(old_name) == 200
    with django_capture_on_commit_callbacks(execute=True):
        call_command("place_document_files", stdout=open("/dev/null", "w"))  # noqa: SIM115
    legacy.refresh_from_db()
    assert legacy.file.name == "private/" + old_name  # the same name, on the private side
    assert Path(legacy.file.path).read_bytes() == CONTENT
    assert media_folder_get(old_name) == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert attachments.place_files() == 0, "idempotent"
