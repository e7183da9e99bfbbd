"""Creating translations through wagtail-localize, so that they stay real translation sources
(editors see them in the translation editor and "sync" marks them outdated) rather than loose copies."""

from django.db import models, transaction

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


@transaction.atomic
def translate(
    instance: models.Model, locale: Locale, strings: dict[str, str], publish: bool = True
) -> models.Model:
    """Create or update ``instance``'s translation into ``locale``.

    ``strings`` maps a segment's context path (a field name, or ``body.<block id>`` for blocks) to its
    translated text; segments left out keep the source text until a translator does them.
    """
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    for segment in StringSegment.objects.filter(source=source).select_related("context", "string"):
        text = strings.get(segment.context.path)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    translation.save_target(publish=publish)
    return instance.get_translation(locale)
