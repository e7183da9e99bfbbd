from django.db import models
from django.utils.translation import gettext_lazy as _


class OpenDataFile(models.Model):
    """One open-data download (a language in a format) written ahead by the worker into the default storage.

    ``wanted_version`` counts the changes to the language's published examples (the read model reports
    them, see ``examples_library.transfer.publishing``); ``version`` is the count the stored file was built
    from, so the file is current when they are equal. ``queued_version`` keeps one build per change queued,
    however many readers or publishes ask for it meanwhile."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"
        XLSX = "xlsx", "XLSX"

    language = models.CharField(max_length=8)
    file_format = models.CharField(max_length=4, choices=Format.choices)
    name = models.CharField(max_length=255, blank=True)  # in the default storage; empty until first built
    size = models.PositiveBigIntegerField(default=0)
    rows = models.PositiveIntegerField(default=0)
    generated_at = models.DateTimeField(null=True, blank=True)
    version = models.BigIntegerField(default=-1)
    wanted_version = models.BigIntegerField(default=0)
    queued_version = models.BigIntegerField(default=-1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "file_format"], name="open_data_one_file_per_format")
        ]
        verbose_name = _("open-data file")

    def __str__(self) -> str:
        return f"{self.language}.{self.file_format}"

    @property
    def current(self) -> bool:
        return bool(self.name) and self.version >= self.wanted_version
