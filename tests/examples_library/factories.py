"""Factories for the library's pages: examples placed under the English examples index, published."""

import factory
import wagtail_factories

from examples_library.models import Country, ExamplePage, ExamplesIndexPage
from guidance_pages.models import GuidingPrinciple, Objective


class ExamplePageFactory(wagtail_factories.PageFactory):
    """A published example under the examples index (English unless ``parent`` says otherwise).

    ``objective`` and ``secondary`` are objective numbers, ``principles`` guiding-principle keys and
    ``country`` an ISO code (None for none), all looked up in the page's language; ``publish=False`` leaves
    a draft that was never live."""

    class Meta:
        model = ExamplePage

    class Params:
        objective = 9
        secondary = ()
        principle_keys = ()
        country_code = "GH"
        years = (2019, 2021)
        publish = True

    parent = factory.LazyFunction(lambda: ExamplesIndexPage.objects.get(locale__language_code="en"))
    locale = factory.SelfAttribute("parent.locale")
    title = factory.Sequence(lambda n: f"Sample example {n}")
    summary = factory.LazyAttribute(lambda o: f"About {o.title}.")
    body = ""
    kind = "practice"
    primary_objective = factory.LazyAttribute(
        lambda o: Objective.objects.get(locale=o.locale, number=o.objective)
    )
    country = factory.LazyAttribute(
        lambda o: Country.objects.get(locale=o.locale, iso2=o.country_code) if o.country_code else None
    )
    region = factory.LazyAttribute(lambda o: o.country.region if o.country else None)
    subregion = factory.LazyAttribute(lambda o: o.country.subregion if o.country else None)
    pilot_country = False
    start_year = factory.LazyAttribute(lambda o: o.years[0])
    end_year = factory.LazyAttribute(lambda o: o.years[1])
    live = factory.SelfAttribute("publish")
    secondary_objectives = factory.LazyAttribute(
        lambda o: list(Objective.objects.filter(locale=o.locale, number__in=o.secondary))
    )
    principles = factory.LazyAttribute(
        lambda o: list(GuidingPrinciple.objects.filter(locale=o.locale, key__in=o.principle_keys))
    )

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        # The parental many-to-many relations are set on the instance, not passed to the constructor.
        secondary, principles = kwargs.pop("secondary_objectives"), kwargs.pop("principles")
        page = model_class(**kwargs)
        page.secondary_objectives = secondary
        page.principles = principles
        parent.add_child(instance=page)
        if page.live:
            cls.publish(page)
        return page

    @classmethod
    def publish(cls, page: ExamplePage) -> None:
        page.save_revision().publish()


def numbered_examples(n: int, prefix: str = "Smuggling response") -> list[ExamplePage]:
    """``n`` published examples of objective 9 titled "<prefix> 0", "<prefix> 1"… in that order, with
    nothing else set (no country, no years)."""
    return ExamplePageFactory.create_batch(
        n,
        title=factory.Iterator([f"{prefix} {i}" for i in range(n)]),
        summary="s" * 20,
        country_code=None,
        years=(None, None),
    )
