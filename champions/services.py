"""What the public reads of Champions and pilots, in a reader's language, in a constant number of queries
whatever the number of Champions, pilots, examples and feedback.

Facts come from the one row each; texts (country names, findings, example titles) from the reader's
language where it has them, else the source language's (flagged by ``language``)."""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q

from champions.models import Champion, Pilot, PilotExample, PilotFeedback, PilotFindings
from cms.headless.frontend import frontend_path
from examples_library.models import Country, ExamplePage
from feedback.comment_visibility import public_comments


class UnknownChampion(LookupError):
    """No Champion country has this ISO code."""


def is_country_code(value: str) -> bool:
    return len(value) == 2 and value.isascii() and value.isalpha()


def country_names(codes: Iterable[str], language: str) -> dict[str, str]:
    """Country names in ``language`` (the source language's where a name lacks a translation): one query."""
    codes = set(codes)
    if not codes:
        return {}
    names: dict[str, str] = {}
    rows = Country.objects.filter(
        iso2__in=codes, locale__language_code__in={language, settings.LANGUAGE_CODE}
    ).values_list("iso2", "name", "locale__language_code")
    for code, name, row_language in rows:
        if row_language == language or code not in names:
            names[code] = name
    return names


def _period(start, end) -> dict:
    return {"start": start, "end": end}


def _champions() -> list[Champion]:
    return list(
        Champion.objects.select_related("country").prefetch_related("pilots").order_by("country__iso2")
    )


def _summary(champion: Champion, names: dict[str, str], pilots: Iterable[Pilot]) -> dict:
    return {
        "code": champion.iso2,
        "name": names.get(champion.iso2, champion.iso2),
        "roles": champion.roles,
        "period": _period(champion.since, champion.until),
        "pilots": [
            {
                "id": pilot.pk,
                "period": _period(pilot.started_on, pilot.ended_on),
                "steps": pilot.steps,
                "status": pilot.status,
            }
            for pilot in pilots
        ],
    }


def champions_in(language: str) -> list[dict]:
    """Every Champion country with its roles and pilots, ordered by its name in ``language``. Three queries;
    not paginated because there is at most one per country."""
    champions = _champions()
    names = country_names((c.iso2 for c in champions), language)
    rows = [_summary(champion, names, champion.pilots.all()) for champion in champions]
    return sorted(rows, key=lambda row: row["name"].casefold())


def champion_in(code: str, language: str) -> dict:
    """One Champion country in ``language``: roles, period, pilots with their steps, status, findings and
    examples, and (when ``CHAMPIONS_SHOW_FEEDBACK``) how much public feedback it gave. Raises
    ``UnknownChampion``."""
    champion = Champion.objects.select_related("country").filter(country__iso2=code.upper()).first()
    if champion is None:
        raise UnknownChampion(code)
    names = country_names([champion.iso2], language)
    pilots = list(Pilot.objects.filter(champion=champion).order_by("started_on", "pk"))
    findings = _findings(pilots, language)
    examples = _examples(pilots, language)
    out = _summary(champion, names, pilots)
    for pilot, row in zip(pilots, out["pilots"], strict=True):
        row["findings"], row["findings_language"] = findings.get(pilot.pk, ("", None))
        row["examples"] = examples.get(pilot.pk, [])
    out["public_feedback"] = (
        public_feedback_count(champion, pilots) if settings.CHAMPIONS_SHOW_FEEDBACK else None
    )
    return out


def _findings(pilots: list[Pilot], language: str) -> dict[int, tuple[str, str]]:
    """Each pilot's findings in ``language``, else in the source language, else in any: one query."""
    best: dict[int, tuple[int, str, str]] = {}
    rows = PilotFindings.objects.filter(pilot__in=pilots).values_list(
        "pilot_id", "text", "locale__language_code"
    )
    for pilot_id, text, row_language in rows:
        rank = 0 if row_language == language else 1 if row_language == settings.LANGUAGE_CODE else 2
        if pilot_id not in best or rank < best[pilot_id][0]:
            best[pilot_id] = (rank, text, row_language)
    return {pilot_id: (text, row_language) for pilot_id, (_rank, text, row_language) in best.items()}


def _reader_path(page: ExamplePage, language: str) -> str:
    """Where a reader of ``language`` opens ``page`` when it has no translation in their language: an
    English original under their own prefix (the site shows it there, with a note: decision 40), any
    other under its own language's."""
    path = frontend_path(page)
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return f"/{language}/{path.split('/', 2)[2]}"
    return path


def _examples(pilots: list[Pilot], language: str) -> dict[int, list[dict]]:
    """The examples each pilot produced, as the reader should open them: their translation in
    ``language`` when live, else the version the editor chose (else the original language's). Two
    queries (links, then every live public version of the linked examples) and the view restrictions
    one, whatever their number."""
    links = list(PilotExample.objects.filter(pilot__in=pilots).order_by("sort_order", "pk"))
    keys = {link.example_key for link in links}
    versions = (
        ExamplePage.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .only("id", "title", "url_path", "translation_key", "locale__language_code")
        if keys
        else []
    )
    by_key: dict = {}
    for page in versions:
        by_key.setdefault(page.translation_key, []).append(page)
    result: dict[int, list[dict]] = {}
    for link in links:
        pages = by_key.get(link.example_key, [])
        chosen = next((p for p in pages if p.locale.language_code == language), None)
        if chosen is not None:
            path = frontend_path(chosen)
        else:
            chosen = next((p for p in pages if p.pk == link.example_id), None) or next(
                (p for p in pages if p.locale.language_code == settings.LANGUAGE_CODE), None
            )
            chosen = chosen or (pages[0] if pages else None)
            if chosen is None:
                continue  # unpublished or restricted in every language: nothing to link to
            path = _reader_path(chosen, language)
        result.setdefault(link.pilot_id, []).append(
            {"id": chosen.pk, "title": chosen.title, "language": chosen.locale.language_code, "path": path}
        )
    return result


def public_feedback_count(champion: Champion, pilots: list[Pilot]) -> int:
    """Public feedback of the country: comments its people posted (their profile's country) and those its
    pilots produced, each once. One query."""
    produced = PilotFeedback.objects.filter(pilot__in=pilots).values("comment_id")
    return (
        public_comments()
        .filter(Q(user__account_profile__country__iexact=champion.iso2) | Q(pk__in=produced))
        .distinct()
        .count()
    )
