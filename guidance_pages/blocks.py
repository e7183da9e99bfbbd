"""StreamField blocks of the guidance. Each block owns its API representation, so that the JSON a
headless client receives is designed here, once, rather than leaking Wagtail's storage format."""

from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.api.rich_text import APIRichText
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.rich_text import RichText, expand_db_html

# One allow-list for every rich text field in the guidance: editors get structure, not styling.
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


# Context key under which a stream passes the rich text it expanded in one batch to its blocks.
EXPANDED_RICH_TEXT = "expanded_rich_text"
_SPLIT = "<!--gcm:split-->"


def _output_format(context: dict | None) -> str:
    request = context.get("request") if context else None
    chosen = request.GET.get("rich_text_format") if request is not None else None
    return APIRichText.resolve_format(chosen)


def rich_text_html(value: Any, context: dict | None = None) -> str:
    """Display HTML of a rich text value, in the format the API client asked for (HTML by default)."""
    source = getattr(value, "source", value) or ""
    expanded = (context or {}).get(EXPANDED_RICH_TEXT)
    if expanded is not None and source in expanded:
        return expanded[source]
    return APIRichText.serialize(source, format=_output_format(context))


def _rich_text_sources(stream_value: Any) -> list[str]:
    sources = []
    for child in stream_value:
        values = child.value.values() if isinstance(child.value, blocks.StructValue) else [child.value]
        sources += [value.source for value in values if isinstance(value, RichText) and value.source]
    return sources


def expand_all(sources: list[str]) -> dict[str, str]:
    """Expand many rich text values in one pass.

    Wagtail resolves page and document links in batches, but per rich text value: a page of 40 paragraphs
    would cost 40 rounds of queries. Expanding the joined text once keeps an API detail view at a constant
    number of queries whatever the content.
    """
    unique = list(dict.fromkeys(sources))
    parts = expand_db_html(_SPLIT.join(unique)).split(_SPLIT)
    if len(parts) != len(unique):  # an editor typed the marker: fall back to one value at a time
        return {source: expand_db_html(source) for source in unique}
    return dict(zip(unique, parts, strict=True))


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def get_api_representation(self, value: Any, context: dict | None = None) -> str:
        return rich_text_html(value, context)

    class Meta:
        icon = "pilcrow"
        label = _("Text")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, label=_("Heading"))
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3")], default="h2", label=_("Level"))
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        label=_("Anchor"),
        help_text=_("Identifier for links to this heading; made from the heading when empty."),
    )

    def get_api_representation(self, value: Any, context: dict | None = None) -> dict:
        return {
            "text": value["text"],
            "level": value["level"],
            "anchor": slugify(value["anchor"] or value["text"])[:80],
        }

    class Meta:
        icon = "title"
        label = _("Heading")


# Callout, practical application and quote need no API method of their own: StructBlock answers each child's
# representation under its name, and RichTextBlock's is the display HTML.
class CalloutBlock(blocks.StructBlock):
    VARIANTS = [
        ("info", _("Information")),
        ("key-point", _("Key point")),
        ("warning", _("Warning")),
        ("covid-19", _("COVID-19 note")),
    ]
    variant = blocks.ChoiceBlock(choices=VARIANTS, default="info", label=_("Variant"))
    title = blocks.CharBlock(required=False, max_length=200, label=_("Title"))
    body = RichTextBlock(label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Callout")


class PracticalApplicationBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=250, label=_("Title"))
    country = blocks.CharBlock(required=False, max_length=120, label=_("Country or region"))
    text = RichTextBlock(label=_("Description"))

    class Meta:
        icon = "pick"
        label = _("Practical application")


class DataTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(max_length=250, label=_("Caption"))
    table = TableBlock(label=_("Table"))

    def get_api_representation(self, value: Any, context: dict | None = None) -> dict:
        table = value["table"] or {}
        rows = [[cell if cell is not None else "" for cell in row] for row in table.get("data") or []]
        has_header = bool(table.get("first_row_is_table_header")) and bool(rows)
        return {
            "caption": value["caption"],
            "header": rows[0] if has_header else [],
            "rows": rows[1:] if has_header else rows,
        }

    class Meta:
        icon = "table"
        label = _("Table")


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(required=False, max_length=200, label=_("Link text"))

    def get_api_representation(self, value: Any, context: dict | None = None) -> dict | None:
        document = value["document"]
        if document is None:  # deleted since the page was saved
            return None
        return {
            "id": document.pk,
            "title": document.title,
            "label": value["label"] or document.title,
            "url": document.url,
            "extension": document.file_extension.lower(),
            "size": document.file_size,
        }

    class Meta:
        icon = "download"
        label = _("Document download")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=2000, label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=250, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")


class GuidanceStreamBlock(blocks.StreamBlock):
    def get_api_representation(self, value: Any, context: dict | None = None) -> list:
        context = dict(context or {})
        if value and _output_format(context) == APIRichText.FORMAT_HTML:
            context[EXPANDED_RICH_TEXT] = expand_all(_rich_text_sources(value))
        return super().get_api_representation(value, context)

    text = RichTextBlock()
    heading = HeadingBlock()
    callout = CalloutBlock()
    practical_application = PracticalApplicationBlock()
    table = DataTableBlock()
    download = DocumentDownloadBlock()
    quote = QuoteBlock()
