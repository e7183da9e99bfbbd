from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

import pytest

from cms.i18n.translation_status import translation_states
from examples_library.models import ExamplesIndexPage
from guidance_pages.models import GuidePage, ObjectivePage, StepPage
from tests.cms.helpers import api, page_in, translate_the_rest


def change_and_sync(page) -> TranslationSource:
    """What an editor does: change the English page, publish it, then "Sync translated pages"."""
    page.summary = "A changed English summary."
    page.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(page)
    source.update_from_db()
    return source


def test_english_pages_are_the_source_with_links_to_their_translations(client):
    guide = page_in(GuidePage, "en")
    body = api(client, guide)
    assert body["translation_status"] == "source"
    assert body["outdated_since"] is None
    fr, es = page_in(GuidePage, "fr"), page_in(GuidePage, "es")
    assert body["translations"] == [
        {"locale": "es", "id": es.pk, "path": "/es/guide/"},
        {"locale": "fr", "id": fr.pk, "path": "/fr/guide/"},
    ]


def test_translated_pages_are_up_to_date_and_link_back(client):
    french = page_in(ObjectivePage, "fr", objective__number=2)
    translate_the_rest(french)
    body = api(client, french)
    assert body["meta"]["locale"] == "fr"
    assert body["translation_status"] == "up_to_date"
    assert [item["locale"] for item in body["translations"]] == ["en", "es"]
    assert body["translations"][0]["path"] == "/en/booklet/objective-2/"


def test_pages_with_segments_left_in_english_are_partly_translated(client):
    # The demo translates titles and summaries and leaves its placeholder paragraphs in English (objective 3:
    # a page whose English the demo did not revise).
    french = page_in(ObjectivePage, "fr", objective__number=3)
    body = api(client, french)
    assert body["translation_status"] == "partly_translated"
    assert body["outdated_since"] is None
    translate_the_rest(french)
    assert api(client, french)["translation_status"] == "up_to_date"


def test_a_synced_source_change_makes_the_translation_outdated(client):
    guide = page_in(GuidePage, "en")
    french = page_in(GuidePage, "fr")
    translate_the_rest(french)
    translate_the_rest(page_in(GuidePage, "es"))
    assert api(client, french)["translation_status"] == "up_to_date"

    source = change_and_sync(guide)

    body = api(client, french)
    assert body["translation_status"] == "outdated"
    assert body["outdated_since"] == source.last_updated_at.isoformat()
    assert api(client, page_in(GuidePage, "es"))["translation_status"] == "outdated"
    assert api(client, guide)["translation_status"] == "source"


def test_translating_the_changed_segment_brings_it_up_to_date_again(client):
    guide = page_in(GuidePage, "en")
    translate_the_rest(page_in(GuidePage, "fr"))
    source = change_and_sync(guide)
    french = page_in(GuidePage, "fr")
    segment = StringSegment.objects.select_related("string", "context").get(
        source=source, context__path="summary"
    )
    StringTranslation.objects.create(
        translation_of=segment.string,
        context=segment.context,
        locale=french.locale,
        data="Un résumé modifié.",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    assert api(client, french)["translation_status"] == "up_to_date"


def test_publishing_the_sync_without_translating_stays_outdated(client, django_capture_on_commit_callbacks):
    # "Sync translated pages" with "publish" re-renders the page with English fallbacks: still outdated.
    guide = page_in(GuidePage, "en")
    source = change_and_sync(guide)
    with django_capture_on_commit_callbacks(execute=True):
        for translation in source.translations.all():
            translation.save_target(publish=True)
    french = page_in(GuidePage, "fr")
    assert french.summary == "A changed English summary."
    assert api(client, french)["translation_status"] == "outdated"


def test_machine_translated_segments_are_reported(client):
    step = page_in(StepPage, "es", step_number=3)
    translate_the_rest(step)
    StringTranslation.objects.filter(
        context__object_id=step.translation_key, locale=step.locale, context__path="title"
    ).update(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE, updated_at=timezone.now())
    assert api(client, step)["translation_status"] == "machine_translated"


def test_a_page_without_any_translated_segment_is_not_translated(client):
    index = page_in(ExamplesIndexPage, "fr")
    StringTranslation.objects.filter(context__object_id=index.translation_key, locale=index.locale).delete()
    assert api(client, index)["translation_status"] == "not_translated"


def test_a_plain_copy_outside_wagtail_localize_is_not_translated(booklet):
    page = ObjectivePage(
        title="New", slug="new-objective", objective=booklet.get_children().first().specific.objective
    )
    booklet.add_child(instance=page)
    copy = page.copy_for_translation(Locale.objects.get(language_code="fr"))
    assert translation_states([copy])[copy.pk].status == "not_translated"


def detail_queries(client, page) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 200
    return len(queries)


def test_detail_queries_do_not_grow_with_the_number_of_translations(client, booklet):
    lonely = ObjectivePage(
        title="Only English",
        slug="only-english",
        objective=page_in(ObjectivePage, "en", objective__number=1).objective,
    )
    booklet.add_child(instance=lonely)
    lonely.save_revision().publish()
    twin = page_in(ObjectivePage, "en", slug="objective-1")  # same blocks, two translations
    lonely.body = twin.body
    lonely.save_revision().publish()
    client.get(f"/api/v2/pages/{booklet.pk}/")  # warm per-process caches
    assert detail_queries(client, lonely) == detail_queries(client, twin)
    french = page_in(ObjectivePage, "fr", slug="objective-1")
    spanish = page_in(ObjectivePage, "es", slug="objective-2")
    assert detail_queries(client, french) == detail_queries(client, spanish)


@pytest.mark.parametrize("code", ["en", "fr"])
def test_listing_queries_do_not_grow_with_the_number_of_pages(client, code):
    url = (
        f"/api/v2/pages/?type=guidance_pages.ObjectivePage&locale={code}"
        "&fields=translations,translation_status"
    )
    counts = []
    client.get(f"{url}&limit=1")  # the process's first request fills Wagtail's cached site root paths
    for limit in (2, 23):
        with CaptureQueriesContext(connection) as queries:
            body = client.get(f"{url}&limit={limit}").json()
        assert len(body["items"]) == limit
        assert all(len(item["translations"]) == 2 for item in body["items"])
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_stopped_translation_is_up_to_date_again_once_its_page_is_republished(client):
    guide = page_in(GuidePage, "en")
    translate_the_rest(page_in(GuidePage, "fr"))
    source = change_and_sync(guide)
    french = page_in(GuidePage, "fr")
    translation = source.translations.get(target_locale=french.locale)
    translation.enabled = False  # "Stop translation": the French page is now edited directly
    translation.save()
    assert api(client, french)["translation_status"] == "outdated"
    french.summary = "Résumé revu à la main."
    french.save_revision().publish()
    assert api(client, french)["translation_status"] == "up_to_date"


def test_the_english_source_wins_over_a_translation_made_from_another_translation(client):
    french, spanish = page_in(GuidePage, "fr"), page_in(GuidePage, "es")
    translate_the_rest(spanish)
    french_source, _created = TranslationSource.get_or_create_from_instance(french)
    Translation.objects.create(source=french_source, target_locale=spanish.locale)
    french_source.update_from_db()  # the French page changed; the Spanish one follows English
    assert api(client, spanish)["translation_status"] == "up_to_date"
