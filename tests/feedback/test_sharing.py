"""Issue 15: a discussion's window, extensions, audience and questions are one fact for all its languages.
Closing, extending or adding a question in one language shows in the others at once, with no sync run."""

import importlib
from datetime import UTC, date, datetime

from django.apps import apps

import pytest

from feedback import discussions
from feedback.discussions import DiscussionError
from feedback.models import Discussion, DiscussionExtension, DiscussionQuestion
from tests.factories import UserFactory
from tests.feedback.factories import ChampionFactory
from tests.feedback.helpers import DURING, approve, post_comment

APRIL_16 = datetime(2031, 4, 16, 21, 59, tzinfo=UTC)


def family(discussion: Discussion) -> dict[str, Discussion]:
    return {
        d.locale.language_code: d
        for d in Discussion.objects.filter(translation_key=discussion.translation_key).select_related(
            "locale"
        )
    }


@pytest.mark.django_db
def test_closing_the_english_discussion_closes_french_and_spanish_at_once(discussion):
    closed = datetime(2026, 3, 26, 23, 59, tzinfo=UTC)
    discussion.closes_at = closed
    discussion.audience = "registered"
    discussion.save()
    translations = family(discussion)
    assert set(translations) == {"en", "fr", "es"}
    assert {d.closes_at for d in translations.values()} == {closed}
    assert {d.audience for d in translations.values()} == {"registered"}
    assert not translations["fr"].is_open(DURING)


@pytest.mark.django_db
def test_a_translation_saved_from_an_old_snapshot_cannot_reopen_the_discussion(discussion, french_discussion):
    """wagtail-localize writes a translation from the source as it was when last submitted: its window must
    not win over the source's."""
    closed = datetime(2026, 3, 26, tzinfo=UTC)
    discussion.closes_at = closed
    discussion.save()
    french_discussion.closes_at = datetime(2030, 12, 31, tzinfo=UTC)  # the stale copy wagtail-localize holds
    french_discussion.save()
    assert {d.closes_at for d in family(discussion).values()} == {closed}


@pytest.mark.django_db
def test_extending_in_english_extends_every_language_and_records_the_decision(discussion):
    discussions.extend(discussion, APRIL_16, "More Champions asked for time", date(2031, 3, 20))
    for language, translated in family(discussion).items():
        assert translated.closes_at == APRIL_16, language
        (extension,) = translated.extensions.all()
        assert (extension.closes_at, extension.decided_on) == (APRIL_16, date(2031, 3, 20))
        assert extension.reason == "More Champions asked for time"
        assert extension.untranslated is (language != "en")


@pytest.mark.django_db
def test_an_extension_recorded_in_the_admin_inline_moves_the_closing_date_everywhere(discussion, editor):
    """The inline's rows arrive in memory with the form's save; recording one moves closes_at."""
    discussion.extensions.add(
        DiscussionExtension(closes_at=APRIL_16, reason="Requests", locale=discussion.locale)
    )
    discussion.save()
    assert {d.closes_at for d in family(discussion).values()} == {APRIL_16}
    # Saving again (an edit of the title) does not move it back, nor record it twice.
    discussion.title = "Renamed"
    discussion.save()
    assert (
        DiscussionExtension.objects.filter(discussion__translation_key=discussion.translation_key).count()
        == 3
    )


@pytest.mark.django_db
def test_an_extension_must_end_after_the_discussion_opens(discussion):
    with pytest.raises(DiscussionError):
        discussions.extend(discussion, datetime(2020, 1, 1, tzinfo=UTC))


@pytest.mark.django_db
def test_a_question_added_during_the_window_appears_in_every_language_with_its_date(discussion, moderator):
    question = discussions.add_question(moderator, discussion, "Which partners took part?", now=DURING)
    for language, translated in family(discussion).items():
        added = translated.questions.get(translation_key=question.translation_key)
        assert added.posted_at == DURING
        assert added.text == "Which partners took part?"
        assert added.untranslated is (language != "en")
        assert list(translated.questions.all())[-1] == added


