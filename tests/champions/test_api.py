"""``/api/v1/champions/``: Champion countries in the reader's language, their pilots' findings and examples,
constant query counts, and words for bad input (issue 15)."""

from wagtail.models import Locale

import pytest

from feedback import discussions
from feedback.models import Discussion
from guidance_pages.models import ChapterPage
from tests.champions.factories import (
    ChampionCountryFactory,
    PilotExampleFactory,
    PilotFactory,
    PilotFeedbackFactory,
    PilotFindingsFactory,
)
from tests.champions.helpers import DURING, get_json, public_comment, queries_of
from tests.examples_library.factories import ExamplePageFactory
from tests.feedback.factories import ChampionFactory

pytestmark = pytest.mark.django_db


def test_the_list_names_each_country_in_the_readers_language_with_its_roles_and_pilots(client, mexico):
    status, body = get_json(client, "/api/v1/champions/", locale="fr")
    assert status == 200
    [row] = [item for item in body["items"] if item["code"] == "MX"]
    assert row["name"] == "Mexique"
    assert row["roles"] == ["partner", "tester"]
    assert row["period"] == {"start": "2021-02-26", "end": None}
    [pilot] = row["pilots"]
    assert pilot["steps"] == [1, 2, 3]
    assert pilot["status"] == "completed"
    assert body["count"] == len(body["items"])


def test_the_list_is_ordered_by_the_name_in_the_readers_language(client, mexico):
    ChampionCountryFactory(code="DE")  # Germany / Allemagne / Alemania
    names = [item["name"] for item in get_json(client, "/api/v1/champions/", locale="fr")[1]["items"]]
    assert names == ["Allemagne", "Mexique"]
    names = [item["name"] for item in get_json(client, "/api/v1/champions/", locale="en")[1]["items"]]
    assert names == ["Germany", "Mexico"]


def test_a_country_shows_its_pilots_findings_in_the_readers_language(client, mexico):
    status, body = get_json(client, "/api/v1/champions/mx/", locale="es")
    assert status == 200
    assert body["code"] == "MX" and body["name"] == "México"
    [pilot] = body["pilots"]
    assert pilot["findings"].startswith("Mapear primero a los actores")
    assert pilot["findings_language"] == "es"


def test_findings_not_yet_translated_are_the_source_languages(client):
    pilot = PilotFactory()
    PilotFindingsFactory(pilot=pilot, text="Only in English so far.")
    [row] = get_json(client, "/api/v1/champions/GH/", locale="fr")[1]["pilots"]
    assert (row["findings"], row["findings_language"]) == ("Only in English so far.", "en")


def test_an_untranslated_example_is_the_original_with_its_language_under_the_readers_prefix(
    client, mexico, data_platform
):
    [pilot] = get_json(client, "/api/v1/champions/MX/", locale="fr")[1]["pilots"]
    assert pilot["examples"] == [
        {
            "id": data_platform.pk,
            "title": data_platform.title,
            "language": "en",
            "path": "/fr/examples/demo-labour-migration-data-platform/",
        }
    ]


def test_a_translated_example_is_linked_in_the_readers_language(client, mexico, data_platform):
    french = data_platform.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.title = "Une plateforme nationale de données (démo)"
    french.save_revision().publish()
    [pilot] = get_json(client, "/api/v1/champions/MX/", locale="fr")[1]["pilots"]
    [example] = pilot["examples"]
    assert example["title"] == "Une plateforme nationale de données (démo)"
    assert (example["language"], example["id"]) == ("fr", french.pk)
    assert example["path"] == f"/fr/examples/{french.slug}/"
    # English readers keep the original.
    [pilot] = get_json(client, "/api/v1/champions/MX/", locale="en")[1]["pilots"]
    assert pilot["examples"][0]["id"] == data_platform.pk


def test_an_unpublished_example_is_not_linked(client, mexico, data_platform):
    data_platform.unpublish()
    [pilot] = get_json(client, "/api/v1/champions/MX/", locale="en")[1]["pilots"]
    assert pilot["examples"] == []


