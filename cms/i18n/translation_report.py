"""Admin report: French and Spanish pages whose English source changed after their translation was last
worked on, and those only partly translated (see ``cms.i18n.translation_status``), so that editors know what
to (re-)translate."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.i18n.translation_status import OUTDATED, PARTLY_TRANSLATED, translation_states

STATUS_LABELS = {OUTDATED: _("Outdated"), PARTLY_TRANSLATED: _("Partly translated")}


@dataclass(frozen=True)
class OutdatedTranslation:
    page: Page
    locale: str
    status: str
    outdated_since: datetime | None
    translation_id: int | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def title(self) -> str:
        return self.page.get_admin_display_title()


def outdated_translations(user) -> list[OutdatedTranslation]:
    """Outdated translated pages this user may edit, the longest outdated first, then the partly translated
    ones (a few constant queries)."""
    pages = list(
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .filter(depth__gt=1)
        .select_related("locale")
    )
    states = translation_states(pages)
    rows = [
        OutdatedTranslation(
            page=page,
            locale=page.locale.get_display_name(),
            status=states[page.pk].status,
            outdated_since=states[page.pk].outdated_since,
            translation_id=states[page.pk].translation_id,
        )
        for page in pages
        if states[page.pk].status in STATUS_LABELS
    ]
    return sorted(
        rows,
        key=lambda row: (
            row.status != OUTDATED,
            row.outdated_since or row.page.first_published_at,
            row.page.path,
        ),
    )


class OutdatedTranslationsReportView(ReportView):
    page_title = _("Outdated translations")
    header_icon = "resubmit"
    index_url_name = "outdated_translations_report"
    index_results_url_name = "outdated_translations_report_results"
    columns = [
        TitleColumn(
            "title",
            label=_("Page"),
            get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.page.pk]),
        ),
        Column("locale", label=_("Language")),
        Column("status_label", label=_("Status")),
        DateColumn("outdated_since", label=_("Outdated since")),
    ]
    list_export = ["title", "locale", "status_label", "outdated_since"]
    export_headings = {
        "title": _("Page"),
        "locale": _("Language"),
        "status_label": _("Status"),
        "outdated_since": _("Outdated since"),
    }

    def get_queryset(self) -> list[OutdatedTranslation]:
        # A list, not a queryset: the status comes from several wagtail-localize tables at once. Pagination
        # and export work on lists; there are as many rows as translated pages at most.
        return outdated_translations(self.request.user)

    def get_filename(self) -> str:
        return "outdated-translations"
