"""Issue 13: the demo (loaded once per test database, as `make run` loads it) has two editions with real
differences between them, in three languages, and loading it again adds nothing."""

from guidance_pages.history.demo import load_editions
from guidance_pages.models import ChangeNote, Edition, EditionPage, EditionStatus, ObjectivePage


def test_demo_has_two_published_editions_in_three_languages(client):
    rows = Edition.objects.filter(number__in=[1, 2], status=EditionStatus.PUBLISHED)
    assert sorted(rows.values_list("number", "locale__language_code")) == [
        (1, "en"),
        (1, "es"),
        (1, "fr"),
        (2, "en"),
        (2, "es"),
        (2, "fr"),
    ]
    french = client.get("/api/v1/editions/?locale=fr").json()["items"]
    assert [(e["number"], e["name"], e["fallback"]) for e in french[-2:]] == [
        (2, "Première édition", False),
        (1, "Version préliminaire avancée", False),
    ]


def test_edition_two_lists_the_revised_pages_with_notes_and_counts(client):
    body = client.get("/api/v1/editions/2/?locale=en").json()
    paths = {change["page"]["path"]: change for change in body["changes"]}
    assert set(paths) == {
        "/en/guide/",
        "/en/guide/six-step-process/step-1/",
        "/en/booklet/objective-1/",
        "/en/booklet/objective-2/",
    }
    objective = paths["/en/booklet/objective-1/"]
    assert [n["note"] for n in objective["notes"]] == [
        "Objective 1 now asks for disaggregated data and says by what."
    ]
    assert objective["counts"] == {"added": 0, "removed": 0, "moved": 0, "changed": 2, "unchanged": 2}
    assert paths["/en/guide/"]["counts"] == {
        "added": 1,
        "removed": 0,
        "moved": 0,
        "changed": 1,
        "unchanged": 1,
    }
    diff = client.get(
        f"/api/v1/pages/{objective['page']['id']}/diff/?from={objective['diff_from']}&to={objective['diff_to']}"
    ).json()
    changed = [b for b in diff["blocks"] if b["op"] == "changed"]
    assert "<ins>" in changed[0]["html"] and "<del>" in changed[0]["html"]


def test_french_objective_one_has_a_french_note(client):
    page = ObjectivePage.objects.get(locale__language_code="fr", objective__number=1)
    items = client.get(f"/api/v1/pages/{page.pk}/history/").json()["items"]
    assert items[0]["kind"] == "substantive" and items[0]["note"].startswith("L'objectif 1 demande")
    assert items[0]["editions"] == [2] and items[-1]["kind"] == "original" and items[-1]["editions"] == [1]


def test_loading_the_demo_again_adds_nothing(db):
    counts = (Edition.objects.count(), EditionPage.objects.count(), ChangeNote.objects.count())
    assert load_editions() == 0
    assert (Edition.objects.count(), EditionPage.objects.count(), ChangeNote.objects.count()) == counts


def test_french_readers_get_french_changes_and_edition_pages(client):
    changes = client.get("/api/v1/changes/?locale=fr&since=1").json()["items"]
    assert [c["page"]["path"] for c in changes] == ["/fr/booklet/objective-1/"]
    assert changes[0]["version"]["note"].startswith("L'objectif 1")
    edition = client.get("/api/v1/editions/2/?locale=fr").json()
    assert edition["name"] == "Première édition" and "pays champions" in edition["introduction"]
    assert [c["page"]["path"] for c in edition["changes"]] == ["/fr/booklet/objective-1/"]


def test_an_unknown_language_is_a_400(client):
    response = client.get("/api/v1/editions/?locale=de")
    assert response.status_code == 400 and "Unknown locale" in response.json()["detail"]
