"""Keeping the read model in step with published pages: one entry per live, public page we list."""

import logging
from functools import partial

from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils.html import strip_tags

from wagtail.models import Page

from cms.headless.frontend import frontend_path
from examples_library.models import ExamplePage
from examples_library.transfer import publishing
from guidance_pages import facts
from search.breaker import engine_breaker
from search.fulltext import backend_is_remote, rebuild_fts5, update_vectors, uses_vectors
from search.listing import relist, relist_everything
from search.models import IndexOutbox, SearchChange, SearchEntry, SearchVersion

logger = logging.getLogger(__name__)

PRINCIPLE_KEYS = [principle["key"] for principle in facts.guiding_principles()]
GUIDANCE_TYPES = {"homepage", "guidepage", "chapterpage", "steppage", "bookletpage", "objectivepage"}
MAX_TEXT = 20000


# Sent when an entry waits in the outbox for a down engine. Draining it is background work (search.tasks,
# which runs this module's syncs): the receiver in search.signals schedules it, so that this module does not
# import the task module back.
entry_queued = Signal()


def objective_bit(number: int) -> int:
    return 1 << number


def principle_bit(key: str) -> int:
    return 1 << PRINCIPLE_KEYS.index(key) if key in PRINCIPLE_KEYS else 0


def _stream_text(stream) -> str:
    parts = []
    for block in stream or []:
        value = block.value
        values = value.values() if hasattr(value, "values") else [value]
        for item in values:
            source = getattr(item, "source", item)
            if isinstance(source, str):
                parts.append(strip_tags(source))
    return " ".join(parts)


def entry_fields(page: Page) -> dict | None:
    """The row for ``page``, or None when the page does not belong in search."""
    specific = page.specific
    model = specific._meta.model_name
    common = {
        "locale": page.locale.language_code,
        "translation_key": page.translation_key,
        "title": page.title[:255],
        "path": frontend_path(page)[:500],
        "page_type": model,
        "published_at": page.last_published_at or page.first_published_at,
    }
    if isinstance(specific, ExamplePage):
        secondary = [o.number for o in specific.secondary_objectives.all()]
        mask = objective_bit(specific.primary_objective.number)
        for number in secondary:
            mask |= objective_bit(number)
        principles = 0
        for principle in specific.principles.all():
            principles |= principle_bit(principle.key)
        text = " ".join(
            [
                strip_tags(specific.body),
                specific.outcomes,
                specific.lessons,
                specific.main_implementer,
                specific.partners,
            ]
        )
        return {
            **common,
            "item_type": SearchEntry.ItemType.EXAMPLE,
            "summary": specific.summary,
            "text": text[:MAX_TEXT],
            "example_kind": specific.kind,
            "language": specific.submission_language,
            "primary_objective": specific.primary_objective.number,
            "objectives": mask,
            "principles": principles,
            "country": specific.country.iso2 if specific.country else "",
            "country_name": specific.country.name if specific.country else "",
            "region": specific.region.key if specific.region else "",
            "subregion": specific.subregion.key if specific.subregion else "",
            "start_year": specific.start_year,
            "end_year": specific.end_year,
            "pilot": specific.pilot_country,
        }
    if model in GUIDANCE_TYPES:
        objective = getattr(specific, "objective", None)
        return {
            **common,
            "item_type": SearchEntry.ItemType.GUIDANCE,
            "summary": getattr(specific, "summary", ""),
            "text": _stream_text(getattr(specific, "body", None))[:MAX_TEXT],
            "language": page.locale.language_code,
            "primary_objective": objective.number if objective else None,
            "objectives": objective_bit(objective.number) if objective else 0,
        }
    return None


# Change log rows kept for workers whose facet index is behind (search.facets); one further behind rebuilds.
CHANGES_KEPT = 50_000


