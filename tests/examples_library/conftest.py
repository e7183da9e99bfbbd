"""Fixtures for the library's tests: members in each role."""

import pytest

from cms.accounts import roles
from examples_library.transfer.importing import CREATED, Importer
from tests.examples_library.helpers import csv_bytes, row
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


@pytest.fixture
def bulk_editor(db):
    return UserFactory(role=roles.EDITORS, username="bulk-importer")


@pytest.fixture
def imported_examples(bulk_editor):
    rows = [
        row(i, body=f"<p>Body {i}</p>", partners="=cmd|' /C calc'!A0" if i == 1 else "") for i in range(5)
    ]
    report = Importer(user=bulk_editor, publish=True).run(csv_bytes(rows), "seed.csv")
    assert report.counts()[CREATED] == 5
    return report
