"""Helpers for the discussion tests: the demo discussion, eligible and ineligible users, posting."""

import json
from datetime import UTC, datetime

import pytest

from cms import roles
from cms.models import AccountProfile
from tests.examples_library.conftest import client_for, make_user

BODY = "The six-step process fits our national coordination mechanism."


@pytest.fixture
def discussion(db):
    from guidance_pages.models import Discussion

    return Discussion.objects.get(locale__language_code="en")


@pytest.fixture
def french_discussion(db):
    from guidance_pages.models import Discussion

    return Discussion.objects.get(locale__language_code="fr")


@pytest.fixture
def six_steps(db):
    from guidance_pages.models import ChapterPage

    return ChapterPage.objects.get(locale__language_code="en", slug="six-step-process")


def established_user(role: str = roles.STAKEHOLDERS, days: int = 30):
    """A member with a verified e-mail whose account is ``days`` old: their flags count towards hiding."""
    from datetime import timedelta

    from django.utils import timezone

    user = make_user(role)
    user.date_joined = timezone.now() - timedelta(days=days)
    user.save(update_fields=["date_joined"])
    return user


def champion_user(country: str = "MX", name: str = "Ana from Mexico"):
    user = make_user(roles.CHAMPIONS)
    AccountProfile.objects.create(user=user, display_name=name, country=country)
    return user


@pytest.fixture
def champion(db):
    return champion_user()


@pytest.fixture
def stakeholder(db):
    return make_user(roles.STAKEHOLDERS)


@pytest.fixture
def moderator(db):
    return make_user(roles.MODERATORS)


@pytest.fixture
def editor(db):
    return make_user(roles.EDITORS)


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
    from guidance_pages import discussions

    if "question_id" not in options and "parent_id" not in options:
        options["question_id"] = question(discussion).pk
    return discussions.post(user, discussion, page.pk, body, **options)


def approve(comment):
    from guidance_pages import discussions

    return discussions.moderate(make_user("admin"), comment, "approve")


def comments_of(client, page, **params):
    return client.get(f"/api/v1/pages/{page.pk}/comments/", params)


DURING = datetime(2026, 6, 1, tzinfo=UTC)
BEFORE = datetime(2025, 12, 31, 23, 0, tzinfo=UTC)
AFTER = datetime(2031, 1, 1, tzinfo=UTC)

__all__ = ["client_for", "make_user"]


@pytest.fixture(autouse=True)
def fresh_post_counters():
    """The posting throttle counts in the cache per account id; ids repeat across rolled-back tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_messages():
    """The rules return messages in the active language; earlier tests may leave another one active."""
    from django.utils import translation

    with translation.override("en"):
        yield
