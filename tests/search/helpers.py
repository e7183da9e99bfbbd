"""Helpers for the search tests that are not test data: committed work and the examples search."""

from django.test import TestCase


def committed():
    """Run after-commit work (the search sync that publishing enqueues) as a committed transaction would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def get(client, **params):
    response = client.get("/api/v1/examples/", params)
    assert response.status_code == 200, response.content[:300]
    return response.json()
