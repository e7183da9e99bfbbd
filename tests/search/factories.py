"""Factories for the search tests: examples whose publication has reached the read model and engine."""

from django.test import TestCase

from examples_library.models import ExamplePage
from tests.examples_library.factories import ExamplePageFactory


class IndexedExamplePageFactory(ExamplePageFactory):
    """A published example whose after-commit work (the search sync that publishing enqueues) has run, as
    it has once a real publication's transaction commits."""

    @classmethod
    def publish(cls, page: ExamplePage) -> None:
        with TestCase.captureOnCommitCallbacks(execute=True):
            super().publish(page)
