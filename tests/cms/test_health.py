"""``GET /api/v1/health/``: answers for load balancers without touching the database (and is the
benchmarks' floor, so it must stay a request that reads nothing)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_health_answers_ok_without_a_query(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(queries) == 0
