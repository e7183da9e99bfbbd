"""New examples written in bulk: the import's fast path, for published examples (an editor migrating
vetted content) and for drafts entering moderation.

Wagtail creates and publishes a page through some 100 queries (tree insert, validation, revision, publish
action, audit log, signal receivers), about 85 ms a row: 10,000 imported rows took 14 minutes. Wagtail has no
bulk page API, so this module writes what those steps leave behind, a batch at a time, in a few queries per
table: the page and example rows in their tree, their many-to-many rows, one revision each (live and latest),
the audit log's "create" and "publish" entries, Wagtail's search and reference indexes; then it hands the
pages to the same follow-up work a publish triggers (the search read model, the frontend purge) once per
batch instead of once per page. Drafts get their submission record and their moderation workflow started
(``workflows.moderation.start_many``) instead of a publish.

Only new examples without attachments take this path; everything else (updates, rows with files) goes
through ``submissions.import_new``/``import_update``. The importer validated each row
exactly as a submission first (``SubmissionIn``, ``submissions.resolve``, ``submissions.apply_input``).
"""

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from modelcluster.models import get_all_child_relations
from treebeard.numconv import NumConv

from cms.headless import freshness, page_cache
from examples_library import submissions
from examples_library.events import examples_published
from examples_library.models import ExamplePage, ExamplesIndexPage
from examples_library.schemas import SubmissionIn
from workflows import moderation

logger = logging.getLogger(__name__)

MANY_TO_MANY = ("secondary_objectives", "principles", "actor_types")


@dataclass
class NewExample:
    """A validated row and the page made of it (``prepare``), not saved yet."""

    data: SubmissionIn
    refs: submissions.Resolved
    source_url: str
    page: ExamplePage


def prepare(
    user,
    index: ExamplesIndexPage,
    data: SubmissionIn,
    refs: submissions.Resolved,
    source_url: str,
    publish: bool,
) -> NewExample:
    """The page of a new example, built as a submission's is; raises ``SubmissionError`` as
    ``submissions.apply_input`` does (a title made of markup alone), before anything is written."""
    page = ExamplePage(
        owner=user,
        locale=index.locale,
        source_url=source_url,
        live=publish,
        has_unpublished_changes=not publish,
        translation_key=uuid.uuid4(),
    )
    # A new page has no comments or attachments: said in memory, serialising it (revision, reference index)
    # asks the database nothing.
    for relation in get_all_child_relations(page):
        setattr(page, relation.get_accessor_name(), [])
    submissions.apply_input(page, data, refs)
    page.draft_title = page.title
    page.slug = f"{slugify(page.title)[:60] or 'example'}-{uuid.uuid4().hex[:8]}"
    return NewExample(data, refs, source_url, page)


def insert_pages(index: Page, pages: Sequence[Page]) -> None:
    """Insert ``pages`` (instances of one concrete page model, fields set, no tree position yet) as the
    last children of ``index``, which the caller has locked (``select_for_update``). Sets each page's
    ``pk``, ``path``, ``depth`` and ``url_path``; writes the parent's child count."""
    if not pages:
        return  # an empty bulk insert is invalid SQL
    model = type(pages[0])
    numconv = NumConv(model.alphabet)
    last = index.get_last_child()
    start = (numconv.str2int(last.path[-model.steplen :]) if last else 0) + 1
    for offset, page in enumerate(pages):
        page.path = index.path + numconv.int2str(start + offset).rjust(model.steplen, "0")
        page.depth = index.depth + 1
        page.numchild = 0
        page.url_path = f"{index.url_path}{page.slug}/"
    # Django cannot bulk-create a multi-table model: the base rows go first, then each specific row with
    # the same id (Django's own ``_insert``, one statement for the batch, as ``bulk_create`` uses).
    base_fields = [f.attname for f in Page._meta.local_concrete_fields if f.name != "id"]
    base = Page.objects.bulk_create(
        [Page(**{name: getattr(p, name) for name in base_fields}) for p in pages], batch_size=500
    )
    for page, created in zip(pages, base, strict=True):
        page.page_ptr_id = page.id = created.pk
        page._state.adding = False
    model._base_manager._insert(list(pages), fields=model._meta.local_concrete_fields, using=connection.alias)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))
    index.numchild += len(pages)


def _many_to_many(pages: Sequence[ExamplePage]) -> None:
    for name in MANY_TO_MANY:
        field = ExamplePage._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = [
            through(**{f"{source}_id": page.pk, f"{target}_id": term.pk})
            for page in pages
            for term in getattr(page, name).all()
        ]
        through.objects.bulk_create(rows, batch_size=1000)


def _revisions(pages: Sequence[ExamplePage], user, now, live: bool) -> list[Revision]:
    page_type = ContentType.objects.get_for_model(ExamplePage)
    base_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=page_type,
                base_content_type=base_type,
                object_id=str(page.pk),
                user=user,
                created_at=now,
                content=page.serializable_data(),
                object_str=str(page),
            )
            for page in pages
        ],
        batch_size=500,
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision if live else None
        page.latest_revision_created_at = now
    Page.objects.bulk_update(
        pages, ["latest_revision", "live_revision", "latest_revision_created_at"], batch_size=500
    )
    return revisions


