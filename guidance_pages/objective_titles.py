"""The official French and Spanish wording of the objectives (``data/gcm.yaml``) in databases loaded before
the data had it.

An objective row in another language is rewritten only where it still holds a generated value: the English
text (what wagtail-localize saves for a segment nobody translated) or nothing. Any other value was written by
a translator or an editor on purpose and is kept. The wording is also recorded as the translation of the
English segment in wagtail-localize, when that segment has none yet: otherwise the next sync of the English
objective would write the English text back.
"""

from collections.abc import Callable

from django.apps import apps as django_apps

from guidance_pages import facts

FIELDS = {"title": 255, "short_label": 80}  # translated fields and their lengths


def official_wording(number: int, language: str) -> dict[str, str | None]:
    """The official title and short label of objective ``number`` in ``language``; None where the data has
    no official wording (the English one is then served, flagged as a fallback)."""
    fact = next((f for f in facts.objectives() if f["number"] == number), None)
    if fact is None:
        return {"title": None, "short_label": None}
    return {"title": fact.get(f"title_{language}"), "short_label": fact["short_label"].get(language)}


def apply_official_titles(get_model: Callable = django_apps.get_model) -> int:
    """Write the official wording into the objectives' French and Spanish rows that still hold a generated
    value; returns how many rows changed. ``get_model`` is a migration's ``apps.get_model`` there."""
    objective_model = get_model("guidance_pages", "Objective")
    english = {o.number: o for o in objective_model.objects.filter(locale__language_code="en")}
    changed_rows = 0
    for row in objective_model.objects.exclude(locale__language_code="en").select_related("locale"):
        source = english.get(row.number)
        if source is None:
            continue
        wording = official_wording(row.number, row.locale.language_code)
        changed = []
        for field, length in FIELDS.items():
            wanted = (wording[field] or "")[:length]
            current, english_value = getattr(row, field), getattr(source, field)
            if wanted and current != wanted and current in {english_value, ""}:
                setattr(row, field, wanted)
                changed.append(field)
                _remember(get_model, source, row.locale_id, field, english_value, wanted)
        if changed:
            row.save(update_fields=changed)
            changed_rows += 1
    return changed_rows


def _remember(get_model: Callable, source, locale_id: int, field: str, english: str, text: str) -> None:
    """Record ``text`` as the translation of ``source``'s segment ``field``, unless it has one."""
    translation_source = (
        get_model("wagtail_localize", "TranslationSource")
        .objects.filter(object_id=source.translation_key, locale_id=source.locale_id)
        .first()
    )
    if translation_source is None:
        return
    segment = (
        get_model("wagtail_localize", "StringSegment")
        .objects.filter(source=translation_source, context__path=field, string__data=english)
        .first()
    )
    if segment is None:
        return
    get_model("wagtail_localize", "StringTranslation").objects.get_or_create(
        translation_of_id=segment.string_id,
        locale_id=locale_id,
        context_id=segment.context_id,
        defaults={"data": text, "translation_type": "manual"},
    )
