"""Paragraph numbers of the guidance: "para 4.12" is the same paragraph on the site and in an edition PDF.

A number is ``<section>.<n>``: the section names the page (an objective page by its objective number, "4";
a step by its step number, "S2"; a chapter of the Guide by its position among the Guide's chapters, "C3";
the Guide, the Booklet and the home page "G", "B" and "H"), and ``n`` counts the page's content blocks in
order (headings and downloads are not paragraphs). Numbers are keyed by block id, which translations share,
so a French page carries the numbers of its English source. The web anchor of a paragraph is
``para-<number>`` (``anchor``).
"""

from wagtail.models import Page

NUMBERED_BLOCKS = frozenset({"text", "callout", "practical_application", "table", "quote"})


def section(page: Page) -> str:
    """The section part of the page's paragraph numbers (one query for a chapter, none otherwise)."""
    # By model name, not isinstance: the models import this module (guidance_pages.models.pages), and
    # importing them back here is the cycle `make lint` refuses.
    page = page.specific
    kind = page._meta.model_name
    if kind == "objectivepage":
        return str(page.objective.number)
    if kind == "steppage":
        return f"S{page.step_number}"
    if kind == "chapterpage":
        earlier = type(page).objects.sibling_of(page).filter(path__lt=page.path).count()
        return f"C{earlier + 1}"
    return {"guidepage": "G", "bookletpage": "B"}.get(page._meta.model_name, "H")


def paragraph_numbers(page: Page) -> dict[str, str]:
    """Block id -> paragraph number ("4.12") for the numbered blocks of the page's body, in order."""
    prefix = section(page)
    numbers: dict[str, str] = {}
    for block in page.specific.body:
        if block.block_type in NUMBERED_BLOCKS:
            numbers[block.id] = f"{prefix}.{len(numbers) + 1}"
    return numbers


def anchor(number: str) -> str:
    """The HTML id of a numbered paragraph on the site and in the PDF: ``para-4.12``."""
    return f"para-{number}"
