"""Helpers for the discussion tests that are not test data: posting, approving and listing comments, and
dates inside and outside the demo discussion's open period."""

import json
from datetime import UTC, datetime

from feedback import discussions
from tests.factories import UserFactory

BODY = "The six-step process fits our national coordination mechanism."


def question(discussion, number: int = 1):
    return list(discussion.questions.all())[number - 1]


def api_post(client, discussion, page, body=BODY, **fields):
    data = {"page_id": page.pk, "body": body, **fields}
    if "question_id" not in data and "parent_id" not in data:
        data["question_id"] = question(discussion).pk
    return client.post(
        f"/api/v1/discussions/{discussion.pk}/comments/", json.dumps(data), content_type="application/json"
    )


def post_comment(user, discussion, page, body=BODY, **options):
    if "question_id" not in options and "parent_id" not in options:
        options["question_id"] = question(discussion).pk
    return discussions.post(user, discussion, page.pk, body, **options)


def approve(comment):
    return discussions.moderate(UserFactory(role="admin"), comment, "approve")


def comments_of(client, page, **params):
    return client.get(f"/api/v1/pages/{page.pk}/comments/", params)


DURING = datetime(2026, 6, 1, tzinfo=UTC)
BEFORE = datetime(2025, 12, 31, 23, 0, tzinfo=UTC)
AFTER = datetime(2031, 1, 1, tzinfo=UTC)
