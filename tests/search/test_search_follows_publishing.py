"""What search shows follows publishing: drafts, unpublished and withdrawn examples never appear, changes
reach search and invalidate its cache, a rebuild repairs drift, and an example has one id in every API."""

from wagtail.models import Page, PageViewRestriction

from search import indexing
from search.models import SearchEntry
from tests.examples_library.helpers import payload, submit
from tests.factories import UserFactory
from tests.helpers import client_for
from tests.search.helpers import add_example, committed, facet, get, live_examples


def test_drafts_unpublished_and_withdrawn_never_appear(client, db):
    draft = add_example("Secretdraft practice", 3, publish=False)
    draft.save_revision()
    gone = add_example("Secretgone practice", 3)
    with committed():
        gone.unpublish()
    stakeholder = UserFactory(role="Stakeholders")
    submitted = submit(client_for(stakeholder), payload(title="Secretsubmitted practice"))
    client_for(stakeholder).post(f"/api/v1/submissions/{submitted.json()['id']}/withdraw/")
    for word in ("secretdraft", "secretgone", "secretsubmitted"):
        assert get(client, q=word)["count"] == 0, word
        site = client.get("/api/v1/search/", {"q": word}).json()
        assert site["examples"]["count"] == 0, word
        assert word not in client.get("/api/v1/search/suggest/", {"q": word[:8]}).content.decode().lower()
    counts = sum(facet(get(client), "objective").values())
    assert counts == sum(1 + p.secondary_objectives.count() for p in live_examples())


def test_published_changes_reach_search_and_invalidate_the_cache(client, db):
    assert get(client, q="quokka")["count"] == 0
    page = add_example("Quokka census", 2)
    assert get(client, q="quokka")["count"] == 1
    with committed():
        page.unpublish()
    assert get(client, q="quokka")["count"] == 0


def test_rebuild_finds_and_fixes_planted_drift(db):
    entries = list(SearchEntry.objects.filter(item_type="example")[:2])
    entries[0].delete()
    SearchEntry.objects.filter(pk=entries[1].pk).update(title="Tampered")
    orphan_page = Page.get_first_root_node().add_child(instance=Page(title="Orphan", slug="orphan"))
    SearchEntry.objects.create(page=orphan_page, item_type="example", locale="en", title="Orphan", path="/x/")
    report = indexing.rebuild(fix=True)
    assert (report["missing"], report["changed"], report["stale"]) == (1, 1, 1)
    assert indexing.rebuild(fix=False) == {**report, "missing": 0, "changed": 0, "stale": 0}


def test_one_id_for_one_example_in_lists_search_and_detail(client, library):
    """The id an example is listed under is the id its detail answers to, in both APIs."""
    listed = get(client, page_size=50, sort="newest")["items"]
    found = client.get("/api/v1/search/", {"q": "Sample example", "per_group": 20}).json()
    assert found["examples"]["items"] and found["guidance"] is not None
    for item in listed + found["examples"]["items"]:
        detail = client.get(f"/api/v1/examples/{item['id']}/")
        assert detail.status_code == 200, item
        assert (detail.json()["id"], detail.json()["title"], detail.json()["path"]) == (
            item["id"],
            item["title"],
            item["path"],
        )
        assert item["page_id"] == item["id"]
        assert client.get(f"/api/v2/pages/{item['id']}/").json()["title"] == item["title"]
    for item in found["guidance"]["items"]:
        assert client.get(f"/api/v2/pages/{item['id']}/").json()["title"] == item["title"]


def test_objective_examples_link_to_their_page(client):
    item = client.get("/api/v1/objectives/3/").json()["examples"]["items"][0]
    assert item["path"] == "/en/examples/demo-migrant-resource-centres/"


def test_republishing_a_parent_bumps_the_search_version_once_and_rewrites_no_unchanged_row(db):
    examples = [add_example(f"Tree example {i}", 4) for i in range(5)]
    parent_id = examples[0].get_parent().pk
    before_version = indexing.current_version()
    stamps = dict(SearchEntry.objects.filter(page__in=examples).values_list("page_id", "pk"))
    indexing.sync_tree(parent_id)
    assert indexing.current_version() == before_version, "nothing changed: cached answers stay valid"
    SearchEntry.objects.filter(page=examples[1]).update(title="Drifted")
    SearchEntry.objects.filter(page=examples[2]).update(title="Drifted")
    indexing.sync_tree(parent_id)
    assert indexing.current_version() == before_version + 1, "one bump for the whole tree"
    assert set(SearchEntry.objects.filter(title="Drifted")) == set()
    assert dict(SearchEntry.objects.filter(page__in=examples).values_list("page_id", "pk")) == stamps


def test_a_batch_sync_writes_what_page_by_page_syncs_write(db):
    """``sync_pages`` syncs live examples together: the rows must be those ``sync_page`` writes, for new,
    changed, unchanged and no-longer-live pages alike."""
    pages = [add_example(f"Batch practice {i}", i + 1) for i in range(4)]
    ids = [page.pk for page in pages]

    def rows() -> list[dict]:
        found = SearchEntry.objects.filter(page_id__in=ids).order_by("page_id").values()
        return [
            {k: v for k, v in row.items() if k not in ("id", "search_vector", "rank_vector")} for row in found
        ]

    for page_id in ids:
        indexing.sync_page(page_id)
    one_by_one = rows()
    SearchEntry.objects.filter(page_id__in=ids[:2]).delete()  # new
    SearchEntry.objects.filter(page_id=ids[2]).update(title="Tampered")  # changed
    with committed():
        pages[3].unpublish()  # gone
    version = indexing.current_version()
    indexing.sync_pages(ids)
    assert rows() == one_by_one[:3]
    assert indexing.current_version() == version + 1  # one bump for the batch
    assert get_unchanged_sync(ids[:3]) == "unchanged"


def get_unchanged_sync(ids: list[int]) -> str:
    version = indexing.current_version()
    indexing.sync_pages(ids)
    return "unchanged" if indexing.current_version() == version else "bumped"


def test_a_page_restricted_after_publishing_leaves_search_and_comes_back_when_opened(client, db):
    page = add_example("Wombat registry", 4)
    assert get(client, q="wombat")["count"] == 1
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    assert get(client, q="wombat")["count"] == 0
    assert client.get("/api/v1/search/", {"q": "wombat"}).json()["examples"]["count"] == 0
    with committed():
        restriction.delete()
    assert get(client, q="wombat")["count"] == 1
