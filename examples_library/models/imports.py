"""A bulk import started from the admin: the file, its mode, its progress and its report, so that a
background task can run it and a plain page refresh can follow it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=255)
    # The file itself (at most MAX_UPLOAD bytes): the task reads it, the confirmation runs it again.
    content = models.BinaryField()
    dry_run = models.BooleanField(default=True)
    publish = models.BooleanField(default=False)
    language = models.CharField(max_length=8, default="en")  # of the report's messages
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")

    def __str__(self) -> str:
        return self.name