def test_an_unknown_country_is_404_with_words(client, mexico):
    status, body = get_json(client, "/api/v1/champions/ZZ/", locale="fr")
    assert status == 404
    assert body["detail"] == "ZZ n'est pas un pays Champion."


@pytest.mark.parametrize("code", ["x1", "MEX", "é1", "1"])
def test_a_bad_code_is_400_with_words(client, code):
    status, body = get_json(client, f"/api/v1/champions/{code}/")
    assert status == 400
    assert "is not a country code" in body["detail"]


def test_an_unknown_locale_is_400(client, mexico):
    assert get_json(client, "/api/v1/champions/MX/", locale="de")[0] == 400
    assert get_json(client, "/api/v1/champions/", locale="de")[0] == 400


def _grow(count: int) -> None:
    """``count`` more Champion countries with two pilots each, each pilot with findings in two languages,
    two examples and a feedback link."""
    for code in ["GH", "PH", "PT", "DE", "CA"][:count]:
        champion = ChampionCountryFactory(code=code)
        for _ in range(2):
            pilot = PilotFactory(champion=champion)
            PilotFindingsFactory(pilot=pilot)
            PilotFindingsFactory(pilot=pilot, locale=Locale.objects.get(language_code="fr"), text="Constat.")
            for _example in range(2):
                PilotExampleFactory(pilot=pilot, example=ExamplePageFactory())


def test_the_list_reads_a_constant_number_of_queries(client, mexico):
    few = queries_of(client, "/api/v1/champions/", locale="fr")
    _grow(5)
    assert queries_of(client, "/api/v1/champions/", locale="fr") == few == 3


def _champion_with_pilots(code: str, pilots: int, examples: int):
    champion = ChampionCountryFactory(code=code)
    for _ in range(pilots):
        pilot = PilotFactory(champion=champion)
        PilotFindingsFactory(pilot=pilot)
        PilotFeedbackFactory(pilot=pilot, comment=public_comment(ChampionFactory(country=code)))
        for _example in range(examples):
            PilotExampleFactory(pilot=pilot, example=ExamplePageFactory())


@pytest.mark.parametrize(("show_feedback", "expected"), [(False, 7), (True, 9)])
def test_a_country_reads_a_constant_number_of_queries(client, settings, show_feedback, expected):
    settings.CHAMPIONS_SHOW_FEEDBACK = show_feedback
    _champion_with_pilots("GH", pilots=1, examples=1)
    _champion_with_pilots("PH", pilots=3, examples=3)
    few = queries_of(client, "/api/v1/champions/GH/", locale="fr")
    many = queries_of(client, "/api/v1/champions/PH/", locale="fr")
    assert many == few == expected
    # A Champion without pilots reads fewer: nothing to look up for them.
    ChampionCountryFactory(code="PT")
    assert queries_of(client, "/api/v1/champions/PT/", locale="fr") < few


def test_the_public_feedback_count_is_shown_only_when_the_setting_allows(client, settings, mexico):
    mine = public_comment(ChampionFactory(country="MX"))
    public_comment(ChampionFactory(country="GH", display_name="Kofi"))
    pending_author = ChampionFactory(country="MX")
    assert get_json(client, "/api/v1/champions/MX/")[1]["public_feedback"] is None
    settings.CHAMPIONS_SHOW_FEEDBACK = True
    assert get_json(client, "/api/v1/champions/MX/")[1]["public_feedback"] == 1
    # Feedback its pilot produced counts too, once; a comment awaiting moderation does not.
    ghana = public_comment(ChampionFactory(country="GH", display_name="Ama"))
    pilot = mexico.pilots.get()
    PilotFeedbackFactory(pilot=pilot, comment=ghana)
    PilotFeedbackFactory(pilot=pilot, comment=mine)
    discussion = Discussion.objects.get(locale__language_code="en")
    page = ChapterPage.objects.get(locale__language_code="en", slug="six-step-process")
    discussions.post(
        pending_author,
        discussion,
        page.pk,
        "Pending.",
        question_id=discussion.questions.first().pk,
        now=DURING,
    )
    assert get_json(client, "/api/v1/champions/MX/")[1]["public_feedback"] == 2
