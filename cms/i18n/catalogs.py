"""The project's gettext catalogs (``locale/<lang>/LC_MESSAGES/django.po``): compiling and checking them.

Compiling uses polib, a pure-Python library that wagtail-localize already installs, instead of Django's
``compilemessages``, which calls GNU gettext's ``msgfmt``: that is an apt package (root) that a fresh
machine may not have, while ``make install`` must work with Python alone. The ``.mo`` files are build
output (ignored by git) and are rebuilt whenever a ``.po`` file is newer.
"""

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

import polib

# Every translation must be complete; English is the source language (an empty msgstr shows the msgid).
REQUIRED_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)


def catalogs(locale_dir: Path | None = None) -> list[Path]:
    root = Path(locale_dir or settings.LOCALE_PATHS[0])
    return sorted(root.glob("*/LC_MESSAGES/*.po"))


def compile_catalogs(locale_dir: Path | None = None, force: bool = False) -> list[Path]:
    """Write a ``.mo`` next to every ``.po`` that is newer than it; returns the files written."""
    written = []
    for po_path in catalogs(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        if force or not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            # Fuzzy and empty entries are left out, as msgfmt does: Django then shows the English text.
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written


@dataclass(frozen=True)
class Problem:
    language: str
    msgid: str
    reason: str  # "missing", "fuzzy" or "untranslated"

    def __str__(self) -> str:
        return f"{self.language}: {self.reason}: {self.msgid!r}"


def catalog_problems(locale_dir: Path | None = None, languages=REQUIRED_LANGUAGES) -> list[Problem]:
    """Entries of the French and Spanish catalogs that have no usable translation (empty or fuzzy), and
    catalogs that do not exist."""
    root = Path(locale_dir or settings.LOCALE_PATHS[0])
    problems = []
    for code in languages:
        path = root / code / "LC_MESSAGES" / "django.po"
        if not path.exists():
            problems.append(Problem(code, str(path), "missing"))
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                problems.append(Problem(code, entry.msgid, "fuzzy"))
            elif not entry.translated():
                problems.append(Problem(code, entry.msgid, "untranslated"))
    return problems


def gettext_available() -> bool:
    return all(shutil.which(tool) for tool in ("xgettext", "msgmerge", "msguniq"))


# Top-level directories that makemessages must not read: others' code (the frontend), build output, tests.
NOT_SOURCE = {"frontend", "var", "tests", "docs", "locale", "node_modules", "media", "static"}


def extracted_problems(base_dir: Path | None = None, locale_dir: Path | None = None) -> list[Problem]:
    """Run Django's makemessages on a temporary copy of the project's code and catalogs, so that strings
    marked in the code but missing from the catalogs show up as untranslated. A copy, because makemessages
    writes into every ``locale`` directory it meets below the working directory. Needs GNU gettext."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    base = Path(base_dir or settings.BASE_DIR)
    catalogs_dir = Path(locale_dir or settings.LOCALE_PATHS[0])
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "node_modules")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for child in base.iterdir():
            if child.is_dir() and not child.name.startswith(".") and child.name not in NOT_SOURCE:
                shutil.copytree(child, work / child.name, ignore=skip)
        shutil.copytree(catalogs_dir, work / "locale")
        previous = Path.cwd()
        os.chdir(work)  # makemessages reads the tree below the working directory
        try:
            with override_settings(LOCALE_PATHS=[work / "locale"]):
                call_command(
                    "makemessages",
                    locale=list(REQUIRED_LANGUAGES),
                    no_obsolete=True,
                    no_location=True,
                    verbosity=0,
                )
        finally:
            os.chdir(previous)
        return catalog_problems(work / "locale")
