"""Flag floods (issue 11): three fresh accounts must not be able to hide a discussion. Flags are rate limited
per account, only established accounts' flags hide, and a moderator undoes one account's wave in one
action."""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone, translation

from wagtail.models import ModelLogEntry

import pytest

from cms.accounts import roles
from feedback.discussions import moderation as discussions
from feedback.models import ModerationMode, ModerationState
from tests.factories import UserFactory
from tests.feedback.factories import ChampionFactory, EstablishedUserFactory
from tests.feedback.helpers import approve, post_comment
from tests.helpers import client_for


@pytest.fixture(autouse=True)
def post_moderated(discussion, settings):
    discussion.moderation = ModerationMode.POST
    discussion.save()
    settings.DISCUSSION_POSTS_PER_MINUTE = 1000
    cache.clear()
    yield
    cache.clear()


def comments(discussion, page, n: int) -> list:
    author = ChampionFactory()
    return [post_comment(author, discussion, page, body=f"Comment {i}") for i in range(n)]


def public(comment) -> bool:
    return discussions.public_comments().filter(pk=comment.pk).exists()


def test_three_new_accounts_cannot_hide_a_comment(discussion, six_steps, settings):
    settings.DISCUSSION_FLAGS_TO_HIDE = 3
    [comment] = comments(discussion, six_steps, 1)
    for _ in range(3):
        assert (
            discussions.flag(UserFactory(role=roles.STAKEHOLDERS), comment) is False
        )  # verified, but joined today
    comment.refresh_from_db()
    assert public(comment) and comment.flag_count == 3, "the moderators see the flags; the comment stays up"


def test_unverified_old_accounts_cannot_hide_either(discussion, six_steps, settings):
    settings.DISCUSSION_FLAGS_TO_HIDE = 1
    [comment] = comments(discussion, six_steps, 1)
    old = UserFactory(role=roles.STAKEHOLDERS, verified=False)
    old.date_joined = timezone.now() - timedelta(days=60)
    old.save()
    assert discussions.flag(old, comment) is False and public(comment)


def test_established_accounts_still_hide(discussion, six_steps, settings):
    settings.DISCUSSION_FLAGS_TO_HIDE = 2
    settings.DISCUSSION_FLAG_TRUST_DAYS = 7
    [comment] = comments(discussion, six_steps, 1)
    assert (
        discussions.flag(UserFactory(role=roles.STAKEHOLDERS), comment) is False
    )  # new: counted, cannot hide
    assert discussions.flag(EstablishedUserFactory(days=8), comment) is False
    assert discussions.flag(EstablishedUserFactory(days=8), comment) is True
    assert not public(comment)


def test_flags_are_rate_limited_per_account_with_a_429(discussion, six_steps, settings):
    settings.DISCUSSION_FLAGS_PER_HOUR = 3
    settings.DISCUSSION_FLAGS_TO_HIDE = 100
    targets = comments(discussion, six_steps, 5)
    flagger = EstablishedUserFactory()
    client = client_for(flagger)
    answers = [client.post(f"/api/v1/comments/{c.pk}/flag/", HTTP_ACCEPT_LANGUAGE="fr") for c in targets[:4]]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    with translation.override("fr"):
        expected = str(
            discussions._(
                "You have flagged many comments in a short time. The moderators are looking at them; "
                "you can flag again in an hour."
            )
        )
    assert answers[3].json()["detail"] == expected
    assert expected.startswith("Vous")
    targets[3].refresh_from_db()
    assert targets[3].flag_count == 0, "the refused flag is not recorded"
    # flagging the same comment again is not a new flag and is not refused
    assert client.post(f"/api/v1/comments/{targets[0].pk}/flag/").status_code == 200
    # another account is not affected
    assert (
        client_for(EstablishedUserFactory()).post(f"/api/v1/comments/{targets[4].pk}/flag/").status_code
        == 200
    )


def test_moderators_flags_are_not_rate_limited(discussion, six_steps, settings, moderator):
    settings.DISCUSSION_FLAGS_PER_HOUR = 1
    first, second = comments(discussion, six_steps, 2)
    assert discussions.flag(moderator, first) is True
    assert discussions.flag(moderator, second) is True


