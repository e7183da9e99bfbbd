"""Edition PDFs as a business rule: publishing an edition asks for one PDF per language (``tasks``), each
rendered and stored here; a render that fails is recorded, tried again later, and never undoes or blocks the
publication."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from cms.headless.freshness import schedule_purge, whole_site
from guidance_pages.models import EditionPdf, EditionPdfStatus
from guidance_pages.publications.render import edition_document, pdf_filename, render_pdf


def languages() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def mark_pending(number: int) -> None:
    for language in languages():
        EditionPdf.objects.update_or_create(
            edition_number=number,
            language=language,
            defaults={"status": EditionPdfStatus.PENDING, "error": ""},
        )


def render(number: int, language: str) -> EditionPdf:
    """Render edition ``number`` in ``language`` and store it, replacing any earlier file. Raises when the
    render fails (after recording the failure)."""
    pdf, _created = EditionPdf.objects.get_or_create(edition_number=number, language=language)
    pdf.attempts += 1
    try:
        content = render_pdf(edition_document(number, language))
    except Exception as error:
        pdf.status, pdf.error = EditionPdfStatus.FAILED, f"{type(error).__name__}: {error}"[:2000]
        pdf.save(update_fields=["status", "error", "attempts"])
        raise
    old_name = pdf.file.name
    if old_name:
        pdf.file.storage.delete(old_name)  # same name again, not a suffixed copy beside the old file
    pdf.file.save(pdf_filename(number, language), ContentFile(content), save=False)
    pdf.bytes, pdf.status, pdf.error = len(content), EditionPdfStatus.READY, ""
    pdf.generated_at = timezone.now()
    pdf.save()
    # The edition page and every guidance page link the latest edition's PDFs: without a purge the cached
    # pages would offer no download until their max-age ran out.
    schedule_purge(whole_site())
    return pdf
