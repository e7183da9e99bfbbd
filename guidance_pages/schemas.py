"""Shapes of the guidance part of the domain API (/api/v1/)."""

from ninja import Schema
from pydantic import ConfigDict, Field


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


class ErrorItem(Schema):
    """One thing wrong with the input, for programs (``detail`` already says it in words)."""

    model_config = ConfigDict(extra="allow")

    loc: list[str | int] = Field(description='Where: ["query", "status"], ["form", "payload", "title"]…')
    msg: str
    type: str


class PrincipleOut(Schema):
    key: str = Field(..., description="Stable identifier, the same in every language.")
    name: str
    paragraph: str = Field(..., description="Where the GCM states it, e.g. 15(a).")
    locale: str
    fallback: bool = Field(..., description="True when shown in English because no translation exists yet.")


class ErrorOut(Schema):
    """Every 4xx answer of the domain API has this shape."""

    detail: str = Field(description="What went wrong, in words, in the request's language.")
    errors: list[ErrorItem] = Field(
        default_factory=list, description="Each invalid input (422); empty for other errors."
    )
