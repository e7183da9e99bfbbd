"""The demo-content loader behind ``manage.py load_demo``: each app loads its own part, in order."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from champions import demo as champions_demo
from cms.accounts import roles
from cms.i18n.translation import translate_tree
from cms.models import AccountProfile
from examples_library import demo as examples_demo
from examples_library.models import ExamplesIndexPage
from examples_library.reference_data import load_reference_data
from examples_library.setup import put_under_moderation
from feedback import demo as discussion_demo
from guidance_pages import demo as guidance_demo
from guidance_pages.history import demo as history_demo
from guidance_pages.models import GuidanceBasePage, GuidePage
from search import indexing as search_indexing
from workflows.models import ObjectiveReviewer

DEMO_PASSWORD = "gcm-demo-password"  # noqa: S105 - printed for newcomers; demo users never exist in production

# username -> (display name, country) shown with their comments in discussions
DEMO_PROFILES = {
    "champion": ("Amina (demo Champion)", "MX"),
    "stakeholder": ("Sam (demo stakeholder)", ""),
    "moderator": ("Moderation team", ""),
    "editor": ("Guidance editors", ""),
}

# username -> role group (None for the administrator, a superuser)
DEMO_USERS = {
    "admin": None,
    "editor": roles.EDITORS,
    "moderator": roles.MODERATORS,
    "reviewer": roles.THEMATIC_REVIEWERS,
    "champion": roles.CHAMPIONS,
    "stakeholder": roles.STAKEHOLDERS,
}


@dataclass
class DemoSummary:
    objectives: int = 0
    principles: int = 0
    pages: int = 0
    translated_pages: int = 0
    users: list[str] = field(default_factory=list)


@transaction.atomic
def load_demo_users() -> list[str]:
    from allauth.account.models import EmailAddress

    if not settings.DEMO_USERS_ENABLED:
        return []
    User = get_user_model()
    created = []
    for username, group_name in DEMO_USERS.items():
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "is_staff": group_name is None,
                "is_superuser": group_name is None,
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if group_name:
            group = Group.objects.filter(name=group_name).first()
            if group is not None:
                user.groups.add(group)
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if username in DEMO_PROFILES:
            name, country = DEMO_PROFILES[username]
            AccountProfile.objects.get_or_create(
                user=user, defaults={"display_name": name, "country": country}
            )
        if username == "reviewer":
            # The demo reviewer answers for three objectives; the others fall back to the group.
            for number in (1, 5, 6):
                ObjectiveReviewer.objects.get_or_create(user=user, objective_number=number)
        created.append(username)
    return created


def _demo_strings(page, locale) -> tuple[dict[str, str], dict[str, str]]:
    strings, by_text = guidance_demo.page_translation_strings(page, locale.language_code)
    return {**strings, **examples_demo.index_translation_strings(page, locale.language_code)}, by_text


def load_page_translations(home) -> int:
    """French and Spanish trees made by wagtail-localize from the English one; returns how many were made.

    Only the guidance and the examples index: examples and submissions have their own language and
    moderation, and are translated (or not) by their own app."""
    from wagtail.models import Locale

    return translate_tree(
        home,
        Locale.objects.exclude(pk=home.locale_id).order_by("language_code"),
        _demo_strings,
        page_types=(GuidanceBasePage, ExamplesIndexPage),
    )


def load_demo() -> DemoSummary:
    from wagtail.models import Page

    summary = DemoSummary()
    summary.objectives, summary.principles = guidance_demo.load_taxonomies()
    load_reference_data()
    home = guidance_demo.load_home()
    guidance_demo.load_guide(home)
    guidance_demo.load_booklet(home)
    index = examples_demo.load_examples_index(home)
    summary.translated_pages = load_page_translations(home)
    history_demo.load_editions()
    put_under_moderation()
    examples_demo.load_examples(index)
    champions_demo.load_champions()
    search_indexing.rebuild()
    summary.pages = Page.objects.filter(depth__gt=1).count()
    summary.users = load_demo_users()
    discussion_demo.load_discussion(home.get_children().type(GuidePage).first().specific)
    return summary
