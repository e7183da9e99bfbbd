"""Issue 19: publishing an edition renders its PDFs in the background (one task per language), a failed
render is recorded and retried with back-off and never blocks the publication, and the PDFs are served at
a stable address and listed in the editions API. The renderer is replaced by a fast stand-in here (its
output is tested in test_edition_pdf.py); the draft PDF renders for real."""

import io
import json
from datetime import timedelta

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale

import pytest
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from cms.background.retry import RETRY_PRIORITY
from cms.demo import DEMO_PASSWORD
from cms.headless.frontend import frontend_url
from guidance_pages.history.editions import publish_edition
from guidance_pages.models import (
    Edition,
    EditionPdf,
    EditionPdfStatus,
    EditionStatus,
    GuidePage,
    ObjectivePage,
)
from guidance_pages.publications import service
from guidance_pages.publications.tasks import PDF_PRIORITY, render_edition_pdf_task
from tests.cms.helpers import configure, purge_receiver

pytestmark = pytest.mark.django_db

TASK_PATH = "guidance_pages.publications.tasks.render_edition_pdf_task"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def fake_renderer(monkeypatch) -> list:
    """A renderer that writes which edition and language it was given: what the pipeline stores and serves
    must be that file."""
    calls = []

    def render(document) -> bytes:
        calls.append((document.edition_number, document.language))
        return f"%PDF-1.7 edition {document.edition_number} {document.language} {len(calls)}".encode()

    monkeypatch.setattr(service, "render_pdf", render)
    return calls


@pytest.fixture
def broken_renderer(monkeypatch) -> None:
    def render(document) -> bytes:
        raise RuntimeError("Pango is missing")

    monkeypatch.setattr(service, "render_pdf", render)


def new_edition() -> Edition:
    number = max(Edition.objects.values_list("number", flat=True), default=0) + 1
    return Edition.objects.create(
        number=number, name="Third edition", date="2023-01-01", locale=Locale.objects.get(language_code="en")
    )


def publish(edition: Edition) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        publish_edition(edition)


def test_publishing_renders_one_pdf_per_language_after_the_commit(fake_renderer):
    edition = new_edition()
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        publish_edition(edition)
        assert fake_renderer == []  # nothing reads the edition before it is committed
        assert set(
            EditionPdf.objects.filter(edition_number=edition.number).values_list("status", flat=True)
        ) == {EditionPdfStatus.PENDING}
    for callback in callbacks:
        callback()
    assert sorted(fake_renderer) == [(edition.number, "en"), (edition.number, "es"), (edition.number, "fr")]
    pdfs = EditionPdf.objects.filter(edition_number=edition.number)
    assert {pdf.language: pdf.status for pdf in pdfs} == dict.fromkeys(
        ("en", "fr", "es"), EditionPdfStatus.READY
    )
    french = pdfs.get(language="fr")
    assert french.file.name == f"editions/gcm-guidance-edition-{edition.number}-fr.pdf"
    assert french.file.read().startswith(f"%PDF-1.7 edition {edition.number} fr".encode())
    assert french.bytes == french.file.size and french.generated_at is not None


def test_the_renders_are_enqueued_below_fresh_work(settings, fake_renderer):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    edition = new_edition()
    publish(edition)
    queued = DBTaskResult.objects.filter(task_path=TASK_PATH)
    assert sorted(r.args_kwargs["args"][1] for r in queued) == ["en", "es", "fr"]
    assert {r.priority for r in queued} == {PDF_PRIORITY}
    assert PDF_PRIORITY < 0
    assert fake_renderer == []


def test_a_failed_render_never_blocks_publishing(broken_renderer):
    edition = new_edition()
    publish(edition)
    edition.refresh_from_db()
    assert edition.status == EditionStatus.PUBLISHED
    pdf = EditionPdf.objects.get(edition_number=edition.number, language="fr")
    assert pdf.status == EditionPdfStatus.FAILED
    assert "Pango is missing" in pdf.error and pdf.attempts == 1


