"""The admin's import screen (editors only): upload a file, read the dry run's report, confirm.

django-import-export's import screen is a django.contrib.admin view, which this site does not serve (the
admin is Wagtail's); these views are Wagtail admin views over the same ``Importer`` the command uses.
Each run is a background task (``tasks.run_import``); the run's page refreshes itself (a meta refresh, no
JavaScript) until the task is done.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from cms.admin_screens import TitledScreen
from examples_library.models import ImportRun
from examples_library.transfer import archive
from examples_library.transfer.importing import CREATED, FORMATS, OUTCOME_LABELS, UPDATED, may_import
from examples_library.transfer.tasks import run_import

MAX_UPLOAD = 20 * 1024 * 1024
REFRESH_SECONDS = 3


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (CSV, XLSX or JSON, or a ZIP file with attachments)"),
        help_text=gettext_lazy(
            "One example per row; the columns are those of the open-data export. To import attachments, "
            "upload a ZIP file holding the CSV, XLSX or JSON file and the files its “attachments” column "
            "names, by their paths relative to that file."
        ),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Publish at once (vetted content); otherwise drafts enter moderation"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in FORMATS and not archive.is_archive(upload.name):
            raise forms.ValidationError(
                _("Import a CSV, XLSX or JSON file, or a ZIP file holding one and its attachments.")
            )
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD // 2**20}
            )
        if archive.is_archive(upload.name):
            # The listing's checks now, so that a bad archive is refused on the form; the task unpacks it.
            try:
                archive.inspect(upload)
            except archive.ArchiveError as exc:
                raise forms.ValidationError(str(exc)) from None
            upload.seek(0)
        return upload


class EditorsOnly:
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _start(run: ImportRun) -> None:
    run_import.enqueue(run.pk)


class ImportView(EditorsOnly, TitledScreen, FormView):
    template_name = "examples_library/admin/import_form.html"
    page_title = gettext_lazy("Import examples")
    form_class = ImportForm

    def get_context_data(self, **kwargs) -> dict:
        runs = ImportRun.objects.filter(user=self.request.user).defer("content")[:10]
        return {**super().get_context_data(**kwargs), "runs": runs}

    def form_valid(self, form: ImportForm) -> HttpResponse:
        upload = form.cleaned_data["file"]
        run = ImportRun.objects.create(
            user=self.request.user,
            name=upload.name[:255],
            content=upload.read(),
            dry_run=True,
            publish=form.cleaned_data["publish"],
            language=get_language() or "en",
        )
        _start(run)
        return redirect("examples_import_run", run.pk)


class ImportRunView(EditorsOnly, TitledScreen, TemplateView):
    template_name = "examples_library/admin/import_run.html"
    page_title = gettext_lazy("Import examples")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.run = get_object_or_404(
            ImportRun.objects.defer("content"), pk=kwargs["pk"], user=request.user.pk
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.run.name

    def get_context_data(self, **kwargs) -> dict:
        run = self.run
        finished = run.status in (ImportRun.Status.DONE, ImportRun.Status.FAILED)
        counts = run.report.get("counts", {})
        rows = [
            {**row, "outcome_label": OUTCOME_LABELS.get(row["outcome"], row["outcome"])}
            for row in run.report.get("rows", [])
        ]
        return {
            **super().get_context_data(**kwargs),
            "run": run,
            "finished": finished,
            "refresh": REFRESH_SECONDS,
            "counts": [(OUTCOME_LABELS[key], value) for key, value in counts.items()],
            "rows": rows,
            "can_confirm": run.dry_run
            and run.status == ImportRun.Status.DONE
            and (counts.get(CREATED, 0) + counts.get(UPDATED, 0)) > 0,
        }

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        """Confirm a dry run: run the same file for real."""
        if not (self.run.dry_run and self.run.status == ImportRun.Status.DONE):
            raise PermissionDenied
        source = ImportRun.objects.get(pk=self.run.pk)
        run = ImportRun.objects.create(
            user=request.user,
            name=source.name,
            content=source.content,
            dry_run=False,
            publish=source.publish,
            language=get_language() or "en",
        )
        _start(run)
        return redirect("examples_import_run", run.pk)
