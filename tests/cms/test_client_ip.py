"""Sign-in rate limits count each reader apart when the frontend relays their address, and only then."""

import json

from django.core.cache import cache
from django.test import Client, RequestFactory

import pytest

from cms.accounts.client_ip import relayed_client_ip
from tests.factories import UserFactory

SECRET = "frontend-proxy-secret-for-tests"  # noqa: S105
LOGIN = "/_allauth/browser/v1/auth/login"


@pytest.fixture(autouse=True)
def rate_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
    settings.FRONTEND_PROXY_SECRET = SECRET
    cache.clear()
    yield
    cache.clear()


def frontend(address: str, secret: str = SECRET) -> Client:
    """A client whose requests come from the Astro server (always 127.0.0.1) on behalf of a reader."""
    return Client(
        HTTP_HOST="localhost",
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_GCM_CLIENT_IP=address,
        HTTP_X_GCM_PROXY_SECRET=secret,
    )


def login(client: Client, email: str, password: str):
    return client.post(
        LOGIN, json.dumps({"email": email, "password": password}), content_type="application/json"
    )


def fail_until_blocked(client: Client) -> None:
    # A different e-mail each time: only the per-address limit can be what stops them.
    codes = [
        login(client, f"nobody-{n}@example.org", "wrong").json().get("errors", [{}])[0].get("code")
        for n in range(12)
    ]
    assert codes[-1] == "too_many_login_attempts", codes


def test_one_abusers_failures_do_not_block_another_readers_sign_in(db):
    user = UserFactory(role=None)
    fail_until_blocked(frontend("203.0.113.7"))
    other = login(frontend("198.51.100.20"), user.email, "pw-Secret-123")
    assert other.status_code == 200, other.content


def test_the_abuser_stays_blocked(db):
    user = UserFactory(role=None)
    fail_until_blocked(frontend("203.0.113.7"))
    again = login(frontend("203.0.113.7"), user.email, "pw-Secret-123")
    assert again.status_code in (400, 429)
    assert again.json()["errors"][0]["code"] == "too_many_login_attempts"


def test_a_client_address_without_the_secret_is_ignored(db):
    """Straight to Django with a made-up address each time: the header is not believed, so the connection's
    own address is counted and the abuser is blocked however many addresses they claim."""
    user = UserFactory(role=None)
    codes = []
    for n in range(12):
        spoofer = Client(HTTP_HOST="localhost", REMOTE_ADDR="192.0.2.50", HTTP_X_GCM_CLIENT_IP=f"10.0.0.{n}")
        codes.append(login(spoofer, f"nobody-{n}@example.org", "wrong").json()["errors"][0]["code"])
    assert codes[-1] == "too_many_login_attempts", codes
    wrong_secret = Client(
        HTTP_HOST="localhost",
        REMOTE_ADDR="192.0.2.50",
        HTTP_X_GCM_CLIENT_IP="10.9.9.9",
        HTTP_X_GCM_PROXY_SECRET="guessed",
    )
    blocked = login(wrong_secret, user.email, "pw-Secret-123")
    assert blocked.json()["errors"][0]["code"] == "too_many_login_attempts"


def test_without_a_configured_secret_nothing_is_relayed(db, settings):
    settings.FRONTEND_PROXY_SECRET = ""
    request = RequestFactory().get("/", HTTP_X_GCM_CLIENT_IP="10.0.0.1", HTTP_X_GCM_PROXY_SECRET="")
    assert relayed_client_ip(request) is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("not an address", None),
        ("", None),
    ],
)
def test_relayed_address_forms(settings, given, expected):
    request = RequestFactory().get("/", HTTP_X_GCM_CLIENT_IP=given, HTTP_X_GCM_PROXY_SECRET=SECRET)
    assert relayed_client_ip(request) == expected
