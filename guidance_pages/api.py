"""Domain API for the guidance: the 23 objectives and the ten guiding principles, per locale.

An objective's detail lists its examples, so it lives with the examples library (examples_library/api.py),
the app that knows both; this module owns the list and the request shapes both use."""

from django.http import HttpRequest

from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field

from cms.i18n.locales import requested_language
from guidance_pages.models import OBJECTIVE_COUNT
from guidance_pages.objectives import objectives_in
from guidance_pages.principles import principles_in
from guidance_pages.schemas import ObjectiveOut, PrincipleOut

router = Router(tags=["objectives"])


class LocaleQuery(Schema):
    locale: str | None = Field(None, description="en, fr or es; defaults to Accept-Language, then English.")


class ObjectivePath(Schema):
    number: int = Field(..., ge=1, le=OBJECTIVE_COUNT, description="Objective number, 1 to 23.")


def language_of(request: HttpRequest, query: LocaleQuery) -> str:
    return requested_language(query.locale, request.headers.get("Accept-Language", ""))


@router.get("/objectives/", response=list[ObjectiveOut], summary="The 23 GCM objectives, in order")
@paginate(LimitOffsetPagination)
def list_objectives(request: HttpRequest, query: Query[LocaleQuery]) -> list:
    return objectives_in(language_of(request, query))


@router.get(
    "/principles/",
    response=list[PrincipleOut],
    summary="The ten GCM guiding principles, in order",
    tags=["principles"],
)
@paginate(LimitOffsetPagination)
def list_principles(request: HttpRequest, query: Query[LocaleQuery]) -> list:
    return principles_in(language_of(request, query))
