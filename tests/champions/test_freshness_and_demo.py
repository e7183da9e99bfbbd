"""A change of a Champion, a pilot or its findings purges the Champions pages in every language (the site
caches them); the demo Champion is loaded once however often the demo loader runs (issue 15)."""

from wagtail_localize.models import TranslationSource

import pytest

from champions import demo
from champions.models import Champion, Pilot, PilotExample, PilotFindings
from cms.headless import freshness
from tests.champions.factories import ChampionCountryFactory, PilotFactory, PilotFindingsFactory

pytestmark = pytest.mark.django_db
CHAMPION_PAGES = ["/en/champions/*", "/es/champions/*", "/fr/champions/*"]


@pytest.fixture
def purged(settings, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = {
        "frontend0": {"BACKEND": "cms.headless.frontend_cache.FrontendPurgeBackend"}
    }
    batches: list[list[str]] = []
    monkeypatch.setattr(freshness, "schedule_purge", batches.append)
    return batches


def test_every_change_purges_the_champions_pages_in_every_language(purged):
    champion = ChampionCountryFactory()
    pilot = PilotFactory(champion=champion)
    findings = PilotFindingsFactory(pilot=pilot)
    changes = [
        lambda: champion.save(),
        lambda: pilot.save(),
        lambda: findings.save(),
        lambda: findings.delete(),
        lambda: champion.delete(),
    ]
    for change in changes:
        purged.clear()
        change()
        assert purged and all(sorted(batch) == CHAMPION_PAGES for batch in purged)


def test_the_demo_champion_is_loaded_once_with_its_pilot_example_and_translated_findings(mexico):
    before = (Champion.objects.count(), Pilot.objects.count(), PilotFindings.objects.count())
    assert demo.load_champions() == mexico
    assert (Champion.objects.count(), Pilot.objects.count(), PilotFindings.objects.count()) == before
    pilot = mexico.pilots.get()
    assert [link.example.slug for link in PilotExample.objects.filter(pilot=pilot)] == [demo.EXAMPLE_SLUG]
    languages = sorted(pilot.findings.values_list("locale__language_code", flat=True))
    assert languages == ["en", "es", "fr"]
    # The French and Spanish findings are wagtail-localize translations that editors keep translating.
    source = pilot.findings.get(locale__language_code="en")
    assert TranslationSource.objects.get_for_instance_or_none(source) is not None
