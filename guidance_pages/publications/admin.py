"""The draft PDF for editors: the next edition as it would read today, from every page's latest revision
(drafts included), watermarked "Draft" on every page.

Rendered synchronously in the request: an editor asks for it and waits a few seconds, as for a preview; a
task would need somewhere to keep a file that is stale at the next save."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.utils import translation
from django.utils.translation import gettext as _

from cms.accounts.roles import EDITORS, MODERATORS, in_group
from guidance_pages.publications.render import draft_document, render_pdf
from guidance_pages.publications.service import languages


def may_read_draft(user) -> bool:
    """Editors and moderators (and administrators): the people who see unpublished guidance."""
    return in_group(user, EDITORS, MODERATORS)


def draft_pdf_view(request: HttpRequest, language: str) -> HttpResponse:
    if not may_read_draft(request.user):
        # A response, not PermissionDenied: Wagtail turns that into a redirect to the dashboard.
        return HttpResponseForbidden(_("Only editors and moderators may download the draft PDF."))
    if language not in languages():
        raise Http404(_("The guidance has no language “%(language)s”.") % {"language": language[:10]})
    document = draft_document(language)
    with translation.override(language):
        content = render_pdf(document)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
