"""Domain API of the living document: editions, substantive changes, a page's public history, diffs and
versions, each in the reader's language.

Only public versions (``guidance_pages.history.versions``) ever appear: minor changes and drafts are not
addressable, listed or compared. Every route reads in a constant number of queries whatever the length of a
page's history."""

import json

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Revision
from wagtail.rich_text import expand_db_html

import nh3
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field

from cms.i18n.locales import response_language
from guidance_pages.api import LocaleQuery, language_of
from guidance_pages.history.diff import diff_fields, diff_streams
from guidance_pages.history.editions import changes_in_edition, pages_changed_per_edition
from guidance_pages.history.schemas import (
    ChangeOut,
    EditionDetailOut,
    EditionSummaryOut,
    PageDiffOut,
    PageHistoryOut,
    PageVersionOut,
)
from guidance_pages.history.versions import (
    Version,
    VersionNotFound,
    guidance_pages,
    is_older,
    page_ref,
    public_page,
    resolve,
    version_before,
    versions_of,
)
from guidance_pages.models import ChangeKind, ChangeNote, Edition, EditionPage, EditionStatus
from guidance_pages.numbering import paragraph_numbers
from guidance_pages.publications.api import pdfs_of

router = Router(tags=["editions"])

VERSION_DESCRIPTION = "A public version id, or e<N> for the version edition N fixed (e.g. e1)."
INTRODUCTION_TAGS = {"p", "br", "h3", "h4", "b", "strong", "i", "em", "ul", "ol", "li", "a", "sup"}


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


