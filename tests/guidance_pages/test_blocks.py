from django.core.files.base import ContentFile
from django.test import RequestFactory

from wagtail.documents.models import Document

import pytest

from guidance_pages import blocks
from guidance_pages.models import ObjectivePage


def api(block, raw, query=""):
    value = block.to_python(raw)
    request = RequestFactory().get(f"/api/v2/pages/1/{query}")
    return block.get_api_representation(value, context={"request": request})


def test_rich_text_comes_as_display_html_with_frontend_links(db):
    page = ObjectivePage.objects.get(locale__language_code="en", objective__number=2)
    html = api(blocks.RichTextBlock(), f'<p>See <a linktype="page" id="{page.pk}">objective 2</a>.</p>')
    assert html == '<p>See <a href="/en/booklet/objective-2/">objective 2</a>.</p>'


def test_links_to_unpublished_or_missing_pages_lose_their_href(db):
    page = ObjectivePage.objects.get(locale__language_code="en", objective__number=2)
    page.unpublish()
    html = api(
        blocks.RichTextBlock(),
        f'<p><a linktype="page" id="{page.pk}">a</a> <a linktype="page" id="999999">b</a> '
        '<a linktype="page" id="x">c</a></p>',
    )
    assert html == "<p><a>a</a> <a>b</a> <a>c</a></p>"


def test_rich_text_format_can_be_asked_for(db):
    raw = "<p>Hello <b>world</b></p>"
    assert api(blocks.RichTextBlock(), raw, "?rich_text_format=markdown").strip() == "Hello **world**"


def test_heading_anchor_defaults_to_the_heading():
    block = blocks.HeadingBlock()
    assert api(block, {"text": "Step 2: Plan & consult", "level": "h2", "anchor": ""}) == {
        "text": "Step 2: Plan & consult",
        "level": "h2",
        "anchor": "step-2-plan-consult",
    }
    assert (
        api(block, {"text": "Intro", "level": "h3", "anchor": "Custom Anchor"})["anchor"] == "custom-anchor"
    )


def test_callout_includes_the_covid_variant():
    assert ("covid-19", "COVID-19 note") in [(key, str(label)) for key, label in blocks.CalloutBlock.VARIANTS]
    out = api(
        blocks.CalloutBlock(),
        {"variant": "covid-19", "title": "COVID-19", "body": "<p>Keep services open.</p>"},
    )
    assert out == {"variant": "covid-19", "title": "COVID-19", "body": "<p>Keep services open.</p>"}


def test_practical_application():
    out = api(
        blocks.PracticalApplicationBlock(),
        {"title": "One-stop shops", "country": "Ghana", "text": "<p>Migrant resource centres.</p>"},
    )
    assert out == {"title": "One-stop shops", "country": "Ghana", "text": "<p>Migrant resource centres.</p>"}


def test_table_splits_header_and_rows():
    raw = {
        "caption": "Steps",
        "table": {
            "data": [["Step", "Who"], ["1", "Government"], ["2", None]],
            "first_row_is_table_header": True,
        },
    }
    assert api(blocks.DataTableBlock(), raw) == {
        "caption": "Steps",
        "header": ["Step", "Who"],
        "rows": [["1", "Government"], ["2", ""]],
    }
    raw["table"]["first_row_is_table_header"] = False
    assert api(blocks.DataTableBlock(), raw)["header"] == []


@pytest.fixture
def document(db):
    doc = Document(title="National plan template")
    doc.file.save("plan-template.pdf", ContentFile(b"%PDF-1.4\n%demo\n"), save=False)
    doc._set_document_file_metadata()  # what Wagtail's upload form does
    doc.save()
    yield doc
    doc.file.delete(save=False)


def test_document_download(document):
    out = api(blocks.DocumentDownloadBlock(), {"document": document.pk, "label": ""})
    assert out == {
        "id": document.pk,
        "title": "National plan template",
        "label": "National plan template",
        "url": document.url,
        "extension": "pdf",
        "size": len(b"%PDF-1.4\n%demo\n"),
    }


def test_document_download_of_a_deleted_document_is_null(db):
    assert api(blocks.DocumentDownloadBlock(), {"document": 999999, "label": "Gone"}) is None


def test_quote():
    out = api(blocks.QuoteBlock(), {"quote": "Leave no one behind.", "attribution": "2030 Agenda"})
    assert out == {"quote": "Leave no one behind.", "attribution": "2030 Agenda"}


def test_rich_text_has_a_fixed_allow_list():
    block = blocks.RichTextBlock()
    assert block.features == blocks.RICH_TEXT_FEATURES
    assert "h2" not in block.features  # page structure comes from heading blocks, with anchors
    assert "embed" not in block.features and "image" not in block.features
