"""Helpers for the search tests: committed work, examples added through publishing (with the search
fields the listing tests vary) and the examples search called and read back."""

import random

from django.test import TestCase

from examples_library.models import Country, ExamplePage, ExamplesIndexPage
from guidance_pages.models import GuidingPrinciple, Objective


def committed():
    """Run after-commit work (the search sync that publishing enqueues) as a committed transaction would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def get(client, **params):
    response = client.get("/api/v1/examples/", params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def add_example(
    title: str,
    objective: int,
    *,
    secondary=(),
    country="GH",
    kind="practice",
    pilot=False,
    years=(2019, 2021),
    principles=(),
    summary=None,
    body="",
    publish=True,
    language="en",
) -> ExamplePage:
    """An example written in ``language`` (an original there, not a translation)."""
    index = ExamplesIndexPage.objects.get(locale__language_code=language)
    c = Country.objects.get(locale=index.locale, iso2=country)
    page = ExamplePage(
        title=title,
        slug=f"t-{random.randrange(10**9)}",
        summary=summary or f"About {title}.",
        body=body,
        kind=kind,
        primary_objective=Objective.objects.get(locale=index.locale, number=objective),
        country=c,
        region=c.region,
        subregion=c.subregion,
        pilot_country=pilot,
        start_year=years[0],
        end_year=years[1],
        locale=index.locale,
        submission_language=language,
        live=publish,
    )
    page.secondary_objectives = list(Objective.objects.filter(locale=index.locale, number__in=secondary))
    page.principles = list(GuidingPrinciple.objects.filter(locale=index.locale, key__in=principles))
    index.add_child(instance=page)
    if publish:
        with committed():
            page.save_revision().publish()
    return page


def live_examples():
    return ExamplePage.objects.live().public().filter(locale__language_code="en")


def serves(page, number) -> bool:
    return page.primary_objective.number == number or page.secondary_objectives.filter(number=number).exists()


def facet(body, name) -> dict:
    return {bucket["value"]: bucket["count"] for bucket in body["facets"][name]}
