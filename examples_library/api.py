"""Domain API of the examples library: published examples (public) and submissions (their contributor).

Submissions are sent as ``multipart/form-data``: a ``payload`` field holding the JSON of ``SubmissionIn``
and up to five ``attachments``. Contributors must be signed in with a verified e-mail address.
"""

from typing import Annotated

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _

from allauth.account.models import EmailAddress
from ninja import File, Header, Query, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import django_auth
from pydantic import ValidationError as PydanticValidationError

from cms.headless.api_contract import ErrorOut, json_form
from examples_library import submissions
from examples_library.attachments import AttachmentError
from examples_library.examples import example_out, published_examples
from examples_library.models import REVISABLE, WITHDRAWABLE, Submission, SubmissionEvent, SubmissionStatus
from examples_library.options import CACHE_SECONDS, submission_options
from examples_library.schemas import (
    ExampleOut,
    OpenDataOut,
    SubmissionIn,
    SubmissionOptionsOut,
    SubmissionOut,
    SubmissionSummaryOut,
)
from examples_library.transfer import exporting, publishing
from guidance_pages.api import LocaleQuery, language_of

examples_router = Router(tags=["examples"])
submissions_router = Router(tags=["submissions"], auth=django_auth)


class InputError(Exception):
    """Bad input found after the request was parsed; answered as 422 like schema errors."""

    def __init__(self, errors: list[dict]) -> None:
        self.errors = errors


# The form field carries JSON; the contract says which (SubmissionIn), so clients can validate before sending.
PAYLOAD = json_form(SubmissionIn, "The example as JSON (SubmissionIn).")


OPEN_DATA_DESCRIPTION = (
    "Every published example of the language, in the row format of the bulk import. The file is written "
    "ahead by the background worker after each change to the published examples and served with "
    "`Last-Modified` (its generation time) and an `ETag`; until it is first written, it is streamed. The "
    "licence (setting OPEN_DATA_LICENCE) and the time of generation are stated in the file: a first comment "
    "line in CSV, `licence` and `generated_at` in JSON, an About sheet in XLSX."
)


def _open_data(request: HttpRequest, query: LocaleQuery, extension: str, content_type: str, chunks=None):
    language = language_of(request, query)
    record = publishing.stored(language, extension)
    if record is None or not record.current:
        # Stale files are served all the same (they say when they were made) while the worker rebuilds.
        publishing.request_build(language)
    if record is not None:
        generated_at = record.generated_at
        etag = quote_etag(f"{language}-{extension}-{record.version}-{generated_at.timestamp():.0f}")
        last_modified = int(generated_at.timestamp())
        unchanged = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if unchanged is not None:
            return unchanged
        response = FileResponse(default_storage.open(record.name, "rb"), content_type=content_type)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
    else:
        # Nothing written yet (a new library, or the worker has not run): build it now, as small
        # libraries can afford.
        generated_at = timezone.now()
        if chunks is None:
            response = FileResponse(exporting.xlsx_file(language, generated_at), content_type=content_type)
        else:
            response = StreamingHttpResponse(chunks(language, generated_at), content_type=content_type)
    name = f"gcm-examples-{language}-{generated_at:%Y%m%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Link"] = f'<{settings.OPEN_DATA_LICENCE_URL}>; rel="license"'
    response["Cache-Control"] = "public, max-age=300"
    patch_vary_headers(response, ["Accept-Language"])
    return response


def _download(extension: str, content_type: str) -> dict:
    return {
        "response": {200: None, 400: ErrorOut},
        "summary": f"Open data: every published example of a language as {extension.upper()}",
        "description": OPEN_DATA_DESCRIPTION,
        "tags": ["open data"],
        "openapi_extra": {
            "responses": {
                200: {
                    "description": f"The examples as {extension.upper()} (a download).",
                    "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
                }
            }
        },
    }


CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@examples_router.get("/open-data/examples.csv", **_download("csv", "text/csv"))
def open_data_csv(request: HttpRequest, query: Query[LocaleQuery]):
    return _open_data(request, query, "csv", CSV_TYPE, exporting.csv_chunks)


@examples_router.get(
    "/open-data/examples.json",
    response={200: OpenDataOut, 400: ErrorOut},
    summary="Open data: every published example of a language as JSON",
    description=OPEN_DATA_DESCRIPTION,
    tags=["open data"],
)
def open_data_json(request: HttpRequest, query: Query[LocaleQuery]):
    return _open_data(request, query, "json", JSON_TYPE, exporting.json_chunks)


@examples_router.get("/open-data/examples.xlsx", **_download("xlsx", XLSX_TYPE))
def open_data_xlsx(request: HttpRequest, query: Query[LocaleQuery]):
    return _open_data(request, query, "xlsx", XLSX_TYPE)


@examples_router.get("/examples/{int:example_id}/", response={200: ExampleOut, 404: ErrorOut})
def get_example(request: HttpRequest, example_id: int):
    page = published_examples().filter(pk=example_id).first()
    if page is None:
        return Status(404, {"detail": _("No published example has this id.")})
    return example_out(page)


def _require_verified(request: HttpRequest) -> None:
    if not EmailAddress.objects.filter(user=request.user, verified=True).exists():
        raise HttpError(403, _("Verify your e-mail address before you submit examples."))


def _parse(payload: str) -> SubmissionIn:
    try:
        return SubmissionIn.model_validate_json(payload)
    except PydanticValidationError as exc:
        raise InputError(
            [
                {
                    "loc": ["payload", *error["loc"]],
                    "msg": error["msg"],
                    "type": error["type"],
                    # The limits (le, ge, max_length…) are what the message quotes: "up to 23".
                    **({"ctx": _json_safe(error["ctx"])} if error.get("ctx") else {}),
                }
                for error in exc.errors(include_url=False)
            ]
        ) from None


