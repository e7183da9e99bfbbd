"""The rules of discussions (feedback/discussions/): eligibility, threading, targets, moderation,
flags, triage and follow-up mail."""

from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.test import TestCase, override_settings

from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

import pytest

from cms.accounts import roles
from cms.settings.env import cache_settings
from feedback import discussions
from feedback.models import Audience, DiscussionComment, ModerationMode, ModerationState, TriageStatus
from guidance_pages.models import ObjectivePage
from tests.factories import UserFactory
from tests.feedback.factories import ChampionFactory, EstablishedUserFactory
from tests.feedback.helpers import AFTER, BEFORE, DURING, approve, post_comment, question


@pytest.mark.parametrize(
    ("who", "when", "audience", "allowed"),
    [
        ("champion", DURING, Audience.CHAMPIONS, True),
        ("champion", BEFORE, Audience.CHAMPIONS, False),
        ("champion", AFTER, Audience.CHAMPIONS, False),
        ("stakeholder", DURING, Audience.CHAMPIONS, False),
        ("stakeholder", DURING, Audience.REGISTERED, True),
        ("stakeholder", BEFORE, Audience.REGISTERED, False),
        ("stakeholder", AFTER, Audience.REGISTERED, False),
        ("unverified", DURING, Audience.REGISTERED, False),
        ("anonymous", DURING, Audience.CHAMPIONS, False),
        ("anonymous", DURING, Audience.REGISTERED, False),
        ("moderator", DURING, Audience.CHAMPIONS, False),
    ],
)
def test_who_may_post_when(discussion, who, when, audience, allowed):
    discussion.audience = audience
    users = {
        "champion": lambda: ChampionFactory(),
        "stakeholder": lambda: UserFactory(role=roles.STAKEHOLDERS),
        "unverified": lambda: UserFactory(role=roles.STAKEHOLDERS, verified=False),
        "moderator": lambda: UserFactory(role=roles.MODERATORS),
        "anonymous": AnonymousUser,
    }
    user = users[who]()
    assert discussions.can_post(user, discussion, when) is allowed
    refusal = discussions.posting_refusal(user, discussion, when)
    assert (refusal is None) is allowed
    if when is AFTER and who != "anonymous":
        assert "closed on" in refusal
    if when is BEFORE and who != "anonymous":
        assert "opens on" in refusal


def test_posting_outside_the_window_is_refused(discussion, six_steps, champion):
    with pytest.raises(discussions.DiscussionError) as refused:
        post_comment(champion, discussion, six_steps, now=AFTER)
    assert refused.value.status == 403
    assert not DiscussionComment.objects.filter(user=champion).exists()


def test_three_levels_of_replies_and_no_fourth(discussion, six_steps, champion):
    discussion.moderation = ModerationMode.POST
    top = post_comment(champion, discussion, six_steps)
    first = discussions.reply(champion, top, "Level one")
    second = discussions.reply(champion, first, "Level two")
    assert (top.level, first.level, second.level) == (0, 1, 2)
    assert second.thread_id == top.pk and second.question_id == top.question_id
    with pytest.raises(discussions.DiscussionError) as refused:
        discussions.reply(champion, second, "Level three")
    assert refused.value.status == 422
    assert "3 levels" in str(refused.value)


def test_a_reply_must_be_on_the_same_page_and_discussion(discussion, six_steps, champion):
    discussion.moderation = ModerationMode.POST
    discussion.save()
    vision = discussion.discussion_pages.exclude(page=six_steps).first().page
    elsewhere = post_comment(champion, discussion, vision)
    with pytest.raises(discussions.DiscussionError) as refused:
        post_comment(champion, discussion, six_steps, parent_id=elsewhere.pk)
    assert refused.value.status == 422
    assert "same page" in str(refused.value)


def test_only_pages_of_the_discussion_that_are_published_take_comments(discussion, six_steps, champion):
    objective_page = ObjectivePage.objects.filter(locale__language_code="en").first()
    with pytest.raises(discussions.DiscussionError) as refused:
        post_comment(champion, discussion, objective_page)
    assert refused.value.status == 404
    six_steps.unpublish()
    with pytest.raises(discussions.DiscussionError) as refused:
        post_comment(champion, discussion, six_steps)
    assert refused.value.status == 404


def test_block_must_exist_on_the_published_page(discussion, six_steps, champion):
    block = six_steps.body[1].id
    comment = post_comment(champion, discussion, six_steps, block_id=block)
    assert comment.block_id == block
    with pytest.raises(discussions.DiscussionError):
        post_comment(champion, discussion, six_steps, block_id="not-a-block")