def test_a_failed_render_is_retried_with_back_off_until_the_attempts_are_spent(
    settings, broken_renderer, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EDITION_PDF_RETRY_SECONDS, settings.EDITION_PDF_MAX_ATTEMPTS = 300, 3
    edition = new_edition()
    before = timezone.now()
    with pytest.raises(RuntimeError):
        render_edition_pdf_task.call(edition.number, "fr")
    retry = DBTaskResult.objects.get(task_path=TASK_PATH)
    assert retry.args_kwargs["args"] == [edition.number, "fr", 2]
    assert retry.priority == RETRY_PRIORITY
    assert before + timedelta(seconds=299) <= retry.run_after <= timezone.now() + timedelta(seconds=301)
    retry.delete()
    with pytest.raises(RuntimeError):
        render_edition_pdf_task.call(edition.number, "fr", 2)
    second = DBTaskResult.objects.get(task_path=TASK_PATH)
    assert second.args_kwargs["args"] == [edition.number, "fr", 3]
    assert second.run_after >= timezone.now() + timedelta(seconds=599)  # doubled
    second.delete()
    with pytest.raises(RuntimeError):
        render_edition_pdf_task.call(edition.number, "fr", 3)
    assert not DBTaskResult.objects.filter(task_path=TASK_PATH).exists()  # three attempts: no fourth
    assert EditionPdf.objects.get(edition_number=edition.number, language="fr").attempts == 3

    monkeypatch.setattr(service, "render_pdf", lambda document: b"%PDF-1.7 fixed")
    assert render_edition_pdf_task.call(edition.number, "fr", 4) == len(b"%PDF-1.7 fixed")
    pdf = EditionPdf.objects.get(edition_number=edition.number, language="fr")
    assert (pdf.status, pdf.error) == (EditionPdfStatus.READY, "")


def test_rendering_again_replaces_the_file(fake_renderer, settings):
    edition = new_edition()
    publish(edition)
    service.render(edition.number, "es")
    pdf = EditionPdf.objects.get(edition_number=edition.number, language="es")
    assert pdf.file.name == f"editions/gcm-guidance-edition-{edition.number}-es.pdf"
    assert pdf.file.read().endswith(b" 4")  # the fourth render, not the first
    assert sorted(p.name for p in (settings.MEDIA_ROOT / "editions").iterdir()) == sorted(
        f"gcm-guidance-edition-{edition.number}-{lang}.pdf" for lang in ("en", "es", "fr")
    )


def test_the_pdf_is_served_inline_with_a_good_name_and_cached(client, fake_renderer):
    edition = new_edition()
    publish(edition)
    response = client.get(f"/api/v1/editions/{edition.number}/pdf/fr/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'inline; filename="gcm-guidance-edition-{edition.number}-fr.pdf"'
    )
    assert response["Cache-Control"] == "public, max-age=86400"
    assert b"".join(response.streaming_content).startswith(f"%PDF-1.7 edition {edition.number} fr".encode())


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/v1/editions/{n}/pdf/de/", "There is no PDF in “de”"),
        ("/api/v1/editions/99/pdf/fr/", "Edition 99 is not published."),
        ("/api/v1/editions/{n}/pdf/fr/", "is not ready yet"),
    ],
)
def test_unknown_or_unready_pdfs_are_404_with_a_reason(client, broken_renderer, path, message):
    edition = new_edition()
    publish(edition)  # the render fails: the edition is published, its PDF is not there
    response = client.get(path.format(n=edition.number))
    assert response.status_code == 404
    assert message in response.json()["detail"]


