"""Admin screens for discussion comments as Wagtail viewsets: the moderation queue (moderators) and feedback
triage with its CSV/XLSX export (editors).

The listings, filters, search, pagination and the export are Wagtail's (``ModelViewSet`` / ``IndexView``
with ``list_export``). What is ours: who may see each screen (``DiscussionCommentPolicy``, which asks the
rules in ``feedback.discussions``), the cells with the action forms, and the POST actions in
``discussion_views``, which call the rule functions. Nobody adds, edits or deletes comments through generic
views: every change goes through those functions, which check the rules and write the audit log.
"""

from collections.abc import Callable, Iterable, Iterator

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BaseColumn, Table
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.coreutils import multigetattr
from wagtail.models import Locale, Revision
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters
from django_comments.models import CommentFlag

from cms.models import country_of, public_name
from examples_library.models import Country
from feedback import discussions, register
from feedback.models import (
    Channel,
    Discussion,
    DiscussionComment,
    ModerationState,
    RecordedFeedback,
    TriageStatus,
)
from feedback.trace import PublicTrace, public_traces, revision_label
from feedback.views import (
    ADD_QUESTION,
    IMPORT_WRITTEN_COMMENTS,
    DismissFlagsView,
    ModerateView,
    TriageCommentView,
    TriageRecordedView,
    forbidden,
)


class DiscussionCommentPolicy(ModelPermissionPolicy):
    """The admin's permission checks for comments, answered by the discussion rules: ``moderate``,
    ``triage`` and ``export``; every other action (add, change, delete, view) is refused, so Wagtail offers
    no generic form for a comment."""

    RULES: dict[str, Callable[[AbstractBaseUser], bool]] = {
        "moderate": discussions.is_moderator,
        "triage": discussions.is_triager,
        "export": discussions.can_export,
    }

    def user_has_permission(self, user: AbstractBaseUser, action: str) -> bool:
        rule = self.RULES.get(action)
        return rule is not None and rule(user)

    def user_has_any_permission(self, user: AbstractBaseUser, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user: AbstractBaseUser, action: str, instance) -> bool:
        return self.user_has_permission(user, action)


class CommentTable(Table):
    def get_row_attrs(self, instance: DiscussionComment | RecordedFeedback) -> dict:
        # A stable anchor per comment, for links to one comment and for the browser tests.
        kind = "recorded" if isinstance(instance, RecordedFeedback) else "comment"
        return {**super().get_row_attrs(instance), "id": f"{kind}-{instance.pk}"}


class TemplateColumn(BaseColumn):
    """A cell rendered by one of our templates, with the comment as ``comment`` and ``extra`` values."""

    def __init__(self, name: str, template: str, extra: dict | None = None, **kwargs) -> None:
        super().__init__(name, **kwargs)
        self.cell_template_name = template
        self.extra = extra or {}

    def get_cell_context_data(self, instance, parent_context) -> dict:
        return {**super().get_cell_context_data(instance, parent_context), **self.extra, "comment": instance}

    def render_cell_html(self, instance, parent_context) -> str:
        # Rendered with the request, unlike Wagtail's cells: the action forms need their CSRF token.
        context = self.get_cell_context_data(instance, parent_context)
        return self.cell_template.render(context, request=context["request"])


def cell(name: str, label, template: str, **extra) -> TemplateColumn:
    return TemplateColumn(name, label=label, template=f"feedback/admin/cells/{template}.html", extra=extra)


class CommentIndexView(IndexView):
    """An index of comments that answers 403 to people without ``required_action``."""

    table_class = CommentTable
    any_permission_required = None  # checked in dispatch, as a 403
    required_action = ""

    def get_required_action(self) -> str:
        return self.required_action

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not self.permission_policy.user_has_permission(request.user, self.get_required_action()):
            return forbidden()
        return super().dispatch(request, *args, **kwargs)


def flagger_summaries(comments: list[DiscussionComment]) -> None:
    """Sets ``comment.flaggers`` on each comment: who flagged it, how many comments each has flagged in
    all, and whether their flags can hide anything. A flag wave shows as one account behind many flags,
    answered with one "dismiss" button. Three queries for the whole page of comments."""
    flagger_ids = {flag.user_id for comment in comments for flag in comment.removal_flags}
    totals = dict(
        CommentFlag.objects.filter(flag=CommentFlag.SUGGEST_REMOVAL, user_id__in=flagger_ids)
        .values_list("user_id")
        .annotate(n=Count("pk"))
    )
    trusted = set(
        get_user_model()
        ._default_manager.filter(discussions.trusted_flaggers(), pk__in=flagger_ids)
        .values_list("pk", flat=True)
    )
    for comment in comments:
        comment.flaggers = [
            {
                "id": flag.user_id,
                "name": public_name(flag.user),
                "total": totals.get(flag.user_id, 0),
                "trusted": flag.user_id in trusted,
            }
            for flag in comment.removal_flags
        ]


