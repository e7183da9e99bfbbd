"""Factories for the guidance pages: objective pages under the English booklet."""

import factory
import wagtail_factories

from guidance_pages.models import BookletPage, Objective, ObjectivePage


class ObjectivePageFactory(wagtail_factories.PageFactory):
    """An objective page under the booklet (English unless ``parent`` says otherwise), for objective
    ``objective_number``; published, or with ``publish=False`` a draft revision of a never-live page."""

    class Meta:
        model = ObjectivePage

    class Params:
        objective_number = 1
        publish = True

    parent = factory.LazyFunction(lambda: BookletPage.objects.get(locale__language_code="en"))
    locale = factory.SelfAttribute("parent.locale")
    title = factory.Sequence(lambda n: f"Objective page {n}")
    objective = factory.LazyAttribute(
        lambda o: Objective.objects.get(locale=o.locale, number=o.objective_number)
    )
    live = factory.SelfAttribute("publish")

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        page = super()._create_instance(model_class, parent, kwargs)
        revision = page.save_revision()
        if page.live:
            revision.publish()
        return page
