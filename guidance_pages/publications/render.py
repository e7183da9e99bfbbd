"""The guidance as a PDF: the Guide then the Booklet, in tree order, each page's blocks with the paragraph
numbers of the site (``guidance_pages.numbering``), from the revisions an edition fixed or from the current
latest revisions (the editors' draft).

WeasyPrint lays the document out from a Django template and a print stylesheet: the same HTML
and CSS skills as the site, page numbers in the table of contents from CSS ``target-counter``, and a tagged
PDF/UA-1 file with the document's title, language and embedded fonts.
"""

import json
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.models import Page, Revision

import nh3

from guidance_pages.blocks import expand_all
from guidance_pages.models import (
    BookletPage,
    ChapterPage,
    Edition,
    EditionPage,
    GuidePage,
    HomePage,
    Objective,
    ObjectivePage,
    StepPage,
)
from guidance_pages.numbering import anchor, paragraph_numbers
from guidance_pages.publications.typography import apply_typography

# The pages of the document: the Guide and the Booklet with everything below them (not the home page).
DOCUMENT_MODELS = (GuidePage, ChapterPage, StepPage, BookletPage, ObjectivePage)
# The site's allow-list for rich text (frontend/src/lib/sanitize.ts), so that paper shows what the web shows.
RICH_TEXT_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h2", "h3", "h4", "sup", "sub"}
PDF_VARIANT = "pdf/ua-1"


@dataclass
class Section:
    """One guidance page of the document."""

    anchor: str
    level: int
    title: str
    summary: str
    official_title: str = ""
    blocks: list[dict] = field(default_factory=list)


@dataclass
class Document:
    language: str
    title: str
    edition_number: int | None
    edition_name: str
    date: date
    sections: list[Section]
    draft: bool = False

    @property
    def filename(self) -> str:
        if self.draft:
            return f"gcm-guidance-draft-{self.language}.pdf"
        return pdf_filename(self.edition_number, self.language)


def pdf_filename(number: int, language: str) -> str:
    return f"gcm-guidance-edition-{number}-{language}.pdf"


def _absolute(tag: str, attribute: str, value: str) -> str | None:
    """Links on paper must work from anywhere: a site path becomes an address on the public site."""
    if tag == "a" and attribute == "href" and value.startswith("/") and not value.startswith("//"):
        return settings.FRONTEND_URL.rstrip("/") + value
    return value


def clean_rich_text(html: str) -> str:
    return nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_absolute,
        link_rel=None,
        strip_comments=True,
    ).strip()


def _ordered(pages: list[Page]) -> list[Page]:
    """The Guide's subtree, then the Booklet's, each in tree order."""
    guide = next((page.path for page in pages if isinstance(page, GuidePage)), None)
    return sorted(pages, key=lambda page: (0 if guide and page.path.startswith(guide) else 1, page.path))


def _with_revisions(pages: list[Page], revision_of: dict[int, int]) -> list[Page]:
    contents = dict(Revision.objects.filter(pk__in=revision_of.values()).values_list("pk", "content"))
    result = []
    for page in pages:
        content = contents.get(revision_of.get(page.pk))
        if content is None:
            continue
        result.append(page.with_content_json(json.loads(content) if isinstance(content, str) else content))
    return result


def edition_pages(number: int, language: str) -> list[Page]:
    """The document's pages in ``language`` as edition ``number`` fixed them."""
    revision_of = dict(
        EditionPage.objects.filter(edition_number=number, page__locale__language_code=language).values_list(
            "page_id", "revision_id"
        )
    )
    pages = list(Page.objects.filter(pk__in=revision_of).type(*DOCUMENT_MODELS).specific())
    return _ordered(_with_revisions(pages, revision_of))


def draft_pages(language: str) -> list[Page]:
    """The document's pages in ``language`` at their latest revision, drafts included (for editors only)."""
    pages = list(
        Page.objects.filter(locale__language_code=language, latest_revision__isnull=False)
        .type(*DOCUMENT_MODELS)
        .specific()
    )
    return _ordered(_with_revisions(pages, {page.pk: page.latest_revision_id for page in pages}))


def _level(page: Page) -> int:
    if isinstance(page, (GuidePage, BookletPage)):
        return 1
    return 3 if isinstance(page, StepPage) else 2


def _sources(pages: list[Page]) -> list[str]:
    sources = []
    for page in pages:
        for block in page.body:
            values = block.value.values() if hasattr(block.value, "values") else [block.value]
            sources += [getattr(value, "source", "") for value in values if getattr(value, "source", "")]
    return sources