@pytest.mark.django_db
def test_a_question_asked_in_french_reaches_the_source_and_spanish(french_discussion, moderator):
    question = discussions.add_question(moderator, french_discussion, "Quels partenaires ?", now=DURING)
    english = family(french_discussion)["en"]
    assert english.questions.get(translation_key=question.translation_key).untranslated
    # The source's next save keeps it (the source owns the list).
    english.save()
    assert DiscussionQuestion.objects.filter(translation_key=question.translation_key).count() == 3


@pytest.mark.django_db
def test_a_question_added_in_the_admin_form_of_the_source_reaches_the_translations(discussion):
    discussion.questions.add(DiscussionQuestion(text="New?", posted_at=DURING, locale=discussion.locale))
    discussion.save()
    assert {d.questions.count() for d in family(discussion).values()} == {4}


@pytest.mark.django_db
def test_a_question_removed_from_the_source_goes_unless_answered(discussion, six_steps, champion):
    first, second, *_ = list(discussion.questions.all())
    approve(
        post_comment(
            champion,
            family(discussion)["fr"],
            six_steps.get_translation(family(discussion)["fr"].locale),
            question_id=family(discussion)["fr"].questions.get(translation_key=first.translation_key).pk,
        )
    )
    discussion.questions.remove(first)
    discussion.questions.remove(second)
    discussion.save()
    french = family(discussion)["fr"]
    keys = set(french.questions.values_list("translation_key", flat=True))
    assert second.translation_key not in keys
    assert first.translation_key in keys  # a French comment answers it


@pytest.mark.django_db
def test_no_question_can_be_added_once_closed(discussion, moderator):
    with pytest.raises(DiscussionError) as refused:
        discussions.add_question(moderator, discussion, "Late?", now=datetime(2031, 1, 1, tzinfo=UTC))
    assert refused.value.status == 400


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["champion", "stakeholder"])
def test_a_champion_or_stakeholder_cannot_add_a_question(discussion, role):
    user = ChampionFactory() if role == "champion" else UserFactory(role="Stakeholders")
    with pytest.raises(DiscussionError) as refused:
        discussions.add_question(user, discussion, "Mine?", now=DURING)
    assert refused.value.status == 403
    assert discussion.questions.count() == 3


@pytest.mark.django_db
def test_the_migration_reconciles_an_inconsistent_existing_pair(discussion, french_discussion):
    """A database from before issue 15: the French copy stayed open and lacks a question English gained;
    query updates and inserts bypass the new save path, as the old code's rows did."""
    closed = datetime(2026, 3, 26, tzinfo=UTC)
    Discussion.objects.filter(pk=discussion.pk).update(closes_at=closed)
    Discussion.objects.filter(pk=french_discussion.pk).update(closes_at=datetime(2030, 12, 31, tzinfo=UTC))
    DiscussionQuestion.objects.bulk_create(
        [
            DiscussionQuestion(
                discussion=discussion,
                locale=discussion.locale,
                text="Late one",
                posted_at=DURING,
                sort_order=9,
            )
        ]
    )
    migration = importlib.import_module("feedback.migrations.0002_discussions_shared_across_languages")
    migration.reconcile(apps, None)
    after = family(discussion)
    assert {d.closes_at for d in after.values()} == {closed}
    french_late = after["fr"].questions.get(text="Late one")
    assert french_late.untranslated and french_late.posted_at == DURING
    assert {d.questions.count() for d in after.values()} == {4}
    # The translated questions keep their texts.
    assert after["fr"].questions.filter(untranslated=False).count() == 3


@pytest.mark.django_db
def test_the_api_lists_the_extensions_of_every_language(client, discussion, french_discussion):
    discussions.extend(discussion, APRIL_16, "More Champions asked for time", date(2031, 3, 20))
    data = client.get(f"/api/v1/discussions/{french_discussion.pk}/").json()
    assert data["closes_at"] == "2031-04-16T21:59:00Z"
    assert data["extensions"] == [
        {
            "closes_at": "2031-04-16T21:59:00Z",
            "decided_on": "2031-03-20",
            "reason": "More Champions asked for time",
        }
    ]
