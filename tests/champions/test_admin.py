"""Editors manage Champion countries, pilots and their findings in the admin (snippets); Champions and the
other roles cannot. The rules of the models: roles, periods and steps (issue 15)."""

from datetime import date

from django.core.exceptions import ValidationError

from wagtail.models import Locale

import pytest

from champions.models import Champion, Pilot, PilotExample, PilotFeedback, PilotFindings
from cms.accounts import roles
from examples_library.models import Country
from tests.champions.factories import ChampionCountryFactory, PilotFactory, PilotFindingsFactory
from tests.champions.helpers import public_comment
from tests.factories import UserFactory
from tests.feedback.factories import ChampionFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

SCREENS = ["/admin/champions/countries/", "/admin/champions/pilots/"]
ROLES = [roles.CHAMPIONS, roles.STAKEHOLDERS, roles.MODERATORS, roles.THEMATIC_REVIEWERS]


def refused(response) -> bool:
    """Admin users without the permission get 403 (or Wagtail's redirect to the dashboard); people without
    admin access go to the login page."""
    return response.status_code in (302, 403) and (
        response.status_code == 403 or "/admin/" in response["Location"]
    )


def _pilot_form(champion: Champion, example_id: int | None, steps: list[str], comment_id: int = 0) -> dict:
    return {
        "champion": str(champion.pk),
        "title": "Pilot of step 4",
        "started_on": "2022-01-10",
        "ended_on": "",
        "steps": steps,
        "status": "ongoing",
        "examples-TOTAL_FORMS": "1" if example_id else "0",
        "examples-INITIAL_FORMS": "0",
        "examples-MIN_NUM_FORMS": "0",
        "examples-MAX_NUM_FORMS": "1000",
        **({"examples-0-example": str(example_id), "examples-0-ORDER": "1"} if example_id else {}),
        "feedback-TOTAL_FORMS": "1" if comment_id else "0",
        "feedback-INITIAL_FORMS": "0",
        "feedback-MIN_NUM_FORMS": "0",
        "feedback-MAX_NUM_FORMS": "1000",
        **({"feedback-0-comment": str(comment_id), "feedback-0-ORDER": "1"} if comment_id else {}),
    }


def test_an_editor_records_a_champion_and_a_pilot_in_the_admin(data_platform):
    editor = client_for(UserFactory(role=roles.EDITORS))
    for screen in SCREENS:
        assert editor.get(screen).status_code == 200
    ghana = Country.objects.get(locale__language_code="en", iso2="GH")
    response = editor.post(
        "/admin/champions/countries/add/",
        {
            "country": str(ghana.pk),
            "is_promoter": "on",
            "is_convenor": "on",
            "since": "2021-02-26",
            "until": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    champion = Champion.objects.get(country=ghana)
    assert champion.roles == ["promoter", "convenor"]

    comment = public_comment(ChampionFactory(country="GH"))
    response = editor.post(
        "/admin/champions/pilots/add/", _pilot_form(champion, data_platform.pk, ["4", "2"], comment.pk)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    pilot = Pilot.objects.get(champion=champion)
    assert pilot.steps == [2, 4]
    [link] = PilotExample.objects.filter(pilot=pilot)
    assert link.example_key == data_platform.translation_key
    assert [row.comment_id for row in PilotFeedback.objects.filter(pilot=pilot)] == [comment.pk]


def test_the_admin_offers_each_country_once_in_the_source_language():
    editor = client_for(UserFactory(role=roles.EDITORS))
    form = editor.get("/admin/champions/countries/add/").content.decode()
    assert ">Ghana<" in form and ">Mexique<" not in form


@pytest.mark.parametrize("role", ROLES)
def test_other_roles_cannot_manage_champions(role, mexico):
    client = client_for(UserFactory(role=role))
    for screen in [*SCREENS, f"/admin/champions/countries/edit/{mexico.pk}/"]:
        assert refused(client.get(screen)), (role, screen)
    ghana = Country.objects.get(locale__language_code="en", iso2="GH")
    client.post(
        "/admin/champions/countries/add/",
        {"country": str(ghana.pk), "is_tester": "on", "since": "2021-02-26"},
    )
    assert not Champion.objects.filter(country=ghana).exists()


def test_a_champion_without_a_role_or_with_a_period_ending_before_it_starts_is_refused():
    champion = Champion(
        country=Country.objects.get(locale__language_code="en", iso2="GH"), since=date(2021, 2, 26)
    )
    with pytest.raises(ValidationError):
        champion.full_clean()
    champion.is_tester = True
    champion.until = date(2020, 1, 1)
    with pytest.raises(ValidationError) as refusal:
        champion.full_clean()
    assert "until" in refusal.value.message_dict
    champion.until = None
    champion.full_clean()


@pytest.mark.parametrize("steps", [[0], [7], ["2"], "1,2"])
def test_a_pilot_pilots_steps_one_to_six_only(steps):
    pilot = PilotFactory.build(champion=ChampionCountryFactory(), steps=steps)
    with pytest.raises(ValidationError) as refusal:
        pilot.full_clean()
    assert "steps" in refusal.value.message_dict


def test_a_pilots_findings_are_one_per_language_and_keep_their_pilot_when_translated():
    findings = PilotFindingsFactory()
    french = findings.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.text = "Constat."
    french.save()
    assert french.pilot_id == findings.pilot_id
    assert PilotFindings.objects.filter(pilot=findings.pilot).count() == 2
    with pytest.raises(ValidationError):
        PilotFindings(pilot=findings.pilot, locale=findings.locale, text="Again").full_clean()
