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


def _schema() -> dict:
    return json.loads(COMMITTED.read_text())


def test_every_operation_documents_every_error_with_the_one_error_shape():
    schema = _schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            expected = {"400", "404", "422", "429"} | ({"401", "403"} if operation.get("security") else set())
            assert expected <= codes, (method, path, expected - codes)
            for code, response in operation["responses"].items():
                if code.startswith("4"):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref == "#/components/schemas/ErrorOut", (method, path, code)
    assert schema["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]


def test_the_submission_payload_and_idempotency_key_are_specified():
    schema = _schema()
    for path in ("/api/v1/submissions/", "/api/v1/submissions/{submission_id}/revise/"):
        body = schema["paths"][path]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
        payload = body["properties"]["payload"]
        assert payload["contentMediaType"] == "application/json"
        assert payload["contentSchema"] == {"$ref": "#/components/schemas/SubmissionIn"}
    submission_in = schema["components"]["schemas"]["SubmissionIn"]
    assert {"title", "summary", "primary_objective"} <= set(submission_in["required"])
    assert submission_in["properties"]["sources"]["items"] == {"$ref": "#/components/schemas/SourceIn"}
    assert "SourceIn" in schema["components"]["schemas"]
    [key] = [p for p in schema["paths"]["/api/v1/submissions/"]["post"]["parameters"] if p["in"] == "header"]
    assert key["name"] == "Idempotency-Key" and "422" in key["description"]


def test_the_schema_links_to_allauths_specification_which_is_served(client):
    assert "/_allauth/openapi.json" in _schema()["info"]["description"]
    response = client.get("/_allauth/openapi.json")
    assert response.status_code == 200
    assert any("/auth/signup" in path for path in response.json()["paths"])