def _audit_log(
    pages: Sequence[ExamplePage], revisions: Sequence[Revision], user, now, published: bool
) -> None:
    """The entries Wagtail writes when an editor creates (and publishes) a page, naming the importing
    user; a draft's start of moderation is logged by ``moderation.start_many``."""
    page_type = ContentType.objects.get_for_model(ExamplePage, for_concrete_model=False)
    context = get_active_log_context()
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        common = {
            "content_type": page_type,
            "label": page.get_admin_display_title(),
            "timestamp": now,
            "user": user,
            "uuid": context.uuid,
            "page_id": page.pk,
        }
        entries.append(PageLogEntry(action="wagtail.create", data={}, **common))
        if published:
            entries.append(
                PageLogEntry(
                    action="wagtail.publish", data={}, revision=revision, content_changed=True, **common
                )
            )
    PageLogEntry.objects.bulk_create(entries, batch_size=1000)


def _indexes(pages: Sequence[ExamplePage]) -> None:
    """Wagtail's post_save receivers index each saved page (search, references); a bulk insert sends no
    signal. The references of a new page are all new: what ``ReferenceIndex.create_or_update_for_object``
    would insert, one statement for the batch instead of a lookup and an insert per page.

    A database backend is written in the transaction. A remote engine (Elasticsearch, OpenSearch) gets the
    batch after the commit: no transaction waits on a network call, and an engine that is down costs the
    import nothing (``manage.py update_index`` catches it up), as Wagtail's own indexing tasks would."""
    for backend in get_search_backends(with_auto_update=True):
        if ".database" in type(backend).__module__:
            backend.add_bulk(ExamplePage, list(pages))
        else:
            transaction.on_commit(partial(_add_to_engine, backend, list(pages)))
    page_type = ContentType.objects.get_for_model(ExamplePage, for_concrete_model=False)
    base_type = ContentType.objects.get_for_model(Page)
    references = [
        ReferenceIndex(
            content_type=page_type,
            base_content_type=base_type,
            object_id=page.pk,
            to_content_type_id=to_type,
            to_object_id=to_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for page in pages
        for to_type, to_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        )
    ]
    ReferenceIndex.objects.bulk_create(references, batch_size=1000)


def _add_to_engine(backend, pages: list[ExamplePage]) -> None:
    try:
        backend.add_bulk(ExamplePage, pages)
    except Exception:  # noqa: BLE001 - any engine failure: the pages are saved; update_index catches up
        logger.warning("The search engine did not take %d imported examples", len(pages), exc_info=True)


def _after_commit(pages: Sequence[ExamplePage]) -> None:
    """What the page_published receivers do for one page (frontend purge, search read model), once for
    the batch."""
    examples_published.send(sender=ExamplePage, pages=list(pages))
    page_cache.pages_published(pages)
    if settings.WAGTAILFRONTENDCACHE:  # purging is off: not even a query
        freshness.schedule_purge(ExamplePage.stale_paths_of(pages))


def _write(
    user, index: ExamplesIndexPage, items: Sequence[NewExample], publish: bool
) -> tuple[list[ExamplePage], list[Revision]]:
    index = ExamplesIndexPage.objects.select_for_update().get(pk=index.pk)
    now = timezone.now()
    page_type = ContentType.objects.get_for_model(ExamplePage)
    pages = [item.page for item in items]
    for page in pages:
        page.content_type = page_type
        if publish:
            page.first_published_at = page.last_published_at = now
    insert_pages(index, pages)
    _many_to_many(pages)
    revisions = _revisions(pages, user, now, live=publish)
    _audit_log(pages, revisions, user, now, published=publish)
    _indexes(pages)
    return pages, revisions


@transaction.atomic
def publish_new(user, index: ExamplesIndexPage, items: Sequence[NewExample]) -> list[ExamplePage]:
    """Create and publish the prepared examples (``prepare(publish=True)``) under ``index`` (all of them
    in its locale), as one transaction: all of them or none."""
    pages, _revisions = _write(user, index, items, publish=True)
    _after_commit(pages)
    return pages


@transaction.atomic
def submit_new(user, index: ExamplesIndexPage, items: Sequence[NewExample]) -> list[ExamplePage]:
    """Create the prepared drafts (``prepare(publish=False)``) under ``index`` and send them into
    moderation as ``submissions.import_new`` does: a submission in screening, submitted by the importing
    user, and the library's workflow started at screening. All of them or none."""
    pages, revisions = _write(user, index, items, publish=False)
    submissions.imported_many(
        user, [(page, item.data.language) for page, item in zip(pages, items, strict=True)]
    )
    moderation.start_many(pages, revisions, user)
    return pages
