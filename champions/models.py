"""Champion countries (their roles and period) and the pilots they ran of the six-step process (issue 15).

The facts (country, roles, periods, steps, status, the examples and feedback a pilot produced) are one row
for all languages; only a pilot's findings are text, translated with wagtail-localize as a snippet of their
own (``PilotFindings``), so a translation can never carry different facts. A country is its ISO code: its
name is read in the reader's language from the library's ``Country`` rows.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from cms.headless import freshness

STEP_COUNT = 6  # the six-step process of the Guide (guidance_pages.StepPage.step_number 1-6)


class Role(models.TextChoices):
    PARTNER = "partner", _("Partner giving written comments")
    TESTER = "tester", _("Tester piloting the guidance")
    PROMOTER = "promoter", _("Promoter")
    CONVENOR = "convenor", _("Convenor of peer learning")


class PilotStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


def source_language_countries() -> models.Q:
    """The choices of a Champion's country: one row per country (the source language's), since the
    country is its ISO code and every language names it from its own row."""
    return models.Q(locale__language_code=settings.LANGUAGE_CODE)


class _PurgesChampionPages(models.Model):
    """A change of a Champion, a pilot or its findings makes the Champions pages stale in every language.
    In save()/delete() because these are the calls every writer goes through: the admin's snippet views,
    wagtail-localize saving a translation of the findings, the demo loader, a shell."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        freshness.schedule_purge(freshness.in_every_language(["champions"], prefix=True))

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        freshness.schedule_purge(freshness.in_every_language(["champions"], prefix=True))
        return result


def _check_period(start, end, end_field: str) -> None:
    if start and end and end < start:
        raise ValidationError({end_field: _("The end of the period cannot be before its start.")})


class Champion(_PurgesChampionPages):
    country = models.OneToOneField(
        "examples_library.Country",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=source_language_countries,
        verbose_name=_("country"),
    )
    # Four switches rather than a list: the roles are a fixed set, and a switch is a checkbox in the admin
    # on every database (no array type on SQLite).
    is_partner = models.BooleanField(_("partner giving written comments"), default=False)
    is_tester = models.BooleanField(_("tester piloting the guidance"), default=False)
    is_promoter = models.BooleanField(_("promoter"), default=False)
    is_convenor = models.BooleanField(_("convenor of peer learning"), default=False)
    since = models.DateField(_("Champion since"))
    until = models.DateField(_("Champion until"), null=True, blank=True, help_text=_("Empty while open."))

    panels = [
        FieldPanel("country"),
        MultiFieldPanel(
            [
                FieldPanel("is_partner"),
                FieldPanel("is_tester"),
                FieldPanel("is_promoter"),
                FieldPanel("is_convenor"),
            ],
            heading=_("Roles"),
        ),
        MultiFieldPanel([FieldPanel("since"), FieldPanel("until")], heading=_("Period")),
    ]

    class Meta:
        verbose_name = _("Champion country")
        verbose_name_plural = _("Champion countries")
        ordering = ["country__iso2"]

    def __str__(self) -> str:
        return str(self.country)

    @property
    def iso2(self) -> str:
        return self.country.iso2

    @property
    def roles(self) -> list[str]:
        flags = {
            Role.PARTNER: self.is_partner,
            Role.TESTER: self.is_tester,
            Role.PROMOTER: self.is_promoter,
            Role.CONVENOR: self.is_convenor,
        }
        return [str(role.value) for role, held in flags.items() if held]

    def clean(self) -> None:
        super().clean()
        if not self.roles:
            raise ValidationError(_("A Champion country holds at least one role."))
        _check_period(self.since, self.until, "until")


class PilotForm(WagtailAdminModelForm):
    # A JSON list of numbers for the database (one column, any vendor), six checkboxes for editors.
    steps = forms.TypedMultipleChoiceField(
        label=_("steps piloted"),
        choices=[(number, str(number)) for number in range(1, STEP_COUNT + 1)],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class Pilot(_PurgesChampionPages, ClusterableModel):
    champion = models.ForeignKey(
        Champion, on_delete=models.CASCADE, related_name="pilots", verbose_name=_("Champion country")
    )
    title = models.CharField(
        _("internal name"), max_length=200, help_text=_("For editors only; readers see the findings.")
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True, help_text=_("Empty while open."))
    steps = models.JSONField(_("steps piloted"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PilotStatus.choices, default=PilotStatus.PLANNED
    )

    base_form_class = PilotForm
    panels = [
        FieldPanel("champion"),
        FieldPanel("title"),
        MultiFieldPanel([FieldPanel("started_on"), FieldPanel("ended_on")], heading=_("Period")),
        FieldPanel("steps"),
        FieldPanel("status"),
        InlinePanel("examples", label=_("Examples it produced")),
        InlinePanel("feedback", label=_("Feedback it produced")),
    ]

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        _check_period(self.started_on, self.ended_on, "ended_on")
        if not isinstance(self.steps, list) or any(
            not isinstance(step, int) or not 1 <= step <= STEP_COUNT for step in self.steps
        ):
            raise ValidationError({"steps": _("Steps are numbers from 1 to 6.")})
        self.steps = sorted(set(self.steps))


class PilotExample(Orderable):
    """An example a pilot produced, kept by its translation key: every language links its own translation
    of the example, or the original where there is none. The page is what the editor chose; the key
    survives it if that one translation is deleted."""

    pilot = ParentalKey(Pilot, on_delete=models.CASCADE, related_name="examples")
    example = models.ForeignKey(
        "examples_library.ExamplePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("example"),
    )
    example_key = models.UUIDField(editable=False)

    panels = [PageChooserPanel("example", page_type="examples_library.ExamplePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("example of a pilot")
        constraints = [
            models.UniqueConstraint(fields=["pilot", "example_key"], name="unique_pilot_example"),
        ]

    def save(self, *args, **kwargs) -> None:
        if self.example_id is not None:
            self.example_key = self.example.translation_key
        super().save(*args, **kwargs)


class PilotFeedback(Orderable):
    pilot = ParentalKey(Pilot, on_delete=models.CASCADE, related_name="feedback")
    comment = models.ForeignKey(
        "feedback.DiscussionComment",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("feedback"),
    )

    # The comment's number rather than a list of every comment ever posted, which would grow with each
    # discussion; the triage screen and its export show the numbers.
    panels = [
        FieldPanel(
            "comment",
            widget=forms.NumberInput(attrs={"min": 1}),
            help_text=_("The number of the comment, as Feedback triage and its export show it."),
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("feedback of a pilot")
        constraints = [models.UniqueConstraint(fields=["pilot", "comment"], name="unique_pilot_feedback")]


class PilotFindings(TranslatableMixin, _PurgesChampionPages):
    """What a pilot found, in one language: the only text of a pilot. Written in the source language and
    translated like every other translatable snippet (wagtail-localize's Translate action); the pilot it
    belongs to is synchronised, never translated."""

    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="findings", verbose_name=_("pilot")
    )
    text = models.TextField(_("findings"), max_length=4000)

    panels = [FieldPanel("pilot"), FieldPanel("text")]
    translatable_fields = [TranslatableField("text"), SynchronizedField("pilot", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("findings of a pilot")
        verbose_name_plural = _("findings of pilots")
        constraints = [
            models.UniqueConstraint(fields=["pilot", "locale"], name="unique_pilot_findings_per_locale")
        ]

    def __str__(self) -> str:
        return str(self.pilot)
