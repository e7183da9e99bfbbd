"""Helpers for the Champions tests that are not test data: reading the API, counting its queries."""

from datetime import UTC, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from feedback import discussions
from feedback.models import Discussion
from guidance_pages.models import ChapterPage
from tests.factories import UserFactory

DURING = datetime(2026, 6, 1, tzinfo=UTC)  # inside the demo discussion's window


def get_json(client, url: str, **params) -> tuple[int, dict]:
    response = client.get(url, params)
    return response.status_code, response.json()


def queries_of(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)


def public_comment(author):
    """A comment by ``author`` in the demo discussion, approved: public."""
    discussion = Discussion.objects.get(locale__language_code="en")
    page = ChapterPage.objects.get(locale__language_code="en", slug="six-step-process")
    question = discussion.questions.first()
    comment = discussions.post(
        author, discussion, page.pk, "Our pilot says yes.", question_id=question.pk, now=DURING
    )
    discussions.moderate(UserFactory(role="admin"), comment, "approve")
    return comment
