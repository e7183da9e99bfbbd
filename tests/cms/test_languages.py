"""One language list: Django's ``LANGUAGES`` setting, from the ``LANGUAGES`` variable, read by every Python
place that needs the list; the frontend's list (frontend/src/i18n/locales.ts) is the same."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

import pytest

from cms.settings.env import languages

ROOT = Path(__file__).resolve().parents[2]


def test_languages_are_named_by_django_and_translated():
    assert [(code, str(name)) for code, name in languages(["en", "fr", "es"], "en")] == [
        ("en", "English"),
        ("fr", "French"),
        ("es", "Spanish"),
    ]


@pytest.mark.parametrize(
    ("codes", "message"),
    [(["en", "fr", "xx"], "xx is not a language code"), (["fr", "es"], "must include en")],
)
def test_a_wrong_language_list_stops_start_up_with_a_message(codes, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        languages(codes, "en")


def test_the_frontend_has_the_same_languages():
    source = (ROOT / "frontend" / "src" / "i18n" / "locales.ts").read_text()
    listed = re.search(r"LOCALES = \[([^\]]*)\]", source)
    assert listed, "frontend/src/i18n/locales.ts lists LOCALES"
    frontend = re.findall(r"'([a-z-]+)'", listed.group(1))
    assert frontend == [code for code, _name in settings.LANGUAGES]


def test_every_python_place_follows_the_setting():
    # A new process: the places read the setting when their module loads.
    probe = (
        "import json; from cms.i18n import catalogs, locales; from search import api, facets; "
        "from examples_library import schemas; print(json.dumps({"
        "'facets': facets.LANGUAGES, "
        "'examples_query': api.ExamplesQuery.model_json_schema()['properties']['language']['items']['enum'], "
        "'submission': schemas.SubmissionIn.model_json_schema()['properties']['language']['enum'], "
        "'catalogs': list(catalogs.REQUIRED_LANGUAGES), 'locales': locales.SUPPORTED}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", probe],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "LANGUAGES": "en,fr,es,ar"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    places = json.loads(result.stdout.strip().splitlines()[-1])
    everything = ["en", "fr", "es", "ar"]
    assert places == {
        "facets": everything,
        "examples_query": everything,
        "submission": everything,
        "catalogs": ["fr", "es", "ar"],
        "locales": everything,
    }