def test_the_editions_api_lists_the_pdfs_readers_language_first_in_constant_queries(client, fake_renderer):
    client.get("/api/v1/editions/?locale=es")  # warm caches (locales, content types)
    with CaptureQueriesContext(connection) as without_pdfs:
        assert client.get("/api/v1/editions/?locale=es").status_code == 200
    first, second = new_edition(), None
    publish(first)
    second = new_edition()
    publish(second)
    with CaptureQueriesContext(connection) as with_pdfs:
        editions = client.get("/api/v1/editions/?locale=es").json()["items"]
    assert len(with_pdfs) == len(without_pdfs)
    latest = editions[0]
    assert latest["number"] == second.number
    assert [pdf["language"] for pdf in latest["pdfs"]] == ["es", "en", "fr"]
    assert latest["pdfs"][0]["url"] == f"/api/v1/editions/{second.number}/pdf/es/"
    assert (
        latest["pdfs"][0]["bytes"]
        == EditionPdf.objects.get(edition_number=second.number, language="es").bytes
    )
    detail = client.get(f"/api/v1/editions/{first.number}/?locale=fr").json()
    assert [pdf["language"] for pdf in detail["pdfs"]] == ["fr", "en", "es"]
    assert all(edition["pdfs"] == [] for edition in editions if edition["number"] < first.number)


def signed_in(client, username: str):
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def test_the_draft_pdf_is_for_editors_and_moderators_only(client):
    response = client.get("/admin/editions/draft-pdf/en/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    champion = signed_in(client, "champion")  # no admin access at all: Wagtail sends them to its login
    response = champion.get("/admin/editions/draft-pdf/en/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.logout()
    reviewer = signed_in(client, "reviewer")  # in the admin, but not an editor or a moderator
    response = reviewer.get("/admin/editions/draft-pdf/en/")
    assert response.status_code == 403
    assert "Only editors and moderators" in response.content.decode()
    client.logout()
    moderator = signed_in(client, "moderator")
    assert moderator.get("/admin/editions/draft-pdf/de/").status_code == 404  # allowed, but no such language


def test_the_draft_pdf_shows_unpublished_changes_watermarked_on_every_page(client):
    page = ObjectivePage.objects.get(locale__language_code="en", objective__number=4).specific
    raw = [dict(block) for block in page.body.raw_data]
    text = next(block for block in raw if block["type"] == "text")
    guide = GuidePage.objects.get(locale__language_code="en")
    text["value"] = (
        f'<p>An unpublished paragraph only editors see, citing <a linktype="page" id="{guide.pk}">the '
        'Guide</a> and <a href="https://www.un.org/en/migration">the UN</a>.</p>'
    )
    page.body = raw
    page.save_revision()  # a draft: the live page and every edition are unchanged
    editor = signed_in(client, "editor")
    response = editor.get("/admin/editions/draft-pdf/en/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="gcm-guidance-draft-en.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    pages = [p.extract_text() for p in reader.pages]
    assert "An unpublished paragraph only editors see, citing the Guide and the UN." in " ".join(
        " ".join(pages).split()
    )
    assert all("Draft" in text for text in pages)
    links = [
        annotation.get_object()["/A"]["/URI"]
        for p in reader.pages
        for annotation in p.get("/Annots") or []
        if "/URI" in annotation.get_object().get("/A", {})
    ]
    # Links work on paper: a link to a guidance page is its address on the public site.
    assert sorted(links) == sorted([frontend_url(guide), "https://www.un.org/en/migration"])
    assert "/admin/editions/draft-pdf/fr/" in editor.get("/admin/").content.decode()  # the admin menu
    assert editor.get("/admin/editions/draft-pdf/xx/").status_code == 404


def test_a_stored_pdf_purges_the_pages_that_link_it(settings, fake_renderer):
    edition = new_edition()
    publish(edition)
    with purge_receiver() as (location, received):
        configure(settings, location)
        with TestCase.captureOnCommitCallbacks(execute=True):
            service.render(edition.number, "fr")
    assert len(received) == 1
    paths = json.loads(received[0]["body"])["paths"]
    assert {"/en/*", "/fr/*", "/es/*"} <= set(paths)  # the edition pages and every guidance page
