"""Demo of the living document: two editions of the guidance, so that history, diffs, editions and
point-in-time pages show something on ``make run``.

Edition 1, the "Advanced draft" (July 2020), fixes the demo pages as first published; substantive
revisions of a few pages follow (the Guide overview, step 1, objectives 1 and 2; objective 1 in French and
Spanish too), each with a public change note; edition 2, the "First edition" (June 2021), fixes them.
The dates are the real story's (advanced draft, online review in spring 2021, final version), set on the
rows rather than the clock. Idempotent: nothing is done once edition 1 exists.
"""

import uuid
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page

from cms.headless.freshness import subpath
from guidance_pages.history.editions import publish_edition
from guidance_pages.history.notes import record_change
from guidance_pages.history.versions import guidance_pages
from guidance_pages.models import ChangeKind, ChangeNote, Edition

FIRST_PUBLISHED = datetime(2020, 7, 1, 9, 0)
REVISED = datetime(2021, 5, 10, 9, 0)

EDITIONS = {
    1: {
        "date": date(2020, 7, 15),
        "published": datetime(2020, 7, 15, 9, 0),
        "en": (
            "Advanced draft",
            "<p>The advanced draft of the guidance, circulated to Champion countries for review in an online "
            "discussion (26 February to 16 April 2021).</p>",
        ),
        "fr": (
            "Version préliminaire avancée",
            "<p>La version préliminaire avancée des orientations, diffusée aux pays champions pour examen "
            "lors d'une discussion en ligne (26 février au 16 avril 2021).</p>",
        ),
        "es": (
            "Borrador avanzado",
            "<p>El borrador avanzado de las orientaciones, distribuido a los países campeones para su "
            "examen en un debate en línea (26 de febrero a 16 de abril de 2021).</p>",
        ),
    },
    2: {
        "date": date(2021, 6, 30),
        "published": datetime(2021, 6, 30, 9, 0),
        "en": (
            "First edition",
            "<p>The first edition, revised after the Champion countries' review: clearer steps, "
            "disaggregated data and regular coordination.</p>",
        ),
        "fr": (
            "Première édition",
            "<p>La première édition, révisée après l'examen des pays champions : des étapes plus claires, "
            "des données ventilées et une coordination régulière.</p>",
        ),
        "es": (
            "Primera edición",
            "<p>La primera edición, revisada tras el examen de los países campeones: pasos más claros, "
            "datos desglosados y coordinación periódica.</p>",
        ),
    },
}

# (language, url path below the language's home, new intro text, added paragraph, change note)
REVISIONS = [
    (
        "en",
        "guide",
        "The Guide explains, step by step, how to develop and review a national GCM implementation plan.",
        "It was revised after the online review by Champion countries in spring 2021.",
        "The overview now says that the plan is reviewed, and how the guide was revised.",
    ),
    (
        "en",
        "guide/six-step-process/step-1",
        "What governments and stakeholders do in step 1: agree a mandate and a coordination mechanism.",
        "Champion countries advised naming one lead ministry and meeting at least every quarter.",
        "Step 1 now names the coordination mechanism and how often it meets.",
    ),
    (
        "en",
        "booklet/objective-1",
        "How governments and stakeholders can collect and share disaggregated data for objective 1.",
        "Data should be disaggregated by sex, age and migration status.",
        "Objective 1 now asks for disaggregated data and says by what.",
    ),
    (
        "en",
        "booklet/objective-2",
        "How governments and stakeholders can reduce the adverse drivers of migration (objective 2).",
        "Plans should link this objective to the national development strategy.",
        "Objective 2 now links to national development plans.",
    ),
    (
        "fr",
        "booklet/objective-1",
        "Comment les gouvernements et les parties prenantes peuvent collecter et partager des données "
        "ventilées pour l'objectif 1.",
        "Les données devraient être ventilées par sexe, âge et statut migratoire.",
        "L'objectif 1 demande désormais des données ventilées et précise selon quels critères.",
    ),
    (
        "es",
        "booklet/objective-1",
        "Cómo los gobiernos y las partes interesadas pueden reunir y compartir datos desglosados para el "
        "objetivo 1.",
        "Los datos deberían desglosarse por sexo, edad y situación migratoria.",
        "El objetivo 1 pide ahora datos desglosados e indica según qué criterios.",
    ),
]


def _aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment, timezone.get_default_timezone())


def _edition(number: int) -> Edition:
    facts = EDITIONS[number]
    english = Locale.objects.get(language_code="en")
    name, introduction = facts["en"]
    edition = Edition.objects.create(
        number=number, name=name, introduction=introduction, date=facts["date"], locale=english
    )
    for language in ("fr", "es"):
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            continue
        translation = edition.copy_for_translation(locale)
        translation.name, translation.introduction = facts[language]
        translation.save()
    publish_edition(edition)
    Edition.objects.filter(translation_key=edition.translation_key).update(
        published_at=_aware(facts["published"])
    )
    return edition


def _revise(page: Page, intro: str, added: str, note: str) -> None:
    """The intro paragraph reworded and ``added`` said: as a new paragraph after it, or on an objective
    page as its practical application's text (an objective page keeps its blocks, which clients rely on)."""
    page = page.specific
    raw = [dict(block) for block in page.body.raw_data]
    intro_block = next(block for block in raw if block["type"] == "text")
    intro_block["value"] = f"<p>{intro}</p>"
    application = next((block for block in raw if block["type"] == "practical_application"), None)
    if application is not None:
        application["value"] = {**application["value"], "text": f"<p>{added}</p>"}
    else:
        raw.insert(
            raw.index(intro_block) + 1, {"type": "text", "value": f"<p>{added}</p>", "id": str(uuid.uuid4())}
        )
    page.body = raw
    revision = page.save_revision()
    # Through the editors' path, so that a substantive English change outdates its translations as it would
    # in the admin; then dated back to the demo's story.
    record_change(revision, ChangeKind.SUBSTANTIVE, note)
    revision.publish()
    ChangeNote.objects.filter(pk=revision.pk).update(published_at=_aware(REVISED))


def _page(language: str, below_home: str) -> Page | None:
    pages = guidance_pages().filter(locale__language_code=language, url_path__endswith=f"/{below_home}/")
    return next((page for page in pages if subpath(page.url_path) == below_home), None)


@transaction.atomic
def load_editions() -> int:
    """Returns how many editions were created (0 when the demo has them already)."""
    if Edition.objects.filter(number=1).exists():
        return 0
    # The demo pages as first published: their live revision is their original version.
    for page_id, revision_id in guidance_pages().values_list("pk", "live_revision_id"):
        if revision_id:
            ChangeNote.objects.update_or_create(
                revision_id=revision_id,
                defaults={
                    "page_id": page_id,
                    "kind": ChangeKind.ORIGINAL,
                    "note": "",
                    "published_at": _aware(FIRST_PUBLISHED),
                },
            )
    _edition(1)
    for language, below_home, intro, added, note in REVISIONS:
        page = _page(language, below_home)
        if page is not None:
            _revise(page, intro, added, note)
    _edition(2)
    return 2
