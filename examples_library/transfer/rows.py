"""One row format for examples, written by the open-data export and read by the bulk import, so that an
export goes back in unchanged.

A row is a flat mapping of ``COLUMNS``. In JSON the list columns are lists, numbers numbers and the pilot flag
a boolean; in CSV and XLSX lists are joined with ``"; "`` and sources are ``title | url`` lines. The reader
takes both forms whatever the file type. Contact columns are read by the import but never exported (they are
private); a column missing from a file leaves that field of an existing example as it is.
"""

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext as _

from cms.headless.frontend import frontend_url
from examples_library.models import ActorType, Country, ExamplePage
from examples_library.submissions import LABELS

COLUMNS = [
    "external_id",
    "title",
    "summary",
    "body",
    "kind",
    "language",
    "country",
    "region",
    "subregion",
    "objectives",
    "principles",
    "actor_types",
    "main_implementer",
    "partners",
    "start_year",
    "end_year",
    "pilot_country",
    "outcomes",
    "lessons",
    "sources",
    "attachments",
]
PRIVATE_COLUMNS = ["contact_name", "contact_email", "contact_organisation"]
LIST_COLUMNS = {"objectives", "principles", "actor_types", "attachments"}
TEXT_COLUMNS = [
    "title",
    "summary",
    "body",
    "kind",
    "main_implementer",
    "partners",
    "outcomes",
    "lessons",
    *PRIVATE_COLUMNS,
]
SEPARATOR = "; "
SOURCE_SEPARATOR = " | "

# Cells a spreadsheet would run as a formula get a leading apostrophe in CSV and XLSX (as the discussion
# export does); the reader takes it off again, so the text round-trips.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TRUE = {"true", "yes", "y", "1", "oui", "vrai", "sí", "si", "x"}
FALSE = {"false", "no", "n", "0", "non", "faux", ""}


class RowError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def attachment_name(document) -> str:
    """The file name an attachment was imported or submitted under (kept in its title by
    ``submissions._attach``), else its stored name."""
    title = document.title or ""
    return title.rsplit(" — ", 1)[1] if " — " in title else document.filename


def external_id(page: ExamplePage) -> str:
    """Where the example came from, or for one created here its own public address (which the import
    recognises, so an export of the site's own examples goes back in unchanged)."""
    return page.source_url or frontend_url(page)


def own_example_path(url: str) -> tuple[str, str] | None:
    """``(language, url_path suffix)`` when ``url`` is an example's address on this site."""
    base = settings.FRONTEND_URL.rstrip("/") + "/"
    if not url.startswith(base):
        return None
    parts = [part for part in url[len(base) :].split("?")[0].split("/") if part]
    if len(parts) < 2:
        return None
    return parts[0], "/" + "/".join(parts[1:]) + "/"


def example_row(page: ExamplePage) -> dict:
    """A published example as an export row (native types: lists, numbers, booleans)."""
    return {
        "external_id": external_id(page),
        "title": page.title,
        "summary": page.summary,
        "body": page.body,
        "kind": page.kind,
        "language": page.submission_language,
        "country": page.country.iso2 if page.country else "",
        "region": page.region.key if page.region else "",
        "subregion": page.subregion.key if page.subregion else "",
        "objectives": [page.primary_objective.number, *(o.number for o in page.secondary_objectives.all())],
        "principles": [p.key for p in page.principles.all()],
        "actor_types": [a.key for a in page.actor_types.all()],
        "main_implementer": page.main_implementer,
        "partners": page.partners,
        "start_year": page.start_year,
        "end_year": page.end_year,
        "pilot_country": page.pilot_country,
        "outcomes": page.outcomes,
        "lessons": page.lessons,
        "sources": [{"title": b.value["title"], "url": b.value["url"]} for b in page.sources],
        "attachments": [attachment_name(a.document) for a in page.attachments.all()],
    }


