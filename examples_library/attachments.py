"""Attachments of submitted examples: checked by their content, stored privately until publication.

A file is accepted only when its bytes are a PDF, DOCX, XLSX, PNG or JPEG, whatever its name or the MIME type
the client claims; its stored name is rebuilt from a sanitized stem and the detected extension. A PDF with
active content (scripts, automatic or launch actions, embedded files, multimedia, XFA forms) is refused: it
would run in the readers' viewers once published (ADR 0075).

Private means two things that must agree: the document is in a collection with a view restriction (Wagtail's
serve view asks for permission), and its file is in private storage (``cms.files.storage``: outside
``MEDIA_ROOT``, no public URL). ``cms.files.documents.place_files`` makes the second follow the first;
publication and unpublication of an example move its attachments between the collections and then their files.
"""

import io
import zipfile
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from cms.accounts.roles import STAFF_GROUPS
from cms.files.documents import place_files
from cms.files.storage import PRIVATE_PREFIX

MAX_FILES = 5
MAX_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # an OOXML file that inflates beyond this is treated as a zip bomb
PRIVATE_COLLECTION = "Example submissions (private)"
PUBLIC_COLLECTION = "Examples library"


class AttachmentError(ValueError):
    pass


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content: bytes


def _ooxml_kind(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
                return None
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def detect(content: bytes) -> str | None:
    """The extension that the bytes really are, or None."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if content.startswith(b"PK\x03\x04"):
        return _ooxml_kind(content)
    return None


# What a viewer may run or open by itself, named for the refusal. Names are compared as pypdf decodes them, so
# /J#61vaScript is /JavaScript, and objects inside object streams are read like any other.
ACTIVE_KEYS = {
    "/JavaScript": gettext_lazy("JavaScript"),
    "/JS": gettext_lazy("JavaScript"),
    "/AA": gettext_lazy("actions that run by themselves"),
    "/Launch": gettext_lazy("an action that starts a program"),
    "/EmbeddedFile": gettext_lazy("embedded files"),
    "/EmbeddedFiles": gettext_lazy("embedded files"),
    "/RichMedia": gettext_lazy("multimedia content"),
    "/RichMediaContent": gettext_lazy("multimedia content"),
    "/XFA": gettext_lazy("an XFA form"),
}
ACTIVE_ACTIONS = {  # values of an action's /S
    "/JavaScript": gettext_lazy("JavaScript"),
    "/Launch": gettext_lazy("an action that starts a program"),
    "/ImportData": gettext_lazy("actions that run by themselves"),
    "/SubmitForm": gettext_lazy("actions that run by themselves"),
    "/RichMediaExecute": gettext_lazy("multimedia content"),
    "/GoToE": gettext_lazy("embedded files"),
}
ACTIVE_TYPES = {  # values of /Type or /Subtype
    "/EmbeddedFile": gettext_lazy("embedded files"),
    "/FileAttachment": gettext_lazy("embedded files"),
    "/RichMedia": gettext_lazy("multimedia content"),
}
MAX_PDF_OBJECTS = 200_000  # a file with more is refused rather than walked for ever


class _Unreadable(Exception):
    pass


def pdf_active_content(content: bytes) -> str | None:
    """What active content the PDF holds (a phrase for the refusal), or None. Walks every object reachable
    from the trailer, which is everything a viewer can act on; raises ``_Unreadable`` when the file cannot be
    parsed, since what cannot be read cannot be vouched for."""
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _Unreadable
        stack: list = [reader.trailer]
        seen: set[tuple[int, int]] = set()
        while stack:
            obj = stack.pop()
            if isinstance(obj, IndirectObject):
                key = (obj.idnum, obj.generation)
                if key in seen:
                    continue
                seen.add(key)
                if len(seen) > MAX_PDF_OBJECTS:
                    raise _Unreadable
                obj = obj.get_object()
            if isinstance(obj, DictionaryObject):  # stream dictionaries too (their data is not decoded)
                for name, value in obj.items():
                    if name in ACTIVE_KEYS:
                        return str(ACTIVE_KEYS[name])
                    if name == "/S" and value in ACTIVE_ACTIONS:
                        return str(ACTIVE_ACTIONS[value])
                    if name in ("/Type", "/Subtype") and value in ACTIVE_TYPES:
                        return str(ACTIVE_TYPES[value])
                    if name == "/OpenAction":
                        action = value.get_object() if isinstance(value, IndirectObject) else value
                        kind = action.get("/S") if isinstance(action, DictionaryObject) else None
                        if kind in ACTIVE_ACTIONS:
                            return str(ACTIVE_ACTIONS[kind])
                        if kind not in (None, "/GoTo"):
                            # anything but a jump to a page of the document (how most PDFs open at page 1)
                            return str(ACTIVE_KEYS["/AA"])
                    stack.append(value)
            elif isinstance(obj, ArrayObject):
                stack.extend(obj)
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, RecursionError, NotImplementedError):
        # pypdf's own errors and what malformed objects make it raise while being walked
        raise _Unreadable from None
    return None


def _check_pdf(content: bytes, name: str) -> None:
    try:
        active = pdf_active_content(content)
    except _Unreadable:
        raise AttachmentError(
            _("%(name)s could not be read as a PDF (damaged or encrypted). Save it again as a PDF and retry.")
            % {"name": name}
        ) from None
    if active:
        raise AttachmentError(
            _(
                "%(name)s contains %(what)s. PDFs with scripts, automatic actions or embedded files are not "
                "accepted: export or print it again as a plain PDF."
            )
            % {"name": name, "what": active}
        )


def safe_name(original: str, extension: str) -> str:
    base = (original or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = "".join(ch for ch in stem if ch.isprintable() and ch not in "\x00")
    stem = get_valid_filename(stem.strip(" .")[:80]) if stem.strip(" .") else ""
    stem = stem.lstrip(".-") or "attachment"
    return f"{stem}.{extension}"


def check(uploads: list[UploadedFile]) -> list[CheckedFile]:
    if len(uploads) > MAX_FILES:
        raise AttachmentError(_("At most %(count)d attachments are allowed.") % {"count": MAX_FILES})
    checked = []
    for upload in uploads:
        if upload.size is not None and upload.size > MAX_BYTES:
            raise AttachmentError(
                _("%(name)s is larger than %(size)d MB.")
                % {"name": safe_name(upload.name, "…"), "size": MAX_BYTES // 2**20}
            )
        content = upload.read(MAX_BYTES + 1)
        if len(content) > MAX_BYTES:
            raise AttachmentError(
                _("An attachment is larger than %(size)d MB.") % {"size": MAX_BYTES // 2**20}
            )
        extension = detect(content)
        if extension is None:
            raise AttachmentError(
                _("%(name)s is not a PDF, Word (DOCX), Excel (XLSX), PNG or JPEG file.")
                % {"name": safe_name(upload.name, "")[:-1] or "attachment"}
            )
        if extension == "pdf":
            _check_pdf(content, safe_name(upload.name, extension))
        checked.append(
            CheckedFile(name=safe_name(upload.name, extension), extension=extension, content=content)
        )
    return checked


def private_collection() -> Collection:
    """Submitted files live here until publication; only staff groups may open them."""
    collection = Collection.objects.filter(name=PRIVATE_COLLECTION, depth=2).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=PRIVATE_COLLECTION)
    restriction, _created = CollectionViewRestriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": CollectionViewRestriction.GROUPS}
    )
    if restriction.restriction_type != CollectionViewRestriction.GROUPS:
        restriction.restriction_type = CollectionViewRestriction.GROUPS
        restriction.save()
    restriction.groups.set(Group.objects.filter(name__in=STAFF_GROUPS))
    return collection


def public_collection() -> Collection:
    collection = Collection.objects.filter(name=PUBLIC_COLLECTION, depth=2).first()
    return collection or Collection.get_first_root_node().add_child(name=PUBLIC_COLLECTION)


def store(checked: CheckedFile, title: str, user) -> Document:
    document = Document(title=title[:255], collection=private_collection(), uploaded_by_user=user)
    field = document.file.field
    name = PRIVATE_PREFIX + field.generate_filename(document, checked.name)
    document.file.name = field.storage.save(name, ContentFile(checked.content), max_length=field.max_length)
    document._set_document_file_metadata()
    document.save()
    return document


def _documents_of(page):
    return Document.objects.filter(pk__in=page.attachments.values_list("document_id", flat=True))


@transaction.atomic
def publish_attachments(page) -> None:
    """A published example's attachments become public: public collection, public storage."""
    _documents_of(page).update(collection=public_collection())
    place_files(_documents_of(page))


@transaction.atomic
def withdraw_attachments(page) -> None:
    """An unpublished example's attachments are private again: staff only, out of the media folder."""
    _documents_of(page).update(collection=private_collection())
    place_files(_documents_of(page))
