"""Demo content of the examples library."""

from django.db import transaction

from wagtail.models import Page

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


DEMO_EXAMPLES = [
    {
        "slug": "demo-migrant-resource-centres",
        "title": "Migrant resource centres in border towns (demo)",
        "kind": "practice",
        "objective": 3,
        "secondary": [15, 7],
        "country": "GH",
        "principles": ["people_centred", "whole_of_society"],
        "years": (2019, 2022),
        "pilot": True,
    },
    {
        "slug": "demo-labour-migration-data-platform",
        "title": "A national labour migration data platform (demo)",
        "kind": "case_study",
        "objective": 1,
        "secondary": [6],
        "country": "MX",
        "principles": ["whole_of_government"],
        "years": (2018, 2021),
        "pilot": True,
    },
    {
        "slug": "demo-ethical-recruitment-agreements",
        "title": "Bilateral agreements on ethical recruitment (demo)",
        "kind": "practice",
        "objective": 6,
        "secondary": [5, 23],
        "country": "PH",
        "principles": ["international_cooperation", "human_rights"],
        "years": (2017, None),
        "pilot": False,
    },
    {
        "slug": "demo-alternatives-to-detention-for-children",
        "title": "Community-based alternatives to detention for children (demo)",
        "kind": "lesson_learned",
        "objective": 13,
        "secondary": [7],
        "country": "PT",
        "principles": ["child_sensitive", "rule_of_law"],
        "years": (2020, 2023),
        "pilot": True,
    },
    {
        "slug": "demo-remittance-cost-comparison",
        "title": "A remittance cost comparison portal (demo)",
        "kind": "practice",
        "objective": 20,
        "secondary": [19],
        "country": "MA",
        "principles": ["sustainable_development"],
        "years": (2016, None),
        "pilot": False,
    },
]


@transaction.atomic
def load_examples(index: ExamplesIndexPage) -> int:
    """A handful of published demo examples, so that objectives and listings have something to show."""
    created = 0
    for spec in DEMO_EXAMPLES:
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
