"""The audit trail of discussion comments, kept in Wagtail's log (actions registered in wagtail_hooks.py)."""

from django.contrib.auth.models import AbstractBaseUser

from wagtail.log_actions import log

from feedback.models import DiscussionComment


def log_action(comment: DiscussionComment, action: str, user: AbstractBaseUser | None, **data) -> None:
    # Wagtail's audit log keeps who did what, with the body at the time: removed content stays on record.
    log(instance=comment, action=action, user=user, data={"body": comment.comment, **data})
