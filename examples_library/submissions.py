"""Turning a contributor's form into a draft ExamplePage under moderation, and what they may do next.

Every function runs in one transaction: the page, its revision, its attachments, the submission record
and the start of the workflow land together or not at all. Notifications leave only after commit.
"""

import hashlib
import html
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import log
from wagtail.models import Locale

import nh3

from cms.accounts.quota import Quota
from examples_library import attachments as attachment_files
from examples_library.models import (
    REVISABLE,
    WITHDRAWABLE,
    ActorType,
    Country,
    ExampleAttachment,
    ExamplePage,
    ExamplesIndexPage,
    Region,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
)
from examples_library.rich_text import sanitize
from examples_library.schemas import SubmissionIn
from examples_library.status import record
from guidance_pages.models import GuidingPrinciple, Objective
from workflows import moderation

logger = logging.getLogger(__name__)

PLAIN_TEXT_FIELDS = [
    "title",
    "summary",
    "main_implementer",
    "partners",
    "outcomes",
    "lessons",
    "contact_name",
    "contact_organisation",
]


class SubmissionError(ValueError):
    """Input that is well-formed but wrong (an unknown country, a submission that cannot be revised now)."""

    def __init__(self, message: str, field: str = "", status: int = 422) -> None:
        super().__init__(message)
        self.field = field
        self.status = status


def plain_text(value: str) -> str:
    """Markup never belongs in plain-text fields: strip it (repeatedly, so escaped tags cannot come back)."""
    for _round in range(3):
        cleaned = html.unescape(nh3.clean(value, tags=set()))
        if cleaned == value:
            break
        value = cleaned
    return value.strip()


@dataclass
class Resolved:
    locale: Locale
    primary_objective: Objective
    secondary_objectives: list[Objective]
    principles: list[GuidingPrinciple]
    country: Country | None
    region: Region | None
    subregion: Region | None
    actor_types: list[ActorType]


# Input field -> the word used in "Unknown …" messages.
LABELS = {
    "primary_objective": gettext_lazy("objective"),
    "secondary_objectives": gettext_lazy("objective"),
    "principles": gettext_lazy("guiding principle"),
    "country": gettext_lazy("country"),
    "region": gettext_lazy("region"),
    "subregion": gettext_lazy("sub-region"),
    "actor_types": gettext_lazy("actor type"),
}


def _unknown(field: str, values: list[str]) -> SubmissionError:
    text = _("Unknown %(what)s: %(value)s.") % {"what": LABELS[field], "value": ", ".join(values)}
    return SubmissionError(text, field)


class Vocabulary:
    """Every term of the taxonomies of one locale, read once and kept: a form resolves its few references
    with a query each, a bulk import resolves thousands of rows against the same few hundred terms."""

    def __init__(self, locale: Locale) -> None:
        self.locale = locale
        self._terms: dict[tuple, dict] = {}

    def find(self, model, column: str, values: list) -> dict:
        key = (model, column)
        if key not in self._terms:
            rows = model.objects.filter(locale=self.locale)
            if model is Country:
                rows = rows.select_related("region", "subregion")
            self._terms[key] = {getattr(obj, column): obj for obj in rows}
        terms = self._terms[key]
        return {value: terms[value] for value in values if value in terms}


def _find(model, locale, column: str, values: list, vocabulary: Vocabulary | None) -> dict:
    if vocabulary is not None and vocabulary.locale == locale:
        return vocabulary.find(model, column, values)
    rows = model.objects.filter(locale=locale, **{f"{column}__in": values})
    return {getattr(obj, column): obj for obj in rows}


def _one(model, locale, column: str, value, field: str, vocabulary: Vocabulary | None = None):
    if value in (None, ""):
        return None
    found = _find(model, locale, column, [value], vocabulary).get(value)
    if found is None:
        raise _unknown(field, [str(value)[:60]])
    return found


def _many(model, locale, column: str, values: list, field: str, vocabulary: Vocabulary | None = None) -> list:
    values = list(dict.fromkeys(values))
    found = _find(model, locale, column, values, vocabulary) if values else {}
    missing = [str(value)[:60] for value in values if value not in found]
    if missing:
        raise _unknown(field, missing)
    return [found[value] for value in values]


