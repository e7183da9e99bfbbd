"""Feedback traced to the living document: where readers see the change that addressed a comment (the public
diff of the version that made the addressing revision public), and how much feedback each edition addressed.

"Public version" is the rule of ``guidance_pages.history``: a revision that went live as the page's first
publication or with a substantive note, or that a published edition fixed. It is restated here as two
queries because the triage screen and the export ask it for a whole page of rows at once.
"""

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from wagtail.models import Page, Revision

from cms.headless.frontend import frontend_path
from examples_library.models import Country
from feedback.comment_visibility import public_comments
from feedback.models import DiscussionQuestion, TriageStatus
from guidance_pages.models import ChangeKind, ChangeNote, Edition, EditionPage, EditionStatus

PUBLIC_KINDS = (ChangeKind.ORIGINAL, ChangeKind.SUBSTANTIVE)


@dataclass(frozen=True)
class PublicTrace:
    """Where the change made by revision ``revision_id`` is public: ``version_id`` is the public version that
    carries it (the revision itself, or the first public version of its page after it), ``url`` the public
    diff of that version; both empty while no public version carries it."""

    revision_id: int
    version_id: int | None = None
    url: str = ""

    @property
    def published(self) -> bool:
        return self.version_id is not None

    @property
    def note(self) -> str:
        """What an editor reads beside the revision number, in the active language."""
        if self.version_id is None:
            return _("not yet published")
        if self.version_id == self.revision_id:
            return _("public diff")
        return _("public diff of version %(version)s, which published it") % {"version": self.version_id}


def public_versions_query(page_ids: Iterable[int], from_revision: int = 0) -> QuerySet:
    """(page id, revision id) of every public version of these pages from revision ``from_revision`` on."""
    page_ids = list(page_ids)
    noted = ChangeNote.objects.filter(
        page_id__in=page_ids,
        published_at__isnull=False,
        kind__in=PUBLIC_KINDS,
        revision_id__gte=from_revision,
    ).values_list("page_id", "revision_id")
    fixed = EditionPage.objects.filter(
        page_id__in=page_ids,
        revision_id__gte=from_revision,
        edition_number__in=Edition.objects.filter(status=EditionStatus.PUBLISHED).values("number"),
    ).values_list("page_id", "revision_id")
    return noted.union(fixed)


def diff_url(page: Page, version_id: int) -> str:
    """The public diff that ends at ``version_id`` of ``page``, on the frontend (``/<lang>/diff/<path>``)."""
    language, _slash, below = frontend_path(page).lstrip("/").partition("/")
    return f"{settings.FRONTEND_URL.rstrip('/')}/{language}/diff/{below}?to={version_id}"


def public_traces(revisions: Iterable[Revision]) -> dict[int, PublicTrace]:
    """The public trace of each page revision, by revision id, in two queries however many there are."""
    revisions = [r for r in revisions if r is not None]
    if not revisions:
        return {}
    page_ids = {int(r.object_id) for r in revisions}
    pages = {
        page.pk: page
        for page in Page.objects.filter(pk__in=page_ids)
        .select_related("locale")
        .only("pk", "url_path", "locale__language_code")
    }
    versions: dict[int, list[int]] = {}
    for page_id, revision_id in public_versions_query(page_ids, min(r.pk for r in revisions)):
        versions.setdefault(page_id, []).append(revision_id)
    for ids in versions.values():
        ids.sort()
    traces = {}
    for revision in revisions:
        page = pages.get(int(revision.object_id))
        ids = versions.get(int(revision.object_id), [])
        # Revision ids grow with time: the first public version at or after the revision carries its change.
        at = bisect_left(ids, revision.pk)
        if page is None or at == len(ids):
            traces[revision.pk] = PublicTrace(revision.pk)
        else:
            traces[revision.pk] = PublicTrace(revision.pk, ids[at], diff_url(page, ids[at]))
    return traces


def revision_label(revision: Revision) -> str:
    """A revision as the triage form lists it: number, date and, when it has one, its change note (or kind).
    Select ``change_note`` with the revisions."""
    label = f"#{revision.pk} · {timezone.localtime(revision.created_at):%Y-%m-%d %H:%M}"
    try:
        change = revision.change_note
    except ChangeNote.DoesNotExist:
        return label
    described = change.note.strip() or str(ChangeKind(change.kind).label)
    if len(described) > 80:
        described = described[:79] + "…"
    if change.published_at is None:
        described = _("%(note)s (not published)") % {"note": described}
    return f"{label} · {described}"


# Feedback per edition


class EditionNotFound(Exception):
    pass


