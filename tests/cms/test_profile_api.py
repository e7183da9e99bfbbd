"""The reader's public profile: display name and country, shown with comments instead of the e-mail."""

import json

from django.contrib.auth import get_user_model
from django.test import Client

from wagtail.users.models import UserProfile

import pytest

from cms.accounts import roles
from cms.background.mail import mail_language
from cms.models import AccountProfile, country_of, public_name
from tests.factories import UserFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/account/profile/"


def put(client, **data):
    return client.put(URL, json.dumps(data), content_type="application/json")


def test_anonymous_reader_has_no_profile():
    assert Client().get(URL).status_code == 401
    assert put(Client(), display_name="Someone").status_code == 401


def test_stakeholder_sets_name_and_country_and_comments_show_them():
    user = UserFactory(role=roles.STAKEHOLDERS)
    client = client_for(user)
    before = client.get(URL).json()
    assert before == {
        "display_name": "",
        "country": "",
        "country_locked": False,
        "public_name": "Participant",
        "mail_language": "en",
    }
    response = put(client, display_name="  Lucía   Pérez ", country="co")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "display_name": "Lucía Pérez",
        "country": "CO",
        "country_locked": False,
        "public_name": "Lucía Pérez",
        "mail_language": "en",
    }
    user.refresh_from_db()
    assert (public_name(user), country_of(user)) == ("Lucía Pérez", "CO")


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"display_name": "me@example.org"}, 422),
        ({"display_name": "x" * 81}, 422),
        ({"display_name": "Nul\x00byte"}, 422),
        ({"country": "ZZ"}, 422),
        ({"country": "COL"}, 422),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(data, status):
    user = UserFactory(role=roles.STAKEHOLDERS)
    AccountProfile.objects.create(user=user, display_name="Kept", country="MX")
    response = put(client_for(user), **data)
    assert response.status_code == status
    assert response.json()["detail"]
    profile = AccountProfile.objects.get(user=user)
    assert (profile.display_name, profile.country) == ("Kept", "MX")


def test_champion_keeps_the_country_administrators_set():
    user = UserFactory(role=roles.CHAMPIONS)
    AccountProfile.objects.create(user=user, display_name="Ana", country="MX")
    client = client_for(user)
    assert client.get(URL).json()["country_locked"] is True
    refused = put(client, display_name="Ana M.", country="CO")
    assert refused.status_code == 403
    assert "administrators" in refused.json()["detail"]
    assert AccountProfile.objects.get(user=user).country == "MX"
    renamed = put(client, display_name="Ana M.", country="MX")
    assert renamed.status_code == 200
    assert renamed.json()["country"] == "MX"
    assert put(client, display_name="Ana M.").json()["country"] == "MX", "omitting the country keeps it"


def test_put_needs_the_csrf_token():
    user = UserFactory(role=roles.STAKEHOLDERS)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert put(client, display_name="No token").status_code == 403
    assert not AccountProfile.objects.filter(user=user, display_name="No token").exists()


@pytest.mark.parametrize(
    ("role", "allowed"), [("admin", True), (roles.EDITORS, False), (roles.MODERATORS, False)]
)
def test_only_administrators_edit_profiles_in_the_admin(role, allowed):
    user = UserFactory(role=role)
    user.is_staff = True
    user.save()
    response = client_for(user).get("/admin/snippets/cms/accountprofile/")
    assert (response.status_code == 200) is allowed, response.status_code


def test_signing_up_in_french_makes_french_the_mail_language_and_the_profile_changes_it():
    signup = Client(HTTP_ACCEPT_LANGUAGE="fr")
    response = signup.post(
        "/_allauth/browser/v1/auth/signup",
        json.dumps({"email": "amelie@example.org", "password": "a-Long-pass-phrase-42"}),
        content_type="application/json",
    )
    assert response.status_code == 401, response.content  # signed up, e-mail verification pending
    user = get_user_model().objects.get(email="amelie@example.org")
    assert mail_language(user) == "fr"
    client = client_for(user)
    assert client.get(URL).json()["mail_language"] == "fr"

    refused = put(client, display_name="Amélie", mail_language="de")
    assert refused.status_code == 422
    assert "English, French or Spanish" in refused.json()["detail"]
    assert mail_language(user) == "fr"

    assert put(client, display_name="Amélie").json()["mail_language"] == "fr"  # left out: unchanged
    saved = put(client, display_name="Amélie", mail_language="es")
    assert saved.status_code == 200, saved.content
    assert saved.json()["mail_language"] == "es"
    assert UserProfile.get_for_user(user).preferred_language == "es"


@pytest.mark.parametrize("field", ["display_name", "country"])
def test_a_nul_byte_in_any_field_is_a_422_not_a_500(field):
    # PostgreSQL cannot store NUL in text: the country reached a query and answered 500 there.
    client = client_for(UserFactory(role=roles.STAKEHOLDERS))
    response = put(client, **{"display_name": "Ana", "country": "", field: "M\x00"})
    assert response.status_code == 422, response.content[:300]
    assert field in response.json()["detail"]