def _sanitized(stored: str) -> str:
    """Editors' rich text, expanded from Wagtail's storage format and cut down to an allow-list: the
    frontend inserts it as HTML."""
    return nh3.clean(
        expand_db_html(stored or ""),
        tags=INTRODUCTION_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def _editions_in(language: str) -> list[Edition]:
    """Published editions, newest first, one row each: the reader's language, else English (flagged)."""
    rows = Edition.objects.filter(status=EditionStatus.PUBLISHED).select_related("locale")
    chosen: dict[int, Edition] = {}
    for row in rows:
        code = row.locale.language_code
        current = chosen.get(row.number)
        rank = 0 if code == language else 1 if code == settings.LANGUAGE_CODE else 2
        if current is None or rank < current._rank:
            row._rank = rank
            chosen[row.number] = row
    return [chosen[number] for number in sorted(chosen, reverse=True)]


def _edition_out(edition: Edition, language: str, pages_changed: int, pdfs: list[dict]) -> dict:
    return {
        "number": edition.number,
        "name": edition.name,
        "date": edition.date,
        "locale": edition.locale.language_code,
        "fallback": edition.locale.language_code != language,
        "pages_changed": pages_changed,
        "pdfs": pdfs,
    }


def _not_found(message: str) -> HttpError:
    return HttpError(404, message)


def _page_or_404(page_id: int):
    page = public_page(page_id)
    if page is None:
        raise _not_found(_("There is no published guidance page %(id)s.") % {"id": page_id})
    return page


def _version(versions: list[Version], address: str) -> Version:
    try:
        return resolve(versions, address)
    except VersionNotFound as error:
        raise _not_found(error.message) from error


@router.get("/editions/", response=list[EditionSummaryOut], summary="Published editions, newest first")
@paginate(LimitOffsetPagination)
def list_editions(request: HttpRequest, query: Query[LocaleQuery]) -> list:
    language = language_of(request, query)
    editions = _editions_in(language)
    numbers = [e.number for e in editions]
    counts = pages_changed_per_edition(numbers, language)
    pdfs = pdfs_of(numbers, language)
    return [
        _edition_out(edition, language, counts.get(edition.number, 0), pdfs[edition.number])
        for edition in editions
    ]


@router.get("/editions/{number}/", response=EditionDetailOut, summary="An edition and what changed in it")
def get_edition(request: HttpRequest, number: int, query: Query[LocaleQuery]) -> dict:
    language = language_of(request, query)
    with translation.override(language):
        editions = _editions_in(language)
        numbers = [e.number for e in editions]
        if number not in numbers:
            raise _not_found(_("Edition %(number)s is not published.") % {"number": number})
        index = numbers.index(number)
        edition = editions[index]
        previous = numbers[index + 1] if index + 1 < len(numbers) else None
        changes = changes_in_edition(number, language, previous)
        return {
            **_edition_out(edition, language, len(changes), pdfs_of([number], language)[number]),
            "introduction": _sanitized(edition.introduction),
            "previous": previous,
            "next": numbers[index - 1] if index > 0 else None,
            "changes": changes,
        }


@router.get(
    "/changes/", response=list[ChangeOut], summary="Substantive changes to the guidance, newest first"
)
@paginate(LimitOffsetPagination)
def list_changes(request: HttpRequest, query: Query[ChangesQuery]) -> list:
    language = language_of(request, query)
    with translation.override(language):
        notes = ChangeNote.objects.filter(
            kind=ChangeKind.SUBSTANTIVE,
            published_at__isnull=False,
            page__in=guidance_pages().filter(locale__language_code=language),
        )
        if query.since is not None:
            since = (
                Edition.objects.filter(number=query.since, status=EditionStatus.PUBLISHED)
                .values_list("published_at", flat=True)
                .first()
            )
            if since is None:
                raise _not_found(_("Edition %(number)s is not published.") % {"number": query.since})
            notes = notes.filter(published_at__gt=since)
        notes = list(notes.select_related("page", "page__locale").order_by("-published_at", "-revision_id"))
        editions: dict[int, list[int]] = {}
        published = Edition.objects.filter(status=EditionStatus.PUBLISHED).values("number")
        for revision_id, number in (
            EditionPage.objects.filter(
                revision_id__in=[n.revision_id for n in notes], edition_number__in=published
            )
            .order_by("edition_number")
            .values_list("revision_id", "edition_number")
        ):
            editions.setdefault(revision_id, []).append(number)
        return [
            {
                "page": page_ref(note.page),
                "version": Version(
                    note.revision_id,
                    note.published_at,
                    note.kind,
                    note.note,
                    editions.get(note.revision_id, []),
                ).as_dict(),
            }
            for note in notes
        ]


@router.get("/pages/{page_id}/history/", response=PageHistoryOut, summary="A guidance page's public versions")
def page_history(request: HttpRequest, page_id: int, query: Query[HistoryQuery]) -> dict:
    with translation.override(response_language(request)):
        page = _page_or_404(page_id)
        versions = versions_of([page.pk])[page.pk]
        window = versions[query.offset : query.offset + query.limit]
        return {"page": page_ref(page), "count": len(versions), "items": [v.as_dict() for v in window]}


def _contents(*revision_ids: int) -> dict[int, dict]:
    rows = Revision.objects.filter(pk__in=revision_ids).values_list("pk", "content")
    return {pk: json.loads(content) if isinstance(content, str) else content for pk, content in rows}


@router.get(
    "/pages/{page_id}/diff/", response=PageDiffOut, summary="What changed between two public versions"
)
def page_diff(request: HttpRequest, page_id: int, query: Query[DiffQuery]) -> dict:
    with translation.override(response_language(request)):
        page = _page_or_404(page_id)
        versions = versions_of([page.pk])[page.pk]
        if not versions:
            raise _not_found(_("This page has no public versions yet."))
        newer = _version(versions, query.to) if query.to else versions[0]
        if query.from_version:
            older = _version(versions, query.from_version)
        else:
            older = version_before(versions, newer)
            if older is None:
                raise HttpError(
                    400,
                    _(
                        "Version %(id)s is this page's first public version: "
                        "there is nothing older to compare."
                    )
                    % {"id": newer.id},
                )
        if older.id == newer.id:
            raise HttpError(400, _("'from' and 'to' name the same version: choose two different versions."))
        if is_older(versions, newer, older):
            raise HttpError(
                400, _("'from' must be the older version and 'to' the newer one: swap them to compare.")
            )
        contents = _contents(older.id, newer.id)
        before, after = contents[older.id], contents[newer.id]
        diff = diff_streams(before.get("body") or "[]", after.get("body") or "[]")
        return {
            "page": page_ref(page),
            "from": older.as_dict(),
            "to": newer.as_dict(),
            "counts": diff.counts,
            "fields": diff_fields(before, after),
            "blocks": diff.blocks,
        }


@router.get(
    "/pages/{page_id}/versions/{version}/",
    response=PageVersionOut,
    summary="A guidance page as it stood in a public version or an edition",
)
def page_version(request: HttpRequest, page_id: int, version: str) -> dict:
    with translation.override(response_language(request)):
        page = _page_or_404(page_id)
        versions = versions_of([page.pk])[page.pk]
        chosen = _version(versions, version)
        edition = None
        if version.strip().lower().startswith("e"):
            number = int(version.strip()[1:])
            row = _editions_in(page.locale.language_code)
            edition = next(
                ({"number": e.number, "name": e.name, "date": e.date} for e in row if e.number == number),
                None,
            )
        revision = Revision.objects.get(pk=chosen.id)
        as_it_stood = page.specific_class.objects.get(pk=page.pk).with_content_json(revision.content)
        body = as_it_stood.body
        return {
            "page": page_ref(page),
            "version": chosen.as_dict(),
            "edition": edition,
            "latest": chosen.id == versions[0].id,
            "title": as_it_stood.title,
            "summary": as_it_stood.summary,
            "body": body.stream_block.get_api_representation(body, {"request": request}),
            "paragraph_numbers": paragraph_numbers(as_it_stood),
        }