class ModerationIndexView(CommentIndexView):
    """Comments waiting for approval and comments members flagged, with approve / hide / remove."""

    required_action = "moderate"
    page_title = gettext_lazy("Comment moderation")

    @cached_property
    def header_buttons(self) -> list:
        # Moderators pose additional questions during a discussion; the Discussions screen is not theirs.
        if not discussions.may_add_question(self.request.user):
            return super().header_buttons
        add = HeaderButton(
            gettext_lazy("Add a question"),
            url=reverse(ADD_QUESTION),
            icon_name="plus",
            attrs={"id": "add-question-link"},
        )
        return [*super().header_buttons, add]

    def get_base_queryset(self) -> QuerySet[DiscussionComment]:
        return (
            DiscussionComment.objects.filter(
                Q(moderation_state=ModerationState.PENDING)
                | Q(flag_count__gt=0, moderation_state__in=[ModerationState.APPROVED, ModerationState.HIDDEN])
            )
            .select_related("page", "question", "discussion", "user__account_profile")
            .prefetch_related(
                Prefetch(
                    "flags",
                    queryset=CommentFlag.objects.filter(flag=CommentFlag.SUGGEST_REMOVAL)
                    .select_related("user__account_profile")
                    .order_by("flag_date"),
                    to_attr="removal_flags",
                )
            )
            .order_by("submit_date", "pk")
        )

    def get_table(self, object_list):
        comments = list(object_list)
        flagger_summaries(comments)
        return super().get_table(comments)


class DiscussionFilterSet(WagtailFilterSet):
    """Triage shows one discussion at a time, with its translations (one family of comments)."""

    discussion = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Discussion"),
        queryset=Discussion.objects.select_related("locale").order_by("-opens_at", "pk"),
        method="in_family",
    )

    class Meta:
        model = DiscussionComment
        fields = ["discussion", "status", "language"]

    def in_family(self, queryset: QuerySet, name: str, value: Discussion | None) -> QuerySet:
        # The view already narrowed the comments to the chosen discussion's family.
        return queryset


def _reply_to(comment: DiscussionComment):
    return comment.parent_id if comment.level else ""


def _status(comment: DiscussionComment) -> str:
    return str(TriageStatus(comment.status).label) if not comment.level else ""


def _date(comment: DiscussionComment) -> str:
    return timezone.localtime(comment.submit_date).strftime("%Y-%m-%d %H:%M")


# Export columns that are not a field of the comment (the others are read by Wagtail's export).
COMPUTED: dict[str, Callable[[DiscussionComment], object]] = {
    "paragraph": lambda c: c.paragraph,
    "reply_to": _reply_to,
    "country": lambda c: country_of(c.user),
    "triage_status": _status,
    "author": lambda c: public_name(c.user),
    "date": _date,
    "addressed_revision_id": lambda c: c.addressed_revision_id or "",
    "public_diff": lambda c: _public_diff(c.public_trace) if c.addressed_revision_id else "",
    "channel": lambda c: str(Channel.ONLINE.label),
    "recorded_feedback": lambda c: "",
    "organisation": lambda c: "",
    "on_behalf_of": lambda c: "",
}


def _joined(values: Iterable[object]) -> str:
    return "; ".join(str(value) for value in values)


# Every export column of a recorded item: the columns comments have, read from its own fields (several pages
# and paragraphs are "; "-separated), and the ones added with it. Comment columns stay empty.
RECORDED: dict[str, Callable[[RecordedFeedback], object]] = {
    "pk": lambda r: "",
    "reply_to": lambda r: "",
    "page.title": lambda r: _joined(ref.page.title for ref in r.references.all()),
    "question.text": lambda r: r.question.text if r.question_id else "",
    "paragraph": lambda r: r.paragraph,
    "block_id": lambda r: _joined(ref.block_id for ref in r.references.all()),
    "country": lambda r: r.country.iso2.upper() if r.country_id else "",
    "language": lambda r: r.language,
    "triage_status": lambda r: str(TriageStatus(r.status).label),
    "author": lambda r: r.author,
    "date": lambda r: r.received_on.strftime("%Y-%m-%d"),
    "comment": lambda r: r.text,
    "editor_response": lambda r: r.editor_response,
    "addressed_revision_id": lambda r: r.addressed_revision_id or "",
    "public_diff": lambda r: _public_diff(r.public_trace) if r.addressed_revision_id else "",
    "channel": lambda r: r.get_channel_display(),
    "recorded_feedback": lambda r: r.pk,
    "organisation": lambda r: r.organisation,
    "on_behalf_of": lambda r: r.on_behalf_of,
}


