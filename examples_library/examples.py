"""Reading published examples: the only examples anyone outside moderation ever sees."""

from django.db.models import Prefetch, QuerySet

from cms.headless.frontend import frontend_path
from examples_library.models import ExampleAttachment, ExamplePage
from examples_library.models.taxonomies import terms_in_locale
from examples_library.reference_data import region_name
from examples_library.rich_text import display_html


def published_summaries() -> QuerySet[ExamplePage]:
    return (
        ExamplePage.objects.live()
        .public()
        .select_related("locale", "country", "region", "subregion", "primary_objective")
    )


def published_examples() -> QuerySet[ExamplePage]:
    return published_summaries().prefetch_related(
        "secondary_objectives",
        "principles",
        "actor_types",
        Prefetch("attachments", queryset=ExampleAttachment.objects.select_related("document")),
    )


def summary_out(page: ExamplePage) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "kind": page.kind,
        "summary": page.summary,
        "locale": page.locale.language_code,
        "country": {"iso2": page.country.iso2, "name": page.country.name} if page.country else None,
        "primary_objective": page.primary_objective.number,
        "first_published_at": page.first_published_at,
        "path": frontend_path(page),
    }


def _named(obj) -> dict | None:
    return {"key": obj.key, "name": obj.name} if obj else None


def _region(region, language: str) -> dict | None:
    if region is None:
        return None
    # An untranslated name is the English one where the data has no name in the language.
    fallback = language != "en" and region_name(region.key, language) is None
    return {**_named(region), "fallback": fallback and region.name == region_name(region.key, "en")}


def example_out(page: ExamplePage) -> dict:
    translations = page.translations
    principles, actor_types = list(page.principles.all()), list(page.actor_types.all())
    country, region, subregion, *terms = terms_in_locale(
        [page.country, page.region, page.subregion, *principles, *actor_types], page.locale_id
    )
    return {
        "languages": sorted({page.locale.language_code, *(t["locale"] for t in translations)}),
        "translations": translations,
        **summary_out(page),
        "country": {"iso2": country.iso2, "name": country.name} if country else None,
        "body": display_html(page.body),
        "secondary_objectives": [o.number for o in page.secondary_objectives.all()],
        "principles": [_named(p) for p in terms[: len(principles)]],
        "region": _region(region, page.locale.language_code),
        "subregion": _region(subregion, page.locale.language_code),
        "main_implementer": page.main_implementer,
        "partners": page.partners,
        "actor_types": [_named(a) for a in terms[len(principles) :]],
        "start_year": page.start_year,
        "end_year": page.end_year,
        "pilot_country": page.pilot_country,
        "outcomes": page.outcomes,
        "lessons": page.lessons,
        "sources": [{"title": b.value["title"], "url": b.value["url"]} for b in page.sources],
        "attachments": [
            {"title": a.document.title, "url": a.document.url, "extension": a.document.file_extension.lower()}
            for a in page.attachments.all()
        ],
        "submission_language": page.submission_language,
    }
