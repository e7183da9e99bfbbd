"""Take a moderation action on a submission from the command line, as the admin's workflow buttons do.

For operators (and the frontend's end-to-end tests, which run it against their own database): the same
service and the same permission checks as the admin, acting as the named user.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from examples_library.models import Submission
from workflows import moderation


class Command(BaseCommand):
    help = "Approve, reject or request changes on a submission's pending moderation task."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("submission", help="Submission id, or 'latest' for the newest submission.")
        actions = [moderation.APPROVE, moderation.REJECT, moderation.REQUEST_CHANGES]
        parser.add_argument("action", choices=actions)
        parser.add_argument("--user", required=True, help="Username of the moderator or reviewer acting.")
        parser.add_argument("--comment", default="", help="Message to the contributor (required to reject).")

    def handle(self, *args, submission: str, action: str, user: str, comment: str, **options) -> None:
        rows = Submission.objects.select_related("page")
        found = rows.order_by("-pk").first() if submission == "latest" else rows.filter(pk=submission).first()
        if found is None:
            raise CommandError(f"No submission {submission}.")
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"No user named {user}.")
        try:
            moderation.moderate(found.page.specific, actor, action, comment)
        except (PermissionDenied, ValidationError) as exc:
            raise CommandError(str(exc)) from exc
        found.refresh_from_db()
        self.stdout.write(f"{found.pk} {found.status}")
