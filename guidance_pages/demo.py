"""Demo content of the guidance: the real objectives and principles, and placeholder guide text that
says plainly that it is a demo. Idempotent: what exists is left alone, what is missing is created."""

from django.db import transaction

from wagtail.models import Locale, Page, Site

from cms.translation import translate
from guidance_pages import facts
from guidance_pages.models import (
    BookletPage,
    ChapterPage,
    GuidePage,
    GuidingPrinciple,
    HomePage,
    Objective,
    ObjectivePage,
    StepPage,
)

DEMO_NOTE = (
    "<p><b>Demo content.</b> This placeholder text shows how the platform presents the guidance; "
    "it is not the text of the official Guidance.</p>"
)

CHAPTERS = [
    (
        "the-gcm-and-its-vision",
        "The GCM and its 360-degree vision",
        "What the Global Compact for Safe, Orderly and Regular Migration is and how its 360-degree "
        "vision covers every dimension of migration.",
    ),
    (
        "guiding-principles",
        "Guiding principles",
        "The ten cross-cutting and interdependent guiding principles of the GCM.",
    ),
    (
        "six-step-process",
        "The six-step process",
        "A suggested six-step process for developing a national GCM implementation plan.",
    ),
]


def _demo_body(intro: str, *extra: dict) -> list[dict]:
    return [
        {"type": "callout", "value": {"variant": "info", "title": "Demo content", "body": DEMO_NOTE}},
        {"type": "text", "value": f"<p>{intro}</p>"},
        *extra,
    ]


def _child(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    """The child with this slug, created and published when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def load_taxonomies() -> tuple[int, int]:
    """The 23 objectives and 10 guiding principles, in English with French and Spanish translations."""
    english = Locale.objects.get(language_code="en")
    others = list(Locale.objects.exclude(pk=english.pk))
    for fact in facts.objectives():
        objective, _created = Objective.objects.get_or_create(
            locale=english,
            number=fact["number"],
            defaults={"title": fact["title_en"], "short_label": fact["short_label"]["en"]},
        )
        for locale in others:
            code = locale.language_code
            translate(
                objective,
                locale,
                {
                    "title": fact.get(f"title_{code}") or "",
                    "short_label": fact["short_label"].get(code) or "",
                },
            )
    for order, fact in enumerate(facts.guiding_principles(), start=1):
        principle, _created = GuidingPrinciple.objects.get_or_create(
            locale=english,
            key=fact["key"],
            defaults={"name": fact["en"], "paragraph": fact["para"], "sort_order": order},
        )
        for locale in others:
            translate(principle, locale, {"name": fact.get(locale.language_code) or ""})
    return Objective.objects.filter(locale=english).count(), GuidingPrinciple.objects.filter(
        locale=english
    ).count()


@transaction.atomic
def load_home() -> HomePage:
    """The English home page, made the root of the default site (replacing Wagtail's welcome page)."""
    english = Locale.objects.get(language_code="en")
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="GCM Guidance",
            slug="home",
            locale=english,
            summary="Implementing the Global Compact for Safe, Orderly and Regular Migration: "
            "guidance for governments and all relevant stakeholders.",
            body=_demo_body("A living document in two parts: the Guide and the Booklet."),
        )
        welcome = root.get_children().filter(slug="home").exclude(content_type__model="homepage").first()
        if welcome is not None and welcome.is_leaf():
            welcome.delete()
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="GCM"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


@transaction.atomic
def load_guide(home: HomePage) -> GuidePage:
    guide = _child(
        home,
        GuidePage,
        "guide",
        title="The Guide",
        summary="An overview of the GCM, its 360-degree vision and guiding principles, and a six-step "
        "process for national implementation plans.",
        body=_demo_body("The Guide explains how to develop a national GCM implementation plan."),
    )
    for slug, title, summary in CHAPTERS:
        chapter = _child(guide, ChapterPage, slug, title=title, summary=summary, body=_demo_body(summary))
        if slug == "six-step-process":
            for number in range(1, 7):
                _child(
                    chapter,
                    StepPage,
                    f"step-{number}",
                    title=f"Step {number}",
                    step_number=number,
                    summary=f"Step {number} of the suggested national implementation process (demo).",
                    body=_demo_body(f"What governments and stakeholders do in step {number}."),
                )
    return guide


@transaction.atomic
def load_booklet(home: HomePage) -> BookletPage:
    booklet = _child(
        home,
        BookletPage,
        "booklet",
        title="The Booklet",
        summary="One page for each of the 23 GCM objectives, with examples of practical applications.",
        body=_demo_body("The Booklet presents each of the 23 objectives of the GCM."),
    )
    for objective in Objective.objects.filter(locale=home.locale).order_by("number"):
        _child(
            booklet,
            ObjectivePage,
            f"objective-{objective.number}",
            title=f"Objective {objective.number}: {objective.title}"[:255],
            objective=objective,
            summary=objective.title,
            body=_demo_body(
                f"How governments and stakeholders can work towards objective {objective.number}.",
                {
                    "type": "practical_application",
                    "value": {
                        "title": "A practical application (demo)",
                        "country": "",
                        "text": "<p>Placeholder for a practical application of this objective.</p>",
                    },
                },
                {
                    "type": "callout",
                    "value": {
                        "variant": "covid-19",
                        "title": "COVID-19",
                        "body": "<p>Placeholder for COVID-19 related considerations (demo).</p>",
                    },
                },
            ),
        )
    return booklet
