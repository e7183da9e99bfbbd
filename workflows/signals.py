"""What moderation tells the apps above it. Workflows sits below the examples library (whose submissions it
moderates), so it cannot import them: it announces decisions and asks who contributed a page through these
signals, which the upper app connects in its ``AppConfig.ready``."""

from django.dispatch import Signal

# A moderation action was carried out on a page, inside its transaction. Arguments: ``page`` (specific),
# ``outcome`` (one of the outcomes below), ``comment`` (the moderator's message) and ``actor`` (the user).
moderation_decided = Signal()

# Who contributed ``page`` through the public site, for the staff-only workflow mails: each receiver returns
# a set of user ids (empty when none of its objects belongs to the page).
contributors_of = Signal()

# The outcomes of a moderation action.
PUBLISHED = "published"  # approved at the last task: the page is live
IN_REVIEW = "in_review"  # approved at screening: thematic review comes next
CHANGES_REQUESTED = "changes_requested"
REJECTED = "rejected"
