"""Fixtures for the Champions tests: the demo Champion (Mexico) and its pilot's example."""

import pytest

from champions.models import Champion
from examples_library.models import ExamplePage


@pytest.fixture
def mexico(db):
    return Champion.objects.get(country__iso2="MX")


@pytest.fixture
def data_platform(db):
    return ExamplePage.objects.get(slug="demo-labour-migration-data-platform", locale__language_code="en")