def _public_diff(trace: PublicTrace) -> str:
    return trace.url or trace.note


# Cells a spreadsheet would run as a formula: comments are written by members, not by the editors who
# open the file. Wagtail's export only stops openpyxl from storing such a cell as a formula in XLSX; a CSV
# opened in a spreadsheet would still run it, so both formats get a leading apostrophe (as before).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


REVISION_CHOICES = 20


def revision_choices(page_ids: Iterable[int]) -> dict[int, list[Revision]]:
    """The latest revisions of each page, newest first, with their change notes: the choices of the triage
    form's "addressed in revision", in one query. Ranked per page, so a page with a long history does not
    crowd the others out."""
    if not page_ids:
        return {}
    ranked = (
        Revision.page_revisions.filter(object_id__in=[str(pk) for pk in page_ids])
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("object_id"), order_by=[F("created_at").desc(), F("pk").desc()]
            )
        )
        .filter(rank__lte=REVISION_CHOICES)
        .select_related("change_note")
        .order_by("-created_at", "-pk")
    )
    choices: dict[int, list[Revision]] = {}
    for revision in ranked:
        revision.label = revision_label(revision)
        choices.setdefault(int(revision.object_id), []).append(revision)
    return choices


def with_addressed(choices: list[Revision], comment: DiscussionComment | RecordedFeedback) -> list[Revision]:
    """The choices, with the revision the comment is marked addressed in even when it is older than them:
    saving the form again must not lose it."""
    revision = comment.addressed_revision
    if revision is None or any(choice.pk == revision.pk for choice in choices):
        return choices
    revision.label = revision_label(revision)
    return [*choices, revision]


def traced(comments: list[DiscussionComment | RecordedFeedback]) -> None:
    """Sets ``comment.public_trace`` (where readers see the revision that addressed it) on each comment."""
    traces = public_traces(c.addressed_revision for c in comments)
    for comment in comments:
        revision_id = comment.addressed_revision_id
        comment.public_trace = traces.get(revision_id) if revision_id else None


