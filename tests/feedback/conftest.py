"""Fixtures for the discussion tests: the demo discussion and page, and members eligible or not to post."""

from django.core.cache import cache
from django.utils import translation

import pytest

from cms.accounts import roles
from feedback.models import Discussion
from guidance_pages.models import ChapterPage
from tests.factories import UserFactory
from tests.feedback.factories import ChampionFactory


@pytest.fixture
def discussion(db):
    return Discussion.objects.get(locale__language_code="en")


@pytest.fixture
def french_discussion(db):
    return Discussion.objects.get(locale__language_code="fr")


@pytest.fixture
def six_steps(db):
    return ChapterPage.objects.get(locale__language_code="en", slug="six-step-process")


@pytest.fixture
def champion(db):
    return ChampionFactory()


@pytest.fixture
def stakeholder(db):
    return UserFactory(role=roles.STAKEHOLDERS)


@pytest.fixture
def moderator(db):
    return UserFactory(role=roles.MODERATORS)


@pytest.fixture
def editor(db):
    return UserFactory(role=roles.EDITORS)


@pytest.fixture(autouse=True)
def fresh_post_counters():
    """The posting throttle counts in the cache per account id; ids repeat across rolled-back tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_messages():
    """The rules return messages in the active language; earlier tests may leave another one active."""
    with translation.override("en"):
        yield
