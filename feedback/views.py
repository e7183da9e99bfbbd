"""The POST actions of the discussion admin screens (``feedback.viewsets``): approve / hide / remove a
comment, dismiss one account's flags, triage a comment; and the old export address.

Each action is one call of a function of the ``feedback.discussions`` package, which checks who may
do it (403 otherwise) and keeps the rules; the view only turns its answer into a message and a redirect.
"""

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Locale, Page

from cms.admin_screens import TitledScreen
from cms.models import public_name
from examples_library.models import Country
from feedback import discussions, register, written_comments
from feedback.models import Discussion, DiscussionComment, ModerationState, RecordedFeedback
from guidance_pages.models import GuidanceBasePage

MODERATION = "discussion_moderation:index"
TRIAGE = "discussion_triage:index"
ADD_QUESTION = "discussion_add_question"
T = TypeVar("T")


def forbidden() -> HttpResponse:
    # A plain 403 rather than PermissionDenied, which Wagtail's admin turns into a redirect to the dashboard:
    # someone who follows a link to a screen they may not use learns why.
    return HttpResponseForbidden(_("You do not have permission to do this."))


class RuleCheckedView(View):
    """Answers 403 before looking anything up to people the rule ``allowed`` refuses, so that ids cannot be
    probed; the action's function checks again inside its transaction."""

    allowed = staticmethod(lambda user: False)

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not self.allowed(request.user):
            return forbidden()
        return super().dispatch(request, *args, **kwargs)

    def act(
        self, request: HttpRequest, action: Callable[[], T], done: Callable[[T], str], back: str
    ) -> HttpResponse:
        """Runs one rule function: a refusal is a 403 or an error message, success a message; either way the
        person goes back to the screen."""
        try:
            result = action()
        except discussions.DiscussionError as exc:
            if exc.status == 403:
                return forbidden()
            messages.error(request, str(exc.message))
        else:
            messages.success(request, done(result))
        return redirect(back)


class ModerateView(RuleCheckedView):
    """POST: a moderator approves, hides or removes (with a reason) one comment."""

    allowed = staticmethod(discussions.is_moderator)

    def post(self, request: HttpRequest, comment_id: int) -> HttpResponse:
        comment = get_object_or_404(DiscussionComment, pk=comment_id)
        return self.act(
            request,
            lambda: discussions.moderate(
                request.user, comment, request.POST.get("action", ""), request.POST.get("reason", "")
            ),
            lambda _result: (
                _("Comment %(id)s: %(state)s.")
                % {"id": comment.pk, "state": ModerationState(comment.moderation_state).label}
            ),
            MODERATION,
        )


class DismissFlagsView(RuleCheckedView):
    """POST: withdraw every flag of one account and restore the comments their flags hid."""

    allowed = staticmethod(discussions.is_moderator)

    def post(self, request: HttpRequest, user_id: int) -> HttpResponse:
        flagger = get_object_or_404(get_user_model(), pk=user_id)
        return self.act(
            request,
            lambda: discussions.dismiss_flags_by(request.user, flagger),
            lambda result: (
                _("Flags dismissed: %(flags)s by %(name)s. Comments public again: %(restored)s.")
                % {"flags": result.flags, "name": public_name(flagger), "restored": len(result.restored)}
            ),
            MODERATION,
        )


class TriageCommentView(RuleCheckedView):
    """POST: an editor sets a top-level comment's status, response and addressing revision."""

    allowed = staticmethod(discussions.is_triager)

    def post(self, request: HttpRequest, comment_id: int) -> HttpResponse:
        comment = get_object_or_404(DiscussionComment, pk=comment_id)
        return self.act(
            request,
            lambda: discussions.triage(
                request.user,
                comment,
                *_triage_fields(request),
            ),
            lambda _result: _("Feedback %(id)s updated.") % {"id": comment.pk},
            f"{reverse(TRIAGE)}?{urlencode({'discussion': comment.discussion_id})}",
        )


def _triage_fields(request: HttpRequest) -> tuple[str, str, int | None]:
    """The triage form's status, response and addressing revision, for comments and recorded feedback."""
    revision = request.POST.get("revision", "")
    addressed = int(revision) if revision.isdigit() else None
    return request.POST.get("status", ""), request.POST.get("response", ""), addressed


class TriageRecordedView(RuleCheckedView):
    """POST: an editor sets recorded feedback's status, response and addressing revision."""

    allowed = staticmethod(discussions.is_triager)

    def post(self, request: HttpRequest, item_id: int) -> HttpResponse:
        item = get_object_or_404(RecordedFeedback, pk=item_id)
        back = reverse(TRIAGE)
        if item.discussion_id:
            back += "?" + urlencode({"discussion": item.discussion_id})
        return self.act(
            request,
            lambda: register.triage_recorded(
                request.user,
                item,
                *_triage_fields(request),
            ),
            lambda _result: _("Recorded feedback %(id)s updated.") % {"id": item.pk},
            back,
        )


def export(request: HttpRequest, discussion_id: int, fmt: str) -> HttpResponse:
    """The export's address before it was the triage listing's (bookmarks, links in old mails)."""
    if fmt not in ("csv", "xlsx"):
        return HttpResponseBadRequest(_("Export as csv or xlsx."))
    return redirect(f"{reverse(TRIAGE)}?{urlencode({'discussion': discussion_id, 'export': fmt})}")