class TriageIndexView(CommentIndexView):
    """Approved top-level comments of a discussion (and its translations) with their status, response and
    addressing revision; exported, every approved comment of it, replies included."""

    page_title = gettext_lazy("Feedback triage")

    def get_required_action(self) -> str:
        return "export" if self.is_export else "triage"

    @cached_property
    def chosen(self) -> Discussion | None:
        choices = Discussion.objects.order_by("-opens_at", "pk")
        wanted = self.request.GET.get("discussion", "")
        chosen = choices.filter(pk=wanted).first() if wanted.isdigit() else None
        return chosen or choices.first()

    def get_base_queryset(self) -> QuerySet[DiscussionComment]:
        if self.chosen is None:
            return DiscussionComment.objects.none()
        family = Discussion.objects.filter(translation_key=self.chosen.translation_key)
        comments = DiscussionComment.objects.filter(
            discussion__in=family, moderation_state=ModerationState.APPROVED
        ).select_related("page", "question", "user__account_profile", "addressed_revision__change_note")
        if self.is_export:
            return comments.order_by("language", "page__path", "question__sort_order", "thread_id", "order")
        return comments.filter(level=0).order_by("page__path", "submit_date")

    template_name = "feedback/admin/triage_index.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        # Wagtail renders the table only when the page has comments: recorded feedback is shown also when
        # no comment of the discussion (or none with the chosen status) is.
        if not context["object_list"] and context["table"].data:
            context["object_list"] = context["table"].data
        if self.chosen is not None and not self.is_export:
            counts = register.counts_by_channel(self.get_base_queryset(), register.recorded_for(self.chosen))
            context["channel_counts"] = [(Channel(key).label, n) for key, n in counts.items() if n]
        return context

    def recorded(self) -> list[RecordedFeedback]:
        """The recorded feedback shown beside the comments, narrowed by the status and language filters."""
        items = register.recorded_for(self.chosen)
        filters = self.filters.form.cleaned_data if self.filters and self.filters.is_valid() else {}
        if filters.get("status"):
            items = items.filter(status=filters["status"])
        if filters.get("language"):
            items = items.filter(language=filters["language"])
        if self.search_query:
            items = items.filter(
                Q(text__icontains=self.search_query) | Q(editor_response__icontains=self.search_query)
            )
        return list(items)

    def get_table(self, object_list):
        # Recorded feedback (a handful per discussion: meetings, e-mails, documents) is listed with the
        # first page of comments rather than paginated with them: the listing's pagination is the comments'
        # queryset, and a union of two models would lose Wagtail's filters and search on comments.
        entries: list = list(object_list)
        if self.chosen is not None and self.request.GET.get("p", "1") in ("", "1"):
            entries = [*self.recorded(), *entries]
        traced(entries)
        choices = revision_choices({page.pk for entry in entries for page in register.pages_of(entry)})
        for entry in entries:
            offered = [revision for page in register.pages_of(entry) for revision in choices.get(page.pk, [])]
            entry.revision_choices = with_addressed(offered, entry)
            entry.channel_label = Channel(register.channel_of(entry)).label
        return super().get_table(entries)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        entries = [*queryset, *(self.recorded() if self.chosen is not None else [])]
        traced(entries)
        register.paragraph_references(entries)
        return super().as_spreadsheet(entries, spreadsheet_format)

    @cached_property
    def show_export_buttons(self) -> bool:
        return self.chosen is not None and self.permission_policy.user_has_permission(
            self.request.user, "export"
        )

    def get_export_url(self, format: str) -> str:
        # The export is of the discussion shown, also when the screen shows the default one.
        params = self.request.GET.copy()
        params["discussion"] = str(self.chosen.pk)
        params["export"] = format
        return self.request.path + "?" + params.urlencode()

    def get_filename(self) -> str:
        return f"discussion-{self.chosen.translation_key}-feedback"

    def to_row_dict(self, item: DiscussionComment | RecordedFeedback) -> dict:
        if isinstance(item, RecordedFeedback):
            return {field: RECORDED[field](item) for field in self.list_export}
        return {
            field: COMPUTED[field](item) if field in COMPUTED else multigetattr(item, field)
            for field in self.list_export
        }

    def preprocess_field_value(self, field: str, value, export_format: str):
        return inert(super().preprocess_field_value(field, value, export_format))

    def stream_csv(self, queryset) -> Iterator[str]:
        yield "\ufeff"  # the BOM makes spreadsheets read the file as UTF-8
        yield from super().stream_csv(queryset)


class CommentViewSet(ModelViewSet):
    """One screen over discussion comments: an index and the POST actions of its rows, nothing else."""

    model = DiscussionComment
    add_to_admin_menu = True
    search_backend_name = None  # Django's icontains over search_fields: comments are not in a search index
    copy_view_enabled = False
    required_action = ""
    actions: list = []

    def get_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            *self.actions,
        ]

    @cached_property
    def menu_item_class(self) -> type[MenuItem]:
        viewset = self

        class CommentMenuItem(MenuItem):
            def is_shown(self, request: HttpRequest) -> bool:
                return viewset.permission_policy.user_has_permission(request.user, viewset.required_action)

        return CommentMenuItem

    # No edit view to link to, no references to index, no group permissions to offer: the permissions
    # exist (migration 0003 grants them) and the policy reads them through the discussion rules.
    def register_admin_url_finder(self) -> None:
        pass

    def register_reference_index(self) -> None:
        pass

    def register_permissions(self) -> None:
        pass


class ModerationViewSet(CommentViewSet):
    name = "discussion_moderation"
    url_prefix = "discussions/moderation"
    index_view_class = ModerationIndexView
    icon = "comment"
    menu_label = gettext_lazy("Comment moderation")
    menu_name = "comment-moderation"
    menu_order = 320
    required_action = "moderate"
    list_per_page = 50
    list_filter = ["moderation_state", "language"]
    search_fields = ["comment", "user_name", "page__title"]
    list_display = [
        cell("comment", gettext_lazy("Comment"), "comment"),
        cell("where", gettext_lazy("Where"), "where"),
        cell("state", gettext_lazy("State"), "state"),
        cell("action", gettext_lazy("Action"), "moderate"),
    ]
    actions = [
        path("<int:comment_id>/", ModerateView.as_view(), name="moderate"),
        path("flagger/<int:user_id>/dismiss/", DismissFlagsView.as_view(), name="dismiss_flags"),
    ]


