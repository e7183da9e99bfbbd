"""Issue 12: discussions moved from guidance_pages to the feedback app. The moved content types keep their
rows (and with them the groups' permissions, the audit log and translation sources), the old admin URL of
discussions leads to the new one, and the upgrade of a database filled by the old code is checked in CI by
scripts/check-upgrade.sh (``make upgrade-check``)."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from wagtail.models import ModelLogEntry

import pytest

from cms.accounts import roles
from feedback.models import Discussion, DiscussionComment, DiscussionPage, DiscussionQuestion
from tests.factories import UserFactory
from tests.feedback.helpers import approve, post_comment
from tests.helpers import client_for

MOVED = [Discussion, DiscussionPage, DiscussionQuestion, DiscussionComment]


@pytest.mark.django_db
def test_the_moved_models_keep_one_content_type_each_under_feedback():
    assert {ContentType.objects.get_for_model(model).app_label for model in MOVED} == {"feedback"}
    names = [model._meta.model_name for model in MOVED]
    assert not ContentType.objects.filter(app_label="guidance_pages", model__in=names).exists()
    assert ContentType.objects.filter(model__in=names).count() == len(MOVED)


@pytest.mark.django_db
def test_the_groups_keep_the_permissions_guidance_pages_migration_granted():
    """guidance_pages' 0003 granted them on guidance_pages' content types; feedback's 0001 moved those rows,
    so the codenames the code checks (feedback.moderate_discussioncomment, ...) are the granted ones."""
    granted = {
        name: {
            f"{perm.content_type.app_label}.{perm.codename}"
            for perm in Group.objects.get(name=name).permissions.all()
        }
        for name in (roles.EDITORS, roles.MODERATORS)
    }
    assert "feedback.moderate_discussioncomment" in granted[roles.MODERATORS]
    assert {
        "feedback.triage_discussioncomment",
        "feedback.export_discussioncomment",
        "feedback.change_discussion",
    } <= granted[roles.EDITORS]
    assert Permission.objects.filter(codename="moderate_discussioncomment").count() == 1
    assert UserFactory(role=roles.MODERATORS).has_perm("feedback.moderate_discussioncomment")


@pytest.mark.django_db
def test_comment_audit_entries_and_comment_targets_resolve(discussion, six_steps, champion):
    comment = approve(post_comment(champion, discussion, six_steps))
    entry = ModelLogEntry.objects.get(action="gcm.comment.approve", object_id=str(comment.pk))
    assert entry.content_type.model_class() is DiscussionComment
    # django-comments-xtd's own reference: the guidance page the comment is about, not the comment model.
    assert comment.content_object == six_steps.page_ptr


@pytest.mark.django_db
def test_the_old_discussions_admin_url_leads_to_the_new_one(discussion):
    editor = client_for(UserFactory(role=roles.EDITORS))
    old = editor.get(f"/admin/guidance_pages/discussion/edit/{discussion.pk}/?locale=fr")
    assert old.status_code == 308
    assert old["Location"] == f"/admin/feedback/discussion/edit/{discussion.pk}/?locale=fr"
    assert editor.get(old["Location"]).status_code == 200
    # 308, not 301: a form opened before the upgrade still posts (to the new URL, which answers it).
    assert editor.post("/admin/guidance_pages/discussion/create/", {}).status_code == 308
    assert editor.get("/admin/guidance_pages/discussion/").status_code == 308


@pytest.mark.django_db
def test_the_old_admin_url_redirects_only_people_with_admin_access(discussion):
    response = client_for(UserFactory(role=roles.CHAMPIONS)).get("/admin/guidance_pages/discussion/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
