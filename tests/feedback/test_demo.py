"""The demo discussion: open, pre-moderated, for Champions, in three languages; the demo champion may post."""

from django.contrib.auth import get_user_model

from feedback import discussions
from feedback.models import Discussion


def test_demo_discussion_in_three_languages_on_the_guide_chapters(db):
    by_language = {d.locale.language_code: d for d in Discussion.objects.select_related("locale")}
    assert set(by_language) == {"en", "fr", "es"}
    english = by_language["en"]
    assert english.audience == "champions" and english.moderation == "pre" and english.is_open()
    assert len({d.translation_key for d in by_language.values()}) == 1
    assert [q.text for q in english.questions.all()][1].startswith("Would the proposed 6-step process")
    for discussion in by_language.values():
        slugs = [link.page.slug for link in discussion.discussion_pages.select_related("page")]
        assert "six-step-process" in slugs and len(slugs) == 3
        assert {link.page.locale_id for link in discussion.discussion_pages.all()} == {discussion.locale_id}
        assert discussion.questions.count() == 3
    assert "six étapes" in list(by_language["fr"].questions.all())[1].text


def test_demo_champion_may_post_and_shows_a_name_and_country(db):
    champion = get_user_model().objects.get(username="champion")
    assert champion.account_profile.display_name and champion.account_profile.country == "MX"
    french = Discussion.objects.get(locale__language_code="fr")
    assert discussions.can_post(champion, french)
    stakeholder = get_user_model().objects.get(username="stakeholder")
    assert not discussions.can_post(stakeholder, french)
