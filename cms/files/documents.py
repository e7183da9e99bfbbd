"""Documents that need permission: where their files live and how they are served.

A document in a collection with a view restriction (or below one) is private: its file is kept in private
storage (``cms.files.storage``, outside ``MEDIA_ROOT``), and only the document view serves it, to whoever the
restriction lets in and to the account that uploaded it (a contributor reading their own submission's files),
with ``Cache-Control: private, no-store`` so that no shared cache, the frontend's included, keeps a copy.
"""

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from wagtail.documents.models import Document
from wagtail.models import Collection

from cms.files.storage import PRIVATE_PREFIX, is_private_name


def restricted_collection_ids() -> set[int]:
    """Collections whose documents need permission: those with a view restriction and their descendants."""
    restricted = Collection.objects.filter(view_restrictions__isnull=False).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for path in set(restricted):
        condition |= Q(path__startswith=path)
    return set(Collection.objects.filter(condition).values_list("pk", flat=True))


def _move_file(document: Document, to_private: bool) -> None:
    storage = document.file.storage
    old = document.file.name
    target = PRIVATE_PREFIX + old if to_private else old[len(PRIVATE_PREFIX) :]
    with storage.open(old) as content:
        new = storage.save(target, content, max_length=document.file.field.max_length)
    Document.objects.filter(pk=document.pk).update(file=new)
    document.file.name = new
    # The old copy goes only once the new name is committed: a rollback keeps a file the row points at.
    transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def place_files(documents=None) -> int:
    """Put each document's file on the side its collection asks for: private storage for documents that need
    permission, public storage for the others. Idempotent; returns how many files moved. ``documents``
    defaults to every document (``manage.py place_document_files``, run by ``make migrate``)."""
    restricted = restricted_collection_ids()
    moved = 0
    queryset = Document.objects.all() if documents is None else documents
    for document in queryset.order_by("pk").iterator():
        private = document.collection_id in restricted
        name = document.file.name
        if private != is_private_name(name) and document.file.storage.exists(name):
            _move_file(document, private)
            moved += 1
    return moved


def needs_permission(document: Document) -> bool:
    return is_private_name(document.file.name) or document.collection_id in restricted_collection_ids()


def may_read(document: Document, request: HttpRequest) -> bool:
    user = request.user
    if user.is_authenticated and document.uploaded_by_user_id == user.pk:
        return True
    return all(
        restriction.accept_request(request) for restriction in document.collection.get_view_restrictions()
    )


def serve_private(document: Document, request: HttpRequest) -> HttpResponse | None:
    """The response for a document that needs permission and that ``request`` may read; None otherwise, so
    that Wagtail's own restriction check answers (sign-in page, or the public file as usual)."""
    if not needs_permission(document) or not may_read(document, request):
        return None
    # Wagtail takes a hook's answer only if it is an HttpResponse (a FileResponse streams, and is ignored), so
    # the file is read whole: attachments are at most 10 MB (examples_library.attachments.MAX_BYTES).
    with document.file.open("rb") as file:
        response = HttpResponse(file.read(), content_type=document.content_type)
    response["Content-Disposition"] = document.content_disposition
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
