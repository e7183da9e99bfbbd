"""The public API v2 detail is computed once per published state and then served as cached bytes
(cms/headless/page_cache.py): no query on a hit, none added on a miss, and a change to anything the answer
embeds (the page, its translations, its parent, a taxonomy) is seen on the next request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page

import pytest

from cms.i18n.translation import translate
from guidance_pages.models import BookletPage, Objective, ObjectivePage
from tests.examples_library.factories import ExamplePageFactory
from tests.factories import UserFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def detail(client, page: Page, **query):
    return client.get(f"/api/v2/pages/{page.pk}/", query)


def queries_of(client, page: Page, **query) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = detail(client, page, **query)
    return len(captured), response


@pytest.fixture
def example():
    return ExamplePageFactory(title="Cached example", secondary=(3,), principle_keys=("whole-of-government",))


@pytest.fixture
def objective_page():
    return ObjectivePage.objects.filter(locale__language_code="en").order_by("path").first()


@pytest.mark.parametrize("kind", ["example", "objective_page"])
def test_a_hit_makes_no_query_and_sends_the_same_bytes(client, kind, request):
    page = request.getfixturevalue(kind)
    first = detail(client, page)
    assert first.status_code == 200
    count, again = queries_of(client, page)
    assert count == 0
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("kind", ["example", "objective_page"])
def test_a_miss_costs_no_query_more_than_the_uncached_detail(client, settings, kind, request):
    page = request.getfixturevalue(kind)
    settings.PAGE_DETAIL_CACHE_SECONDS = 0
    detail(client, page)  # Django's content types and Wagtail's site root paths, read once per process
    uncached, plain = queries_of(client, page)
    settings.PAGE_DETAIL_CACHE_SECONDS = 3600
    missed, cached = queries_of(client, page)
    assert missed <= uncached
    assert cached.content == plain.content


def test_each_query_string_is_its_own_answer(client, example):
    full = detail(client, example).json()
    narrow = detail(client, example, fields="-body").json()
    assert "body" in full and "body" not in narrow
    assert "body" in detail(client, example).json()


def test_a_publish_changes_the_cached_answer(example):
    client = client_for()
    assert detail(client, example).json()["title"] == "Cached example"
    example.title = "Renamed example"
    example.save_revision().publish()
    assert detail(client, example).json()["title"] == "Renamed example"


def test_a_draft_never_reaches_the_cached_answer(client, example):
    assert detail(client, example).json()["summary"] == "About Cached example."
    example.summary = "A draft nobody may read yet."
    example.save_revision()
    assert detail(client, example).json()["summary"] == "About Cached example."


def test_an_unpublished_page_is_gone_from_the_cache(client, example):
    assert detail(client, example).status_code == 200
    example.unpublish()
    assert detail(client, example).status_code == 404


def test_a_translations_publish_adds_it_to_the_cached_list(client, example):
    assert [t["locale"] for t in detail(client, example).json()["translations"]] == []
    french = translate(example, Locale.objects.get(language_code="fr"), {"title": "Exemple en cache"})
    french.save_revision().publish()  # the translation is saved as a draft; publishing it is the event
    languages = [t["locale"] for t in detail(client, example).json()["translations"]]
    assert languages == ["fr"]
    assert detail(client, example).json()["translations"][0]["id"] == french.pk


def test_translators_work_changes_the_cached_status(client):
    """A translator's work is no publish, but it changes the translation's status."""
    from tests.cms.helpers import translate_the_rest

    french = ObjectivePage.objects.get(locale__language_code="fr", objective__number=2)
    before = detail(client, french).json()["translation_status"]
    translate_the_rest(french)
    after = detail(client, french).json()["translation_status"]
    assert after != before


def test_a_parents_publish_changes_its_childrens_cached_answers(client, objective_page):
    assert detail(client, objective_page).json()["meta"]["parent"]["title"] != "The renamed booklet"
    booklet = BookletPage.objects.get(pk=objective_page.get_parent().pk)
    detail(client, booklet)
    booklet.title = "The renamed booklet"
    booklet.save_revision().publish()
    assert detail(client, objective_page).json()["meta"]["parent"]["title"] == "The renamed booklet"


def test_a_taxonomy_change_reaches_the_cached_answers_that_name_it(client, example, objective_page):
    assert detail(client, example).json()["primary_objective"]["title"] != "A new official title"
    detail(client, objective_page)
    objective = Objective.objects.get(pk=example.primary_objective_id)
    objective.title = "A new official title"
    objective.save()
    assert detail(client, example).json()["primary_objective"]["title"] == "A new official title"


def test_a_new_slug_is_the_new_address(client, example):
    before = detail(client, example).json()["meta"]["html_url"]
    example.slug = "moved-example"
    example.save_revision().publish()
    after = detail(client, example).json()["meta"]["html_url"]
    assert after != before and after.endswith("/moved-example/")


def test_a_move_changes_the_paths_below_the_moved_page(client, objective_page):
    """Moving a page (here: its new slug) changes the address of every page below it."""
    booklet = objective_page.get_parent().specific
    before = detail(client, objective_page).json()["meta"]["html_url"]
    booklet.slug = "the-booklet-renamed"
    booklet.save_revision().publish()
    after = detail(client, objective_page).json()["meta"]["html_url"]
    assert after != before and "/the-booklet-renamed/" in after


def test_a_signed_in_request_gets_no_cached_answer(example):
    anonymous = client_for()
    detail(anonymous, example)
    editor = client_for(UserFactory(is_superuser=True))
    count, response = queries_of(editor, example)
    assert response.status_code == 200
    assert count > 0  # computed for them, not read from the anonymous entry


def test_a_draft_preview_and_the_cached_public_answer_never_mix(objective_page):
    """The draft is read through its token (page_preview), never cached; the public detail stays the live
    page, before and after the preview."""
    from tests.cms.helpers import preview_token

    anonymous = client_for()
    public = detail(anonymous, objective_page).json()
    objective_page.title = "Draft title nobody has published"
    objective_page.save_revision()
    editor = client_for(UserFactory(is_superuser=True))
    params = preview_token(editor, objective_page)
    previewed = anonymous.get("/api/v2/page_preview/", params)
    assert previewed.json()["title"] == "Draft title nobody has published"
    assert anonymous.get("/api/v2/page_preview/", params)["Cache-Control"] == "no-store"
    assert detail(anonymous, objective_page).json() == public
    assert detail(editor, objective_page).json()["title"] == public["title"]


def test_the_commit_renews_the_tokens_again(client, example):
    """A worker that read the old data under the tokens renewed at once (before the commit) must not keep it:
    the renewal is repeated when the transaction commits."""
    from django.core.cache import cache
    from django.test import TestCase

    from cms.headless import page_cache

    old = detail(client, example).content
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        example.title = "Committed title"
        example.save_revision().publish()
    # Another worker answered from the data before the commit, under the tokens renewed at once.
    response = detail(client, example)
    key = page_cache._entry_key(example.pk, page_cache.variant_of(response.wsgi_request))
    stamp = cache.get(key)[0]
    cache.set(key, (stamp, old, "application/json", {}), 60)
    assert detail(client, example).content == old
    for callback in callbacks:
        callback()
    assert detail(client, example).json()["title"] == "Committed title"
