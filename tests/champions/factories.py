"""Factories for Champion countries and their pilots (country by ISO code, source-language row)."""

from datetime import date

from wagtail.models import Locale

import factory
from factory.django import DjangoModelFactory

from champions.models import Champion, Pilot, PilotExample, PilotFeedback, PilotFindings, PilotStatus
from examples_library.models import Country


class ChampionCountryFactory(DjangoModelFactory):
    class Meta:
        model = Champion

    class Params:
        code = "GH"

    country = factory.LazyAttribute(lambda o: Country.objects.get(locale__language_code="en", iso2=o.code))
    is_promoter = True
    since = date(2021, 2, 26)


class PilotFactory(DjangoModelFactory):
    class Meta:
        model = Pilot

    champion = factory.SubFactory(ChampionCountryFactory)
    title = factory.Sequence(lambda n: f"Pilot {n}")
    started_on = date(2021, 3, 1)
    steps = [2, 4]
    status = PilotStatus.ONGOING


class PilotExampleFactory(DjangoModelFactory):
    class Meta:
        model = PilotExample

    pilot = factory.SubFactory(PilotFactory)


class PilotFeedbackFactory(DjangoModelFactory):
    class Meta:
        model = PilotFeedback

    pilot = factory.SubFactory(PilotFactory)


class PilotFindingsFactory(DjangoModelFactory):
    class Meta:
        model = PilotFindings

    pilot = factory.SubFactory(PilotFactory)
    locale = factory.LazyFunction(Locale.get_default)
    text = "What the pilot found."
