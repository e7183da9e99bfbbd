import pytest

from cms.demo import DEMO_PASSWORD
from guidance_pages.models import Objective, ObjectivePage


@pytest.fixture
def admin_client(client):
    assert client.login(username="admin", password=DEMO_PASSWORD)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/guidance_pages/objective/",
        "/admin/guidance_pages/objective/?locale=fr",
        "/admin/guidance_pages/guidingprinciple/",
        "/admin/pages/",
    ],
)
def test_admin_screens_open(admin_client, path):
    assert admin_client.get(path).status_code == 200


def test_objective_edit_and_page_edit_screens_open(admin_client):
    objective = Objective.objects.get(locale__language_code="en", number=1)
    assert admin_client.get(f"/admin/guidance_pages/objective/edit/{objective.pk}/").status_code == 200
    page = ObjectivePage.objects.get(locale__language_code="en", objective__number=1)
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert b"Practical application" in response.content


def test_editor_can_edit_pages_but_not_manage_users(client):
    assert client.login(username="editor", password=DEMO_PASSWORD)
    page = ObjectivePage.objects.get(locale__language_code="en", objective__number=1)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get("/admin/users/").status_code in (302, 403)


def test_anonymous_is_sent_to_the_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/account/"])
def test_admin_pages_call_no_avatar_service(admin_client, path):
    # An outside avatar URL on every admin page tells that service who is signed in and breaks offline.
    response = admin_client.get(path)
    assert response.status_code == 200
    assert b"gravatar" not in response.content.lower()
    assert b"/static/wagtailadmin/images/default-user-avatar" in response.content
