"""Domain API of discussions (/api/v1/): discussions with their questions and pages, the comments of a
page (threaded, paginated, a constant number of queries), posting, replying and flagging.

Reading is public (approved comments of published pages only). Posting and flagging need a signed-in
session and the CSRF header, as the submissions API does. Comment bodies are plain text: ``body`` is the
text as written and ``body_html`` the same text HTML-escaped with line breaks, safe to insert as HTML.
"""

from datetime import date, datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import Field

from cms.accounts.client_ip import relayed_client_ip
from cms.headless.api_contract import ErrorOut
from cms.headless.frontend import frontend_path
from cms.headless.text_input import TextSafeSchema
from cms.models import public_name
from examples_library.models import Country
from feedback import discussions, trace
from feedback.models import Discussion, DiscussionComment, DiscussionPage, TriageStatus
from guidance_pages.api import LocaleQuery, language_of
from guidance_pages.history.schemas import EditionRefOut

router = Router(tags=["discussions"])
# ninja names an operation after its module and function; the committed schema's ids (and with them the
# frontend's generated types) date from when this router was guidance_pages/discussions_api.py. Operations
# added since keep ninja's own names.
OPERATION_ID_PREFIX = "guidance_pages_discussions_api_"


class QuestionOut(Schema):
    id: int
    number: int = Field(..., description="1-based position among the discussion's questions.")
    text: str
    posted_at: datetime


class ExtensionOut(Schema):
    closes_at: datetime = Field(..., description="The closing date this extension set.")
    decided_on: date = Field(..., description="The day the extension was decided.")
    reason: str = Field(..., description="Why, in the discussion's language (may be empty).")


class DiscussionPageOut(Schema):
    id: int
    title: str
    path: str = Field(..., description="The page's path on the frontend, e.g. /fr/guide/six-step-process/.")


class DiscussionSummaryOut(Schema):
    id: int
    title: str
    introduction: str
    locale: str
    opens_at: datetime
    closes_at: datetime
    state: str = Field(..., description="upcoming, open or closed.")
    audience: str = Field(..., description="champions or registered.")
    moderation: str = Field(..., description="pre (approved before shown) or post.")


class ViewerOut(Schema):
    can_post: bool
    reason: str | None = Field(None, description="Why the viewer may not post, in the response language.")


class DiscussionOut(DiscussionSummaryOut):
    questions: list[QuestionOut]
    extensions: list[ExtensionOut] = Field(
        ..., description="Extensions of the window, oldest first; the last one's closes_at is closes_at."
    )
    pages: list[DiscussionPageOut]
    viewer: ViewerOut


class DiscussionListOut(Schema):
    count: int
    items: list[DiscussionSummaryOut]


class CountryOut(Schema):
    code: str
    name: str


class AuthorOut(Schema):
    name: str = Field(..., description="The account's display name; never an e-mail address.")
    country: CountryOut | None


class RevisionRefOut(Schema):
    id: int
    created_at: datetime


class TriageOut(Schema):
    status: str = Field(..., description="new, under_consideration, addressed or not_taken_up.")
    status_label: str
    editor_response: str
    addressed_revision: RevisionRefOut | None


class CommentOut(Schema):
    id: int
    parent_id: int | None
    level: int
    discussion_id: int
    question_id: int
    page_id: int
    block_id: str
    language: str
    author: AuthorOut
    submitted_at: datetime
    body: str = Field(..., description="Plain text as written; escape it when inserting into HTML.")
    body_html: str = Field(..., description="The body HTML-escaped, with paragraphs and line breaks.")
    triage: TriageOut | None = Field(None, description="Top-level comments only.")
    replies: list["CommentOut"] = []


class CommentPageOut(Schema):
    count: int = Field(..., description="Number of top-level threads matching the filters.")
    page: int
    page_size: int
    results: list[CommentOut]


class PostedCommentOut(CommentOut):
    public: bool = Field(..., description="False while it waits for a moderator (pre-moderated discussions).")
    moderation_state: str


class CommentIn(TextSafeSchema):
    page_id: int
    question_id: int | None = Field(
        None, description="Required for a new thread; a reply takes its parent's."
    )
    block_id: str = Field("", max_length=64, description="Stable id of the page block the comment is about.")
    body: str = Field(..., max_length=settings.DISCUSSION_COMMENT_MAX_LENGTH)
    parent_id: int | None = None
    follow: bool = Field(False, description="Mail me replies in this thread.")


class FlagOut(Schema):
    flagged: bool
    hidden: bool


class DiscussionListQuery(LocaleQuery):
    status: str | None = Field(
        None, pattern="^(open|closed|upcoming)$", description="open, closed or upcoming"
    )


class CommentsQuery(Schema):
    discussion: int | None = None
    question: int | None = None
    block: str | None = Field(None, max_length=64)
    page: int = Field(1, ge=1, le=10000)
    page_size: int = Field(20, ge=1, le=100)


def _state(discussion: Discussion, now: datetime) -> str:
    if now < discussion.opens_at:
        return "upcoming"
    return "open" if now < discussion.closes_at else "closed"


