"""The demo discussion: one open, pre-moderated discussion for Champions on the Guide's chapters, with its
guiding questions in English, French and Spanish. Idempotent like the rest of the demo content."""

from datetime import UTC, datetime

from django.db import transaction

from wagtail.models import Locale

from cms.i18n.translation import translate
from feedback.models import Audience, Discussion, DiscussionPage, DiscussionQuestion, ModerationMode
from guidance_pages.models import ChapterPage, GuidePage

DISCUSSION = {
    "title": "Online discussion on the draft Guidance (demo)",
    "introduction": "Champions are invited to comment on the draft Guide. Answer one of the guiding "
    "questions, on a whole chapter or on one of its paragraphs. Comments appear once a moderator has "
    "approved them. (Demo discussion.)",
    "questions": [
        "Are the GCM's 360-degree vision and guiding principles adequately reflected in the Guidance?",
        "Would the proposed 6-step process support GCM implementation in your country?",
        "What would make the Guidance more useful, and how can we ensure it is a living document?",
    ],
}
DISCUSSION_TRANSLATIONS: dict[str, dict[str, str]] = {
    "fr": {
        DISCUSSION["title"]: "Discussion en ligne sur le projet d'orientations (démo)",
        DISCUSSION["introduction"]: "Les Champions sont invités à commenter le projet de Guide. Répondez à "
        "l'une des questions directrices, sur un chapitre entier ou sur l'un de ses paragraphes. Les "
        "commentaires apparaissent une fois approuvés par un modérateur. (Discussion de démonstration.)",
        DISCUSSION["questions"][0]: "La vision à 360 degrés et les principes directeurs du PMM sont-ils "
        "correctement reflétés dans les orientations ?",
        DISCUSSION["questions"][1]: "Le processus en six étapes proposé soutiendrait-il la mise en œuvre du "
        "PMM dans votre pays ?",
        DISCUSSION["questions"][
            2
        ]: "Qu'est-ce qui rendrait les orientations plus utiles, et comment en faire un document évolutif ?",
    },
    "es": {
        DISCUSSION["title"]: "Debate en línea sobre el borrador de las orientaciones (demo)",
        DISCUSSION["introduction"]: "Se invita a los Champions a comentar el borrador de la Guía. Responda "
        "a una de las preguntas orientadoras, sobre un capítulo entero o sobre uno de sus párrafos. Los "
        "comentarios aparecen una vez aprobados por un moderador. (Debate de demostración.)",
        DISCUSSION["questions"][0]: "¿Se reflejan adecuadamente en las orientaciones la visión de 360 grados "
        "y los principios rectores del PMM?",
        DISCUSSION["questions"][1]: "¿Apoyaría el proceso de seis pasos propuesto la implementación del PMM "
        "en su país?",
        DISCUSSION["questions"][2]: "¿Qué haría más útiles las orientaciones y cómo podemos garantizar que "
        "sean un documento vivo?",
    },
}


@transaction.atomic
def load_discussion(guide: GuidePage) -> Discussion:
    """One open, pre-moderated discussion for Champions on the Guide's chapters, in EN/FR/ES (the
    translations through wagtail-localize, after the pages' own translations exist)."""
    opens = datetime(2026, 1, 1, tzinfo=UTC)
    discussion = Discussion.objects.filter(locale=guide.locale, title=DISCUSSION["title"]).first()
    if discussion is None:
        discussion = Discussion(
            locale=guide.locale,
            title=DISCUSSION["title"],
            introduction=DISCUSSION["introduction"],
            opens_at=opens,
            closes_at=datetime(2030, 12, 31, 23, 59, tzinfo=UTC),
            audience=Audience.CHAMPIONS,
            moderation=ModerationMode.PRE,
        )
        discussion.discussion_pages = [
            DiscussionPage(page=chapter, locale=guide.locale)
            for chapter in ChapterPage.objects.child_of(guide).order_by("path")
        ]
        discussion.questions = [
            DiscussionQuestion(text=text, posted_at=opens, locale=guide.locale)
            for text in DISCUSSION["questions"]
        ]
        discussion.save()
    for locale in Locale.objects.exclude(pk=guide.locale_id).order_by("language_code"):
        if discussion.has_translation(locale):
            continue  # an editor may have worked on it since
        translate(discussion, locale, {}, by_text=DISCUSSION_TRANSLATIONS.get(locale.language_code, {}))
    return discussion
