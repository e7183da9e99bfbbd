"""A stock API v2 listing reads the sites' root paths once per request, not once per item: in production
each read is a query of the shared (database) cache (issue 18 counted 20 of a 20-item listing's 29)."""

from unittest import mock

from wagtail.models import Site


def test_a_listing_reads_the_site_root_paths_once(client):
    real = Site.get_site_root_paths
    with mock.patch.object(Site, "get_site_root_paths", side_effect=real) as reads:
        response = client.get("/api/v2/pages/", {"limit": 20, "fields": "title", "locale": "en"})
    assert response.status_code == 200
    assert len(response.json()["items"]) >= 10
    assert all(item["meta"]["html_url"] for item in response.json()["items"])
    assert reads.call_count <= 1
