"""Domain API of the living document: editions, substantive changes, a page's public history, diffs and
versions, each in the reader's language.

CONTRACT ONLY: the bodies are filled by the editions work (issue 13)."""

from django.http import Http404, HttpRequest

from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field

from guidance_pages.api import LocaleQuery
from guidance_pages.history.schemas import (
    ChangeOut,
    EditionDetailOut,
    EditionSummaryOut,
    PageDiffOut,
    PageHistoryOut,
    PageVersionOut,
)

router = Router(tags=["editions"])

VERSION_DESCRIPTION = "A public version id, or e<N> for the version edition N fixed (e.g. e1)."


class ChangesQuery(LocaleQuery):
    since: int | None = Field(None, ge=1, description="Only changes after this edition was published.")


class HistoryQuery(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


class DiffQuery(Schema):
    from_version: str | None = Field(
        None, alias="from", max_length=20, description=VERSION_DESCRIPTION + " Default: the one before 'to'."
    )
    to: str | None = Field(None, max_length=20, description=VERSION_DESCRIPTION + " Default: the latest.")


@router.get("/editions/", response=list[EditionSummaryOut], summary="Published editions, newest first")
@paginate(LimitOffsetPagination)
def list_editions(request: HttpRequest, query: Query[LocaleQuery]) -> list:
    raise Http404


@router.get("/editions/{number}/", response=EditionDetailOut, summary="An edition and what changed in it")
def get_edition(request: HttpRequest, number: int, query: Query[LocaleQuery]) -> dict:
    raise Http404


@router.get(
    "/changes/", response=list[ChangeOut], summary="Substantive changes to the guidance, newest first"
)
@paginate(LimitOffsetPagination)
def list_changes(request: HttpRequest, query: Query[ChangesQuery]) -> list:
    raise Http404


@router.get("/pages/{page_id}/history/", response=PageHistoryOut, summary="A guidance page's public versions")
def page_history(request: HttpRequest, page_id: int, query: Query[HistoryQuery]) -> dict:
    raise Http404


@router.get(
    "/pages/{page_id}/diff/", response=PageDiffOut, summary="What changed between two public versions"
)
def page_diff(request: HttpRequest, page_id: int, query: Query[DiffQuery]) -> dict:
    raise Http404


@router.get(
    "/pages/{page_id}/versions/{version}/",
    response=PageVersionOut,
    summary="A guidance page as it stood in a public version or an edition",
)
def page_version(request: HttpRequest, page_id: int, version: str) -> dict:
    raise Http404
