"""A comment that becomes visible or hidden, or is triaged, purges the commented page and the discussion
pages on the frontend (after commit), and a pending comment purges nothing."""

import pytest

from tests.discussions.conftest import make_user, post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def purged(settings, monkeypatch):
    from cms import freshness

    settings.WAGTAILFRONTENDCACHE = {"frontend0": {"BACKEND": "cms.frontend_cache.FrontendPurgeBackend"}}
    batches: list[list[str]] = []
    monkeypatch.setattr(freshness, "schedule_purge", batches.append)
    return batches


def test_pending_comment_purges_nothing_and_approval_purges_the_page_in_every_language(
    purged, discussion, six_steps, champion
):
    from guidance_pages import discussions

    comment = post_comment(champion, discussion, six_steps)
    assert purged == [], "a comment awaiting moderation is shown nowhere"
    discussions.moderate(make_user("admin"), comment, "approve")
    assert len(purged) == 1
    paths = purged[0]
    for language in ("en", "fr", "es"):
        assert f"/{language}/discussions/*" in paths
        assert any(p.startswith(f"/{language}/") and p.endswith("six-step-process/") for p in paths), paths
    assert "/en/*" not in paths, "a comment is not a publish: the rest of the site stays cached"


def test_hiding_and_triage_purge_again(purged, discussion, six_steps, champion):
    from guidance_pages import discussions

    comment = post_comment(champion, discussion, six_steps)
    admin = make_user("admin")
    discussions.moderate(admin, comment, "approve")
    discussions.triage(admin, comment, "under_consideration", "We are looking at it.")
    discussions.moderate(admin, comment, "hide")
    assert len(purged) == 3


def test_post_moderated_comment_purges_when_posted(purged, discussion, six_steps, champion):
    discussion.moderation = "post"
    discussion.save()
    post_comment(champion, discussion, six_steps)
    assert len(purged) == 1


def test_no_purge_configured_no_work(settings, discussion, six_steps, champion, django_assert_num_queries):
    from cms import freshness

    settings.WAGTAILFRONTENDCACHE = {}
    with django_assert_num_queries(0):
        freshness.comments_changed(six_steps)