def resolve(data: SubmissionIn, locale: Locale, vocabulary: Vocabulary | None = None) -> Resolved:
    """Look up every reference of the form in the example's locale (taxonomies are translated per locale),
    in ``vocabulary`` when given (the bulk import's terms read once)."""
    v = vocabulary
    primary = _one(Objective, locale, "number", data.primary_objective, "primary_objective", v)
    others = [n for n in data.secondary_objectives if n != primary.number]
    secondary = _many(Objective, locale, "number", others, "secondary_objectives", v)
    country = _one(Country, locale, "iso2", data.country, "country", v)
    region = _one(Region, locale, "key", data.region, "region", v) or (country.region if country else None)
    subregion = _one(Region, locale, "key", data.subregion, "subregion", v) or (
        country.subregion if country else None
    )
    return Resolved(
        locale=locale,
        primary_objective=primary,
        secondary_objectives=secondary,
        principles=_many(GuidingPrinciple, locale, "key", data.principles, "principles", v),
        country=country,
        region=region,
        subregion=subregion,
        actor_types=_many(ActorType, locale, "key", data.actor_types, "actor_types", v),
    )


def index_for(language: str) -> ExamplesIndexPage:
    """The examples library of the submission's language, else the English one (the example keeps its
    submission language either way)."""
    index = ExamplesIndexPage.objects.filter(locale__language_code=language).first()
    index = index or ExamplesIndexPage.objects.filter(locale__language_code="en").first()
    if index is None:
        raise SubmissionError(_("The examples library is not set up yet."), status=503)
    return index


def _apply(page: ExamplePage, data: SubmissionIn, refs: Resolved) -> None:
    for name in PLAIN_TEXT_FIELDS:
        setattr(page, name, plain_text(getattr(data, name)))
    page.kind = data.kind
    page.body = sanitize(data.body)
    page.contact_email = data.contact_email
    page.primary_objective = refs.primary_objective
    page.country, page.region, page.subregion = refs.country, refs.region, refs.subregion
    page.start_year, page.end_year = data.start_year, data.end_year
    page.pilot_country = data.pilot_country
    page.sources = [
        ("source", {"title": plain_text(source.title), "url": source.url}) for source in data.sources
    ]
    page.submission_language = data.language
    page.secondary_objectives = refs.secondary_objectives
    page.principles = refs.principles
    page.actor_types = refs.actor_types
    # The schema checked the raw text; markup is stripped only here, so a title or summary made of tags
    # alone arrives empty and must be refused before the page's own validation fails as a server error.
    if not page.title:
        raise SubmissionError(_("The title has no text left once markup is removed."), "title")
    if not page.summary:
        raise SubmissionError(_("The summary has no text left once markup is removed."), "summary")


# The bulk import applies a row to a copy of an example to tell whether it would change anything.
apply_input = _apply


def _attach(page: ExamplePage, files: list[attachment_files.CheckedFile], user) -> None:
    for checked in files:
        document = attachment_files.store(checked, f"{page.title[:200]} — {checked.name}", user)
        page.attachments.add(ExampleAttachment(document=document))


class IdempotencyKeyReused(SubmissionError):
    """The Idempotency-Key of an earlier submission sent with another request body."""


def fingerprint(data: SubmissionIn, files: list[attachment_files.CheckedFile]) -> str:
    """What makes two create requests "the same" for an Idempotency-Key: the parsed form (so key order and
    spacing in the JSON do not count) and each attachment's name and bytes."""
    digest = hashlib.sha256(data.model_dump_json().encode())
    for checked in files:
        digest.update(b"\0" + checked.name.encode() + b"\0" + hashlib.sha256(checked.content).digest())
    return digest.hexdigest()


def _replayed(user, idempotency_key: str, request_fingerprint: str) -> Submission | None:
    existing = Submission.objects.filter(submitter=user, idempotency_key=idempotency_key).first()
    # Submissions made before fingerprints were kept have none: they can only be replayed.
    if existing is not None and existing.request_fingerprint not in ("", request_fingerprint):
        # The IETF Idempotency-Key draft: reusing a key with a different payload is a 422, never the first
        # result, which would tell the client its second example was saved.
        raise IdempotencyKeyReused(
            _(
                "This Idempotency-Key was already used for a different submission. "
                "Send a new key with a new submission."
            ),
            field="Idempotency-Key",
        )
    return existing


