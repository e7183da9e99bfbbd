"""Fixtures for the library's tests: members in each role."""

import pytest

from cms.accounts import roles
from tests.factories import UserFactory


@pytest.fixture
def moderator(db):
    return UserFactory(role=roles.MODERATORS)


@pytest.fixture
def reviewer(db):
    return UserFactory(role=roles.THEMATIC_REVIEWERS)


@pytest.fixture
def stakeholder(db):
    return UserFactory(role=roles.STAKEHOLDERS)


@pytest.fixture
def other_stakeholder(db):
    return UserFactory(role=roles.STAKEHOLDERS)