def test_question_must_belong_to_the_discussion(discussion, french_discussion, six_steps, champion):
    with pytest.raises(discussions.DiscussionError):
        post_comment(champion, discussion, six_steps, question_id=question(french_discussion).pk)


@pytest.mark.parametrize("body", ["", "   ", "nul\x00byte", "x" * 3001])
def test_bad_bodies_are_refused(discussion, six_steps, champion, body):
    with pytest.raises(discussions.DiscussionError) as refused:
        post_comment(champion, discussion, six_steps, body=body)
    assert refused.value.status == 422


def test_pre_moderation_hides_until_approved(discussion, six_steps, champion):
    comment = post_comment(champion, discussion, six_steps)
    assert comment.moderation_state == ModerationState.PENDING
    assert not discussions.public_comments().filter(pk=comment.pk).exists()
    approve(comment)
    assert discussions.public_comments().filter(pk=comment.pk).exists()


def test_post_moderation_shows_at_once_and_flags_hide(discussion, six_steps, champion, settings):
    settings.DISCUSSION_FLAGS_TO_HIDE = 2
    discussion.moderation = ModerationMode.POST
    discussion.save()
    comment = post_comment(champion, discussion, six_steps)
    assert discussions.public_comments().filter(pk=comment.pk).exists()
    flagger = EstablishedUserFactory()
    assert discussions.flag(flagger, comment) is False
    assert discussions.flag(flagger, comment) is False  # the same member twice counts once
    assert discussions.public_comments().filter(pk=comment.pk).exists()
    assert discussions.flag(UserFactory(role=roles.CHAMPIONS), comment) is True
    comment.refresh_from_db()
    assert comment.flag_count == 2 and comment.moderation_state == ModerationState.HIDDEN
    assert not discussions.public_comments().filter(pk=comment.pk).exists()


def test_one_moderator_flag_hides(discussion, six_steps, champion, moderator):
    discussion.moderation = ModerationMode.POST
    discussion.save()
    comment = post_comment(champion, discussion, six_steps)
    assert discussions.flag(moderator, comment) is True
    assert not discussions.public_comments().filter(pk=comment.pk).exists()


def test_hiding_a_comment_hides_its_replies(discussion, six_steps, champion, moderator):
    discussion.moderation = ModerationMode.POST
    discussion.save()
    top = post_comment(champion, discussion, six_steps)
    answer = discussions.reply(champion, top, "A reply")
    discussions.moderate(moderator, top, "hide")
    assert not discussions.public_comments().filter(pk__in=[top.pk, answer.pk]).exists()
    discussions.moderate(moderator, top, "approve")
    assert discussions.public_comments().filter(pk__in=[top.pk, answer.pk]).count() == 2


def test_removal_needs_a_reason_and_stays_in_the_audit_log(discussion, six_steps, champion, moderator):
    comment = post_comment(champion, discussion, six_steps, body="Offensive words")
    with pytest.raises(discussions.DiscussionError):
        discussions.moderate(moderator, comment, "remove")
    discussions.moderate(moderator, comment, "remove", "Insults another participant")
    comment.refresh_from_db()
    assert comment.is_removed and comment.comment == "Offensive words"
    entry = ModelLogEntry.objects.get(action="gcm.comment.remove", object_id=str(comment.pk))
    assert entry.user_id == moderator.pk
    assert entry.data == {"body": "Offensive words", "reason": "Insults another participant"}
    with pytest.raises(discussions.DiscussionError):
        discussions.moderate(moderator, comment, "approve")  # removed is final


def test_only_moderators_moderate(discussion, six_steps, champion, editor):
    comment = post_comment(champion, discussion, six_steps)
    for user in (champion, editor, UserFactory(role=roles.STAKEHOLDERS)):
        with pytest.raises(discussions.DiscussionError) as refused:
            discussions.moderate(user, comment, "approve")
        assert refused.value.status == 403


