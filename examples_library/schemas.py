"""Shapes of the examples library in the domain API: what contributors send, what everyone reads."""

from datetime import datetime
from typing import Annotated, Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email

from ninja import Schema
from pydantic import ConfigDict, Field, field_validator, model_validator

from cms.headless.text_input import TextSafeSchema
from examples_library.models.pages import FIRST_YEAR, LAST_YEAR
from guidance_pages.schemas import ObjectiveDetailOut

ObjectiveNumber = Annotated[int, Field(ge=1, le=23)]
Key = Annotated[str, Field(min_length=1, max_length=60)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


class SourceIn(TextSafeSchema):
    title: str = Field(min_length=1, max_length=300)
    url: str = Field(min_length=8, max_length=2000)

    @field_validator("url")
    @classmethod
    def web_address(cls, value: str) -> str:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError as exc:
            raise ValueError("must be an http or https address") from exc
        return value


class SubmissionIn(TextSafeSchema):
    """A contributed example. Unknown fields (``live``, ``owner``, ``status``, ids…) are ignored."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    kind: Literal["practice", "case_study", "lesson_learned"] = "practice"
    title: str = Field(min_length=3, max_length=200)
    summary: str = Field(min_length=10, max_length=1000)
    body: str = Field("", max_length=20000, description="Rich text (HTML); sanitized to a fixed allow-list.")
    primary_objective: ObjectiveNumber
    secondary_objectives: list[ObjectiveNumber] = Field(default_factory=list, max_length=22)
    principles: list[Key] = Field(default_factory=list, max_length=10)
    country: str | None = Field(None, min_length=2, max_length=2, description="ISO 3166 alpha-2 code")
    region: Key | None = None
    subregion: Key | None = None
    main_implementer: str = Field("", max_length=255)
    partners: str = Field("", max_length=2000)
    actor_types: list[Key] = Field(default_factory=list, max_length=20)
    start_year: Year | None = None
    end_year: Year | None = None
    pilot_country: bool = False
    outcomes: str = Field("", max_length=5000)
    lessons: str = Field("", max_length=5000)
    sources: list[SourceIn] = Field(default_factory=list, max_length=20)
    language: Literal[tuple(code for code, _name in settings.LANGUAGES)] = settings.LANGUAGE_CODE
    contact_name: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    contact_organisation: str = Field("", max_length=255)

    @field_validator("contact_email")
    @classmethod
    def email(cls, value: str) -> str:
        if value:
            try:
                validate_email(value)
            except DjangoValidationError as exc:
                raise ValueError("is not a valid e-mail address") from exc
        return value

    @field_validator("country")
    @classmethod
    def upper(cls, value: str | None) -> str | None:
        return value.upper() if value else value

    @model_validator(mode="after")
    def years_in_order(self) -> "SubmissionIn":
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValueError("end_year is before start_year")
        return self


class EventOut(Schema):
    status: str
    status_label: str
    message: str
    created_at: datetime


class SubmissionBase(Schema):
    id: int
    page_id: int
    title: str
    status: str
    status_label: str
    language: str
    created_at: datetime
    updated_at: datetime


class SubmissionOut(SubmissionBase):
    can_revise: bool
    can_withdraw: bool
    example_id: int | None = Field(description="The published example, once published.")
    history: list[EventOut]
    data: dict[str, Any] = Field(description="The submitted fields, as the contributor last sent them.")


class SubmissionSummaryOut(SubmissionBase):
    latest_message: str


class NamedRef(Schema):
    key: str
    name: str


class RegionRef(NamedRef):
    fallback: bool = Field(
        False,
        description="True when the name is the English one because the data has none in the example's "
        'language (e.g. some Spanish UN M49 sub-regions): show it marked lang="en".',
    )


class CountryRef(Schema):
    iso2: str
    name: str


class ObjectiveRef(Schema):
    number: int
    short_label: str


class SourceOut(Schema):
    title: str
    url: str


class AttachmentOut(Schema):
    title: str
    url: str
    extension: str


class ExampleSummaryOut(Schema):
    id: int
    title: str
    kind: str
    summary: str
    locale: str
    country: CountryRef | None
    primary_objective: int
    first_published_at: datetime | None
    path: str = Field(description="Path of the example on the public site.")


class TranslationRef(Schema):
    locale: str
    id: int
    path: str


class ExampleOut(ExampleSummaryOut):
    languages: list[str] = Field(description="Every language the example exists in, its own included.")
    translations: list[TranslationRef]
    body: str
    secondary_objectives: list[int]
    principles: list[NamedRef]
    region: RegionRef | None
    subregion: RegionRef | None
    main_implementer: str
    partners: str
    actor_types: list[NamedRef]
    start_year: int | None
    end_year: int | None
    pilot_country: bool
    outcomes: str
    lessons: str
    sources: list[SourceOut]
    attachments: list[AttachmentOut]
    submission_language: str


class ExamplesPageOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[ExampleSummaryOut]


class ObjectiveWithExamplesOut(ObjectiveDetailOut):
    examples: ExamplesPageOut


class OptionObjective(Schema):
    number: int
    short_label: str
    title: str


class OptionCountry(Schema):
    iso2: str
    name: str
    region: str | None = Field(description="Key of its UN M49 region, filled in when left empty.")
    subregion: str | None


class OptionRegion(Schema):
    key: str
    name: str
    parent: str | None = Field(description="The region of a sub-region; empty for a region.")


class SubmissionOptionsOut(Schema):
    """The choices of the submission form, with names in ``language``."""

    language: str
    objectives: list[OptionObjective]
    principles: list[NamedRef]
    countries: list[OptionCountry]
    regions: list[OptionRegion]
    subregions: list[OptionRegion]
    actor_types: list[NamedRef]


class OpenDataRowOut(Schema):
    """One example in the open data: the bulk import's row format (``examples_library/transfer/rows.py``)."""

    external_id: str = Field(description="The source URL, or the example's own address on this site.")
    title: str
    summary: str
    body: str
    kind: str
    language: str
    country: str
    region: str
    subregion: str
    objectives: list[int] = Field(description="Objective numbers, the primary first.")
    principles: list[str]
    actor_types: list[str]
    main_implementer: str
    partners: str
    start_year: int | None
    end_year: int | None
    pilot_country: bool
    outcomes: str
    lessons: str
    sources: list[SourceOut]
    attachments: list[str]


class OpenDataOut(Schema):
    licence: str
    licence_url: str
    generated_at: datetime
    language: str
    examples: list[OpenDataRowOut]