def bump_version() -> None:
    updated = SearchVersion.objects.filter(pk=1).update(value=F("value") + 1)
    if not updated:
        SearchVersion.objects.get_or_create(pk=1, defaults={"value": 1})
    latest = SearchChange.objects.order_by("-pk").values_list("pk", flat=True).first()
    if latest and latest > CHANGES_KEPT:
        SearchChange.objects.filter(pk__lte=latest - CHANGES_KEPT).delete()


def current_version() -> int:
    return SearchVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0


EXAMPLE = SearchEntry.ItemType.EXAMPLE


@transaction.atomic
def sync_page(page_id: int, *, bump: bool = True, examples_changed: set[str] | None = None) -> str:
    """Create, update or remove the entry of one page; returns what it did ("unchanged" when the row is
    already right, e.g. a descendant of a republished parent). ``bump=False`` leaves the version bump to a
    caller that syncs many pages (one bump per publish event, not one per descendant); that caller also
    collects in ``examples_changed`` the languages whose published examples changed, for the open data."""
    languages = set()
    page = Page.objects.live().public().filter(pk=page_id).select_related("locale").first()
    fields = entry_fields(page) if page is not None else None
    if fields is None:
        gone = list(SearchEntry.objects.filter(page_id=page_id))
        for entry in gone:
            send_to_backends(entry, delete=True)
        languages = {entry.locale for entry in gone if entry.item_type == EXAMPLE}
        deleted, _detail = SearchEntry.objects.filter(page_id=page_id).delete()
        outcome = "removed" if deleted else "skipped"
        # Its translations take its place in the languages where it was listed.
        relist(entry.translation_key for entry in gone if entry.item_type == EXAMPLE)
    else:
        existing = SearchEntry.objects.filter(page_id=page_id).first()
        if existing is not None and all(getattr(existing, name) == value for name, value in fields.items()):
            return "unchanged"
        entry, created = SearchEntry.objects.update_or_create(page_id=page_id, defaults=fields)
        update_vectors([entry.pk])
        send_to_backends(entry)
        if fields["item_type"] == EXAMPLE:
            languages = {fields["locale"]}
            relist([entry.translation_key])
        outcome = "created" if created else "updated"
    if outcome == "skipped":
        return outcome
    if bump:
        bump_version()
        published_examples_changed(languages)
    elif examples_changed is not None:
        examples_changed.update(languages)
    return outcome


def published_examples_changed(languages: set[str]) -> None:
    """The open-data files of these languages are stale: examples_library rebuilds them in the background."""
    if languages:
        publishing.published_set_changed(sorted(languages))


def send_to_backends(entry: SearchEntry, *, delete: bool = False) -> None:
    """Hand one entry (or its removal) to each auto-updated search backend.

    A database backend is part of the transaction and may fail it. A remote engine may not: it gets the
    entry after the commit, so that no transaction (on SQLite, the one lock every writer waits for) spans a
    network call; its failure is recorded in the outbox and a retry is scheduled, so publishing never waits
    on or fails because of it.
    """
    from wagtail.search.backends import get_search_backends_with_name

    for name, backend in get_search_backends_with_name(with_auto_update=True):
        if not backend_is_remote(backend):
            if not uses_vectors():  # on PostgreSQL the entry's own tsvector columns are the index
                _send(backend, entry, delete)
            continue
        transaction.on_commit(partial(_send_to_engine, name, backend, entry, delete))


def send_many_to_backends(entries: list[SearchEntry]) -> None:
    """``send_to_backends`` for new or changed entries of one batch: a database backend takes them in one
    bulk call; a remote engine gets each after the commit, as one entry would."""
    from wagtail.search.backends import get_search_backends_with_name

    if not entries:
        return
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        if not backend_is_remote(backend):
            if not uses_vectors():
                backend.add_bulk(SearchEntry, entries)
            continue
        for entry in entries:
            transaction.on_commit(partial(_send_to_engine, name, backend, entry, False))


def _send(backend, entry: SearchEntry, delete: bool) -> None:
    if delete:
        backend.delete(entry)
    else:
        backend.add(entry)