def test_dismissing_an_accounts_flags_restores_what_they_hid(discussion, six_steps, settings, moderator):
    settings.DISCUSSION_FLAGS_TO_HIDE = 2
    wave = comments(discussion, six_steps, 3)
    abuser, accomplice, honest = EstablishedUserFactory(), EstablishedUserFactory(), EstablishedUserFactory()
    assert discussions.flag(honest, wave[0]) is False
    assert discussions.flag(abuser, wave[0]) is True
    assert discussions.flag(abuser, wave[1]) is False
    assert discussions.flag(accomplice, wave[1]) is True
    assert discussions.flag(abuser, wave[2]) is False
    discussions.moderate(moderator, wave[2], "hide", "Off topic")  # a moderator's own decision
    assert not any(public(c) for c in wave)

    result = discussions.dismiss_flags_by(moderator, abuser)
    assert result.flags == 3
    assert sorted(c.pk for c in result.restored) == [wave[0].pk, wave[1].pk]
    for comment in wave:
        comment.refresh_from_db()
    # one other flag each is below the threshold: public again
    assert public(wave[0]) and public(wave[1])
    # the moderator's hide stands
    assert wave[2].moderation_state == ModerationState.HIDDEN and wave[2].moderation_reason == "Off topic"
    # the others' flags are kept, the abuser's are gone, and the audit log says who dismissed them
    assert wave[0].flags.filter(user=honest).exists() and not abuser.comment_flags.exists()
    entry = ModelLogEntry.objects.for_instance(wave[0]).filter(action="gcm.comment.flags_dismissed").get()
    assert entry.user_id == moderator.pk and entry.data["flagger"] == abuser.pk


def test_a_comment_the_remaining_flags_still_hide_stays_hidden(discussion, six_steps, settings, moderator):
    settings.DISCUSSION_FLAGS_TO_HIDE = 2
    [comment] = comments(discussion, six_steps, 1)
    abuser = EstablishedUserFactory()
    discussions.flag(abuser, comment)
    assert discussions.flag(EstablishedUserFactory(), comment) is True
    settings.DISCUSSION_FLAGS_TO_HIDE = 1  # the threshold was lowered since
    assert discussions.dismiss_flags_by(moderator, abuser).restored == []
    comment.refresh_from_db()
    assert not public(comment) and comment.flag_count == 1


def test_only_moderators_dismiss_flags(discussion, six_steps):
    with pytest.raises(discussions.DiscussionError) as refused:
        discussions.dismiss_flags_by(EstablishedUserFactory(), EstablishedUserFactory())
    assert refused.value.status == 403


def test_the_moderation_screen_shows_the_wave_and_undoes_it_in_one_action(
    discussion, six_steps, settings, moderator
):
    settings.DISCUSSION_FLAGS_TO_HIDE = 1
    wave = comments(discussion, six_steps, 4)
    abuser = EstablishedUserFactory()
    for comment in wave:
        discussions.flag(abuser, comment)
    newcomer = UserFactory(role=roles.STAKEHOLDERS)
    discussions.flag(newcomer, approve(post_comment(ChampionFactory(), discussion, six_steps, body="Fine")))
    client = client_for(moderator)
    screen = client.get("/admin/discussions/moderation/").content.decode()
    assert "(4 comments flagged in all)" in screen
    assert "new or unverified account: cannot hide comments" in screen
    assert f'action="/admin/discussions/moderation/flagger/{abuser.pk}/dismiss/"' in screen
    answer = client.post(f"/admin/discussions/moderation/flagger/{abuser.pk}/dismiss/", follow=True)
    assert "Flags dismissed: 4 by Participant. Comments public again: 4." in answer.content.decode()
    assert all(public(c) for c in wave)
    # an editor (admin access, no moderation permission) gets a 403, and nothing changes
    for comment in wave:
        discussions.flag(abuser, comment)
    refused = client_for(UserFactory(role=roles.EDITORS)).post(
        f"/admin/discussions/moderation/flagger/{abuser.pk}/dismiss/"
    )
    assert refused.status_code == 403
    assert not any(public(c) for c in wave)
