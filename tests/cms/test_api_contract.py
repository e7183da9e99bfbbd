"""The committed schema (docs/openapi.json) is what the domain API does: Schemathesis generates requests from
it for every operation and checks that no answer is a 5xx, that every status code is documented and that
every body matches its documented schema. Bounded and derandomized, so CI is reproducible and quick."""

from pathlib import Path

from django.conf import settings
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from cms.accounts import roles
from tests.factories import UserFactory

SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "openapi.json"
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
# Any 32 letters are a valid CSRF secret; sent as both cookie and header, as the frontend does.
CSRF = "contractcontractcontractcontract"

schema = schemathesis.openapi.from_path(SCHEMA_PATH)
schema.app = get_wsgi_application()

BOUNDED = hypothesis_settings(
    max_examples=12,
    derandomize=True,  # the same examples on every run: a CI failure can be reproduced
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as found
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Django closes the database connection when a request finishes; the test's transaction lives on it.
    Django's own test client unhooks it for the same reason (django.test.client.ClientHandler)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def session(db) -> dict[str, str]:
    """A signed-in, verified stakeholder's session cookie plus the CSRF pair."""
    client = Client()
    client.force_login(UserFactory(role=roles.STAKEHOLDERS))
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


@schema.parametrize()
@BOUNDED
def test_every_operation_keeps_its_contract_signed_in(case, session):
    cookies = {**session, settings.CSRF_COOKIE_NAME: CSRF}
    response = case.call_and_validate(cookies=cookies, headers={"X-CSRFToken": CSRF}, checks=CHECKS)
    assert response.status_code != 401, "the session did not reach the operation"


@schema.parametrize()
@hypothesis_settings(BOUNDED, max_examples=3)
def test_every_operation_keeps_its_contract_anonymous(case, db):
    case.call_and_validate(checks=CHECKS)
