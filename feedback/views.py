"""Admin screens for discussions: the moderation queue (moderators), feedback triage and export (editors).

Each view checks its own permission (``feedback.moderate_/triage_/export_discussioncomment``, granted
to the groups by guidance_pages' migration 0003) and answers 403 otherwise; the actions themselves are
the functions of the ``feedback.discussions`` package.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Revision

from django_comments.models import CommentFlag

from cms.models import public_name
from feedback import discussions
from feedback.export import to_csv, to_xlsx
from feedback.models import Discussion, DiscussionComment, ModerationState, TriageStatus


def forbidden() -> HttpResponse:
    # A plain 403 rather than PermissionDenied, which Wagtail's admin turns into a redirect to the dashboard.
    return HttpResponseForbidden(_("You do not have permission to do this."))


class PermissionMixin:
    check = staticmethod(lambda user: False)

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if not self.check(request.user):
            return forbidden()
        return super().dispatch(request, *args, **kwargs)


class ModerationView(PermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Comments waiting for approval and comments members flagged, with approve / hide / remove."""

    check = staticmethod(discussions.is_moderator)
    template_name = "feedback/admin/moderation.html"
    page_title = gettext_lazy("Comment moderation")
    header_icon = "comment"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        queue = (
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
        page_obj = Paginator(queue, 50).get_page(self.request.GET.get("p"))
        context["page_obj"] = page_obj
        # Who flagged, how many comments each has flagged in all, and whether their flags can hide anything:
        # a wave shows as one account behind many flags, answered with one "dismiss" button.
        flagger_ids = {flag.user_id for comment in page_obj for flag in comment.removal_flags}
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
        for comment in page_obj:
            comment.flaggers = [
                {
                    "id": flag.user_id,
                    "name": public_name(flag.user),
                    "total": totals.get(flag.user_id, 0),
                    "trusted": flag.user_id in trusted,
                }
                for flag in comment.removal_flags
            ]
        return context

    def post(self, request: HttpRequest, comment_id: int) -> HttpResponse:
        comment = get_object_or_404(DiscussionComment, pk=comment_id)
        try:
            discussions.moderate(
                request.user, comment, request.POST.get("action", ""), request.POST.get("reason", "")
            )
        except discussions.DiscussionError as exc:
            if exc.status == 403:
                return forbidden()
            messages.error(request, str(exc.message))
            return redirect("discussion_moderation")
        messages.success(
            request,
            _("Comment %(id)s: %(state)s.")
            % {
                "id": comment.pk,
                "state": ModerationState(comment.moderation_state).label,
            },
        )
        return redirect("discussion_moderation")


class DismissFlagsView(PermissionMixin, View):
    """POST: withdraw every flag of one account and restore the comments their flags hid."""

    check = staticmethod(discussions.is_moderator)

    def post(self, request: HttpRequest, user_id: int) -> HttpResponse:
        flagger = get_object_or_404(get_user_model(), pk=user_id)
        try:
            result = discussions.dismiss_flags_by(request.user, flagger)
        except discussions.DiscussionError as exc:
            if exc.status == 403:
                return forbidden()
            messages.error(request, str(exc.message))
            return redirect("discussion_moderation")
        messages.success(
            request,
            _("Flags dismissed: %(flags)s by %(name)s. Comments public again: %(restored)s.")
            % {"flags": result.flags, "name": public_name(flagger), "restored": len(result.restored)},
        )
        return redirect("discussion_moderation")


class TriageView(PermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Approved top-level comments of a discussion with their status, response and addressing revision."""

    check = staticmethod(discussions.is_triager)
    template_name = "feedback/admin/triage.html"
    page_title = gettext_lazy("Feedback triage")
    header_icon = "tasks"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        all_discussions = list(Discussion.objects.select_related("locale").order_by("-opens_at", "pk"))
        chosen = next(
            (d for d in all_discussions if str(d.pk) == self.request.GET.get("discussion")),
            all_discussions[0] if all_discussions else None,
        )
        comments = []
        if chosen is not None:
            family = Discussion.objects.filter(translation_key=chosen.translation_key)
            queryset = (
                DiscussionComment.objects.filter(
                    discussion__in=family, level=0, moderation_state=ModerationState.APPROVED
                )
                .select_related("page", "question", "user__account_profile", "addressed_revision")
                .order_by("page__path", "submit_date")
            )
            page_obj = Paginator(queryset, 25).get_page(self.request.GET.get("p"))
            comments = list(page_obj)
            context["page_obj"] = page_obj
            # The revisions to choose from, for every page on this screen in one query.
            revisions: dict[str, list[Revision]] = {}
            page_ids = {str(c.page_id) for c in comments}
            for revision in Revision.page_revisions.filter(object_id__in=page_ids).order_by("-created_at")[
                :500
            ]:
                revisions.setdefault(revision.object_id, []).append(revision)
            for comment in comments:
                comment.revision_choices = revisions.get(str(comment.page_id), [])[:20]
        context.update(
            discussions=all_discussions,
            chosen=chosen,
            comments=comments,
            statuses=TriageStatus.choices,
            can_export=discussions.can_export(self.request.user),
        )
        return context

    def post(self, request: HttpRequest, comment_id: int) -> HttpResponse:
        comment = get_object_or_404(DiscussionComment, pk=comment_id)
        revision = request.POST.get("revision") or None
        try:
            discussions.triage(
                request.user,
                comment,
                request.POST.get("status", ""),
                request.POST.get("response", ""),
                int(revision) if revision and revision.isdigit() else None,
            )
        except discussions.DiscussionError as exc:
            if exc.status == 403:
                return forbidden()
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Feedback %(id)s updated.") % {"id": comment.pk})
        return redirect(f"{reverse('discussion_triage')}?discussion={comment.discussion_id}")


def export(request: HttpRequest, discussion_id: int, fmt: str) -> HttpResponse:
    if not discussions.can_export(request.user):
        return forbidden()
    discussion = get_object_or_404(Discussion, pk=discussion_id)
    name = f"discussion-{discussion.translation_key}-feedback"
    if fmt == "csv":
        response = HttpResponse(to_csv(discussion), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            to_xlsx(discussion),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        return HttpResponseBadRequest(_("Export as csv or xlsx."))
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def moved_discussion_admin(request: HttpRequest, rest: str) -> HttpResponse:
    """The discussions' admin lived at /admin/guidance_pages/discussion/ until discussions became the
    feedback app: bookmarks and links in old mail reach the same screen, and 308 (not 301) keeps the POST
    of a form opened before the upgrade a POST."""
    target = reverse("feedback_discussion_modeladmin_index") + rest
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(target, preserve_request=True)
