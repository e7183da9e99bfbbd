from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_modeladmin.options import modeladmin_register

from workflows.admin import ObjectiveReviewerAdmin
from workflows.moderation import after_action_url

modeladmin_register(ObjectiveReviewerAdmin)


@hooks.register("after_edit_page")
def land_where_the_moderator_may_go(request, page):
    """After a moderation action taken from the page editor, Wagtail goes to the parent's listing, which a
    thematic reviewer may not open: send them to their dashboard instead (``moderation.after_action_url``)."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    if get_valid_next_url_from_request(request):
        return None
    url = after_action_url(page, request.user)
    return redirect(url) if url else None