SUBMISSIONS = Quota("submissions", per="hour")


def _throttle(user, now: datetime) -> None:
    """At most SUBMISSIONS_PER_HOUR new submissions per account and clock hour (refused requests and
    idempotent replays do not count)."""
    if SUBMISSIONS.exhausted(user.pk, settings.SUBMISSIONS_PER_HOUR, now):
        raise SubmissionError(
            _(
                "You have sent %(count)s examples within the hour, the most one account may send. "
                "Try again in an hour: the examples you sent are safe."
            )
            % {"count": settings.SUBMISSIONS_PER_HOUR},
            status=429,
        )


def create(
    user, data: SubmissionIn, uploads: list[UploadedFile], idempotency_key: str = ""
) -> tuple[Submission, bool]:
    """Create the draft example and start its moderation. Returns ``(submission, created)``; a replayed
    request (same idempotency key, same form and files) returns the first submission and creates nothing;
    the same key with anything else is refused (``IdempotencyKeyReused``)."""
    files = attachment_files.check(uploads)
    request_fingerprint = fingerprint(data, files) if idempotency_key else ""
    if idempotency_key:
        existing = _replayed(user, idempotency_key, request_fingerprint)
        if existing is not None:
            return existing, False
    now = timezone.now()
    _throttle(user, now)
    try:
        with transaction.atomic():
            submission = _create(user, data, files, idempotency_key, request_fingerprint)
        SUBMISSIONS.spend(user.pk, now)
        return submission, True
    except IntegrityError:
        # A concurrent request with the same key won the race: answer with its submission.
        existing = _replayed(user, idempotency_key, request_fingerprint) if idempotency_key else None
        if existing is not None:
            return existing, False
        raise


def _start_moderation(page, user) -> None:
    try:
        moderation.start(page, user)
    except moderation.NoModerationWorkflow:
        logger.exception("Submissions cannot be moderated")
        raise SubmissionError(
            _(
                "The examples library cannot take submissions right now: its moderation is not set up. "
                "Please try again later."
            ),
            status=503,
        ) from None


def _create(
    user, data: SubmissionIn, files: list, idempotency_key: str, request_fingerprint: str
) -> Submission:
    index = index_for(data.language)
    # Serialise additions under one index: the page tree's paths are computed from the last child.
    index = ExamplesIndexPage.objects.select_for_update().get(pk=index.pk)
    refs = resolve(data, index.locale)
    page = ExamplePage(live=False, owner=user, locale=index.locale)
    _apply(page, data, refs)
    page.slug = f"{slugify(page.title)[:60] or 'example'}-{uuid.uuid4().hex[:8]}"
    index.add_child(instance=page)
    _attach(page, files, user)
    page.save_revision(user=user, log_action=True)
    submission = Submission.objects.create(
        page=page,
        submitter=user,
        language=data.language,
        idempotency_key=idempotency_key,
        request_fingerprint=request_fingerprint,
    )
    _start_moderation(page, user)
    record(submission, SubmissionStatus.SCREENING, actor=user)
    return submission


@transaction.atomic
def import_new(
    user,
    data: SubmissionIn,
    files: list[attachment_files.CheckedFile],
    source_url: str,
    publish: bool,
    refs: Resolved | None = None,
) -> ExamplePage:
    """An imported example: the same rules and references as a submission. ``publish`` puts vetted content
    live at once (an editor's migration); otherwise it is a draft entering moderation as a submission would,
    with the importing user as its submitter. The audit log names the importing user either way."""
    index = index_for(data.language)
    index = ExamplesIndexPage.objects.select_for_update().get(pk=index.pk)
    refs = refs if refs is not None and refs.locale == index.locale else resolve(data, index.locale)
    page = ExamplePage(live=False, owner=user, locale=index.locale, source_url=source_url)
    _apply(page, data, refs)
    page.slug = f"{slugify(page.title)[:60] or 'example'}-{uuid.uuid4().hex[:8]}"
    index.add_child(instance=page)
    log(instance=page, action="wagtail.create", user=user)
    _attach(page, files, user)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        # The page_published receiver makes its attachments public (examples_library/signals.py).
        revision.publish(user=user, log_action=True)
        return page
    submission = Submission.objects.create(page=page, submitter=user, language=data.language)
    _start_moderation(page, user)
    _imported(submission, user)
    return page


