"""Domain API for the guidance: the 23 objectives, per locale."""

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from ninja import Path, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field

from cms.locales import requested_language, response_language
from guidance_pages.models import OBJECTIVE_COUNT
from guidance_pages.objectives import objectives_in
from guidance_pages.schemas import ErrorOut, ObjectiveDetailOut, ObjectiveOut

router = Router(tags=["objectives"])


class LocaleQuery(Schema):
    locale: str | None = Field(None, description="en, fr or es; defaults to Accept-Language, then English.")


class ObjectivePath(Schema):
    number: int = Field(..., ge=1, le=OBJECTIVE_COUNT, description="Objective number, 1 to 23.")


def _language(request: HttpRequest, query: LocaleQuery) -> str:
    return requested_language(query.locale, request.headers.get("Accept-Language", ""))


@router.get("/objectives/", response=list[ObjectiveOut], summary="The 23 GCM objectives, in order")
@paginate(LimitOffsetPagination)
def list_objectives(request: HttpRequest, query: Query[LocaleQuery]) -> list:
    return objectives_in(_language(request, query))


@router.get(
    "/objectives/{number}/",
    response={200: ObjectiveDetailOut, 404: ErrorOut},
    summary="One GCM objective with its Booklet page",
)
def get_objective(request: HttpRequest, path: Path[ObjectivePath], query: Query[LocaleQuery]):
    found = objectives_in(_language(request, query), number=path.number)
    if not found:
        with translation.override(response_language(request)):
            return 404, {"detail": _("Objective %(number)s has not been loaded.") % {"number": path.number}}
    return found[0]