def _edition_rows(number: int) -> tuple[list[Edition], datetime | None]:
    """The published rows (every language) of edition ``number`` and the publication of the edition before."""
    rows = list(
        Edition.objects.filter(status=EditionStatus.PUBLISHED, published_at__isnull=False, number__lte=number)
        .select_related("locale")
        .order_by("-number")
    )
    this = [row for row in rows if row.number == number]
    earlier = [row.published_at for row in rows if row.number < number]
    return this, max(earlier, default=None)


def _in_language(rows: list, language: str):
    """The row in ``language``, else in the source language, else any: one query served every language."""
    by_language = {row.locale.language_code: row for row in rows}
    return by_language.get(language) or by_language.get(settings.LANGUAGE_CODE) or rows[0]


def addressed_in_edition(number: int, this_at: datetime, previous_at: datetime | None) -> QuerySet:
    """Public comments whose addressing revision first reached readers in edition ``number``: it was
    published after the previous edition and by this one's publication, or this edition is the first to fix
    it (revisions published before change notes existed have only that)."""
    published = Q(addressed_revision__change_note__published_at__lte=this_at)
    if previous_at is not None:
        published &= Q(addressed_revision__change_note__published_at__gt=previous_at)
    fixing = EditionPage.objects.filter(revision=OuterRef("addressed_revision"))
    first_fixed = Q(
        Exists(fixing.filter(edition_number=number)), ~Exists(fixing.filter(edition_number__lt=number))
    )
    return public_comments().filter(addressed_revision__isnull=False).filter(published | first_fixed)


def edition_feedback(number: int, language: str) -> dict:
    """How many public feedback items edition ``number`` addressed, by question, by country (the author's,
    else the comment's language) and by triage status, in ``language``. Four queries whatever the numbers.
    Raises ``EditionNotFound`` for an unknown or unpublished edition."""
    rows, previous_at = _edition_rows(number)
    if not rows:
        raise EditionNotFound(number)
    edition = _in_language(rows, language)
    groups = list(
        addressed_in_edition(number, edition.published_at, previous_at)
        .values("question__translation_key", "status", "language", "user__account_profile__country")
        .annotate(n=Count("pk"))
        .order_by()
    )
    questions: Counter = Counter()
    origins: Counter = Counter()
    statuses: Counter = Counter()
    for group in groups:
        questions[group["question__translation_key"]] += group["n"]
        country = (group["user__account_profile__country"] or "").upper()
        origins[("country", country) if country else ("language", group["language"])] += group["n"]
        statuses[group["status"]] += group["n"]
    return {
        "number": edition.number,
        "name": edition.name,
        "date": edition.date,
        "locale": edition.locale.language_code,
        "fallback": edition.locale.language_code != language,
        "total": sum(statuses.values()),
        "by_question": by_question(questions, language),
        "by_country": by_origin(origins, language),
        "by_status": [
            {"status": status, "label": str(TriageStatus(status).label), "count": statuses[status]}
            for status in TriageStatus.values
            if statuses[status]
        ],
    }


def by_question(counts: Counter, language: str) -> list[dict]:
    """Comment counts keyed by question ``translation_key``, each named in ``language`` (else English), the
    most discussed first (one query)."""
    if not counts:
        return []
    family: dict = {}
    for question in DiscussionQuestion.objects.filter(translation_key__in=list(counts)).select_related(
        "locale", "discussion"
    ):
        family.setdefault(question.translation_key, []).append(question)
    items = []
    for key, count in counts.items():
        question = _in_language(family[key], language)
        items.append(
            {
                "id": question.pk,
                "text": question.text,
                "discussion_id": question.discussion_id,
                "discussion": question.discussion.title,
                "count": count,
            }
        )
    return sorted(items, key=lambda item: (-item["count"], item["discussion_id"], item["id"]))


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:  # a language since dropped from LANGUAGES: its code is all there is to show
        return code


def by_origin(counts: Counter, language: str) -> list[dict]:
    """Comment counts keyed by ``("country", iso2)`` or ``("language", code)``, each named in ``language``,
    the largest first (one query)."""
    codes = {code for kind, code in counts if kind == "country"}
    languages = [language, settings.LANGUAGE_CODE]
    names: dict[str, str] = {}
    if codes:
        for country in (
            Country.objects.filter(iso2__in=codes, locale__language_code__in=languages)
            .select_related("locale")
            .only("iso2", "name", "locale__language_code")
        ):
            if country.locale.language_code == language or country.iso2 not in names:
                names[country.iso2] = country.name
    items = []
    with translation.override(language):
        for (kind, code), count in counts.items():
            name = names.get(code, code) if kind == "country" else _language_name(code)
            items.append({"kind": kind, "code": code, "name": name, "count": count})
    return sorted(items, key=lambda item: (-item["count"], item["kind"], item["name"]))
