"""Reference taxonomies of the library: countries with their UN M49 region and sub-region, and actor types.

Translatable (one row per locale, linked by ``translation_key``) like the guidance taxonomies; the data is
loaded from maintained packages (see ``examples_library.reference_data``), not typed by hand.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Region(TranslatableMixin, models.Model):
    """A UN M49 region (``parent`` empty) or sub-region."""

    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subregions",
        verbose_name=_("region"),
    )

    translatable_fields = [TranslatableField("name"), SynchronizedField("key"), SynchronizedField("parent")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["locale", "key"], name="unique_region_key_per_locale")]

    def __str__(self) -> str:
        return self.name


class Country(TranslatableMixin, models.Model):
    iso2 = models.CharField(_("ISO 3166 alpha-2 code"), max_length=2)
    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3)
    name = models.CharField(_("name"), max_length=120)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("region")
    )
    subregion = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sub-region"),
    )

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("iso2"),
        SynchronizedField("iso3"),
        SynchronizedField("region"),
        SynchronizedField("subregion"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "iso2"], name="unique_country_code_per_locale")
        ]

    def __str__(self) -> str:
        return self.name


class ActorType(TranslatableMixin, models.Model):
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=120)

    translatable_fields = [TranslatableField("name"), SynchronizedField("key")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("actor type")
        verbose_name_plural = _("actor types")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "key"], name="unique_actor_type_key_per_locale")
        ]

    def __str__(self) -> str:
        return self.name


def terms_in_locale(rows: list, locale_id: int) -> list:
    """``rows`` (taxonomy terms) as their versions in ``locale_id`` where they have one.

    wagtail-localize translates a page's foreign keys to taxonomies but not its many-to-many fields, so an
    example translated from English kept the English principles and actor types (and a page copied for
    translation, its English country and regions): their names showed in English on French pages. Rows
    without a version in ``locale_id`` stay as they are. One query per taxonomy, none when every row is in
    that locale already.
    """
    foreign = [row for row in rows if row is not None and row.locale_id != locale_id]
    if not foreign:
        return rows
    by_model: dict = {}
    for row in foreign:
        by_model.setdefault(type(row), set()).add(row.translation_key)
    translated = {
        (model, term.translation_key): term
        for model, keys in by_model.items()
        for term in model.objects.filter(locale_id=locale_id, translation_key__in=keys)
    }
    return [
        translated.get((type(row), row.translation_key), row) if row is not None else None for row in rows
    ]
