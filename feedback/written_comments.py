"""Written comments imported from a Word document: a Member State returns the guidance as a .docx with review
comments; each comment becomes recorded feedback (channel "written comments") on the numbered paragraph it
is anchored to.

A comment is anchored to the text between its ``w:commentRangeStart`` and ``w:commentRangeEnd``. It is
matched to the first numbered paragraph (guidance_pages.numbering) of the chosen pages whose text contains
that text, whitespace and case aside; failing that, to the paragraph that contains the whole Word paragraph
the comment starts in. A comment matching nothing is recorded against the chosen pages as a whole, so that
no feedback is lost, and reported so that an editor can place it.

python-docx reads the comments (``Document.comments``); the anchors it does not expose, so they are read
from the body's XML in document order.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import Page

import docx
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import OpcError
from lxml import etree

from examples_library.attachments import detect
from feedback import register
from feedback.models import Channel, RecordedFeedback
from guidance_pages.numbering import paragraph_numbers

MAX_BYTES = 10 * 1024 * 1024  # a reviewed guidance chapter is well under 1 MB; the same cap as attachments
MAX_COMMENTS = 2000  # more is not a review but a mistake; refused rather than recorded one by one
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class WrittenCommentsError(ValueError):
    """A document that cannot be imported; the message says why, for the person who uploaded it."""


@dataclass
class WordComment:
    comment_id: int
    author: str
    text: str
    anchor: str = ""  # the commented text
    anchor_paragraph: str = ""  # the whole Word paragraph the comment starts in


@dataclass(frozen=True)
class NumberedParagraph:
    page: Page
    block_id: str
    number: str
    text: str  # normalised


@dataclass
class ImportReport:
    matched: list[tuple[RecordedFeedback, NumberedParagraph]] = field(default_factory=list)
    unmatched: list[tuple[RecordedFeedback, WordComment]] = field(default_factory=list)


def normalise(text: str) -> str:
    """Text as compared: Word's typographic quotes and non-breaking spaces as typed, whitespace collapsed,
    case folded."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def _paragraph_text(paragraph: etree._Element) -> str:
    return "".join(node.text or "" for node in paragraph.iter(f"{W}t"))


def _anchors(body: etree._Element) -> tuple[dict[int, str], dict[int, str]]:
    """Comment id -> commented text, and comment id -> the Word paragraph where its range (or, for a comment
    on a point, its reference) is."""
    texts: dict[int, list[str]] = {}
    paragraphs: dict[int, str] = {}
    open_ids: set[int] = set()
    for node in body.iter():
        tag = node.tag
        if tag in (f"{W}commentRangeStart", f"{W}commentReference"):
            try:
                comment_id = int(node.get(f"{W}id"))
            except (TypeError, ValueError):
                continue
            if comment_id not in paragraphs:
                parent = next(node.iterancestors(f"{W}p"), None)
                paragraphs[comment_id] = _paragraph_text(parent) if parent is not None else ""
            if tag == f"{W}commentRangeStart":
                open_ids.add(comment_id)
                texts.setdefault(comment_id, [])
        elif tag == f"{W}commentRangeEnd":
            try:
                open_ids.discard(int(node.get(f"{W}id")))
            except (TypeError, ValueError):
                continue
        elif tag == f"{W}t":
            for comment_id in open_ids:
                texts[comment_id].append(node.text or "")
        elif tag in (f"{W}tab", f"{W}br", f"{W}p"):
            for comment_id in open_ids:  # a range across paragraphs reads as text with a space between
                texts[comment_id].append(" ")
    return {key: "".join(parts) for key, parts in texts.items()}, paragraphs


def read_comments(content: bytes) -> list[WordComment]:
    """The comments of a .docx with their anchors; refuses anything that is not a readable Word document."""
    if len(content) > MAX_BYTES:
        raise WrittenCommentsError(
            _("The document is larger than %(size)d MB.") % {"size": MAX_BYTES // 2**20}
        )
    if detect(content) != "docx":
        raise WrittenCommentsError(
            _("This file is not a Word document (.docx). Save it in Word as a .docx and upload it again.")
        )
    try:
        document = docx.Document(io.BytesIO(content))
        anchors, paragraphs = _anchors(document.element.body)
        comments = [
            WordComment(
                comment_id=comment.comment_id,
                author=comment.author or "",
                text=comment.text.strip(),
                anchor=anchors.get(comment.comment_id, ""),
                anchor_paragraph=paragraphs.get(comment.comment_id, ""),
            )
            for comment in document.comments
        ]
    # python-docx reads a malformed package with whatever error its parser meets first (a missing part is a
    # KeyError, an unexpected element an AttributeError): each means the file is not a readable document.
    except (
        OpcError,
        PythonDocxError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        AttributeError,
        TypeError,
        etree.LxmlError,
    ):
        raise WrittenCommentsError(
            _("The Word document could not be read (damaged?). Save it again as a .docx and retry.")
        ) from None
    if not comments:
        raise WrittenCommentsError(_("The document has no comments to import."))
    if len(comments) > MAX_COMMENTS:
        raise WrittenCommentsError(
            _("The document has more than %(count)d comments.") % {"count": MAX_COMMENTS}
        )
    return comments


def numbered_paragraphs(pages: Sequence[Page]) -> list[NumberedParagraph]:
    """The numbered paragraphs of the pages' live content, in order, with their text as readers see it."""
    paragraphs = []
    for page in pages:
        numbers = paragraph_numbers(page)
        for block in page.specific.body:
            if block.id in numbers:
                text = " ".join(str(part) for part in block.block.get_searchable_content(block.value))
                paragraphs.append(NumberedParagraph(page, block.id, numbers[block.id], normalise(text)))
    return paragraphs


def match(comment: WordComment, paragraphs: Sequence[NumberedParagraph]) -> NumberedParagraph | None:
    for wanted in (normalise(comment.anchor), normalise(comment.anchor_paragraph)):
        if wanted:
            found = next((paragraph for paragraph in paragraphs if wanted in paragraph.text), None)
            if found is not None:
                return found
    return None


@transaction.atomic
def import_document(
    user: AbstractBaseUser,
    content: bytes,
    file_name: str,
    *,
    pages: Sequence[Page],
    received_on: date,
    language: str,
    **origin,
) -> ImportReport:
    """Records each comment of the document as written-comments feedback on its paragraph (``origin``: the
    country or organisation, discussion, on behalf of); all or nothing."""
    if not pages:
        raise WrittenCommentsError(_("Choose the guidance page(s) the document reviews."))
    comments = read_comments(content)
    paragraphs = numbered_paragraphs(pages)
    report = ImportReport()
    for comment in comments:
        found = match(comment, paragraphs)
        references = [(found.page, found.block_id)] if found else [(page, "") for page in pages]
        item = register.record(
            user,
            channel=Channel.WRITTEN,
            text=comment.text or _("(empty comment)"),
            received_on=received_on,
            references=references,
            language=language,
            author=comment.author[:255],
            source=file_name[:255],
            **origin,
        )
        if found:
            report.matched.append((item, found))
        else:
            report.unmatched.append((item, comment))
    return report
