"""``/api/v1/champions/``: Champion countries with their roles and period, and their pilots of the six-step
process (steps, status, findings, the examples they produced) in the reader's language. Public, read-only,
a constant number of queries (``champions.services``)."""

from datetime import date

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from champions import services
from cms.headless.api_contract import ErrorOut
from cms.i18n.locales import response_language
from guidance_pages.api import LocaleQuery, language_of

router = Router(tags=["champions"])


class PeriodOut(Schema):
    start: date
    end: date | None = Field(..., description="Empty while open.")


class PilotSummaryOut(Schema):
    id: int
    period: PeriodOut
    steps: list[int] = Field(..., description="The steps of the six-step process piloted, 1 to 6.")
    status: str = Field(..., description="planned, ongoing or completed.")


class ChampionSummaryOut(Schema):
    code: str = Field(..., description="ISO 3166 alpha-2 code of the country.")
    name: str = Field(..., description="The country's name in the requested language.")
    roles: list[str] = Field(..., description="Any of partner, tester, promoter, convenor.")
    period: PeriodOut
    pilots: list[PilotSummaryOut]


class ChampionListOut(Schema):
    count: int
    items: list[ChampionSummaryOut]


class PilotExampleOut(Schema):
    id: int = Field(..., description="The page id of the version linked.")
    title: str
    language: str = Field(..., description="The example's language: the original's when not translated.")
    path: str = Field(..., description="Where the reader opens it on the frontend, e.g. /fr/examples/slug/.")


class PilotOut(PilotSummaryOut):
    findings: str = Field(..., description="What the pilot found, plain text (may be empty).")
    findings_language: str | None = Field(
        ..., description="The findings' language: the source language's when not translated."
    )
    examples: list[PilotExampleOut]


class ChampionOut(ChampionSummaryOut):
    pilots: list[PilotOut]
    public_feedback: int | None = Field(
        ...,
        description="How many public comments the country's people posted or its pilots produced; null "
        "unless the platform shows it (CHAMPIONS_SHOW_FEEDBACK).",
    )


@router.get("/champions/", response=ChampionListOut, summary="Champion countries with their roles and pilots")
def list_champions(request: HttpRequest, query: Query[LocaleQuery]) -> dict:
    items = services.champions_in(language_of(request, query))
    return {"count": len(items), "items": items}


@router.get(
    "/champions/{code}/",
    response={200: ChampionOut, 400: ErrorOut, 404: ErrorOut},
    summary="One Champion country: roles, period, pilots, their findings and examples",
)
def get_champion(request: HttpRequest, code: str, query: Query[LocaleQuery]) -> dict:
    language = language_of(request, query)
    with translation.override(response_language(request)):
        if not services.is_country_code(code):
            raise HttpError(
                400,
                _("%(code)s is not a country code: use two letters (ISO 3166), e.g. MX.")
                % {"code": code[:20]},
            )
        try:
            return services.champion_in(code, language)
        except services.UnknownChampion:
            raise HttpError(404, _("%(code)s is not a Champion country.") % {"code": code.upper()}) from None
