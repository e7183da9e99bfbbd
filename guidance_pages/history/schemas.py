"""Shapes of the living document's part of the domain API: editions, public history, diffs, versions.

A *public version* of a guidance page is a revision that went live as the page's first publication
(``original``) or with a substantive change note (``substantive``), or that an edition fixed. Its id is the
Wagtail revision's id. Minor changes and drafts are never public versions and never appear here.
"""

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field


class HistoryPageRef(Schema):
    id: int
    title: str
    locale: str
    type: str = Field(..., description="Page type as app_label.ModelName, e.g. guidance_pages.ObjectivePage.")
    path: str = Field(..., description="The page's path on the public site, e.g. /fr/booklet/objective-1/.")


class VersionOut(Schema):
    id: int = Field(..., description="Public version id (the revision that went live).")
    date: datetime = Field(..., description="When this version went live.")
    kind: Literal["original", "substantive", "edition"] = Field(
        ...,
        description=(
            "original: the page's first publication; substantive: a change with a public note; "
            "edition: a version only an edition fixed (its note, if any, is empty)."
        ),
    )
    note: str = Field(
        ..., description="The public change note, in the page's language; empty for the original."
    )
    editions: list[int] = Field(..., description="Numbers of the published editions that fixed this version.")


class PageHistoryOut(Schema):
    page: HistoryPageRef
    count: int = Field(..., description="Number of public versions.")
    items: list[VersionOut] = Field(..., description="Public versions, newest first (limit/offset).")


class BlockDiffOut(Schema):
    op: Literal["added", "removed", "moved", "changed", "unchanged"]
    id: str = Field(..., description="The block's id, stable across revisions (a paragraph anchor).")
    type: str = Field(..., description="Block type, e.g. paragraph, callout, practical_application.")
    html: str = Field(
        ...,
        description=(
            "Safe HTML of the block's text: for 'changed', removed words in <del> and added words in <ins>; "
            "otherwise the text of the side that has it."
        ),
    )


class FieldDiffOut(Schema):
    name: Literal["title", "summary"]
    html: str = Field(..., description="Safe HTML with <del>/<ins> around the changed words.")


class DiffCounts(Schema):
    added: int
    removed: int
    moved: int
    changed: int
    unchanged: int


class PageDiffOut(Schema):
    page: HistoryPageRef
    from_version: VersionOut = Field(..., alias="from")
    to: VersionOut
    counts: DiffCounts
    fields: list[FieldDiffOut] = Field(..., description="Changed title or summary, if any.")
    blocks: list[BlockDiffOut] = Field(
        ..., description="Blocks in the order of the newer version, removed ones where they stood."
    )


class EditionRefOut(Schema):
    number: int
    name: str
    date: date


class PageVersionOut(Schema):
    page: HistoryPageRef
    version: VersionOut
    edition: EditionRefOut | None = Field(None, description="The edition asked for, when addressed as e<N>.")
    latest: bool = Field(
        ..., description="True when this version is still the page's current public version."
    )
    title: str
    summary: str
    body: list[dict] = Field(..., description="StreamField blocks as Wagtail API v2 represents them.")
    paragraph_numbers: dict[str, str] = Field(
        default_factory=dict,
        description="Block id -> paragraph number (4.12) as the version numbered its paragraphs.",
    )


class EditionPdfOut(Schema):
    language: str = Field(..., description="Language of the PDF (en, fr or es).")
    url: str = Field(
        ...,
        description="Stable path of the PDF, e.g. /api/v1/editions/2/pdf/fr/ (the site proxies /api/).",
    )
    bytes: int = Field(..., description="Size of the file in bytes.")
    generated_at: datetime


class EditionSummaryOut(EditionRefOut):
    locale: str
    fallback: bool = Field(..., description="True when shown in English for want of a translation.")
    pages_changed: int = Field(
        ..., description="Guidance pages (in this language) changed since the previous edition."
    )
    pdfs: list[EditionPdfOut] = Field(
        default_factory=list,
        description="The edition's PDF in each language rendered so far (rendered in the background after "
        "publishing; the reader's language first).",
    )


class EditionChangeOut(Schema):
    page: HistoryPageRef
    notes: list[VersionOut] = Field(..., description="The page's public versions since the previous edition.")
    counts: DiffCounts = Field(
        ..., description="Blocks changed between the two editions' versions of the page."
    )
    diff_from: str | None = Field(
        None, description="Use with diff_to on /pages/{id}/diff/ (None: a new page)."
    )
    diff_to: str


class EditionDetailOut(EditionSummaryOut):
    introduction: str = Field(..., description="Sanitized rich-text HTML.")
    previous: int | None
    next: int | None
    changes: list[EditionChangeOut]


class ChangeOut(Schema):
    page: HistoryPageRef
    version: VersionOut
