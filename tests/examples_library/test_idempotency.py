"""A replayed create with the same Idempotency-Key creates nothing new; concurrent creates lose nothing."""

import json
import threading

from django.db import connection

import pytest

from cms.demo import load_demo
from examples_library.models import ExamplePage, Submission
from tests.examples_library.helpers import payload, pdf, submit
from tests.factories import UserFactory
from tests.helpers import client_for


def test_replayed_create_returns_the_first_result(stakeholder):
    client = client_for(stakeholder)
    first = submit(client, key="form-7f1c")
    again = submit(client, key="form-7f1c")
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert Submission.objects.filter(submitter=stakeholder).count() == 1
    assert ExamplePage.objects.filter(owner=stakeholder).count() == 1


def test_a_replay_may_differ_in_json_spacing_and_key_order(stakeholder):
    client = client_for(stakeholder)
    first = submit(client, key="form-spacing")
    reordered = json.dumps(dict(reversed(list(payload().items()))), indent=2)
    again = client.post("/api/v1/submissions/", {"payload": reordered}, HTTP_IDEMPOTENCY_KEY="form-spacing")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]


@pytest.mark.parametrize(
    "change",
    [
        {"data": payload(title="A different title this time")},
        {"files": [pdf("other.pdf")]},
    ],
    ids=["other form", "other attachment"],
)
def test_a_key_reused_with_another_body_is_a_422(stakeholder, change):
    client = client_for(stakeholder)
    first = submit(client, key="form-7f1c")
    again = submit(client, key="form-7f1c", **change)
    assert first.status_code == 201
    assert again.status_code == 422, again.content
    assert "Idempotency-Key" in again.json()["detail"]
    assert Submission.objects.filter(submitter=stakeholder).count() == 1
    page = ExamplePage.objects.get(owner=stakeholder).get_latest_revision_as_object()
    assert page.title == payload()["title"]


def test_a_key_reused_with_another_body_is_refused_in_french(stakeholder):
    client = client_for(stakeholder)
    submit(client, key="k-fr")
    again = client.post(
        "/api/v1/submissions/",
        {"payload": json.dumps(payload(title="Autre titre"))},
        HTTP_IDEMPOTENCY_KEY="k-fr",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert again.status_code == 422
    assert "déjà servi" in again.json()["detail"]


def test_keys_are_per_user(stakeholder, other_stakeholder):
    submit(client_for(stakeholder), key="same-key")
    submit(client_for(other_stakeholder), key="same-key")
    assert Submission.objects.filter(idempotency_key="same-key").count() == 2


def test_without_a_key_each_post_is_a_new_submission(stakeholder):
    client = client_for(stakeholder)
    submit(client)
    submit(client)
    assert Submission.objects.filter(submitter=stakeholder).count() == 2


def _post_concurrently(requests: list[tuple]) -> list[int]:
    statuses: list[int] = []
    barrier = threading.Barrier(len(requests))

    def run(user, key):
        try:
            client = client_for(user)
            barrier.wait(timeout=30)
            statuses.append(submit(client, key=key).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=request) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; concurrency is a PostgreSQL property",
)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_lose_nothing_and_duplicate_nothing():
    """One transactional test on purpose: pytest-django runs it after every rolled-back test, and its flush
    at the end empties the database (data migrations included) for anything that would come after."""
    if not ExamplePage.objects.exists():  # the demo loaded for the session is committed and still here
        load_demo()

    users = [UserFactory(role="Stakeholders") for _ in range(20)]
    statuses = _post_concurrently([(user, f"key-{i}") for i, user in enumerate(users)])
    assert sorted(statuses) == [201] * 20
    assert ExamplePage.objects.filter(owner__in=users).count() == 20
    assert Submission.objects.filter(submitter__in=users).count() == 20
    paths = list(ExamplePage.objects.filter(owner__in=users).values_list("path", flat=True))
    assert len(set(paths)) == 20

    user = UserFactory(role="Stakeholders")
    statuses = _post_concurrently([(user, "one-key")] * 8)
    assert statuses.count(201) == 1
    assert all(status in (200, 201) for status in statuses)
    assert ExamplePage.objects.filter(owner=user).count() == 1