def _send_to_engine(name: str, backend, entry: SearchEntry, delete: bool) -> None:
    if not engine_breaker.allow():  # down a moment ago: queue without waiting for its timeout again
        record_in_outbox(entry.pk, "skipped: the search engine failed recently")
        return
    try:
        _send(backend, entry, delete)
    except Exception as error:  # noqa: BLE001 - any engine failure: catch up later
        engine_breaker.failed()
        logger.warning("Search engine %r unavailable; entry %s queued", name, entry.pk, exc_info=True)
        record_in_outbox(entry.pk, error)
    else:
        engine_breaker.succeeded()


def record_in_outbox(entry_id: int, error: Exception | str) -> None:
    IndexOutbox.objects.update_or_create(entry_id=entry_id, defaults={"last_error": str(error)[:1000]})
    entry_queued.send(sender=IndexOutbox, entry_id=entry_id)


def drain_outbox(limit: int = 500) -> tuple[int, int]:
    """Hand queued entries to the remote engines, oldest first; stop at the first failure (the engine is
    still down). Returns (handed over, still queued)."""
    from wagtail.search.backends import get_search_backends

    engines = [
        backend for backend in get_search_backends(with_auto_update=True) if backend_is_remote(backend)
    ]
    done = 0
    for item in IndexOutbox.objects.order_by("queued_at", "pk")[:limit]:
        entry = SearchEntry.objects.filter(pk=item.entry_id).first()
        try:
            for engine in engines:
                if entry is None:
                    engine.delete(SearchEntry(pk=item.entry_id))
                else:
                    engine.add(entry)
        except Exception as error:  # noqa: BLE001 - still down: keep the item for the next attempt
            engine_breaker.failed()
            IndexOutbox.objects.filter(pk=item.pk).update(
                attempts=item.attempts + 1, last_error=str(error)[:1000]
            )
            break
        engine_breaker.succeeded()
        # Unless it was queued again meanwhile (a newer change that failed too).
        IndexOutbox.objects.filter(pk=item.pk, queued_at=item.queued_at).delete()
        done += 1
    return done, IndexOutbox.objects.count()


def sync_tree(page_id: int) -> int:
    """A moved or (un)published page takes its descendants' paths and visibility with it. Every cached
    search answer is invalidated once at the end, and only if a row changed: publishing the examples index
    used to bump the version once per example (6,002 bumps, search 5-10x slower for 83 s)."""
    root = Page.objects.filter(pk=page_id).first()
    ids = (
        [page_id]
        if root is None
        else list(Page.objects.descendant_of(root, inclusive=True).values_list("pk", flat=True))
    )
    languages = _sync_many(ids)
    # A republished example whose read-model row did not change (a field search does not keep, e.g. its
    # sources) still changes its open-data row.
    root = SearchEntry.objects.filter(page_id=page_id, item_type=EXAMPLE)
    languages.update(root.values_list("locale", flat=True)[:1])
    published_examples_changed(languages)
    return len(ids)


def sync_pages(page_ids: list[int]) -> int:
    """Sync the pages of a batch (a bulk import's), as ``sync_tree`` syncs a subtree."""
    published_examples_changed(_sync_many(page_ids))
    return len(page_ids)


def _sync_many(page_ids: list[int]) -> set[str]:
    """Sync each page, then invalidate every cached search answer once if a row changed. Live examples,
    most of any batch, are synced together (``_sync_examples``); every other page by ``sync_page``.
    Returns the languages whose published examples changed, for the open data."""
    languages: set[str] = set()
    examples = _sync_examples(page_ids, languages)
    outcomes = [
        sync_page(page_id, bump=False, examples_changed=languages)
        for page_id in page_ids
        if page_id not in examples
    ]
    if any(outcome in ("created", "updated", "removed") for outcome in [*examples.values(), *outcomes]):
        bump_version()
    return languages


