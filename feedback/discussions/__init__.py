"""The rules of discussions, as plain functions: who may post, posting and replying (``posting``), flags and
moderation (``moderation``), triage (``triage``), and which comments are public (``comment_visibility``).
The API (``discussions_api.py``) and the admin views call these; nothing here runs from a signal.

Comments are django-comments-xtd comments (``DiscussionComment``): xtd keeps the thread order and depth;
this package decides everything else. The names below are its interface, so callers need not know which
module holds a rule (and the package can move to another app as a whole).
"""

from feedback.comment_visibility import public_comments, public_pages
from feedback.discussions.errors import DiscussionError
from feedback.discussions.moderation import (
    FLAGS,
    DismissedFlags,
    dismiss_flags_by,
    flag,
    is_moderator,
    moderate,
    trusted_flaggers,
)
from feedback.discussions.posting import (
    POSTS,
    author_country,
    block_ids,
    can_post,
    max_level,
    post,
    posting_refusal,
    reply,
)
from feedback.discussions.sharing import add_question, extend, may_add_question, share_with_translations
from feedback.discussions.triage import can_export, is_triager, page_revisions, triage

__all__ = [
    "FLAGS",
    "add_question",
    "extend",
    "may_add_question",
    "share_with_translations",
    "POSTS",
    "DiscussionError",
    "DismissedFlags",
    "author_country",
    "block_ids",
    "can_export",
    "can_post",
    "dismiss_flags_by",
    "flag",
    "is_moderator",
    "is_triager",
    "max_level",
    "moderate",
    "page_revisions",
    "post",
    "posting_refusal",
    "public_comments",
    "public_pages",
    "reply",
    "trusted_flaggers",
    "triage",
]
