import gettext
import shutil

from wagtail.users.models import UserProfile

import polib
import pytest

from cms.demo import DEMO_PASSWORD
from cms.i18n.catalogs import catalog_problems, compile_catalogs, extracted_problems, gettext_available


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        (
            {"HTTP_ACCEPT_LANGUAGE": "fr"},
            "Langue inconnue 'xx' : utilisez l'une des langues suivantes : en, fr, es.",
        ),
        (
            {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"},
            "Idioma desconocido 'xx': utilice uno de estos: en, fr, es.",
        ),
        ({}, "Unknown locale 'xx': use one of en, fr, es."),
    ],
)
def test_unknown_locale_message_follows_accept_language(client, kwargs, expected):
    response = client.get("/api/v1/objectives/?locale=xx", **kwargs)
    assert response.status_code == 400
    assert response.json()["detail"] == expected


def test_validation_errors_follow_the_locale_parameter(client):
    response = client.get("/api/v1/objectives/99/?locale=fr")
    assert response.status_code == 422
    assert response.json()["detail"] == "Données non valides. number: saisissez un nombre jusqu'à 23"
    response = client.get("/api/v1/objectives/abc/?locale=es", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["detail"] == "Datos no válidos. number: introduzca un número entero"
    # The machine-readable list stays as it was, for clients.
    assert response.json()["errors"][0]["type"] == "int_parsing"


def test_validation_errors_follow_accept_language_without_locale(client):
    response = client.get("/api/v1/objectives/?limit=100000", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Données non valides. limit: ")


def test_committed_catalogs_translate_every_entry():
    assert [str(problem) for problem in catalog_problems()] == []


def test_catalog_problems_finds_empty_and_fuzzy_entries(tmp_path):
    for code in ("fr", "es"):
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        po.append(polib.POEntry(msgid="Done", msgstr="Fait" if code == "fr" else "Hecho"))
        po.append(polib.POEntry(msgid="Empty", msgstr=""))
        po.append(polib.POEntry(msgid="Guess", msgstr="Devine", flags=["fuzzy"]))
        (tmp_path / code / "LC_MESSAGES").mkdir(parents=True)
        po.save(str(tmp_path / code / "LC_MESSAGES" / "django.po"))
    problems = {(p.language, p.msgid, p.reason) for p in catalog_problems(tmp_path)}
    assert problems == {
        ("fr", "Empty", "untranslated"),
        ("fr", "Guess", "fuzzy"),
        ("es", "Empty", "untranslated"),
        ("es", "Guess", "fuzzy"),
    }
    assert {(p.language, p.reason) for p in catalog_problems(tmp_path, languages=["de"])} == {
        ("de", "missing")
    }


def test_catalogs_compile_without_gnu_gettext(tmp_path):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Outdated translations", msgstr="Traductions à mettre à jour"))
    po.append(polib.POEntry(msgid="Guess", msgstr="Devine", flags=["fuzzy"]))
    (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True)
    po.save(str(tmp_path / "fr" / "LC_MESSAGES" / "django.po"))
    assert [path.name for path in compile_catalogs(tmp_path)] == ["django.mo"]
    assert compile_catalogs(tmp_path) == []  # up to date: nothing rewritten
    catalog = gettext.translation("django", localedir=tmp_path, languages=["fr"])
    assert catalog.gettext("Outdated translations") == "Traductions à mettre à jour"
    assert catalog.gettext("Guess") == "Guess"  # fuzzy entries are left out, as msgfmt does


@pytest.mark.skipif(not gettext_available(), reason="needs GNU gettext (xgettext) to extract strings")
def test_every_marked_string_in_the_code_is_translated():
    assert [str(problem) for problem in extracted_problems()] == []


def test_admin_shows_the_project_labels_in_the_editors_language(client, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "fr"
    profile.save()
    assert client.login(username="admin", password=DEMO_PASSWORD)
    html = client.get("/admin/guidance_pages/objective/").content.decode()
    assert "objectifs du pmm" in html.lower()
    assert (
        "Traductions à mettre à jour" in client.get("/admin/reports/outdated-translations/").content.decode()
    )


@pytest.mark.skipif(not gettext_available(), reason="needs GNU gettext (xgettext) to extract strings")
def test_i18n_check_finds_a_marked_string_missing_from_the_catalogs(tmp_path, settings):
    (tmp_path / "newapp").mkdir()
    (tmp_path / "newapp" / "strings.py").write_text(
        'from django.utils.translation import gettext_lazy as _\\n\\nLABEL = _("A brand new label")\\n'
    )
    (tmp_path / "tests").mkdir()  # tests are not read
    (tmp_path / "tests" / "test_x.py").write_text(
        'from django.utils.translation import gettext as _\\n_("Test only")\\n'
    )
    shutil.copytree(settings.LOCALE_PATHS[0], tmp_path / "locale")
    before = {path: path.read_bytes() for path in (tmp_path / "locale").rglob("*.po")}

    problems = {(p.language, p.msgid, p.reason) for p in extracted_problems(tmp_path, tmp_path / "locale")}

    assert problems == {
        ("fr", "A brand new label", "untranslated"),
        ("es", "A brand new label", "untranslated"),
    }
    assert {path: path.read_bytes() for path in (tmp_path / "locale").rglob("*.po")} == before  # untouched
