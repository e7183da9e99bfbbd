"""Display names shown with comments cannot carry bidi overrides or other invisible characters (issue 11):
the profile API refuses them, the admin's profile form too, and whatever is stored already (or comes from the
account's full name) is shown without them."""

import json

from django.core.exceptions import ValidationError

import pytest

from cms.accounts import roles
from cms.models import AccountProfile, public_name, visible_text
from feedback import discussions
from feedback.models import Discussion, ModerationMode
from tests.factories import UserFactory
from tests.feedback.helpers import question
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/account/profile/"

# "Admin" + RIGHT-TO-LEFT OVERRIDE + "txt.exe" reads "Adminexe.txt"; the rest hold one invisible character.
SPOOFS = [
    "Admin\u202etxt.exe",
    "Ana\u202aB",
    "Ana\u202cB",
    "Ana\u2066B\u2069",
    "Ana\u2067B",
    "Ana\u2068B",
    "Ana\u200eB",
    "Ana\u200fB",
    "Ana\u061cB",
    "Ana\u200bB",  # zero-width space
    "Ana\ufeffB",  # byte order mark
    "Ana\u00adB",  # soft hyphen
]


def put(client, **data):
    return client.put(URL, json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("name", SPOOFS)
def test_the_profile_api_refuses_invisible_and_direction_characters(name):
    user = UserFactory(role=roles.STAKEHOLDERS)
    response = put(client_for(user), display_name=name)
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["loc"][-1] == "display_name"
    assert "invisible" in response.json()["detail"]
    assert not AccountProfile.objects.filter(user=user).exclude(display_name="").exists()


def test_the_refusal_is_in_the_readers_language():
    response = client_for(UserFactory(role=roles.STAKEHOLDERS)).put(
        URL,
        json.dumps({"display_name": "Admin\u202etxt.exe"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 422
    assert "caracteres invisibles" in response.json()["detail"]


@pytest.mark.parametrize(
    "name", ["Lucía Pérez", "مریم\u200cرضایی", "Ng\u00e1\u0300", "👩\u200d🔬 Ana", "李雷"]
)
def test_real_names_are_accepted(name):
    # Persian and emoji need the zero-width (non-)joiner; combining accents are not format characters
    response = put(client_for(UserFactory(role=roles.STAKEHOLDERS)), display_name=name)
    assert response.status_code == 200, response.content
    assert response.json()["display_name"] == name


def test_the_admin_profile_form_refuses_them_too():
    profile = AccountProfile(
        user=UserFactory(role=roles.CHAMPIONS), display_name="Admin\u202etxt.exe", country="MX"
    )
    with pytest.raises(ValidationError) as refused:
        profile.full_clean()
    assert "display_name" in refused.value.message_dict


def test_names_already_stored_or_from_the_full_name_are_shown_without_them():
    user = UserFactory(role=roles.STAKEHOLDERS)
    AccountProfile.objects.create(user=user, display_name="Admin\u202etxt.exe")  # saved before the rule
    user.refresh_from_db()
    assert public_name(user) == "Admintxt.exe"
    other = UserFactory(role=roles.STAKEHOLDERS)
    other.first_name, other.last_name = "Ana\u2067", "\u200fPérez"
    other.save()
    assert public_name(other) == "Ana Pérez"
    invisible_only = UserFactory(role=roles.STAKEHOLDERS)
    AccountProfile.objects.create(user=invisible_only, display_name="\u202e\u200b")
    invisible_only.refresh_from_db()
    assert public_name(invisible_only) == "Participant"


def test_comment_author_names_are_clean():
    discussion = Discussion.objects.get(locale__language_code="en")
    discussion.moderation = ModerationMode.POST  # public at once
    discussion.save()
    page = discussion.discussion_pages.first().page
    champion = UserFactory(role=roles.CHAMPIONS)
    AccountProfile.objects.create(user=champion, display_name="Moderator\u202e", country="MX")
    champion.refresh_from_db()
    comment = discussions.post(champion, discussion, page.pk, "Hello", question_id=question(discussion).pk)
    assert comment.user_name == "Moderator"
    listed = client_for().get(f"/api/v1/pages/{page.pk}/comments/", {"page_size": 100}).json()["results"]
    [ours] = [c for c in listed if c["id"] == comment.pk]
    assert ours["author"]["name"] == "Moderator"


def test_visible_text_collapses_what_is_left():
    assert visible_text("  Ana\u200b \u202e Pérez ") == "Ana Pérez"
