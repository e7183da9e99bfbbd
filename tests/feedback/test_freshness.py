"""A comment that becomes visible or hidden, or is triaged, purges the commented page and the discussion
pages on the frontend (after commit), and a pending comment purges nothing."""

from datetime import UTC, datetime

import pytest

from cms.headless import freshness
from feedback import discussions
from feedback.models import Discussion, DiscussionPage, DiscussionQuestion
from guidance_pages.models import ObjectivePage
from tests.factories import UserFactory
from tests.feedback.helpers import edit_form, post_comment
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def purged(settings, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = {
        "frontend0": {"BACKEND": "cms.headless.frontend_cache.FrontendPurgeBackend"}
    }
    batches: list[list[str]] = []
    monkeypatch.setattr(freshness, "schedule_purge", batches.append)
    return batches


def test_pending_comment_purges_nothing_and_approval_purges_the_page_in_every_language(
    purged, discussion, six_steps, champion
):
    comment = post_comment(champion, discussion, six_steps)
    assert purged == [], "a comment awaiting moderation is shown nowhere"
    discussions.moderate(UserFactory(role="admin"), comment, "approve")
    assert len(purged) == 1
    paths = purged[0]
    for language in ("en", "fr", "es"):
        assert f"/{language}/discussions/*" in paths
        assert any(p.startswith(f"/{language}/") and p.endswith("six-step-process/") for p in paths), paths
    assert "/en/*" not in paths, "a comment is not a publish: the rest of the site stays cached"


def test_hiding_and_triage_purge_again(purged, discussion, six_steps, champion):
    comment = post_comment(champion, discussion, six_steps)
    admin = UserFactory(role="admin")
    discussions.moderate(admin, comment, "approve")
    discussions.triage(admin, comment, "under_consideration", "We are looking at it.")
    discussions.moderate(admin, comment, "hide")
    assert len(purged) == 3


def test_post_moderated_comment_purges_when_posted(purged, discussion, six_steps, champion):
    discussion.moderation = "post"
    discussion.save()
    purged.clear()  # the edit of the discussion purges too (tested below)
    post_comment(champion, discussion, six_steps)
    assert len(purged) == 1


def test_no_purge_configured_no_work(settings, discussion, six_steps, champion, django_assert_num_queries):
    settings.WAGTAILFRONTENDCACHE = {}
    with django_assert_num_queries(0):
        freshness.comments_changed(six_steps)


def test_editing_a_discussion_in_the_admin_purges_the_pages_it_was_and_is_about(
    purged, discussion, six_steps, editor
):
    objective = ObjectivePage.objects.get(locale__language_code="en", objective__number=1)
    assert six_steps.pk in {link.page_id for link in discussion.discussion_pages.all()}
    data = edit_form(discussion, [objective], list(discussion.questions.all()))
    response = client_for(editor).post(f"/admin/feedback/discussion/edit/{discussion.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [link.page_id for link in discussion.discussion_pages.all()] == [objective.pk]
    assert len(purged) == 1
    paths = purged[0]
    for language in ("en", "fr", "es"):
        assert f"/{language}/discussions/*" in paths
        assert any(p.startswith(f"/{language}/") and p.endswith("six-step-process/") for p in paths), paths
        assert any(p.startswith(f"/{language}/") and p.endswith(f"/{objective.slug}/") for p in paths), paths
    assert "/en/*" not in paths


def test_deleting_a_discussion_in_the_admin_purges_its_pages(purged, discussion, six_steps):
    admin = client_for(UserFactory(role="admin"))
    response = admin.post(f"/admin/feedback/discussion/delete/{discussion.pk}/")
    assert response.status_code == 302
    assert len(purged) == 1
    assert any(p.endswith("six-step-process/") for p in purged[0])


def _assert_purges_in_every_language(paths: list[str], *slugs: str) -> None:
    for language in ("en", "fr", "es"):
        assert f"/{language}/discussions/*" in paths
        for slug in slugs:
            found = any(p.startswith(f"/{language}/") and p.endswith(f"/{slug}/") for p in paths)
            assert found, (slug, paths)
    assert "/en/*" not in paths


def test_creating_a_discussion_outside_the_admin_purges_its_pages(purged, six_steps):
    discussion = Discussion(
        locale=six_steps.locale,
        title="Shell discussion",
        opens_at=datetime(2026, 1, 1, tzinfo=UTC),
        closes_at=datetime(2026, 2, 1, tzinfo=UTC),
    )
    discussion.discussion_pages = [DiscussionPage(page=six_steps, locale=six_steps.locale)]
    discussion.questions = [DiscussionQuestion(text="Does it fit?", locale=six_steps.locale)]
    discussion.save()
    assert len(purged) == 1, "one save, one purge: the discussion's own rows do not purge again"
    _assert_purges_in_every_language(purged[0], "six-step-process")


def test_editing_a_discussion_outside_the_admin_purges_the_pages_it_was_and_is_about(
    purged, discussion, six_steps
):
    objective = ObjectivePage.objects.get(locale__language_code="en", objective__number=1)
    discussion.closes_at = discussion.opens_at.replace(year=2031)
    discussion.discussion_pages = [DiscussionPage(page=objective, locale=objective.locale)]
    discussion.save()
    assert len(purged) == 1
    _assert_purges_in_every_language(purged[0], "six-step-process", objective.slug)


def test_changing_one_row_of_a_discussion_on_its_own_purges_its_pages(purged, discussion, six_steps):
    item = DiscussionQuestion.objects.filter(discussion=discussion).first()
    item.text = "A reworded question?"
    item.save()
    assert len(purged) == 1
    _assert_purges_in_every_language(purged[0], "six-step-process")
    DiscussionQuestion.objects.get(pk=item.pk).delete()
    assert len(purged) == 2


def test_deleting_a_discussion_outside_the_admin_purges_its_pages(purged, discussion, six_steps):
    discussion.delete()
    assert len(purged) == 1
    _assert_purges_in_every_language(purged[0], "six-step-process")
