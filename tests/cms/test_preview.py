"""Headless preview: the admin hands the frontend a signed, expiring token for a draft; the API returns the
draft for that token only, and never lets it be cached or indexed."""

from django.core.signing import TimestampSigner

import pytest
from wagtail_headless_preview.models import PagePreview

from cms.demo import DEMO_PASSWORD
from examples_library.models import ExamplePage
from guidance_pages.models import ChapterPage, GuidePage, ObjectivePage
from tests.cms.helpers import preview_token
from tests.examples_library.helpers import payload, submit
from tests.factories import UserFactory
from tests.helpers import client_for

PREVIEW_API = "/api/v2/page_preview/"


@pytest.fixture
def objective_page(db):
    return ObjectivePage.objects.get(locale__language_code="en", objective__number=2)


@pytest.fixture
def draft(objective_page):
    objective_page.title = "Draft title nobody has published"
    objective_page.save_revision()
    return objective_page


@pytest.fixture
def editor_client(client):
    assert client.login(username="editor", password=DEMO_PASSWORD)
    return client


def test_an_editor_previews_the_draft_through_the_api(
    editor_client, client, draft, django_assert_max_num_queries
):
    params = preview_token(editor_client, draft)
    assert params["content_type"] == "guidance_pages.objectivepage"
    client.logout()  # the frontend asks without any session: the token is the credential
    # The published detail view takes 15 (page, site, parents, objective, translations, public versions);
    # the token adds the content type and the stored draft. Fixed per request, whatever the size of the tree.
    with django_assert_max_num_queries(17):
        response = client.get(PREVIEW_API, params)
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Draft title nobody has published"
    assert data["id"] == draft.pk
    assert data["meta"]["type"] == "guidance_pages.ObjectivePage"
    assert data["meta"]["locale"] == "en"
    assert "body" in data
    assert data["stale_translation"] is None  # an English page is nobody's stale translation
    # the published page's latest public version, never the draft being previewed
    assert data["last_change"]["kind"] in ("original", "substantive")
    assert data["last_change"]["version"] != draft.latest_revision_id
    assert response["Cache-Control"] == "no-store"
    assert response["X-Robots-Tag"] == "noindex"
    published = client.get(f"/api/v2/pages/{draft.pk}/").json()
    assert published["title"] != "Draft title nobody has published"


def test_anonymous_cannot_create_a_preview(client, draft):
    before = PagePreview.objects.count()
    response = client.get(f"/admin/pages/{draft.pk}/view_draft/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert PagePreview.objects.count() == before


def test_a_reader_without_edit_rights_cannot_create_a_preview(client, draft):
    assert client.login(username="stakeholder", password=DEMO_PASSWORD)
    before = PagePreview.objects.count()
    response = client.get(f"/admin/pages/{draft.pk}/view_draft/")
    assert response.status_code in (302, 403)
    assert PagePreview.objects.count() == before


@pytest.mark.parametrize(
    "mutate",
    [
        lambda p: {
            **p,
            "token": p["token"][:-2] + ("aa" if not p["token"].endswith("aa") else "bb"),
        },  # forged
        lambda p: {
            **p,
            "token": TimestampSigner(salt="headlesspreview.token").sign("id=1"),
        },  # signed, unknown
        lambda p: {**p, "content_type": "guidance_pages.chapterpage"},  # another page type's token
        lambda p: {**p, "content_type": "auth.user"},  # not a page
        lambda p: {**p, "content_type": "nonsense"},
    ],
    ids=["forged", "unknown", "other-type", "not-a-page", "malformed-type"],
)
def test_a_bad_token_is_a_404_with_words(editor_client, client, draft, mutate):
    params = mutate(preview_token(editor_client, draft))
    client.logout()
    response = client.get(PREVIEW_API, params, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert "expiré" in response.json()["message"]
    assert response["Cache-Control"] == "no-store"


def test_a_missing_token_is_a_400(client):
    response = client.get(PREVIEW_API, {"content_type": "guidance_pages.objectivepage"})
    assert response.status_code == 400
    assert "token" in response.json()["message"]
    assert client.get(PREVIEW_API).status_code == 400


def test_an_expired_token_is_refused(settings, editor_client, client, draft):
    params = preview_token(editor_client, draft)
    settings.PREVIEW_TOKEN_SECONDS = -1
    assert client.get(PREVIEW_API, params).status_code == 404


def test_other_endpoints_of_the_pages_api_are_not_exposed_under_preview(client):
    assert client.get(f"{PREVIEW_API}1/").status_code == 404
    assert client.get(f"{PREVIEW_API}find/?html_path=/").status_code == 404


def test_a_new_page_that_was_never_saved_can_be_previewed(client, db):
    guide = GuidePage.objects.get(locale__language_code="en")
    page = ChapterPage(title="A chapter being written", slug="a-chapter-being-written", locale=guide.locale)
    page.set_url_path(guide)
    page.depth = guide.depth + 1
    page.path = guide.path + "9999"  # what Wagtail's create view sets before previewing
    page._parent_page = guide
    page.get_parent = lambda update=False: guide
    preview = page.create_page_preview()
    response = client.get(PREVIEW_API, {"content_type": "guidance_pages.chapterpage", "token": preview.token})
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "A chapter being written"


def test_an_examples_preview_carries_the_whole_example_as_the_published_page_reads_it(db):
    """The frontend shows a published example from /api/v1/examples/{id}/; a draft's preview carries the
    same fields (`example`), so the preview shows everything that will be published, not only the title and
    summary."""
    contributor = UserFactory(role="Stakeholders")
    created = submit(client_for(contributor), payload(main_implementer="Ministry of the Interior"))
    assert created.status_code == 201, created.content
    page = ExamplePage.objects.get(pk=created.json()["page_id"])
    params = preview_token(client_for(UserFactory(role="admin")), page)
    assert params["content_type"] == "examples_library.examplepage"

    response = client_for().get(PREVIEW_API, params)
    assert response.status_code == 200, response.content
    example = response.json()["example"]
    published = ExamplePage.objects.live().exclude(pk=page.pk).first()
    reference = client_for().get(f"/api/v1/examples/{published.pk}/").json()
    assert set(example) == set(reference)  # the shape of the published page's data, field for field
    assert example["id"] == page.pk
    assert example["title"] == "Multilingual migrant information desks"
    assert example["main_implementer"] == "Ministry of the Interior"
    assert example["country"] == {"iso2": "GH", "name": "Ghana"}
    assert example["primary_objective"] == 3 and example["secondary_objectives"] == [15]
    assert example["sources"] == [{"title": "Evaluation report", "url": "https://example.org/report"}]
    assert "municipalities" in example["body"]
    assert example["outcomes"] and example["lessons"]
