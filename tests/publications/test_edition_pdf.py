"""Issue 19: the edition PDF of the demo in every language. Each language is rendered once for the module
(a few seconds each) and its extracted text checked: every objective's official title, a table of contents
whose page numbers lead to the headings, the paragraph numbers of the site, metadata and embedded fonts."""

import io
import re
from collections import Counter

from django.conf import settings

from wagtail.models import Page

import pytest
from pypdf import PdfReader

from guidance_pages.models import Edition, EditionStatus, Objective
from guidance_pages.numbering import anchor, paragraph_numbers
from guidance_pages.publications.render import (
    DOCUMENT_MODELS,
    clean_rich_text,
    edition_document,
    render_pdf,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es"]
# A paragraph number at the start of a line: "4.12 ", "S2.3 ", "C1.4 ", "G.2 ".
NUMBER_AT_LINE_START = re.compile(r"^((?:\d+|S\d+|C\d+|G|B|H)\.\d+)(?= |$)", re.MULTILINE)


def normalized(text: str) -> str:
    """Extracted text as words: hyphenation undone, any space (narrow no-break included) a single space,
    none before high punctuation."""
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text.replace("\u2010\n", ""))
    # Spacing before high punctuation is the language's (tested on its own below), not the content.
    return re.sub(r" ([:;?!»])", r"\1", text).replace("« ", "«").strip()


class Rendered(dict):
    """{language: (Document, PdfReader, [page texts])} of the demo's latest edition, each language rendered
    on first use and kept for the module (a selection of tests renders only what it needs)."""

    def __missing__(self, language: str):
        number = Edition.objects.filter(status=EditionStatus.PUBLISHED).order_by("-number").first().number
        document = edition_document(number, language)
        reader = PdfReader(io.BytesIO(render_pdf(document)))
        self[language] = (document, reader, [page.extract_text() for page in reader.pages])
        return self[language]


@pytest.fixture(scope="module")
def rendered() -> Rendered:
    return Rendered()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_objective_official_title_is_in_the_pdf_in_its_language(rendered, language):
    _document, _reader, pages = rendered[language]
    text = normalized(" ".join(pages))
    titles = list(Objective.objects.filter(locale__language_code=language).values_list("title", flat=True))
    assert len(titles) == 23
    missing = [title for title in titles if normalized(title) not in text]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_table_of_contents_gives_the_page_where_each_page_of_the_guidance_begins(rendered, language):
    document, _reader, pages = rendered[language]
    toc_pages = []
    for text in pages[1:]:
        if ". . ." not in text:
            break
        toc_pages.append(text)
    toc = normalized(" ".join(toc_pages))
    assert len(document.sections) == 34
    for section in document.sections:
        title = normalized(section.title)
        # The leader of dots is empty when the title fills the line.
        entry = re.search(re.escape(title) + r"(?: ?\.)* (\d+)", toc)
        assert entry, f"{title!r} is not in the table of contents"
        page_number = int(entry.group(1))
        # The heading opens its page (the running header is painted after the body, so it comes last).
        assert normalized(pages[page_number - 1]).startswith(title), (title, page_number)


@pytest.mark.parametrize("language", LANGUAGES)
def test_paragraph_numbers_and_anchors_are_the_sites(rendered, language):
    _document, reader, pages = rendered[language]
    live = Page.objects.live().filter(locale__language_code=language).type(*DOCUMENT_MODELS).specific()
    expected = [number for page in live for number in paragraph_numbers(page).values()]
    assert len(expected) > 100
    found = NUMBER_AT_LINE_START.findall("\n".join(pages[1:]))
    assert Counter(found) == Counter(expected)
    destinations = set(reader.named_destinations)
    assert {anchor(number) for number in expected} <= destinations


@pytest.mark.parametrize("language", LANGUAGES)
def test_title_language_tags_and_embedded_fonts(rendered, language):
    document, reader, _pages = rendered[language]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert root["/MarkInfo"]["/Marked"].value is True  # a tagged PDF
    assert "/StructTreeRoot" in root
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()  # declared PDF/UA-1
    assert document.title in reader.metadata.title
    assert document.edition_name in reader.metadata.title
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[font["/BaseFont"]] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts


def test_french_has_a_narrow_no_break_space_before_high_punctuation(rendered):
    text = "\n".join(rendered["fr"][2])
    assert "\u202f:" in text and "\u202f;" in text
    assert re.search(r"(\w|\w )[;?!]", text) is None
    assert re.search(r"\w :", text) is None


def test_english_keeps_its_own_spacing(rendered):
    assert "\u202f" not in "\n".join(rendered["en"][2])


def test_practical_applications_and_covid_notes_are_numbered_boxes(rendered):
    text = "\n".join(rendered["en"][2])
    assert re.search(r"^1\.\d+ Practical application: ", text, re.MULTILINE)
    assert re.search(r"^1\.\d+ COVID-19", text, re.MULTILINE)


def test_rich_text_is_sanitized_as_on_the_site_and_site_links_are_absolute():
    html = clean_rich_text(
        '<p onclick="x()">See <a href="/fr/guide/" class="c">the guide</a>, '
        '<a href="javascript:alert(1)">this</a><script>alert(1)</script><img src="https://x.org/a.png"></p>'
    )
    base = settings.FRONTEND_URL.rstrip("/")
    assert html == f'<p>See <a href="{base}/fr/guide/">the guide</a>, <a>this</a></p>'