def _json_safe(context: dict) -> dict:
    """pydantic puts the raised exception itself in a value error's context: keep numbers and text only."""
    return {
        key: value if isinstance(value, (int, float, str, bool)) or value is None else str(value)
        for key, value in context.items()
    }


def _submission_out(submission: Submission) -> dict:
    events = list(submission.events.all())
    return {
        "id": submission.pk,
        "page_id": submission.page_id,
        "title": submission.page.get_latest_revision_as_object().title,
        "status": submission.status,
        "status_label": str(SubmissionStatus(submission.status).label),
        "language": submission.language,
        "created_at": submission.created_at,
        "updated_at": submission.updated_at,
        "can_revise": submission.status in REVISABLE,
        "can_withdraw": submission.status in WITHDRAWABLE,
        "example_id": submission.page_id if submission.status == SubmissionStatus.PUBLISHED else None,
        "history": [
            {
                "status": event.status,
                "status_label": str(SubmissionStatus(event.status).label),
                "message": event.message,
                "created_at": event.created_at,
            }
            for event in events
        ],
        "data": submissions.submitted_data(submission),
    }


def _own(request: HttpRequest, submission_id: int) -> Submission:
    # Someone else's submission is answered exactly like a missing one.
    return get_object_or_404(
        Submission.objects.select_related("page").prefetch_related("events"),
        pk=submission_id,
        submitter=request.user,
    )


def _run(action):
    try:
        return action()
    except AttachmentError as exc:
        raise InputError([{"loc": ["form", "attachments"], "msg": str(exc), "type": "attachment"}]) from None
    except submissions.IdempotencyKeyReused as exc:
        raise InputError(
            [{"loc": ["header", "Idempotency-Key"], "msg": str(exc), "type": "value_error"}]
        ) from None
    except submissions.SubmissionError as exc:
        if exc.status != 422:
            raise HttpError(exc.status, str(exc)) from None
        raise InputError(
            [{"loc": ["form", "payload", exc.field or "payload"], "msg": str(exc), "type": "value_error"}]
        ) from None


@submissions_router.get(
    "/submissions/options/",
    auth=None,
    response={200: SubmissionOptionsOut, 400: ErrorOut},
    summary="The choices of the submission form (objectives, principles, countries, regions, actor types)",
)
def submission_form_options(request: HttpRequest, response: HttpResponse, query: Query[LocaleQuery]):
    """Public: the same for everyone, so shared caches may keep it as long as the server does."""
    options = submission_options(language_of(request, query))
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    patch_vary_headers(response, ["Accept-Language"])
    return options


@submissions_router.post(
    "/submissions/",
    response={201: SubmissionOut, 200: SubmissionOut, 403: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Submit an example (multipart: payload JSON + attachments)",
)
def create_submission(
    request: HttpRequest,
    payload: Annotated[str, PAYLOAD],
    attachments: File[list[UploadedFile]] = None,
    idempotency_key: str = Header(
        "",
        alias="Idempotency-Key",
        max_length=128,
        description=(
            "Any unique text (a UUID) chosen by the client for this submission. Sending the same request "
            "again with the same key returns the first submission (200) instead of creating a second one; "
            "the same key with another form or other files is refused (422)."
        ),
    ),
):
    _require_verified(request)
    data = _parse(payload)
    submission, created = _run(
        lambda: submissions.create(request.user, data, list(attachments or []), idempotency_key.strip())
    )
    return Status(201 if created else 200, _submission_out(submission))


@submissions_router.get("/submissions/", response=list[SubmissionSummaryOut], summary="My submissions")
@paginate(PageNumberPagination, page_size=20)
def list_submissions(request: HttpRequest):
    latest = SubmissionEvent.objects.exclude(message="").order_by("-created_at", "-pk")
    rows = (
        Submission.objects.filter(submitter=request.user)
        .select_related("page")
        .prefetch_related(Prefetch("events", queryset=latest, to_attr="messages"))
    )
    return [
        {
            "id": s.pk,
            "page_id": s.page_id,
            "title": s.page.draft_title or s.page.title,
            "status": s.status,
            "status_label": str(SubmissionStatus(s.status).label),
            "language": s.language,
            "created_at": s.created_at,
            "updated_at": s.updated_at,
            "latest_message": s.messages[0].message if s.messages else "",
        }
        for s in rows
    ]


@submissions_router.get("/submissions/{int:submission_id}/", response={200: SubmissionOut, 404: ErrorOut})
def get_submission(request: HttpRequest, submission_id: int):
    return _submission_out(_own(request, submission_id))


@submissions_router.post(
    "/submissions/{int:submission_id}/revise/",
    response={200: SubmissionOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Revise a submission after changes were requested (resubmits it)",
)
def revise_submission(
    request: HttpRequest,
    submission_id: int,
    payload: Annotated[str, PAYLOAD],
    attachments: File[list[UploadedFile]] = None,
):
    submission = _own(request, submission_id)
    data = _parse(payload)
    submission = _run(lambda: submissions.revise(request.user, submission, data, list(attachments or [])))
    return _submission_out(_own(request, submission.pk))


@submissions_router.post(
    "/submissions/{int:submission_id}/withdraw/",
    response={200: SubmissionOut, 404: ErrorOut, 409: ErrorOut},
    summary="Withdraw a submission",
)
def withdraw_submission(request: HttpRequest, submission_id: int):
    submission = _run(lambda: submissions.withdraw(request.user, _own(request, submission_id)))
    return _submission_out(_own(request, submission.pk))
