"""Creating translations through wagtail-localize, so that they stay real translation sources
(editors see them in the translation editor and "sync" marks them outdated) rather than loose copies."""

from collections.abc import Callable, Iterable, Mapping

from django.db import models, transaction

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


@transaction.atomic
def translate(
    instance: models.Model,
    locale: Locale,
    strings: Mapping[str, str],
    publish: bool = True,
    by_text: Mapping[str, str] | None = None,
) -> models.Model:
    """Create or update ``instance``'s translation into ``locale``.

    ``strings`` maps a segment's context path (a field name, or ``body.<block id>`` for blocks) to its
    translated text; ``by_text`` maps a source text to its translation wherever it occurs (block ids differ
    on every page, the demo's boilerplate does not). Segments left out keep the source text until a
    translator does them.
    """
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    by_text = by_text or {}
    for segment in StringSegment.objects.filter(source=source).select_related("context", "string"):
        text = strings.get(segment.context.path) or by_text.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    translation.save_target(publish=publish)
    return instance.get_translation(locale)


def translate_tree(
    root: Page,
    locales: Iterable[Locale],
    strings_for: Callable[[Page, Locale], tuple[Mapping[str, str], Mapping[str, str]]],
    page_types: tuple[type[Page], ...] = (Page,),
) -> int:
    """Translate ``root`` and every page below it into ``locales``, parents first; returns how many were made.

    A page that already has a translation in a locale is left alone: an editor may have worked on it since,
    and saving it again would add a revision on every run. ``strings_for(page, locale)`` gives the
    ``(strings, by_text)`` arguments of :func:`translate`. Only pages of ``page_types`` are translated
    (their parents must be among them).
    """
    created = 0
    locales = list(locales)
    # Tree order (materialised path) puts every parent before its children.
    for page in root.get_descendants(inclusive=True).order_by("path").specific():
        if not isinstance(page, page_types):
            continue
        existing = set(page.get_translations().values_list("locale_id", flat=True))
        for locale in locales:
            if locale.pk == page.locale_id or locale.pk in existing:
                continue
            strings, by_text = strings_for(page, locale)
            translate(page, locale, strings, by_text=by_text)
            created += 1
    return created
