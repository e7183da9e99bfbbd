"""Demo content of the guidance tree: the real objectives and principles, and placeholder guide and booklet
pages that say plainly that they are a demo (the demo discussion is in ``feedback/demo.py``). Idempotent:
what exists is left alone, what is missing is created."""

from django.db import transaction

from wagtail.models import Locale, Page, Site

from cms.i18n.translation import translate
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
from guidance_pages.objective_titles import apply_official_titles

DEMO_NOTE = (
    "<p><b>Demo content.</b> This placeholder text shows how the platform presents the guidance; "
    "it is not the text of the official Guidance.</p>"
)

PRINCIPLES_CHAPTER = "guiding-principles"
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


# French and Spanish demo text for the main pages, keyed by slug. Like the English text it is placeholder
# text, and it says so; it is not the official translation of the Guidance.
PAGE_TRANSLATIONS: dict[str, dict[str, dict[str, str]]] = {
    "home": {
        "fr": {
            "title": "Orientations sur le PMM (démo)",
            "slug": "accueil",
            "summary": "Mise en œuvre du Pacte mondial pour des migrations sûres, ordonnées et régulières : "
            "orientations à l'intention des gouvernements et de toutes les parties prenantes "
            "(texte de démo).",
        },
        "es": {
            "title": "Orientaciones sobre el PMM (demo)",
            "slug": "inicio",
            "summary": "Implementación del Pacto Mundial para la Migración Segura, Ordenada y Regular: "
            "orientaciones para los gobiernos y todas las partes interesadas (texto de demostración).",
        },
    },
    "guide": {
        "fr": {
            "title": "Le Guide (démo)",
            "summary": "Présentation du PMM, de sa vision à 360 degrés et de ses principes directeurs, et "
            "processus en six étapes pour les plans nationaux de mise en œuvre (texte de démo).",
        },
        "es": {
            "title": "La Guía (demo)",
            "summary": "Panorama del PMM, su visión de 360 grados y sus principios rectores, y un proceso "
            "de seis pasos para los planes nacionales de implementación (texto de demostración).",
        },
    },
    "booklet": {
        "fr": {
            "title": "Le Livret (démo)",
            "summary": "Une page pour chacun des 23 objectifs du PMM, avec des exemples d'applications "
            "pratiques (texte de démo).",
        },
        "es": {
            "title": "El Folleto (demo)",
            "summary": "Una página para cada uno de los 23 objetivos del PMM, con ejemplos de aplicaciones "
            "prácticas (texto de demostración).",
        },
    },
    "the-gcm-and-its-vision": {
        "fr": {
            "title": "Le PMM et sa vision à 360 degrés (démo)",
            "summary": "Ce qu'est le Pacte mondial pour des migrations sûres, ordonnées et régulières et "
            "comment sa vision à 360 degrés couvre toutes les dimensions des migrations (texte de démo).",
        },
        "es": {
            "title": "El PMM y su visión de 360 grados (demo)",
            "summary": "Qué es el Pacto Mundial para la Migración Segura, Ordenada y Regular y cómo su "
            "visión de 360 grados abarca todas las dimensiones de la migración (texto de demostración).",
        },
    },
    "guiding-principles": {
        "fr": {
            "title": "Principes directeurs (démo)",
            "summary": "Les dix principes directeurs transversaux et interdépendants du PMM (texte de démo).",
        },
        "es": {
            "title": "Principios rectores (demo)",
            "summary": "Los diez principios rectores transversales e interdependientes del PMM "
            "(texto de demostración).",
        },
    },
    "six-step-process": {
        "fr": {
            "title": "Le processus en six étapes (démo)",
            "summary": "Un processus en six étapes proposé pour élaborer un plan national de mise en œuvre "
            "du PMM (texte de démo).",
        },
        "es": {
            "title": "El proceso de seis pasos (demo)",
            "summary": "Un proceso de seis pasos sugerido para elaborar un plan nacional de implementación "
            "del PMM (texto de demostración).",
        },
    },
}

# The boilerplate every demo page shares, translated wherever it occurs.
DEMO_TEXT_TRANSLATIONS: dict[str, dict[str, str]] = {
    "fr": {
        "Demo content": "Contenu de démonstration",
        "<b>Demo content.</b> This placeholder text shows how the platform presents the guidance; it is "
        "not the text of the official Guidance.": "<b>Contenu de démonstration.</b> Ce texte provisoire "
        "montre comment la plateforme présente les orientations ; ce n'est pas le texte officiel.",
    },
    "es": {
        "Demo content": "Contenido de demostración",
        "<b>Demo content.</b> This placeholder text shows how the platform presents the guidance; it is "
        "not the text of the official Guidance.": "<b>Contenido de demostración.</b> Este texto provisional "
        "muestra cómo la plataforma presenta las orientaciones; no es el texto oficial.",
    },
}

STEP_WORD = {"fr": "Étape", "es": "Paso"}
OBJECTIVE_WORD = {"fr": "Objectif {number} : {title}", "es": "Objetivo {number}: {title}"}


def page_translation_strings(page: Page, language_code: str) -> tuple[dict[str, str], dict[str, str]]:
    """Demo ``(strings, by_text)`` for translating a guidance page (see ``cms.i18n.translation.translate``).

    Objective pages take the objective's official title where the facts have one; otherwise the title
    stays in English, the same explicit fallback as the objectives API.
    """
    strings = dict(PAGE_TRANSLATIONS.get(page.slug, {}).get(language_code, {}))
    if isinstance(page, StepPage) and language_code in STEP_WORD:
        strings["title"] = f"{STEP_WORD[language_code]} {page.step_number}"
    if isinstance(page, ObjectivePage) and language_code in OBJECTIVE_WORD:
        fact = next((f for f in facts.objectives() if f["number"] == page.objective.number), {})
        official = fact.get(f"title_{language_code}")
        if official:
            strings["title"] = OBJECTIVE_WORD[language_code].format(number=fact["number"], title=official)[
                :255
            ]
            strings["summary"] = official
    return strings, DEMO_TEXT_TRANSLATIONS.get(language_code, {})


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
    # Objectives translated before the data had their official wording get it now.
    apply_official_titles()
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
        chapter = _child(
            guide,
            ChapterPage,
            slug,
            title=title,
            summary=summary,
            body=_demo_body(summary),
            lists_principles=slug == PRINCIPLES_CHAPTER,
        )
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