def _summary(discussion: Discussion, now: datetime) -> dict:
    return {
        "id": discussion.pk,
        "title": discussion.title,
        "introduction": discussion.introduction,
        "locale": discussion.locale.language_code,
        "opens_at": discussion.opens_at,
        "closes_at": discussion.closes_at,
        "state": _state(discussion, now),
        "audience": discussion.audience,
        "moderation": discussion.moderation,
    }


def _raise(exc: discussions.DiscussionError):
    raise HttpError(exc.status, str(exc.message)) from None


@router.get(
    "/discussions/",
    response=DiscussionListOut,
    summary="Discussions in a language",
    operation_id=OPERATION_ID_PREFIX + "list_discussions",
)
def list_discussions(request: HttpRequest, query: Query[DiscussionListQuery]):
    now = timezone.now()
    rows = Discussion.objects.filter(locale__language_code=language_of(request, query)).select_related(
        "locale"
    )
    if query.status == "open":
        rows = rows.filter(opens_at__lte=now, closes_at__gt=now)
    elif query.status == "closed":
        rows = rows.filter(closes_at__lte=now)
    elif query.status == "upcoming":
        rows = rows.filter(opens_at__gt=now)
    rows = list(rows[: settings.NINJA_PAGINATION_MAX_LIMIT])
    return {"count": len(rows), "items": [_summary(d, now) for d in rows]}


@router.get(
    "/discussions/{int:discussion_id}/",
    response={200: DiscussionOut, 404: ErrorOut},
    summary="A discussion with its questions and pages",
    operation_id=OPERATION_ID_PREFIX + "get_discussion",
)
def get_discussion(request: HttpRequest, discussion_id: int):
    now = timezone.now()
    discussion = Discussion.objects.select_related("locale").filter(pk=discussion_id).first()
    if discussion is None:
        raise HttpError(404, _("This discussion does not exist."))
    questions = [q for q in discussion.questions.all() if q.posted_at <= now]
    links = (
        DiscussionPage.objects.filter(discussion=discussion, page__in=discussions.public_pages())
        .select_related("page__locale")
        .order_by("sort_order")
    )
    refusal = discussions.posting_refusal(request.user, discussion, now)
    return {
        **_summary(discussion, now),
        "questions": [
            {"id": q.pk, "number": n, "text": q.text, "posted_at": q.posted_at}
            for n, q in enumerate(questions, start=1)
        ],
        "extensions": [
            {"closes_at": e.closes_at, "decided_on": e.decided_on, "reason": e.reason}
            for e in discussion.extensions.order_by("decided_on", "closes_at", "pk")
        ],
        "pages": [
            {"id": link.page.pk, "title": link.page.title, "path": frontend_path(link.page)} for link in links
        ],
        "viewer": {"can_post": refusal is None, "reason": refusal},
    }


def _countries(comments: list[DiscussionComment], language: str) -> dict[str, str]:
    """Country names in ``language`` for the comments' authors, in one query (English names as fallback)."""
    codes = {discussions.author_country(c) for c in comments} - {""}
    if not codes:
        return {}
    names: dict[str, str] = {}
    for country in (
        Country.objects.filter(iso2__in=codes, locale__language_code__in=[language, "en"])
        .only("iso2", "name", "locale__language_code")
        .select_related("locale")
    ):
        if country.locale.language_code == language or country.iso2 not in names:
            names[country.iso2] = country.name
    return names


def comment_out(comment: DiscussionComment, countries: dict[str, str]) -> dict:
    code = discussions.author_country(comment)
    revision = comment.addressed_revision
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id if comment.level else None,
        "level": comment.level,
        "discussion_id": comment.discussion_id,
        "question_id": comment.question_id,
        "page_id": comment.page_id,
        "block_id": comment.block_id,
        "language": comment.language,
        "author": {
            "name": public_name(comment.user),
            "country": {"code": code, "name": countries.get(code, code)} if code else None,
        },
        "submitted_at": comment.submit_date,
        "body": comment.comment,
        "body_html": linebreaks(escape(comment.comment)),
        "triage": None
        if comment.level
        else {
            "status": comment.status,
            "status_label": str(TriageStatus(comment.status).label),
            "editor_response": comment.editor_response,
            "addressed_revision": {"id": revision.pk, "created_at": revision.created_at}
            if revision
            else None,
        },
        "replies": [],
    }


