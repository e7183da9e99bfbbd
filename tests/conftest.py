"""Shared fixtures. The demo content is loaded once per test database; each test runs in a transaction
that is rolled back, so tests may change it freely."""

from unittest import mock

from django.core.cache import cache
from django.test import Client

from wagtail.models import Locale

import pytest

from cms.demo import load_demo
from cms.headless import page_cache
from cms.i18n.catalogs import compile_catalogs
from examples_library.transfer import publishing
from guidance_pages.history import editions
from guidance_pages.models import BookletPage
from search import facets, memo
from search.breaker import engine_breaker


def pytest_sessionstart(session) -> None:
    # `make test` compiles the catalogs already; this keeps a bare `pytest` run (fresh clone) in French too.
    compile_catalogs()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The demo publishes two editions, which asks for their PDFs: the immediate backend would render six
    # before every run (a minute). Not here: tests/publications renders what it checks. Nor the open-data
    # files: written into the storage every test shares, they would outlive each test's rollback.
    with (
        django_db_blocker.unblock(),
        mock.patch.object(editions, "schedule_edition_pdfs"),
        mock.patch.object(publishing, "request_build"),
    ):
        load_demo()


@pytest.fixture(autouse=True)
def queued_mail(settings):
    """Django's test set-up swaps EMAIL_BACKEND for its outbox; put our queue back in front of it so tests
    exercise the real path (queue → task → backend), with the outbox as the final backend."""
    settings.EMAIL_BACKEND = "cms.background.mail.QueuedEmailBackend"
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def client(db) -> Client:
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def booklet(db):
    return BookletPage.objects.get(locale__language_code="en")


@pytest.fixture(autouse=True)
def fresh_facet_index():
    """Each test's database is rolled back to the same search version numbers: drop the per-process facet
    index, the remembered labels and the answers cached under those numbers, so that no test reads
    another's rows."""
    facets.clear()
    memo.forget()
    cache.clear()
    yield
    facets.clear()
    memo.forget()


@pytest.fixture(autouse=True)
def closed_search_breaker():
    """The search engine's circuit breaker is per process: one test's engine failure must not make the next
    test skip its engine."""
    engine_breaker.reset()
    yield
    engine_breaker.reset()


@pytest.fixture(autouse=True)
def fresh_page_details():
    """The cached API details are keyed by page ids, which each test's rollback hands out again: none may
    outlive its test (cms/headless/page_cache.py)."""
    page_cache.forget()
    yield
    page_cache.forget()
