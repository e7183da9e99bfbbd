"""The demo Champion: Mexico, a partner and tester, with one completed pilot of the first three steps that
produced the demo example on its labour migration data platform; its findings in English, French and
Spanish (the translations through wagtail-localize). Idempotent like the rest of the demo content."""

from datetime import date

from django.conf import settings
from django.db import transaction

from wagtail.models import Locale

from champions.models import Champion, Pilot, PilotExample, PilotFindings, PilotStatus
from cms.i18n.translation import translate
from examples_library.models import Country, ExamplePage

COUNTRY = "MX"
EXAMPLE_SLUG = "demo-labour-migration-data-platform"
PILOT_TITLE = "Pilot of steps 1-3 (demo)"
FINDINGS = {
    "en": "Mapping the actors first (step 1) made the later steps faster; the data platform came out of "
    "the assessment (step 3). (Demo findings.)",
    "fr": "Cartographier d'abord les acteurs (étape 1) a accéléré les étapes suivantes ; la plateforme de "
    "données est issue de l'évaluation (étape 3). (Constats de démonstration.)",
    "es": "Mapear primero a los actores (paso 1) agilizó los pasos siguientes; la plataforma de datos "
    "surgió de la evaluación (paso 3). (Conclusiones de demostración.)",
}


@transaction.atomic
def load_champions() -> Champion | None:
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    country = Country.objects.filter(locale=source, iso2=COUNTRY).first()
    example = ExamplePage.objects.filter(slug=EXAMPLE_SLUG, locale=source).first()
    if country is None or example is None:
        return None  # reference data or demo examples not loaded: nothing to attach the Champion to
    champion, _created = Champion.objects.get_or_create(
        country=country,
        defaults={"is_partner": True, "is_tester": True, "since": date(2021, 2, 26)},
    )
    pilot, created = Pilot.objects.get_or_create(
        champion=champion,
        title=PILOT_TITLE,
        defaults={
            "started_on": date(2021, 3, 1),
            "ended_on": date(2021, 12, 31),
            "steps": [1, 2, 3],
            "status": PilotStatus.COMPLETED,
        },
    )
    if created:
        PilotExample.objects.create(pilot=pilot, example=example)
    findings, _created = PilotFindings.objects.get_or_create(
        pilot=pilot, locale=source, defaults={"text": FINDINGS[source.language_code]}
    )
    for locale in Locale.objects.exclude(pk=source.pk):
        if findings.get_translation_or_none(locale) is None and locale.language_code in FINDINGS:
            translate(findings, locale, {"text": FINDINGS[locale.language_code]})
    return champion