@transaction.atomic
def _sync_examples(page_ids: list[int], languages: set[str]) -> dict[int, str]:
    """``sync_page`` for the live, public examples among ``page_ids``, in a few queries for all of them
    instead of some fifteen each (a bulk import's batch of 250 took 6 s). Returns what it did per page and
    adds the languages of the rows it changed to ``languages``."""
    pages = list(
        ExamplePage.objects.live()
        .public()
        .filter(pk__in=page_ids)
        .select_related("locale", "primary_objective", "country", "region", "subregion")
        .prefetch_related("secondary_objectives", "principles")
    )
    existing = {
        entry.page_id: entry for entry in SearchEntry.objects.filter(page_id__in=[p.pk for p in pages])
    }
    outcomes: dict[int, str] = {}
    created, updated = [], []
    for page in pages:
        fields = entry_fields(page)
        entry = existing.get(page.pk)
        if entry is None:
            created.append(SearchEntry(page_id=page.pk, **fields))
            outcomes[page.pk] = "created"
        elif all(getattr(entry, name) == value for name, value in fields.items()):
            outcomes[page.pk] = "unchanged"
            continue
        else:
            for name, value in fields.items():
                setattr(entry, name, value)
            updated.append(entry)
            outcomes[page.pk] = "updated"
        languages.add(fields["locale"])
    created = SearchEntry.objects.bulk_create(created, batch_size=500)
    if updated:
        SearchEntry.objects.bulk_update(updated, list(entry_fields(pages[0])), batch_size=500)
    changed = [*created, *updated]
    relist(entry.translation_key for entry in changed)
    update_vectors([entry.pk for entry in changed])
    send_many_to_backends(changed)
    return outcomes


def reindex_fulltext(chunk: int = 1000) -> int:
    """Give every entry to each configured search backend now (the rebuild must not wait for a worker)."""
    from wagtail.search.backends import get_search_backends

    update_vectors()
    rebuild_fts5()
    entries = SearchEntry.objects.order_by("pk")
    total = 0
    for backend in get_search_backends():
        if uses_vectors() and not backend_is_remote(backend):
            # On PostgreSQL the read model's own tsvector columns answer (search.fulltext); indexing
            # 100,000 entries again into Wagtail's database backend would only cost time.
            continue
        backend.get_index_for_model(SearchEntry).add_model(SearchEntry)
        for start in range(0, entries.count(), chunk):
            batch = list(entries[start : start + chunk])
            backend.add_bulk(SearchEntry, batch)
            total += len(batch)
    return total


def expected_entries() -> dict[int, dict]:
    pages = Page.objects.live().public().select_related("locale").specific()
    result = {}
    for page in pages:
        if isinstance(page, ExamplePage) or page._meta.model_name in GUIDANCE_TYPES:
            fields = entry_fields(page)
            if fields is not None:
                result[page.pk] = fields
    return result


def rebuild(fix: bool = True) -> dict[str, int]:
    """Compare the read model with the pages, report the drift, and (by default) fix it."""
    expected = expected_entries()
    actual = {entry.page_id: entry for entry in SearchEntry.objects.all()}
    missing = [pk for pk in expected if pk not in actual]
    stale = [pk for pk in actual if pk not in expected]
    changed = [
        pk
        for pk, fields in expected.items()
        if pk in actual and any(getattr(actual[pk], name) != value for name, value in fields.items())
    ]
    if fix:
        with transaction.atomic():
            for entry in SearchEntry.objects.filter(page_id__in=stale):
                send_to_backends(entry, delete=True)
            SearchEntry.objects.filter(page_id__in=stale).delete()
            for pk in missing + changed:
                SearchEntry.objects.update_or_create(page_id=pk, defaults=expected[pk])
            relist_everything()
            bump_version()
            drifted = [expected[pk] for pk in missing + changed] + [actual[pk].__dict__ for pk in stale]
            published_examples_changed({row["locale"] for row in drifted if row["item_type"] == EXAMPLE})
        reindex_fulltext()
    return {"expected": len(expected), "missing": len(missing), "stale": len(stale), "changed": len(changed)}
