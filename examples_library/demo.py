"""Demo content of the examples library."""

from django.db import transaction

from wagtail.models import Page

from examples_library.models import ExamplesIndexPage


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
