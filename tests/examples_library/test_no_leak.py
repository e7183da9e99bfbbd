"""A draft submission and its attachment carry a unique marker; nobody who may not moderate it can see it."""

import uuid

import pytest

from cms.accounts import roles
from examples_library.models import ExamplePage
from tests.examples_library.helpers import build_pdf, payload, pdf, submit
from tests.factories import UserFactory
from tests.helpers import client_for
from workflows.moderation import APPROVE, moderate


def marked_pdf(marker: str) -> bytes:
    return build_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            4: b"(" + marker.encode() + b")",
        }
    )


@pytest.fixture
def planted(db, stakeholder):
    marker = f"leakmarker{uuid.uuid4().hex}"
    data = payload(
        title=f"Draft {marker}",
        summary=f"Summary {marker} of a draft that must stay private.",
        body=f"<p>Body {marker}</p>",
        main_implementer=f"Implementer {marker}",
        contact_email=f"{marker}@example.org",
    )
    response = submit(client_for(stakeholder), data, files=[pdf(f"{marker}.pdf", marked_pdf(marker))])
    assert response.status_code == 201
    page = ExamplePage.objects.get(pk=response.json()["page_id"])
    document = page.get_latest_revision_as_object().attachments.first().document
    return marker, page, document, response.json()["id"]


def urls(page, document, submission_id, marker) -> list[str]:
    return [
        "/api/v2/pages/?limit=100",
        "/api/v2/pages/?type=examples_library.ExamplePage&fields=*&limit=100",
        f"/api/v2/pages/?search={marker}",
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/documents/?limit=100",
        f"/api/v2/documents/?search={marker}",
        f"/api/v2/documents/{document.pk}/",
        "/api/v2/images/",
        "/api/v1/objectives/3/",
        "/api/v1/objectives/15/",
        "/api/v1/objectives/?limit=100",
        f"/api/v1/examples/{page.pk}/",
        "/api/v1/submissions/",
        f"/api/v1/submissions/{submission_id}/",
        document.url,
        f"/documents/{document.pk}/{document.filename}",
        page.url or "/",
    ]


@pytest.mark.parametrize("who", ["anonymous", "other stakeholder", "champion"])
def test_draft_marker_is_visible_to_nobody_else(planted, who):
    marker, page, document, submission_id = planted
    user = {"anonymous": None, "other stakeholder": roles.STAKEHOLDERS, "champion": roles.CHAMPIONS}[who]
    client = client_for(UserFactory(role=user) if user else None)
    for url in urls(page, document, submission_id, marker):
        response = client.get(url)
        assert response.status_code < 500, url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert marker.encode() not in content, f"{who} sees the marker at {url}"


def test_contact_never_appears_once_published(planted, moderator):
    marker, page, document, _id = planted
    admin = UserFactory(role="admin")
    moderate(page, moderator, APPROVE)
    moderate(page, admin, APPROVE)
    page.refresh_from_db()
    assert page.live
    client = client_for()
    for url in (
        f"/api/v1/examples/{page.pk}/",
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/?type=examples_library.ExamplePage&fields=*&limit=100",
        "/api/v1/objectives/3/",
    ):
        content = client.get(url).content.decode()
        assert f"{marker}@example.org" not in content, url
        assert "Ama Mensah" not in content, url


def test_the_owner_and_moderators_do_see_it(planted, stakeholder, moderator):
    marker, page, document, submission_id = planted
    assert marker in client_for(stakeholder).get(f"/api/v1/submissions/{submission_id}/").content.decode()
    response = client_for(moderator).get(document.url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert marker.encode() in content