def _inert(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def flat(row: dict) -> list:
    """A row as spreadsheet cells, in ``COLUMNS`` order."""
    cells = []
    for column in COLUMNS:
        value = row[column]
        if column == "sources":
            value = "\n".join(f"{s['title']}{SOURCE_SEPARATOR}{s['url']}" for s in value)
        elif column in LIST_COLUMNS:
            value = SEPARATOR.join(str(item) for item in value)
        elif column == "pilot_country":
            value = "true" if value else "false"
        elif value is None:
            value = ""
        cells.append(_inert(value) if isinstance(value, str) else value)
    return cells


# Reading.


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    return text


def _items(value, commas: bool = True) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [_text(item) for item in value if _text(item)]
    text = _text(value).replace(",", ";") if commas else _text(value)
    return [item.strip() for item in text.split(";") if item.strip()]


def _number(column: str, value) -> int:
    try:
        number = float(value) if isinstance(value, (int, float)) else float(_text(value))
    except ValueError:
        raise RowError(column, _("“%(value)s” is not a number.") % {"value": _text(value)[:40]}) from None
    if not number.is_integer():
        raise RowError(column, _("“%(value)s” is not a whole number.") % {"value": _text(value)[:40]})
    return int(number)


def _year(column: str, value) -> int | None:
    return None if _text(value) == "" else _number(column, value)


def _flag(value) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise RowError("pilot_country", _("“%(value)s” is neither yes nor no.") % {"value": text[:40]})


def _sources(value) -> list[dict]:
    if isinstance(value, list):
        return [{"title": _text(s.get("title")), "url": _text(s.get("url"))} for s in value if s]
    sources = []
    for line in _text(value).splitlines():
        if not line.strip():
            continue
        title, _sep, url = line.rpartition(SOURCE_SEPARATOR.strip())
        url = url.strip()
        sources.append({"title": title.strip() or url, "url": url})
    return sources


def _country(value) -> str | None:
    """An ISO 3166 alpha-2 code, or a country's name in any of the site's languages."""
    text = _text(value)
    if not text:
        return None
    if len(text) == 2:
        return text.upper()
    found = Country.objects.filter(name__iexact=text).values_list("iso2", flat=True).first()
    if found is None:
        found = Country.objects.filter(iso3__iexact=text).values_list("iso2", flat=True).first()
    if found is None:
        raise RowError(
            "country", _("Unknown %(what)s: %(value)s.") % {"what": LABELS["country"], "value": text[:60]}
        )
    return found


def _actor_types(values: list[str]) -> list[str]:
    """Keys, or names in any language."""
    keys = []
    for value in values:
        key = (
            ActorType.objects.filter(name__iexact=value).values_list("key", flat=True).first()
            if not ActorType.objects.filter(key=value).exists()
            else value
        )
        keys.append(key or value)
    return keys


def row_input(row: dict, present: Iterable[str]) -> dict:
    """The ``SubmissionIn`` fields a row sets (only those of the columns ``present`` in the file), plus
    ``attachments`` (file names). Raises ``RowError`` for a cell that cannot be read at all; the rules of
    an example are the submission's, checked after."""
    present = set(present)
    data: dict = {}
    for column in TEXT_COLUMNS:
        if column in present:
            data[column] = _text(row.get(column))
    if "kind" in data and not data["kind"]:
        del data["kind"]
    if "language" in present and _text(row.get("language")):
        data["language"] = _text(row.get("language")).lower()
    if "country" in present:
        data["country"] = _country(row.get("country"))
    for column in ("region", "subregion"):
        if column in present:
            data[column] = _text(row.get(column)) or None
    if "objectives" in present:
        numbers = [_number("objectives", item) for item in _items(row.get("objectives"))]
        if not numbers:
            raise RowError("objectives", _("At least one objective is needed (its number)."))
        data["primary_objective"], data["secondary_objectives"] = numbers[0], numbers[1:]
    if "principles" in present:
        data["principles"] = _items(row.get("principles"))
    if "actor_types" in present:
        data["actor_types"] = _actor_types(_items(row.get("actor_types")))
    for column in ("start_year", "end_year"):
        if column in present:
            data[column] = _year(column, row.get(column))
    if "pilot_country" in present:
        data["pilot_country"] = _flag(row.get("pilot_country"))
    if "sources" in present:
        data["sources"] = _sources(row.get("sources"))
    if "attachments" in present:
        data["attachments"] = _items(row.get("attachments"), commas=False)  # file names may have commas
    return data
