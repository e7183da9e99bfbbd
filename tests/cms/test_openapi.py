import json
from pathlib import Path

from cms.openapi import schema_json

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_committed_openapi_schema_matches_the_code():
    assert COMMITTED.exists(), "docs/openapi.json is missing: run `make openapi`"
    assert json.loads(COMMITTED.read_text()) == json.loads(schema_json()), (
        "The API changed but docs/openapi.json did not: run `make openapi` and commit the result."
    )


def test_schema_documents_the_objective_endpoints():
    paths = json.loads(schema_json())["paths"]
    assert "/api/v1/objectives/" in paths
    assert "/api/v1/objectives/{number}/" in paths
