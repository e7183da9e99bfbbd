"""Fixtures of the examples search tests."""

import random

import pytest

from tests.search.helpers import add_example


@pytest.fixture
def library(db):
    """A varied set of published examples beside the demo ones."""
    random.seed(7)
    countries = ["GH", "MX", "PH", "PT", "MA", "DE", "KE", "CO"]
    kinds = ["practice", "case_study", "lesson_learned"]
    keys = ["people_centred", "human_rights", "child_sensitive", "rule_of_law"]
    for i in range(30):
        add_example(
            f"Sample example {i}",
            objective=random.randint(1, 23),
            secondary=random.sample(range(1, 24), 2),
            country=countries[i % len(countries)],
            kind=kinds[i % 3],
            pilot=i % 4 == 0,
            years=(2010 + i % 12, None if i % 5 == 0 else 2012 + i % 12),
            principles=random.sample(keys, 2),
        )
