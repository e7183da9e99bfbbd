"""Bulk import of examples from CSV, XLSX or JSON (tablib reads them), with the rules of a submission.

Each row is checked exactly as a contributor's form is (``SubmissionIn``, then ``submissions.resolve`` for
its references, then ``attachments.check`` for its files) and then created or updated through the
submission service's ``import_new``/``import_update``. Rows are matched to examples by their external id
(``ExamplePage.source_url``; an example's own address on this site for examples created here), and a row
that would change nothing is left alone, so re-running a file creates no page and no revision.

django-import-export was considered: its resources save model instances one by one, which cannot create
Wagtail pages (tree, revisions, workflow), and its admin is django.contrib.admin's, not Wagtail's; tablib,
which it is built on, does the parsing here.
"""

import io
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import tablib
from pydantic import ValidationError as PydanticValidationError

from cms.accounts import roles
from cms.accounts.roles import in_group
from examples_library import attachments as attachment_files
from examples_library import submissions
from examples_library.models import ExamplePage, ExamplesIndexPage
from examples_library.notifications import notify_imported_drafts
from examples_library.schemas import SubmissionIn
from examples_library.transfer import bulk
from examples_library.transfer.rows import RowError, attachment_name, own_example_path, row_input

logger = logging.getLogger(__name__)

FORMATS = {"csv": "csv", "xlsx": "xlsx", "json": "json"}
MAX_ROWS = 50_000
BATCH = 250  # new published examples written together (``bulk.publish_new``)

CREATED, UPDATED, UNCHANGED, REFUSED = "created", "updated", "unchanged", "refused"
OUTCOME_LABELS = {
    CREATED: gettext_lazy("created"),
    UPDATED: gettext_lazy("updated"),
    UNCHANGED: gettext_lazy("unchanged"),
    REFUSED: gettext_lazy("refused"),
}


class ImportFileError(ValueError):
    """The file as a whole cannot be read (unknown type, not a table, no external_id column…)."""


@dataclass
class RowResult:
    row: int
    external_id: str
    title: str
    outcome: str
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field, message)
    page_id: int | None = None


@dataclass
class Report:
    rows: list[RowResult] = field(default_factory=list)
    dry_run: bool = False

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys((CREATED, UPDATED, UNCHANGED, REFUSED), 0)
        for result in self.rows:
            counts[result.outcome] += 1
        return counts

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "counts": self.counts(),
            "rows": [
                {
                    "row": r.row,
                    "external_id": r.external_id,
                    "title": r.title,
                    "outcome": r.outcome,
                    "errors": [list(error) for error in r.errors],
                    "page_id": r.page_id,
                }
                for r in self.rows
            ],
        }


