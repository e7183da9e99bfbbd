"""Every 4xx of the domain API has one shape, {"detail": words in the request's language, "errors": [...]}."""

import json

from django.test import Client

import pytest

from cms.accounts import roles
from tests.factories import UserFactory


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert set(body) == {"detail", "errors"}, body
    assert isinstance(body["detail"], str) and body["detail"]
    return body


@pytest.mark.parametrize(
    "url, status",
    [
        ("/api/v1/discussions/?status=AAA", 422),
        ("/api/v1/examples/999999999/", 404),
        ("/api/v1/examples/?locale=xx", 400),
        ("/api/v1/submissions/", 401),
    ],
)
def test_each_kind_of_error_has_the_one_shape(client, url, status):
    _error(client.get(url), status)


def test_validation_errors_list_each_input(client):
    body = _error(client.get("/api/v1/discussions/?status=AAA"), 422)
    assert body["errors"][0]["loc"][-1] == "status"


def test_a_missing_own_submission_is_a_translated_404(db):
    client = Client()
    client.force_login(UserFactory(role=roles.STAKEHOLDERS))
    english = _error(client.get("/api/v1/submissions/999999/"), 404)
    french = _error(client.get("/api/v1/submissions/999999/", HTTP_ACCEPT_LANGUAGE="fr"), 404)
    assert english["errors"] == [] and "Submission" not in english["detail"]
    assert french["detail"] != english["detail"]


def test_a_missing_csrf_token_is_a_403_in_words(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(role=roles.STAKEHOLDERS))
    response = client.post("/api/v1/submissions/", {"payload": json.dumps({})}, HTTP_ACCEPT_LANGUAGE="fr")
    body = _error(response, 403)
    assert "CSRF" in body["detail"] and body["detail"] != "CSRF check Failed"


@pytest.mark.parametrize(
    "language, words", [("en", "q: contains a NUL character"), ("fr", "q: contient un caractère NUL")]
)
def test_our_validators_speak_the_request_language(client, language, words):
    body = _error(client.get("/api/v1/search/", {"q": "\x00", "locale": language}), 422)
    assert body["detail"].endswith(words), body["detail"]
    assert "Value error" not in body["detail"]
