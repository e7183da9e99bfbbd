"""Factories for the discussion tests: the accounts the posting and flagging rules tell apart."""

from datetime import timedelta

from django.utils import timezone

import factory

from cms.accounts import roles
from tests.factories import AccountProfileFactory, UserFactory


class EstablishedUserFactory(UserFactory):
    """A member with a verified e-mail whose account is ``days`` old: their flags count towards hiding."""

    class Params:
        days = 30

    role = roles.STAKEHOLDERS
    date_joined = factory.LazyAttribute(lambda o: timezone.now() - timedelta(days=o.days))


class ChampionFactory(UserFactory):
    """A GCM Champion with the public profile (name, country) their posts show."""

    class Params:
        country = "MX"
        display_name = "Ana from Mexico"

    role = roles.CHAMPIONS
    profile = factory.RelatedFactory(
        AccountProfileFactory,
        factory_related_name="user",
        country=factory.SelfAttribute("..country"),
        display_name=factory.SelfAttribute("..display_name"),
    )