def imported_many(user, pages: list[tuple[ExamplePage, str]]) -> None:
    """``_imported`` for a batch of new drafts of the bulk import (pages with their submission language)."""
    made = Submission.objects.bulk_create(
        [
            Submission(page=page, submitter=user, language=language, status=SubmissionStatus.SCREENING)
            for page, language in pages
        ]
    )
    SubmissionEvent.objects.bulk_create(
        [
            SubmissionEvent(
                submission=submission, status=SubmissionStatus.SCREENING, message=_("Imported."), actor=user
            )
            for submission in made
        ]
    )


def _imported(submission: Submission, user) -> None:
    # Not status.record(): that mails the submitter, here the editor who imported, once per row.
    submission.status = SubmissionStatus.SCREENING
    submission.save(update_fields=["status", "updated_at"])
    SubmissionEvent.objects.create(
        submission=submission, status=SubmissionStatus.SCREENING, message=_("Imported."), actor=user
    )


@transaction.atomic
def import_update(
    user,
    page: ExamplePage,
    data: SubmissionIn,
    files: list[attachment_files.CheckedFile],
    publish: bool,
    refs: Resolved | None = None,
) -> ExamplePage:
    """A changed row of an import for an example it created before: a new revision, published at once or
    sent (back) to moderation."""
    page = page.get_latest_revision_as_object()
    refs = refs if refs is not None and refs.locale == page.locale else resolve(data, page.locale)
    _apply(page, data, refs)
    _attach(page, files, user)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user, log_action=True)
        return page
    _start_moderation(page, user)
    submission = Submission.objects.filter(page=page).first()
    if submission is not None:
        _imported(submission, user)
    return page


@transaction.atomic
def revise(user, submission: Submission, data: SubmissionIn, uploads: list[UploadedFile]) -> Submission:
    """Apply the contributor's changes and send the submission back to screening."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in REVISABLE:
        raise SubmissionError(
            _("This submission can be revised only when changes were requested."), status=409
        )
    files = attachment_files.check(uploads)
    page = submission.page.get_latest_revision_as_object()
    refs = resolve(data, page.locale)
    _apply(page, data, refs)
    _attach(page, files, user)
    page.save_revision(user=user, log_action=True)
    submission.language = data.language
    submission.save(update_fields=["language"])
    _start_moderation(page, user)
    record(submission, SubmissionStatus.SCREENING, message=_("Revised by the contributor."), actor=user)
    return submission


@transaction.atomic
def withdraw(user, submission: Submission) -> Submission:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in WITHDRAWABLE:
        raise SubmissionError(_("This submission can no longer be withdrawn."), status=409)
    moderation.stop(submission.page, user)
    record(submission, SubmissionStatus.WITHDRAWN, actor=user)
    return submission


def submitted_data(submission: Submission) -> dict:
    """The fields as the contributor last sent them (their own contact included: it is theirs)."""
    return page_data(submission.page.get_latest_revision_as_object())


def page_data(page: ExamplePage) -> dict:
    """An example's fields in the shape of ``SubmissionIn`` (plus its attachments' file names)."""
    return {
        "kind": page.kind,
        "title": page.title,
        "summary": page.summary,
        "body": page.body,
        "primary_objective": page.primary_objective.number,
        "secondary_objectives": [o.number for o in page.secondary_objectives.all()],
        "principles": [p.key for p in page.principles.all()],
        "country": page.country.iso2 if page.country else None,
        "region": page.region.key if page.region else None,
        "subregion": page.subregion.key if page.subregion else None,
        "main_implementer": page.main_implementer,
        "partners": page.partners,
        "actor_types": [a.key for a in page.actor_types.all()],
        "start_year": page.start_year,
        "end_year": page.end_year,
        "pilot_country": page.pilot_country,
        "outcomes": page.outcomes,
        "lessons": page.lessons,
        "sources": [dict(block.value) for block in page.sources],
        "language": page.submission_language,
        "contact_name": page.contact_name,
        "contact_email": page.contact_email,
        "contact_organisation": page.contact_organisation,
        "attachments": [a.document.filename for a in page.attachments.all()],
    }
