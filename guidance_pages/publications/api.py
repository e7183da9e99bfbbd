"""The edition PDFs on the domain API: a stable address per edition and language, and the list of the PDFs
rendered so far for the editions API."""

from django.conf import settings
from django.http import FileResponse, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from ninja import Path, Router
from ninja.errors import HttpError

from cms.i18n.locales import response_language
from guidance_pages.models import Edition, EditionPdf, EditionPdfStatus, EditionStatus
from guidance_pages.publications.render import pdf_filename
from guidance_pages.publications.service import languages

router = Router(tags=["editions"])

# A published edition's PDF only changes if it is re-rendered (a failed first render, a fix of the renderer):
# a day of caching, not "immutable", so that such a fix reaches readers.
CACHE_CONTROL = "public, max-age=86400"


def pdf_path(number: int, language: str) -> str:
    return f"/api/v1/editions/{number}/pdf/{language}/"


def pdfs_of(numbers: list[int], language: str) -> dict[int, list[dict]]:
    """Each edition's rendered PDFs as EditionPdfOut data, the reader's language first, then English, then
    the others (one query for any number of editions)."""
    order = [language, settings.LANGUAGE_CODE, *languages()]
    rows = EditionPdf.objects.filter(edition_number__in=numbers, status=EditionPdfStatus.READY).exclude(
        file=""
    )
    result: dict[int, list[dict]] = {number: [] for number in numbers}
    for pdf in sorted(rows, key=lambda p: order.index(p.language) if p.language in order else len(order)):
        result[pdf.edition_number].append(
            {
                "language": pdf.language,
                "url": pdf_path(pdf.edition_number, pdf.language),
                "bytes": pdf.bytes,
                "generated_at": pdf.generated_at,
            }
        )
    return result


@router.get(
    "/editions/{number}/pdf/{language}/",
    summary="An edition of the guidance as a PDF in one language",
    response={200: None},
    openapi_extra={
        "responses": {
            200: {
                "description": "The PDF (tagged, PDF/UA-1), shown inline.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def edition_pdf(
    request: HttpRequest,
    number: int = Path(..., ge=1, le=32767, description="The edition's number."),
    language: str = Path(..., max_length=10, description="en, fr or es."),
) -> FileResponse:
    with translation.override(response_language(request)):
        if language not in languages():
            raise HttpError(
                404,
                _("There is no PDF in “%(language)s”: the guidance is published in %(languages)s.")
                % {"language": language[:10], "languages": ", ".join(languages())},
            )
        if not Edition.objects.filter(number=number, status=EditionStatus.PUBLISHED).exists():
            raise HttpError(404, _("Edition %(number)s is not published.") % {"number": number})
        pdf = EditionPdf.objects.filter(edition_number=number, language=language).first()
        if pdf is None or pdf.status != EditionPdfStatus.READY or not pdf.file:
            raise HttpError(
                404,
                _(
                    "The PDF of edition %(number)s in this language is not ready yet: "
                    "try again in a few minutes."
                )
                % {"number": number},
            )
        response = FileResponse(
            pdf.file.open("rb"),
            content_type="application/pdf",
            as_attachment=False,
            filename=pdf_filename(number, language),
        )
        response["Cache-Control"] = CACHE_CONTROL
        return response
