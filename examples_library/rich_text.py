"""Rich text of contributed examples: sanitized to a fixed allow-list on the way in and again on the way out.

Contributors are not trusted editors, so their HTML goes through nh3 (the Ammonia sanitizer) rather than
only through the admin editor's converter, which the API never passes through.
"""

from wagtail.rich_text import expand_db_html

import nh3

ALLOWED_TAGS = {"p", "br", "h3", "h4", "b", "strong", "i", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def display_html(stored: str) -> str:
    return sanitize(expand_db_html(stored or ""))
