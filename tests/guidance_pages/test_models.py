from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

import pytest

from examples_library.models import ExamplesIndexPage
from guidance_pages.models import (
    BookletPage,
    ChapterPage,
    GuidePage,
    GuidingPrinciple,
    HomePage,
    Objective,
    ObjectivePage,
    StepPage,
)


@pytest.mark.parametrize("number", [0, 24])
def test_objective_numbers_are_1_to_23(english, number):
    objective = Objective(locale=english, number=number, title="x", short_label="x")
    with pytest.raises(ValidationError):
        objective.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        objective.save()


def test_objective_number_is_unique_per_locale(english):
    with pytest.raises(IntegrityError), transaction.atomic():
        Objective.objects.create(locale=english, number=1, title="Duplicate", short_label="Dup")


def test_objective_and_principle_translations_share_a_key(db):
    objective_keys = set(Objective.objects.filter(number=7).values_list("translation_key", flat=True))
    assert len(objective_keys) == 1
    assert Objective.objects.filter(number=7).count() == 3
    principle_keys = set(
        GuidingPrinciple.objects.filter(key="human_rights").values_list("translation_key", flat=True)
    )
    assert len(principle_keys) == 1


def test_objective_str_is_number_and_label(db):
    assert str(Objective.objects.get(locale__language_code="en", number=20)) == "20. Remittances"


def test_page_tree_rules():
    assert set(HomePage.allowed_subpage_models()) == {GuidePage, BookletPage, ExamplesIndexPage}
    assert GuidePage.allowed_subpage_models() == [ChapterPage]
    assert ChapterPage.allowed_subpage_models() == [StepPage]
    assert BookletPage.allowed_subpage_models() == [ObjectivePage]
    assert ObjectivePage.allowed_subpage_models() == []
    assert ObjectivePage.allowed_parent_page_models() == [BookletPage]


def test_objective_page_cannot_go_under_the_guide(db):
    guide = GuidePage.objects.get(locale__language_code="en")
    assert not ObjectivePage.can_create_at(guide)
    booklet = BookletPage.objects.get(locale__language_code="en")
    assert ObjectivePage.can_create_at(booklet)


def test_step_numbers_are_1_to_6(db):
    step = StepPage.objects.get(step_number=1, locale__language_code="en")
    step.step_number = 7
    with pytest.raises(ValidationError):
        step.full_clean()


def test_objective_in_use_cannot_be_deleted(db):
    objective = Objective.objects.get(locale__language_code="en", number=4)
    with pytest.raises(ProtectedError):
        objective.delete()


def test_pages_redirect_to_the_public_frontend(client, settings):
    settings.FRONTEND_URL = "https://gcm.example.org"
    page = ObjectivePage.objects.get(locale__language_code="en", objective__number=3)
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"] == "https://gcm.example.org/en/booklet/objective-3/"
    assert client.get("/")["Location"] == "https://gcm.example.org/en/"
