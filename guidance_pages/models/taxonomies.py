"""Taxonomies the guidance itself defines: the 23 GCM objectives and the 10 guiding principles.

Both are translatable (one row per locale, linked by ``translation_key``) so that wagtail-localize can
translate them like pages.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

OBJECTIVE_COUNT = 23


class Objective(TranslatableMixin, index.Indexed, models.Model):
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(OBJECTIVE_COUNT)]
    )
    title = models.CharField(_("official title"), max_length=255)
    short_label = models.CharField(_("short label"), max_length=80)

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("short_label"),
        SynchronizedField("number"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("short_label"),
        index.FilterField("number"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "number"], name="unique_objective_number_per_locale"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=OBJECTIVE_COUNT),
                name="objective_number_1_to_23",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_label}"


class GuidingPrinciple(TranslatableMixin, models.Model):
    key = models.SlugField(
        _("key"), max_length=50, help_text=_("Stable identifier, the same in every language.")
    )
    name = models.CharField(_("name"), max_length=120)
    paragraph = models.CharField(
        _("paragraph"), max_length=10, blank=True, help_text=_("Where the GCM states it, e.g. 15(a).")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("key"),
        SynchronizedField("paragraph"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")
        ordering = ["sort_order", "key"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "key"], name="unique_principle_key_per_locale"),
        ]

    def __str__(self) -> str:
        return self.name
