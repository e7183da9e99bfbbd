"""Paragraph numbers: the same numbers for a page and its translation, headings not counted, in the API."""

import pytest

from guidance_pages.models import ChapterPage, ObjectivePage, StepPage
from guidance_pages.numbering import anchor, paragraph_numbers, section
from tests.guidance_pages.factories import paragraphs

pytestmark = pytest.mark.django_db


def _objective_page(language: str, number: int) -> ObjectivePage:
    return ObjectivePage.objects.get(locale__language_code=language, objective__number=number)


def test_objective_paragraphs_are_numbered_after_the_objective_headings_aside():
    page = _objective_page("en", 4)
    page.body = [
        {"type": "heading", "value": {"text": "Why", "level": "h2", "anchor": ""}, "id": "h0"},
        *paragraphs("One", "Two", ids=["a", "b"]),
        {"type": "callout", "value": {"variant": "info", "title": "", "body": "<p>Box</p>"}, "id": "c"},
    ]
    assert paragraph_numbers(page) == {"a": "4.1", "b": "4.2", "c": "4.3"}
    assert anchor("4.12") == "para-4.12"


def test_a_translation_carries_its_sources_numbers():
    english, french = _objective_page("en", 2), _objective_page("fr", 2)
    assert [block.id for block in french.body] == [block.id for block in english.body]
    assert paragraph_numbers(french) == paragraph_numbers(english)
    assert list(paragraph_numbers(english).values())[0] == "2.1"


def test_steps_and_chapters_have_their_own_sections():
    steps = list(StepPage.objects.filter(locale__language_code="en"))
    chapters = list(ChapterPage.objects.filter(locale__language_code="en").order_by("path"))
    assert steps and len(chapters) >= 2
    for step in steps:
        assert all(n.startswith(f"S{step.step_number}.") for n in paragraph_numbers(step).values())
    assert section(chapters[0]) == "C1"
    assert section(chapters[1]) == "C2"


def test_the_page_api_serves_the_numbers(client):
    page = _objective_page("fr", 1)
    body = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert body["paragraph_numbers"] == paragraph_numbers(page)
    assert body["paragraph_numbers"]
