"""Public versions of guidance pages: the revisions readers may see and compare.

A public version is a revision that went live as the page's first publication or with a substantive change
note (its ``ChangeNote``), or that a published edition fixed (``EditionPage``). Minor changes and drafts are
never public versions. Every function here reads the versions of one or many pages in a constant number of
queries, whatever the length of their history.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from wagtail.models import Page

from cms.headless.frontend import frontend_path
from guidance_pages.models import (
    BookletPage,
    ChangeKind,
    ChangeNote,
    ChapterPage,
    Edition,
    EditionPage,
    EditionStatus,
    GuidePage,
    HomePage,
    ObjectivePage,
    StepPage,
)

# The page types whose text is the guidance (and so has a public history and is fixed by editions).
GUIDANCE_PAGE_MODELS = (HomePage, GuidePage, ChapterPage, StepPage, BookletPage, ObjectivePage)
PUBLIC_KINDS = (ChangeKind.ORIGINAL, ChangeKind.SUBSTANTIVE)
EDITION_ADDRESS = re.compile(r"^e([1-9][0-9]{0,4})$")
REVISION_ADDRESS = re.compile(r"^[1-9][0-9]{0,17}$")


class VersionNotFound(LookupError):
    """An address that names no public version of the page; ``message`` says why, in the active language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Version:
    id: int
    date: datetime
    kind: str
    note: str = ""
    editions: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "date": self.date,
            "kind": self.kind,
            "note": self.note,
            "editions": self.editions,
        }


def guidance_pages():
    """Live, public guidance pages (a private or unpublished page has no public history)."""
    return Page.objects.live().public().type(*GUIDANCE_PAGE_MODELS)


def public_page(page_id: int) -> Page | None:
    """The live, public guidance page ``page_id`` (with its locale), or None."""
    return guidance_pages().filter(pk=page_id).select_related("locale").first()


def page_ref(page: Page) -> dict:
    """A page as HistoryPageRef data. ``specific_class`` reads the content type from Django's cache."""
    return {
        "id": page.pk,
        "title": page.title,
        "locale": page.locale.language_code,
        "type": page.specific_class._meta.label,
        "path": frontend_path(page),
    }


def published_edition_numbers() -> list[int]:
    return sorted(
        set(Edition.objects.filter(status=EditionStatus.PUBLISHED).values_list("number", flat=True))
    )


def versions_of(page_ids: list[int]) -> dict[int, list[Version]]:
    """Each page's public versions, newest first: two queries for any number of pages and revisions."""
    by_page: dict[int, dict[int, Version]] = {page_id: {} for page_id in page_ids}
    notes = ChangeNote.objects.filter(
        page_id__in=page_ids, published_at__isnull=False, kind__in=PUBLIC_KINDS
    ).values_list("page_id", "revision_id", "kind", "note", "published_at")
    for page_id, revision_id, kind, note, published_at in notes:
        by_page[page_id][revision_id] = Version(
            revision_id, published_at, kind, note if kind != "original" else ""
        )
    published = Edition.objects.filter(status=EditionStatus.PUBLISHED).values("number")
    fixed = (
        EditionPage.objects.filter(page_id__in=page_ids, edition_number__in=published)
        # A revision an edition fixed went live when its own note says (a minor change's note is not shown,
        # but its date is the version's); one published by a script before notes existed: when saved.
        .annotate(went_live=Coalesce(F("revision__change_note__published_at"), F("revision__created_at")))
        .values_list("page_id", "revision_id", "edition_number", "went_live")
        .order_by("edition_number")
    )
    for page_id, revision_id, number, went_live in fixed:
        version = by_page[page_id].setdefault(revision_id, Version(revision_id, went_live, "edition"))
        if number not in version.editions:
            version.editions.append(number)
    return {
        page_id: sorted(versions.values(), key=lambda v: (v.date, v.id), reverse=True)
        for page_id, versions in by_page.items()
    }


def resolve(versions: list[Version], address: str) -> Version:
    """The public version an address names: a revision id ("123") or the version edition N fixed ("e2").

    Anything else (a minor change, a draft, another page's revision, an edition that did not fix this page)
    is refused alike, so that an address says nothing about revisions that are not public."""
    address = (address or "").strip().lower()
    edition = EDITION_ADDRESS.match(address)
    if edition:
        number = int(edition.group(1))
        for version in versions:
            if number in version.editions:
                return version
        raise VersionNotFound(
            _("Edition %(number)s is not published or did not include this page.") % {"number": number}
        )
    if REVISION_ADDRESS.match(address):
        for version in versions:
            if version.id == int(address):
                return version
        raise VersionNotFound(
            _(
                "%(address)s is not a public version of this page. "
                "See its history for the versions readers can open."
            )
            % {"address": address}
        )
    raise VersionNotFound(
        _(
            "%(address)s is not a version address: give a version number (such as 123) "
            "or e and an edition number (such as e1)."
        )
        % {"address": address[:20]}
    )


def version_before(versions: list[Version], version: Version) -> Version | None:
    """The public version just older than ``version`` (``versions`` newest first)."""
    index = versions.index(version)
    return versions[index + 1] if index + 1 < len(versions) else None


def is_older(versions: list[Version], a: Version, b: Version) -> bool:
    return versions.index(a) > versions.index(b)
