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


class PrincipleOut(Schema):
    key: str = Field(..., description="Stable identifier, the same in every language.")
    name: str
    paragraph: str = Field(..., description="Where the GCM states it, e.g. 15(a).")
    locale: str
    fallback: bool = Field(..., description="True when shown in English because no translation exists yet.")
