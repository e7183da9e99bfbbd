"""The domain API's OpenAPI schema as committed text (docs/openapi.json), so that drift fails a test."""

import json

from cms.api import api


def schema_json() -> str:
    return (
        json.dumps(
            api.get_openapi_schema(path_prefix="/api/v1"), indent=2, sort_keys=True, ensure_ascii=False
        )
        + "\n"
    )