# pydantic's messages are English; these are the ones a row can meet, in the reader's language.
def _schema_message(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return _("This column is required.")
    if kind == "string_too_short":
        return _("Too short: at least %(n)s characters.") % {"n": ctx.get("min_length")}
    if kind == "string_too_long":
        return _("Too long: at most %(n)s characters.") % {"n": ctx.get("max_length")}
    if kind in ("greater_than_equal", "less_than_equal"):
        return _("Out of range (%(limit)s).") % {"limit": ctx.get("ge", ctx.get("le"))}
    if kind == "literal_error":
        return _("Not one of the accepted values: %(expected)s.") % {"expected": ctx.get("expected")}
    if kind == "too_long":
        return _("Too many values: at most %(n)s.") % {"n": ctx.get("max_length")}
    if kind == "value_error" and "e-mail" in error["msg"]:
        return _("Not a valid e-mail address.")
    if kind == "value_error" and "http" in error["msg"]:
        return _("Not an http or https address.")
    if kind == "value_error" and "end_year" in error["msg"]:
        return _("The end year is before the start year.")
    return _("Not a valid value.")


FIELD_COLUMNS = {"primary_objective": "objectives", "secondary_objectives": "objectives"}


def read_rows(content: bytes, name: str) -> tuple[list[dict], list[str], int]:
    """The rows of an import file as mappings, the columns it has, and the number of its first data row
    (2 in a spreadsheet whose row 1 is the header, 1 in JSON)."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FORMATS:
        raise ImportFileError(_("Import a CSV, XLSX or JSON file (this one is “%(name)s”).") % {"name": name})
    try:
        if extension == "json":
            data = json.loads(content.decode("utf-8-sig"))
            # The open-data export wraps its rows with the licence and date.
            items = data.get("examples") if isinstance(data, dict) else data
            if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
                raise ImportFileError(_("The JSON file must be a list of examples (objects)."))
            columns = list(dict.fromkeys(key for item in items for key in item))
            return items, columns, 1
        if extension == "csv":
            text = content.decode("utf-8-sig")
            # The open-data export's first line states its licence as a comment.
            lines = text.splitlines(keepends=True)
            while lines and lines[0].startswith("#"):
                lines.pop(0)
            dataset = tablib.Dataset().load("".join(lines), format="csv")
        else:
            dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
    except ImportFileError:
        raise
    except (UnicodeDecodeError, ValueError, KeyError, OSError, tablib.UnsupportedFormat) as exc:
        raise ImportFileError(
            _("The file could not be read as %(format)s: %(error)s")
            % {"format": extension.upper(), "error": str(exc)[:200]}
        ) from None
    columns = [str(header).strip() for header in dataset.headers or []]
    rows = [dict(zip(columns, values, strict=False)) for values in dataset]
    return rows, columns, 2


def _known_ids(external_ids: list[str]) -> set[tuple[str, str]]:
    """(external id, language) of the file's ids that name an example already, read in a few queries so that
    the rows of new examples (most rows of a first import) need none."""
    known: set[tuple[str, str]] = set()
    for start in range(0, len(external_ids), 500):
        chunk = external_ids[start : start + 500]
        rows = ExamplePage.objects.filter(source_url__in=chunk)
        known.update(rows.values_list("source_url", "locale__language_code"))
    return known


def _existing(external_id: str, language: str) -> ExamplePage | None:
    page = ExamplePage.objects.filter(source_url=external_id, locale__language_code=language).first()
    if page is None:
        own = own_example_path(external_id)
        if own is not None and own[0] == language:
            page = ExamplePage.objects.filter(
                source_url="", locale__language_code=language, url_path__endswith=own[1]
            ).first()
    return page


def _snapshot(page: ExamplePage) -> dict:
    data = submissions.page_data(page)
    data["attachments"] = sorted(attachment_name(a.document) for a in page.attachments.all())
    for name in ("secondary_objectives", "principles", "actor_types"):
        data[name] = sorted(data[name])
    return data


@dataclass
class Importer:
    user: object
    directory: Path | None = None  # where attachments are read from; None: rows may not name files
    publish: bool = False
    dry_run: bool = False
    language: str = ""
    progress: Callable[[int, int], None] | None = None
    every: int = 100
    _vocabularies: dict[str, submissions.Vocabulary] = field(default_factory=dict, init=False)
    _indexes: dict[str, ExamplesIndexPage] = field(default_factory=dict, init=False)
    _known: set[tuple[str, str]] = field(default_factory=set, init=False)
    _submitted: int = field(default=0, init=False)  # drafts written in bulk, announced once at the end
    _pending: list[tuple[RowResult, ExamplesIndexPage, bulk.NewExample]] = field(
        default_factory=list, init=False
    )

    def run(self, content: bytes, name: str) -> Report:
        rows, columns, first = read_rows(content, name)
        if "external_id" not in columns:
            raise ImportFileError(_("The file has no “external_id” column (the source URL of each example)."))
        if len(rows) > MAX_ROWS:
            raise ImportFileError(_("At most %(n)s rows can be imported at once.") % {"n": MAX_ROWS})
        report = Report(dry_run=self.dry_run)
        self._known = _known_ids([str(row.get("external_id") or "").strip() for row in rows])
        seen: set[str] = set()
        for index, row in enumerate(rows):
            result = self._row(row, columns, first + index, seen)
            report.rows.append(result)
            if len(self._pending) >= BATCH or index + 1 == len(rows):
                self._flush()
            if self.progress and ((index + 1) % self.every == 0 or index + 1 == len(rows)):
                self.progress(index + 1, len(rows))
        if self._submitted:
            notify_imported_drafts.enqueue(self.user.pk, self._submitted)
        return report

    def _flush(self) -> None:
        """Write the waiting new examples, a batch per library. A batch the database refuses (it should not:
        every row was validated) is written again row by row, so each row gets its own outcome."""
        pending, self._pending = self._pending, []
        by_index: dict[int, list[tuple[RowResult, bulk.NewExample]]] = {}
        indexes = {}
        for result, index, item in pending:
            by_index.setdefault(index.pk, []).append((result, item))
            indexes[index.pk] = index
        for index_id, items in by_index.items():
            write = bulk.publish_new if self.publish else bulk.submit_new
            try:
                pages = write(self.user, indexes[index_id], [item for _result, item in items])
            except Exception:  # the database's refusal, whatever its kind: fall back, lose no row
                logger.exception("A batch of %d imported examples fell back to one by one", len(items))
                for result, item in items:
                    self._one_by_one(result, item)
                continue
            for (result, _item), page in zip(items, pages, strict=True):
                result.page_id = page.pk
            if not self.publish:
                self._submitted += len(pages)

    def _one_by_one(self, result: RowResult, item: bulk.NewExample) -> None:
        try:
            with transaction.atomic():
                page = submissions.import_new(
                    self.user, item.data, [], item.source_url, self.publish, item.refs
                )
            result.page_id = page.pk
        except submissions.SubmissionError as exc:
            result.outcome = REFUSED
            result.errors = [(FIELD_COLUMNS.get(exc.field, exc.field), str(exc))]
        except DjangoValidationError as exc:
            result.outcome, result.errors = REFUSED, _page_errors(exc)

    def _index(self, language: str) -> ExamplesIndexPage:
        if language not in self._indexes:
            self._indexes[language] = submissions.index_for(language)
        return self._indexes[language]

    def _vocabulary(self, locale) -> submissions.Vocabulary:
        if locale.pk not in self._vocabularies:
            self._vocabularies[locale.pk] = submissions.Vocabulary(locale)
        return self._vocabularies[locale.pk]

    def _row(self, row: dict, columns: list[str], number: int, seen: set[str]) -> RowResult:
        external_id = str(row.get("external_id") or "").strip()
        result = RowResult(
            row=number, external_id=external_id, title=str(row.get("title") or "")[:200], outcome=""
        )
        try:
            page, outcome = self._check_and_save(row, columns, external_id, seen, result)
            result.outcome, result.page_id = outcome, page.pk if page is not None else None
        except RowError as exc:
            result.outcome, result.errors = REFUSED, [(exc.field, str(exc))]
        except _Refused as exc:
            result.outcome, result.errors = REFUSED, exc.errors
        return result

    def _check_and_save(
        self, row, columns, external_id, seen, result: RowResult
    ) -> tuple[ExamplePage | None, str]:
        try:
            URLValidator(schemes=["http", "https"])(external_id)
        except DjangoValidationError:
            raise RowError(
                "external_id", _("The external id must be the example's source URL (http or https).")
            ) from None
        limit = ExamplePage._meta.get_field("source_url").max_length
        if len(external_id) > limit:  # URLValidator takes up to 2,048 characters; the column holds fewer
            raise RowError("external_id", _("Too long: at most %(n)s characters.") % {"n": limit})
        if external_id in seen:
            raise RowError("external_id", _("This external id appears on an earlier row of the file."))
        seen.add(external_id)
        values = row_input(row, columns)
        names = values.pop("attachments", None)
        values.setdefault("language", self.language or None)
        if values["language"] is None:
            del values["language"]
        language = values.get("language") or SubmissionIn.model_fields["language"].default
        existing = None
        if (external_id, language) in self._known or own_example_path(external_id) is not None:
            existing = _existing(external_id, language)
        if existing is not None:
            current = submissions.page_data(existing.get_latest_revision_as_object())
            current.pop("attachments")
            values = {**current, **values}
        data = _validate(values)
        try:
            index = self._index(data.language)
            locale = index.locale if existing is None else existing.locale
            refs = submissions.resolve(data, locale, self._vocabulary(locale))
        except submissions.SubmissionError as exc:
            raise _Refused([(FIELD_COLUMNS.get(exc.field, exc.field), str(exc))]) from None
        known = set()
        if existing is not None:
            known = {
                attachment_name(a.document)
                for a in existing.get_latest_revision_as_object().attachments.all()
            }
        files = self._files([name for name in (names or []) if name not in known])
        if existing is not None and not files and self._unchanged(existing, data, refs):
            return existing, UNCHANGED
        outcome = CREATED if existing is None else UPDATED
        if self.dry_run:
            return existing, outcome
        if existing is None and not files:
            # Written with the next batch (``_flush``), which sets the row's page id.
            try:
                item = bulk.prepare(self.user, index, data, refs, external_id, self.publish)
            except submissions.SubmissionError as exc:
                raise _Refused([(FIELD_COLUMNS.get(exc.field, exc.field), str(exc))]) from None
            self._pending.append((result, index, item))
            return None, CREATED
        try:
            with transaction.atomic():
                if existing is None:
                    page = submissions.import_new(self.user, data, files, external_id, self.publish, refs)
                else:
                    page = submissions.import_update(self.user, existing, data, files, self.publish, refs)
        except submissions.SubmissionError as exc:
            raise _Refused([(FIELD_COLUMNS.get(exc.field, exc.field), str(exc))]) from None
        except DjangoValidationError as exc:
            raise _Refused(_page_errors(exc)) from None
        return page, outcome

    def _unchanged(self, page: ExamplePage, data: SubmissionIn, refs) -> bool:
        latest = page.get_latest_revision_as_object()
        # A second instance: a page without unpublished changes returns its own cached ``specific``.
        changed = ExamplePage.objects.get(pk=page.pk).get_latest_revision_as_object()
        try:
            submissions.apply_input(changed, data, refs)
        except submissions.SubmissionError as exc:
            raise _Refused([(exc.field, str(exc))]) from None
        if self.publish and not page.live:
            return False
        return _snapshot(latest) == _snapshot(changed)

    def _files(self, names: list[str]) -> list[attachment_files.CheckedFile]:
        if not names:
            return []
        if self.directory is None:
            raise RowError(
                "attachments", _("Attachments can be imported only from files beside the import file.")
            )
        uploads = []
        root = self.directory.resolve()
        for name in names:
            path = (root / name).resolve()
            if root not in path.parents or not path.is_file():
                raise RowError("attachments", _("%(name)s is not beside the import file.") % {"name": name})
            with path.open("rb") as handle:
                content = handle.read(attachment_files.MAX_BYTES + 1)
            uploads.append(SimpleUploadedFile(path.name, content))
        try:
            return attachment_files.check(uploads)
        except attachment_files.AttachmentError as exc:
            raise RowError("attachments", str(exc)) from None


def _page_errors(exc: DjangoValidationError) -> list[tuple[str, str]]:
    """Wagtail's own page validation, which the row's checks should have made unreachable: the row is
    refused with the page's messages rather than ending the import."""
    if hasattr(exc, "error_dict"):
        return [(name, " ".join(messages)) for name, messages in exc.message_dict.items()]
    return [("", " ".join(exc.messages))]


class _Refused(Exception):
    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors


def _validate(values: dict) -> SubmissionIn:
    try:
        return SubmissionIn.model_validate(values)
    except PydanticValidationError as exc:
        errors = []
        for error in exc.errors(include_url=False):
            column = str(error["loc"][0]) if error["loc"] else ""
            errors.append((FIELD_COLUMNS.get(column, column), _schema_message(error)))
        raise _Refused(errors) from None


def may_import(user) -> bool:
    """Editors (and administrators) import: a published import bypasses moderation."""
    return in_group(user, roles.EDITORS)
