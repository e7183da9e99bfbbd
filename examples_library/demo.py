"""Demo content of the examples library."""

from pathlib import Path

from django.db import transaction

from wagtail.models import Page

import yaml

from examples_library.models import Country, ExamplePage, ExamplesIndexPage
from guidance_pages.models import GuidingPrinciple, Objective


@transaction.atomic
def load_examples_index(home: Page) -> ExamplesIndexPage:
    existing = home.get_children().type(ExamplesIndexPage).first()
    if existing is not None:
        return existing.specific
    index = ExamplesIndexPage(
        title="Examples library",
        slug="examples",
        locale=home.locale,
        summary="Practices, case studies and lessons learned from countries implementing the GCM.",
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


# Data, not code: the demo examples are a list of facts.
DEMO_EXAMPLES_FILE = Path(__file__).resolve().parent / "data" / "demo_examples.yaml"


def demo_examples() -> list[dict]:
    with DEMO_EXAMPLES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@transaction.atomic
def load_examples(index: ExamplesIndexPage) -> int:
    """A handful of published demo examples, so that objectives and listings have something to show."""
    created = 0
    for spec in demo_examples():
        if index.get_children().filter(slug=spec["slug"]).exists():
            continue
        country = Country.objects.get(locale=index.locale, iso2=spec["country"])
        page = ExamplePage(
            title=spec["title"],
            slug=spec["slug"],
            locale=index.locale,
            kind=spec["kind"],
            summary=f"Demo example: {spec['title'].removesuffix(' (demo)').lower()}. Not a real case.",
            body="<p><b>Demo content.</b> This example shows how the library presents a contribution.</p>",
            primary_objective=Objective.objects.get(locale=index.locale, number=spec["objective"]),
            country=country,
            region=country.region,
            subregion=country.subregion,
            main_implementer="Demo ministry",
            start_year=spec["years"][0],
            end_year=spec["years"][1],
            pilot_country=spec["pilot"],
            outcomes="Demo outcomes.",
            lessons="Demo lessons.",
            submission_language="en",
        )
        page.secondary_objectives = list(
            Objective.objects.filter(locale=index.locale, number__in=spec["secondary"])
        )
        page.principles = list(
            GuidingPrinciple.objects.filter(locale=index.locale, key__in=spec["principles"])
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


# French and Spanish demo text of the index page (placeholder text, marked as such).
INDEX_TRANSLATIONS = {
    "fr": {
        "title": "Bibliothèque d'exemples (démo)",
        "summary": "Pratiques, études de cas et enseignements tirés des pays qui mettent en œuvre le PMM "
        "(texte de démo).",
    },
    "es": {
        "title": "Biblioteca de ejemplos (demo)",
        "summary": "Prácticas, estudios de caso y lecciones aprendidas de los países que implementan el PMM "
        "(texto de demostración).",
    },
}


def index_translation_strings(page: Page, language_code: str) -> dict[str, str]:
    return dict(INDEX_TRANSLATIONS.get(language_code, {})) if isinstance(page, ExamplesIndexPage) else {}
