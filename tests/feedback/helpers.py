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


def edit_form(discussion, pages, questions) -> dict[str, str]:
    """The admin edit form of ``discussion`` as a browser posts it: existing page rows are deleted and
    ``pages`` added, so the discussion ends up about ``pages`` only."""
    existing = list(discussion.discussion_pages.all())
    data = {
        "title": discussion.title,
        "introduction": discussion.introduction,
        "opens_at": discussion.opens_at.strftime("%Y-%m-%d %H:%M"),
        "closes_at": discussion.closes_at.strftime("%Y-%m-%d %H:%M"),
        "audience": discussion.audience,
        "moderation": discussion.moderation,
        "discussion_pages-TOTAL_FORMS": str(len(existing) + len(pages)),
        "discussion_pages-INITIAL_FORMS": str(len(existing)),
        "discussion_pages-MIN_NUM_FORMS": "0",
        "discussion_pages-MAX_NUM_FORMS": "1000",
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": str(len(questions)),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "extensions-TOTAL_FORMS": "0",
        "extensions-INITIAL_FORMS": "0",
        "extensions-MIN_NUM_FORMS": "0",
        "extensions-MAX_NUM_FORMS": "1000",
    }
    for index, link in enumerate(existing):
        data |= {
            f"discussion_pages-{index}-id": str(link.pk),
            f"discussion_pages-{index}-page": str(link.page_id),
            f"discussion_pages-{index}-ORDER": str(index + 1),
            f"discussion_pages-{index}-DELETE": "on",
        }
    for offset, page in enumerate(pages):
        index = len(existing) + offset
        data |= {
            f"discussion_pages-{index}-page": str(page.pk),
            f"discussion_pages-{index}-ORDER": str(index + 1),
        }
    for index, item in enumerate(questions):
        data |= {
            f"questions-{index}-id": str(item.pk),
            f"questions-{index}-text": item.text,
            f"questions-{index}-posted_at": item.posted_at.strftime("%Y-%m-%d %H:%M"),
            f"questions-{index}-ORDER": str(index + 1),
        }
    return data
