"""Shared fixtures. The demo content is loaded once per test database; each test runs in a transaction
that is rolled back, so tests may change it freely."""

from django.test import Client

import pytest


def pytest_sessionstart(session) -> None:
    # `make test` compiles the catalogs already; this keeps a bare `pytest` run (fresh clone) in French too.
    from cms.catalogs import compile_catalogs

    compile_catalogs()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from cms.demo import load_demo

    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture
def client(db) -> Client:
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def english(db):
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


@pytest.fixture
def booklet(db):
    from guidance_pages.models import BookletPage

    return BookletPage.objects.get(locale__language_code="en")