class TriageViewSet(CommentViewSet):
    name = "discussion_triage"
    url_prefix = "discussions/triage"
    index_view_class = TriageIndexView
    icon = "tasks"
    menu_label = gettext_lazy("Feedback triage")
    menu_name = "feedback-triage"
    menu_order = 330
    required_action = "triage"
    list_per_page = 25
    filterset_class = DiscussionFilterSet
    search_fields = ["comment", "user_name", "editor_response"]
    list_display = [
        cell("comment", gettext_lazy("Comment"), "feedback"),
        cell("triage", gettext_lazy("Triage"), "triage", statuses=TriageStatus.choices),
    ]
    list_export = [
        "pk",
        "reply_to",
        "page.title",
        "question.text",
        "paragraph",
        "block_id",
        "country",
        "language",
        "triage_status",
        "author",
        "date",
        "comment",
        "editor_response",
        "addressed_revision_id",
        "public_diff",
        "channel",
        "recorded_feedback",
        "organisation",
        "on_behalf_of",
    ]
    export_headings = {
        "pk": gettext_lazy("comment"),
        "reply_to": gettext_lazy("reply to"),
        "page.title": gettext_lazy("page"),
        "question.text": gettext_lazy("question"),
        "paragraph": gettext_lazy("paragraph"),
        "block_id": gettext_lazy("block"),  # the name older exports gave it: scripts read it by name
        "country": gettext_lazy("country"),
        "language": gettext_lazy("language"),
        "triage_status": gettext_lazy("status"),
        "author": gettext_lazy("author"),
        "date": gettext_lazy("date"),
        "comment": gettext_lazy("body"),
        "editor_response": gettext_lazy("editor's response"),
        "addressed_revision_id": gettext_lazy("addressed revision"),
        "public_diff": gettext_lazy("public diff"),
        # Added with the register of every channel: exports only gain columns.
        "channel": gettext_lazy("channel"),
        "recorded_feedback": gettext_lazy("recorded feedback"),
        "organisation": gettext_lazy("organisation"),
        "on_behalf_of": gettext_lazy("on behalf of"),
    }
    actions = [
        path("<int:comment_id>/", TriageCommentView.as_view(), name="comment"),
        path("recorded/<int:item_id>/", TriageRecordedView.as_view(), name="recorded"),
    ]


class RecordedFeedbackForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Countries are translatable rows, one per language: offer each country once.
        self.fields["country"].queryset = Country.objects.filter(locale=Locale.get_default()).order_by("name")


class RecordedFeedbackCreateView(CreateView):
    def save_instance(self):
        self.form.instance.recorded_by = self.request.user
        return super().save_instance()


class RecordedFeedbackIndexView(IndexView):
    @cached_property
    def header_buttons(self) -> list:
        if not register.may_record(self.request.user):
            return super().header_buttons
        upload = HeaderButton(
            gettext_lazy("Import written comments"),
            url=reverse(IMPORT_WRITTEN_COMMENTS),
            icon_name="doc-full",
            attrs={"id": "import-written-comments"},
        )
        return [*super().header_buttons, upload]


class RecordedFeedbackPolicy(ModelPermissionPolicy):
    """Who may record feedback, answered by the register's rules: editors and moderators add, change and
    view it, editors delete it."""

    def user_has_permission(self, user: AbstractBaseUser, action: str) -> bool:
        if action == "delete":
            return register.may_delete_recorded(user)
        return action in ("add", "change", "view") and register.may_record(user)

    def user_has_any_permission(self, user: AbstractBaseUser, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user: AbstractBaseUser, action: str, instance) -> bool:
        return self.user_has_permission(user, action)


class RecordedFeedbackViewSet(ModelViewSet):
    """Editors and moderators record feedback that came outside the online discussion (meetings, e-mail,
    written comments, other) with Wagtail's generic views; the policy asks the register's rules. Triage
    happens on the triage screen, beside comments."""

    model = RecordedFeedback
    name = "recorded_feedback"
    url_prefix = "feedback/recorded"
    icon = "mail"
    menu_label = gettext_lazy("Recorded feedback")
    menu_name = "recorded-feedback"
    menu_order = 335
    add_to_admin_menu = True
    copy_view_enabled = False
    search_backend_name = None  # Django's icontains: recorded feedback is not in a search index
    index_view_class = RecordedFeedbackIndexView
    add_view_class = RecordedFeedbackCreateView
    list_display = ["__str__", "channel", "received_on", "country", "organisation", "status"]
    list_filter = ["channel", "status", "language"]
    search_fields = ["text", "author", "organisation", "on_behalf_of"]
    edit_handler = ObjectList(RecordedFeedback.panels, base_form_class=RecordedFeedbackForm)

    @cached_property
    def permission_policy(self) -> RecordedFeedbackPolicy:
        return RecordedFeedbackPolicy(self.model)

    def register_permissions(self) -> None:
        pass  # no group permissions to offer: the policy asks the roles