def test_triage_addressed_needs_a_revision_of_the_same_page(
    discussion, six_steps, champion, editor, moderator
):
    comment = approve(post_comment(champion, discussion, six_steps))
    with pytest.raises(discussions.DiscussionError):
        discussions.triage(editor, comment, TriageStatus.ADDRESSED, "Done")
    other_page = discussion.discussion_pages.exclude(page=six_steps).first().page
    with pytest.raises(discussions.DiscussionError):
        discussions.triage(editor, comment, TriageStatus.ADDRESSED, "Done", other_page.latest_revision_id)
    with pytest.raises(discussions.DiscussionError) as refused:
        discussions.triage(moderator, comment, TriageStatus.UNDER_CONSIDERATION)
    assert refused.value.status == 403
    revision = six_steps.save_revision(user=editor)
    discussions.triage(
        editor, comment, TriageStatus.ADDRESSED, "Step 2 now names the mechanism.", revision.pk
    )
    comment.refresh_from_db()
    assert comment.status == TriageStatus.ADDRESSED and comment.addressed_revision_id == revision.pk
    discussions.triage(editor, comment, TriageStatus.NOT_TAKEN_UP, "Out of scope")
    comment.refresh_from_db()
    assert comment.addressed_revision_id is None


def test_followers_hear_of_replies_in_their_language_but_not_of_their_own(discussion, six_steps):
    discussion.moderation = ModerationMode.POST
    discussion.save()
    follower = ChampionFactory(country="FR", display_name="Claire")
    profile = UserProfile.get_for_user(follower)
    profile.preferred_language = "fr"
    profile.save()
    quiet = ChampionFactory(country="ES", display_name="Not following")
    replier = ChampionFactory(country="MX", display_name="Diego")
    with TestCase.captureOnCommitCallbacks(execute=True):
        top = post_comment(follower, discussion, six_steps, follow=True)
        discussions.reply(quiet, top, "I agree")
    assert [m.to for m in mail.outbox] == [[follower.email]]
    assert "Nouvelle réponse" in mail.outbox[0].subject
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        discussions.reply(follower, top, "Thanks, my own reply")
    assert mail.outbox == []
    with TestCase.captureOnCommitCallbacks(execute=True):
        discussions.reply(replier, top, "Another view")
    assert [m.to for m in mail.outbox] == [[follower.email]]
    assert "Diego" in mail.outbox[0].body and replier.email not in mail.outbox[0].body


def test_pre_moderated_replies_notify_when_approved(discussion, six_steps):
    follower = ChampionFactory()
    top = approve(post_comment(follower, discussion, six_steps, follow=True))
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = discussions.reply(ChampionFactory(), top, "Pending reply")
    assert mail.outbox == []
    with TestCase.captureOnCommitCallbacks(execute=True):
        approve(answer)
    assert [m.to for m in mail.outbox] == [[follower.email]]


def test_approval_answers_the_flags_and_new_flags_count_again(
    discussion, six_steps, champion, moderator, settings
):
    settings.DISCUSSION_FLAGS_TO_HIDE = 2
    discussion.moderation = ModerationMode.POST
    discussion.save()
    comment = post_comment(champion, discussion, six_steps)
    discussions.flag(UserFactory(role=roles.STAKEHOLDERS), comment)
    discussions.flag(UserFactory(role=roles.STAKEHOLDERS), comment)
    discussions.moderate(moderator, comment, "approve")
    comment.refresh_from_db()
    assert comment.flag_count == 0 and discussions.public_comments().filter(pk=comment.pk).exists()
    assert discussions.flag(UserFactory(role=roles.STAKEHOLDERS), comment) is False
    comment.refresh_from_db()
    assert comment.flag_count == 1


def test_the_post_throttle_is_shared_by_every_worker_with_a_shared_cache(discussion, six_steps, champion):
    """With CACHE_URL=db:// the throttle counts what other worker processes accepted: a second cache object
    on the same table stands for another process."""

    discussion.moderation = "post"
    discussion.save()
    # override_settings, not the settings fixture: the cache must be the local one again before the
    # autouse fixtures clear it at teardown
    with override_settings(CACHES=cache_settings("db://"), DISCUSSION_POSTS_PER_MINUTE=2):
        call_command("createcachetable", verbosity=0)
        other_worker = DatabaseCache("gcm_cache", {})
        now = datetime.now(UTC)
        for minute in (now, now + timedelta(minutes=1)):  # the same if the clock turns a minute meanwhile
            other_worker.set(discussions.POSTS.key(champion.pk, minute), 2, 120)
        with pytest.raises(discussions.DiscussionError) as refused:
            post_comment(champion, discussion, six_steps)
        assert refused.value.status == 429
        post_comment(
            ChampionFactory(country="CO", display_name="Other Champion"), discussion, six_steps
        )  # other accounts post on