def number_span(number: str | None) -> str:
    return format_html('<span class="para-number">{}</span>', number) if number else ""


def with_number(html: str, number: str | None) -> str:
    """Rich text with its paragraph number as the first word of its first paragraph (or a line of its own
    when it starts with a list or a heading)."""
    span = number_span(number)
    if not span:
        return html
    if html.startswith("<p>"):
        return "<p>" + span + html[3:]
    return f"<p>{span}</p>{html}"


def _block(block, number: str | None, html: dict[str, str]) -> dict | None:
    value = block.value
    item: dict = {
        "type": block.block_type,
        "number": number,
        "anchor": anchor(number) if number else "",
        "number_span": number_span(number),
    }

    def rich(rich_text) -> str:
        source = getattr(rich_text, "source", "") or ""
        return clean_rich_text(html.get(source, ""))

    if block.block_type == "text":
        item["html"] = with_number(rich(value), number)
    elif block.block_type == "heading":
        item["text"] = value["text"]
    elif block.block_type == "callout":
        item.update(variant=value["variant"], title=value["title"], html=rich(value["body"]))
    elif block.block_type == "practical_application":
        item.update(title=value["title"], country=value["country"], html=rich(value["text"]))
    elif block.block_type == "table":
        item.update(block.block.get_api_representation(value))
    elif block.block_type == "quote":
        item.update(quote=value["quote"], attribution=value["attribution"])
    elif block.block_type == "download":
        document = value["document"]
        if document is None:
            return None
        url = document.url
        if url.startswith("/"):
            url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
        item.update(label=value["label"] or document.title, url=url)
    else:
        return None
    return item


def build_document(
    pages: list[Page], language: str, edition: Edition | None, draft: bool = False
) -> Document:
    """The document's content, in ``language`` (links to pages in that language on the public site)."""
    with translation.override(language):
        html = expand_all(_sources(pages))
        objectives = {
            o.pk: o
            for o in Objective.objects.filter(
                pk__in=[p.objective_id for p in pages if isinstance(p, ObjectivePage)]
            )
        }
        sections = []
        for page in pages:
            numbers = paragraph_numbers(page)
            # The objective's official title is cited as such: shown under the page's own title unless
            # that title already says it.
            official = ""
            if isinstance(page, ObjectivePage) and page.objective_id in objectives:
                official = objectives[page.objective_id].title
                official = "" if official in page.title else official
            blocks = [_block(block, numbers.get(block.id), html) for block in page.body]
            sections.append(
                Section(
                    anchor=f"page-{page.pk}",
                    level=_level(page),
                    title=page.title,
                    summary=page.summary,
                    official_title=official,
                    blocks=[block for block in blocks if block is not None],
                )
            )
        home = HomePage.objects.filter(locale__language_code=language).live().first()
        return Document(
            language=language,
            title=home.title if home else _("Guidance for implementing the Global Compact for Migration"),
            edition_number=edition.number if edition else None,
            edition_name=edition.name if edition else "",
            date=edition.date if edition else timezone.localdate(),
            sections=sections,
            draft=draft,
        )


def edition_document(number: int, language: str) -> Document:
    """Edition ``number`` in ``language`` (its name in that language, else in English)."""
    editions = Edition.objects.filter(number=number).select_related("locale")
    edition = next((e for e in editions if e.locale.language_code == language), None) or next(
        (e for e in editions if e.locale.language_code == settings.LANGUAGE_CODE), None
    )
    if edition is None:
        raise LookupError(f"There is no edition {number}.")
    return build_document(edition_pages(number, language), language, edition)


def draft_document(language: str) -> Document:
    return build_document(draft_pages(language), language, None, draft=True)


def document_html(document: Document) -> str:
    with translation.override(document.language):
        language_name = translation.get_language_info(document.language)["name_local"]
        context = {
            "document": document,
            "language_name": language_name,
            "date": date_format(document.date, "DATE_FORMAT"),
            "heading_tags": {1: "h1", 2: "h2", 3: "h3"},
        }
        html = render_to_string("guidance_pages/publications/document.html", context)
    return apply_typography(html, document.language)


def _no_fetching(url: str, *args, **kwargs):
    # Everything the document needs is inline; an address in editors' content must never be fetched while
    # rendering (a slow or hostile server would stall the worker).
    raise ValueError(f"Edition PDFs load no external resources ({url[:80]})")


def render_pdf(document: Document) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango is slow and only the renderer needs it

    html = HTML(string=document_html(document), base_url=settings.FRONTEND_URL, url_fetcher=_no_fetching)
    return html.write_pdf(pdf_variant=PDF_VARIANT)
