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
