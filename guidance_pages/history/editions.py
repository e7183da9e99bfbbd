"""Editions of the guidance: publishing one (fixing the live revision of every guidance page in every
language) and what changed in it since the previous edition."""

import json

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Revision

from cms.headless.freshness import schedule_purge, whole_site
from guidance_pages.history.diff import diff_counts
from guidance_pages.history.versions import guidance_pages, page_ref, versions_of
from guidance_pages.models import Edition, EditionPage, EditionStatus
from guidance_pages.publications.tasks import schedule_edition_pdfs

PUBLISH_ACTION = "gcm.edition.publish"


class EditionRefused(Exception):
    """Why an edition cannot be published, in words for the editor (active language)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def last_published_number() -> int | None:
    return Edition.objects.filter(status=EditionStatus.PUBLISHED).aggregate(n=Max("number"))["n"]


def publish_edition(edition: Edition, user=None) -> int:
    """Fix the live revision of every live guidance page (every language) as edition ``edition.number``
    and mark every language's row of the edition published. Returns the number of pages fixed.

    Refuses an edition already published and a number not greater than the last published one: an
    edition is a point in time, and readers' "since edition N" must mean "later than N"."""
    with transaction.atomic():
        rows = list(
            Edition.objects.select_for_update().filter(translation_key=edition.translation_key).order_by("pk")
        )
        if any(row.status == EditionStatus.PUBLISHED for row in rows):
            raise EditionRefused(
                _("Edition %(number)s is already published; an edition is published once.")
                % {"number": edition.number}
            )
        last = last_published_number()
        if last is not None and edition.number <= last:
            raise EditionRefused(
                _(
                    "Edition %(number)s cannot be published after edition %(last)s: give it a number greater "
                    "than %(last)s."
                )
                % {"number": edition.number, "last": last}
            )
        # Only the live revision: a page's latest revision may be a draft, which an edition must never make
        # public (a page live without a live revision, from before Wagtail recorded one, is left out).
        pages = guidance_pages().filter(live_revision__isnull=False).values_list("pk", "live_revision_id")
        fixed = [EditionPage(edition_number=edition.number, page_id=pk, revision_id=rev) for pk, rev in pages]
        EditionPage.objects.bulk_create(fixed)
        now = timezone.now()
        Edition.objects.filter(pk__in=[row.pk for row in rows]).update(
            status=EditionStatus.PUBLISHED, published_at=now
        )
        edition.status, edition.published_at = EditionStatus.PUBLISHED, now
        log(instance=edition, action=PUBLISH_ACTION, user=user, data={"pages": len(fixed)})
        # Every guidance page now names the edition (history, versions, editions, changes): the whole site,
        # purged once the transaction commits, like a guidance publish.
        schedule_purge(whole_site())
        # One PDF per language, rendered by the worker once this commits; a failed render is retried there
        # and never undoes the publication.
        schedule_edition_pdfs(edition.number)
    return len(fixed)


def _body(content: dict) -> object:
    return content.get("body") or "[]"


def changes_in_edition(number: int, language: str, previous: int | None) -> list[dict]:
    """Per guidance page in ``language`` that edition ``number`` fixed differently from edition
    ``previous`` (or that is new in it): the page's public versions in between and the block counts of the
    diff between the two editions' revisions. A constant number of queries for any number of pages."""
    numbers = [number] if previous is None else [number, previous]
    rows = EditionPage.objects.filter(
        edition_number__in=numbers,
        page__in=guidance_pages().filter(locale__language_code=language),
    ).values_list("page_id", "edition_number", "revision_id")
    fixed: dict[int, dict[int, int]] = {}
    for page_id, edition_number, revision_id in rows:
        fixed.setdefault(page_id, {})[edition_number] = revision_id
    changed = {
        page_id: revisions
        for page_id, revisions in fixed.items()
        if number in revisions and revisions.get(previous) != revisions[number]
    }
    if not changed:
        return []
    revision_ids = {rid for revisions in changed.values() for rid in revisions.values()}
    contents = dict(Revision.objects.filter(pk__in=revision_ids).values_list("pk", "content"))
    pages = {page.pk: page for page in guidance_pages().filter(pk__in=changed).select_related("locale")}
    versions = versions_of(list(changed))
    result = []
    for page_id in sorted(changed, key=lambda pk: pages[pk].path):
        revisions = changed[page_id]
        before, after = revisions.get(previous), revisions[number]
        new_content = _load(contents[after])
        old_body = _body(_load(contents[before])) if before else "[]"
        result.append(
            {
                "page": page_ref(pages[page_id]),
                "notes": [
                    v.as_dict()
                    for v in versions[page_id]
                    if (before is None or v.id > before) and v.id <= after and v.kind != "edition"
                ],
                "counts": diff_counts(old_body, _body(new_content)),
                "diff_from": f"e{previous}" if before else None,
                "diff_to": f"e{number}",
            }
        )
    return result


def _load(content: dict | str) -> dict:
    return json.loads(content) if isinstance(content, str) else content


def pages_changed_per_edition(numbers: list[int], language: str) -> dict[int, int]:
    """For each published edition number, how many guidance pages in ``language`` it fixed at a revision
    other than the previous edition's (one query)."""
    ordered = sorted(numbers)
    rows = EditionPage.objects.filter(
        edition_number__in=ordered, page__in=guidance_pages().filter(locale__language_code=language)
    ).values_list("page_id", "edition_number", "revision_id")
    fixed: dict[int, dict[int, int]] = {}
    for page_id, edition_number, revision_id in rows:
        fixed.setdefault(edition_number, {})[page_id] = revision_id
    counts = {}
    for index, edition_number in enumerate(ordered):
        previous = fixed.get(ordered[index - 1], {}) if index else {}
        counts[edition_number] = sum(
            1 for page_id, rev in fixed.get(edition_number, {}).items() if previous.get(page_id) != rev
        )
    return counts