@router.get(
    "/pages/{int:page_id}/comments/",
    response={200: CommentPageOut, 404: ErrorOut},
    summary="Approved comments of a published page: top-level threads with their replies",
    operation_id=OPERATION_ID_PREFIX + "page_comments",
)
def page_comments(request: HttpRequest, page_id: int, query: Query[CommentsQuery]):
    page = discussions.public_pages().select_related("locale").filter(pk=page_id).first()
    if page is None:
        raise HttpError(404, _("This page does not exist or is not published."))
    visible = discussions.public_comments().filter(page_id=page_id)
    threads = visible.filter(level=0)
    if query.discussion:
        threads = threads.filter(discussion_id=query.discussion)
    if query.question:
        threads = threads.filter(question_id=query.question)
    if query.block is not None:
        threads = threads.filter(block_id=query.block)
    count = threads.count()
    start = (query.page - 1) * query.page_size
    top = list(
        threads.order_by("submit_date", "pk").values_list("pk", flat=True)[start : start + query.page_size]
    )
    rows = list(
        visible.filter(thread_id__in=top)
        .select_related("user__account_profile", "addressed_revision")
        .order_by("thread_id", "order")
    )
    countries = _countries(rows, page.locale.language_code)
    by_id: dict[int, dict] = {}
    for comment in rows:  # thread order puts every parent before its replies
        by_id[comment.pk] = comment_out(comment, countries)
    for comment in rows:
        if comment.level:
            parent = by_id.get(comment.parent_id)
            if parent is not None:  # a reply under a comment that is not public stays unseen
                parent["replies"].append(by_id[comment.pk])
    results = [by_id[pk] for pk in top if pk in by_id]
    return {"count": count, "page": query.page, "page_size": query.page_size, "results": results}


def _client_ip(request: HttpRequest) -> str | None:
    # The reader's address as the frontend relays it, not the frontend's own (cms/accounts/client_ip.py).
    return relayed_client_ip(request) or request.META.get("REMOTE_ADDR") or None


@router.post(
    "/discussions/{int:discussion_id}/comments/",
    auth=django_auth,
    response={
        201: PostedCommentOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Post a comment on a page of the discussion, or reply to one (parent_id)",
    operation_id=OPERATION_ID_PREFIX + "post_comment",
)
def post_comment(request: HttpRequest, discussion_id: int, payload: CommentIn):
    discussion = Discussion.objects.select_related("locale").filter(pk=discussion_id).first()
    if discussion is None:
        raise HttpError(404, _("This discussion does not exist."))
    try:
        comment = discussions.post(
            request.user,
            discussion,
            payload.page_id,
            payload.body,
            question_id=payload.question_id,
            block_id=payload.block_id,
            parent_id=payload.parent_id,
            follow=payload.follow,
            ip_address=_client_ip(request),
        )
    except discussions.DiscussionError as exc:
        _raise(exc)
    comment = DiscussionComment.objects.select_related("user__account_profile", "addressed_revision").get(
        pk=comment.pk
    )
    out = comment_out(comment, _countries([comment], discussion.locale.language_code))
    out["public"] = comment.moderation_state == "approved"
    out["moderation_state"] = comment.moderation_state
    return Status(201, out)


@router.post(
    "/comments/{int:comment_id}/flag/",
    auth=django_auth,
    response={200: FlagOut, 401: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    summary="Flag a comment for the moderators",
    operation_id=OPERATION_ID_PREFIX + "flag_comment",
)
def flag_comment(request: HttpRequest, comment_id: int):
    comment = DiscussionComment.objects.filter(pk=comment_id).first()
    if comment is None:
        raise HttpError(404, _("This comment does not exist."))
    try:
        hidden = discussions.flag(request.user, comment)
    except discussions.DiscussionError as exc:
        _raise(exc)
    return {"flagged": True, "hidden": hidden}


class QuestionCountOut(Schema):
    id: int = Field(..., description="The question in the response language (or its English original).")
    text: str
    discussion_id: int
    discussion: str = Field(..., description="The discussion's title, in the same language as the question.")
    count: int


class OriginCountOut(Schema):
    kind: str = Field(..., description="country (the author's) or language (authors without a country).")
    code: str = Field(..., description="ISO 3166 alpha-2 code for a country; a language code otherwise.")
    name: str = Field(..., description="In the response language.")
    count: int


class StatusCountOut(Schema):
    status: str = Field(..., description="new, under_consideration, addressed or not_taken_up.")
    label: str
    count: int


class EditionFeedbackOut(EditionRefOut):
    """The edition as the editions API names it, and the feedback it addressed."""

    locale: str = Field(..., description="The language of the edition's name.")
    fallback: bool = Field(..., description="True when shown in English for want of a translation.")
    total: int = Field(
        ...,
        description=(
            "Public feedback items addressed by a revision published after the previous edition and by this "
            "one (or first fixed by this one)."
        ),
    )
    by_question: list[QuestionCountOut] = Field(..., description="Most addressed first.")
    by_country: list[OriginCountOut] = Field(..., description="Most addressed first.")
    by_status: list[StatusCountOut] = Field(..., description="In triage order; empty statuses left out.")


@router.get(
    "/editions/{int:number}/feedback/",
    response={200: EditionFeedbackOut, 404: ErrorOut},
    summary="How much public feedback an edition addressed, by question, country and triage status",
)
def edition_feedback(request: HttpRequest, number: int, query: Query[LocaleQuery]):
    language = language_of(request, query)
    with translation.override(language):  # labels and the refusal in the reader's language
        try:
            return trace.edition_feedback(number, language)
        except trace.EditionNotFound:
            raise HttpError(404, _("This edition does not exist or is not published.")) from None
