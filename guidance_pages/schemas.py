"""Shapes of the guidance part of the domain API (/api/v1/)."""

from ninja import Schema
from pydantic import Field


class PageRefOut(Schema):
    id: int
    title: str
    slug: str
    locale: str
    fallback: bool = Field(
        False, description="True when the page is shown in English for want of a translation."
    )


class ObjectiveOut(Schema):
    number: int
    title: str
    short_label: str
    locale: str
    fallback: bool
    page: PageRefOut | None


class ObjectivePageOut(PageRefOut):
    summary: str


class ObjectiveDetailOut(ObjectiveOut):
    page: ObjectivePageOut | None


class ErrorOut(Schema):
    detail: str