def moved_discussion_admin(request: HttpRequest, rest: str) -> HttpResponse:
    """The discussions' admin lived at /admin/guidance_pages/discussion/ until discussions became the
    feedback app: bookmarks and links in old mail reach the same screen, and 308 (not 301) keeps the POST
    of a form opened before the upgrade a POST."""
    target = reverse("feedback_discussion_modeladmin_index") + rest
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(target, preserve_request=True)


class AddQuestionForm(forms.Form):
    discussion = forms.ModelChoiceField(
        label=gettext_lazy("Discussion"), queryset=Discussion.objects.none(), empty_label=None
    )
    text = forms.CharField(
        label=gettext_lazy("Question"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Posted now, in every language of the discussion; translators then replace the text in the "
            "other languages."
        ),
    )

    def __init__(self, *args, now: datetime, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only discussions still running (open or upcoming) take new questions.
        self.fields["discussion"].queryset = (
            Discussion.objects.filter(closes_at__gt=now).select_related("locale").order_by("-opens_at", "pk")
        )
        self.fields["discussion"].label_from_instance = lambda d: f"{d.title} ({d.locale.language_code})"


class AddQuestionView(TitledScreen, FormView):
    """Moderators (and editors) pose an additional question during a discussion. Moderators have no right to
    edit whole discussions (the Discussions screen), so this is a screen of its own, one call of
    ``discussions.add_question``, which checks the right again."""

    template_name = "feedback/admin/add_question.html"
    form_class = AddQuestionForm
    page_title = gettext_lazy("Add a question")
    header_icon = "help"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not discussions.may_add_question(request.user):
            return forbidden()
        self.now = timezone.now()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "now": self.now}

    def form_valid(self, form: AddQuestionForm) -> HttpResponse:
        discussion = form.cleaned_data["discussion"]
        try:
            discussions.add_question(self.request.user, discussion, form.cleaned_data["text"], self.now)
        except discussions.DiscussionError as exc:
            if exc.status == 403:
                return forbidden()
            form.add_error(None, str(exc.message))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Question added to “%(title)s” in every language.") % {"title": discussion.title},
        )
        return redirect(ADD_QUESTION)


IMPORT_WRITTEN_COMMENTS = "feedback_import_written_comments"


class WrittenCommentsForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("Word document (.docx)"),
        help_text=gettext_lazy("The guidance returned with review comments, at most %(size)d MB.")
        % {"size": written_comments.MAX_BYTES // 2**20},
    )
    pages = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Guidance page(s) it reviews"), queryset=Page.objects.none()
    )
    country = forms.ModelChoiceField(
        label=gettext_lazy("Country"), queryset=Country.objects.none(), required=False
    )
    organisation = forms.CharField(label=gettext_lazy("Organisation"), max_length=255, required=False)
    on_behalf_of = forms.CharField(label=gettext_lazy("On behalf of"), max_length=255, required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)
    discussion = forms.ModelChoiceField(
        label=gettext_lazy("Discussion, if any"), queryset=Discussion.objects.none(), required=False
    )
    received_on = forms.DateField(label=gettext_lazy("Received on"), widget=AdminDateInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pages"].queryset = (
            Page.objects.live().type(GuidanceBasePage).select_related("locale").order_by("locale", "path")
        )
        self.fields["pages"].label_from_instance = lambda p: f"{p.title} ({p.locale.language_code})"
        self.fields["country"].queryset = Country.objects.filter(locale=Locale.get_default()).order_by("name")
        self.fields["discussion"].queryset = Discussion.objects.select_related("locale")
        self.fields["discussion"].label_from_instance = lambda d: f"{d.title} ({d.locale.language_code})"
        self.fields["received_on"].initial = timezone.localdate()

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > written_comments.MAX_BYTES:  # refused before it is read into memory
            raise forms.ValidationError(
                _("The document is larger than %(size)d MB.") % {"size": written_comments.MAX_BYTES // 2**20}
            )
        return upload

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("country") and not (data.get("organisation") or "").strip():
            self.add_error("country", _("Name the country or the organisation the feedback came from."))
        return data


class ImportWrittenCommentsView(TitledScreen, FormView):
    """An editor or moderator uploads a Word document with review comments; the answer lists where each
    comment went and which could not be matched to a paragraph (``feedback.written_comments``)."""

    template_name = "feedback/admin/import_written_comments.html"
    form_class = WrittenCommentsForm
    page_title = gettext_lazy("Import written comments")
    header_icon = "doc-full"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not register.may_record(request.user):
            return forbidden()
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: WrittenCommentsForm) -> HttpResponse:
        upload = form.cleaned_data["document"]
        data = form.cleaned_data
        try:
            report = written_comments.import_document(
                self.request.user,
                upload.read(),
                upload.name or "",
                pages=list(data["pages"]),
                received_on=data["received_on"],
                language=data["language"],
                country=data["country"],
                organisation=data["organisation"].strip(),
                on_behalf_of=data["on_behalf_of"].strip(),
                discussion=data["discussion"],
            )
        except written_comments.WrittenCommentsError as exc:
            form.add_error("document", str(exc))
            return self.form_invalid(form)
        except discussions.DiscussionError as exc:
            if exc.status == 403:
                return forbidden()
            form.add_error(None, str(exc.message))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(count)d comments imported as written feedback.")
            % {"count": len(report.matched) + len(report.unmatched)},
        )
        return self.render_to_response(self.get_context_data(form=self.form_class(), report=report))

    def form_invalid(self, form: WrittenCommentsForm) -> HttpResponse:
        # A form error answers 400, not 200: the upload was refused (scripts and tests can tell).
        response = super().form_invalid(form)
        response.status_code = 400
        return response
