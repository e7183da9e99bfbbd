"""Helpers for the Champions tests that are not test data: reading the API, counting its queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def get_json(client, url: str, **params) -> tuple[int, dict]:
    response = client.get(url, params)
    return response.status_code, response.json()


def queries_of(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)
