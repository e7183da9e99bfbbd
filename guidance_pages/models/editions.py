"""The living document's record of change: a kind and a public note with every published revision of a
guidance page, and editions that fix the revision of every guidance page in every language.

Rules (who may publish, what is public, what a diff shows) live in ``guidance_pages.history``; these are the
facts they read."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class ChangeKind(models.TextChoices):
    ORIGINAL = "original", _("First publication")
    SUBSTANTIVE = "substantive", _("Substantive change (with a public change note)")
    MINOR = "minor", _("Minor change (typo, formatting; not listed publicly)")


class ChangeNote(models.Model):
    """The kind of change a revision of a guidance page makes and its public note, stored with the revision.

    Written when an editor saves the revision (the note travels with it through the workflow) and completed
    with ``published_at`` when the revision goes live; a revision published without one (a script, a
    scheduled publish) gets ``original`` or ``minor`` then. Only published ``original`` and ``substantive``
    rows are ever public."""

    revision = models.OneToOneField(
        "wagtailcore.Revision",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="change_note",
        verbose_name=_("revision"),
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="change_notes", verbose_name=_("page")
    )
    kind = models.CharField(_("kind of change"), max_length=12, choices=ChangeKind.choices)
    note = models.TextField(_("change note"), blank=True, max_length=1000)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")
        indexes = [models.Index(fields=["page", "published_at"], name="changenote_page_published")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.note[:60]}"


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Edition(TranslatableMixin, models.Model):
    """A numbered, dated edition of the guidance ("Advanced draft", "First edition"). One row per language
    (name and introduction are translated); number, date and status are one fact for all of them."""

    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    name = models.CharField(_("name"), max_length=100)
    date = models.DateField(_("date"))
    introduction = RichTextField(_("introduction"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("introduction"),
        SynchronizedField("number"),
        SynchronizedField("date"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["number", "locale"], name="edition_number_per_locale"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class EditionPage(models.Model):
    """The revision of one guidance page, in one language, that edition ``edition_number`` fixed. Keyed by
    the number (the same in every language), not by one language's edition row."""

    edition_number = models.PositiveSmallIntegerField(_("edition"))
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    # PROTECT: an edition's text must outlive revision purges.
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.PROTECT, related_name="+", verbose_name=_("revision")
    )

    class Meta:
        verbose_name = _("page of an edition")
        verbose_name_plural = _("pages of an edition")
        constraints = [
            models.UniqueConstraint(fields=["edition_number", "page"], name="editionpage_once_per_edition"),
        ]
        indexes = [models.Index(fields=["page", "edition_number"], name="editionpage_page")]

    def __str__(self) -> str:
        return f"{self.edition_number}: {self.page_id} @ {self.revision_id}"


class EditionPdfStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be rendered")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Rendering failed")


class EditionPdf(models.Model):
    """The PDF of edition ``edition_number`` in one language, rendered in the background after the edition
    is published (``guidance_pages.publications``). Keyed by the number, like ``EditionPage``."""

    edition_number = models.PositiveSmallIntegerField(_("edition"))
    language = models.CharField(_("language"), max_length=10)
    file = models.FileField(_("file"), upload_to="editions/", blank=True, max_length=200)
    bytes = models.PositiveIntegerField(_("size in bytes"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=EditionPdfStatus.choices, default=EditionPdfStatus.PENDING
    )
    error = models.TextField(_("last error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("edition PDF")
        verbose_name_plural = _("edition PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["edition_number", "language"], name="editionpdf_once_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition_number} ({self.language}): {self.status}"
