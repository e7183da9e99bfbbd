"""The domain API's contract: one error shape for every 4xx, and every operation's error answers documented.

Routers declare their successful answers and the errors special to them; the errors any operation can give
(bad or unreadable input, a missing object, throttling, and for signed-in operations no session or no CSRF
token) are added here to every operation, so an endpoint added later is documented without doing anything.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ninja import Form, NinjaAPI, Schema
from ninja.openapi.schema import OpenAPISchema
from pydantic import BaseModel, ConfigDict, Field


class ErrorItem(Schema):
    """One thing wrong with the input, for programs (``detail`` already says it in words)."""

    model_config = ConfigDict(extra="allow")

    loc: list[str | int] = Field(description='Where: ["query", "status"], ["form", "payload", "title"]…')
    msg: str
    type: str


class ErrorOut(Schema):
    """Every 4xx answer of the domain API has this shape."""

    detail: str = Field(description="What went wrong, in words, in the request's language.")
    errors: list[ErrorItem] = Field(
        default_factory=list, description="Each invalid input (422); empty for other errors."
    )


COMPONENTS = "#/components/schemas/{model}"

# Error answers every operation may give, and those only operations behind a session give.
ANY_OPERATION = {
    400: "The request cannot be read (an unknown language, a malformed form).",
    404: "Nothing exists at this address (or it is not yours to see).",
    422: "An input is invalid; `errors` lists each one.",
    429: "Too many requests; try again later.",
}
SIGNED_IN_OPERATION = {
    401: "Not signed in.",
    403: "Not allowed, or the CSRF token is missing or wrong.",
}


def error_body(detail: str, errors: list[dict] | None = None) -> dict[str, Any]:
    return {"detail": str(detail), "errors": list(errors or [])}


def error_response(
    api: NinjaAPI, request: HttpRequest, status: int, detail: str, errors: list[dict] | None = None
) -> HttpResponse:
    return api.create_response(request, error_body(detail, errors), status=status)


def _component(schema: dict, model: type[BaseModel]) -> None:
    definition = model.model_json_schema(ref_template=COMPONENTS)
    for name, nested in definition.pop("$defs", {}).items():
        schema["components"]["schemas"].setdefault(name, nested)
    schema["components"]["schemas"][model.__name__] = definition


def document_errors(schema: dict) -> None:
    """Add the shared error answers to every operation that does not declare them itself."""
    schema.setdefault("components", {}).setdefault("schemas", {})
    _component(schema, ErrorItem)
    _component(schema, ErrorOut)
    error = {"application/json": {"schema": {"$ref": COMPONENTS.format(model="ErrorOut")}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            codes = dict(ANY_OPERATION)
            if operation.get("security"):
                codes.update(SIGNED_IN_OPERATION)
            responses = operation.setdefault("responses", {})
            for code, description in sorted(codes.items()):
                # ninja keys responses by int status
                responses.setdefault(code, {"description": description, "content": error})


class ContractAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI schema documents the shared error answers and the JSON carried inside form
    fields declared with ``json_form``."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params=None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        _document_json_forms(schema, schema)
        document_errors(schema)
        return schema


# Models carried as JSON inside a form field, by name (pydantic would try to resolve a "$ref" placed in a
# field's JSON Schema extras at declaration time, so the field names its model and the reference is
# written when the whole schema exists).
JSON_FORM_MODELS: dict[str, type[BaseModel]] = {}
JSON_MODEL_KEY = "x-json-model"


def json_form(model: type[BaseModel], description: str) -> Any:
    """A required form field whose text is ``model``'s JSON, documented as such (OpenAPI 3.1 / JSON Schema
    ``contentMediaType`` + ``contentSchema``)."""
    JSON_FORM_MODELS[model.__name__] = model
    field = Form(..., description=description)
    # ninja's Form() builds json_schema_extra itself and takes no argument for it: add to it.
    field.json_schema_extra[JSON_MODEL_KEY] = model.__name__
    return field


def _document_json_forms(node: Any, schema: dict) -> None:
    if isinstance(node, dict):
        name = node.pop(JSON_MODEL_KEY, None)
        if name:
            _component(schema, JSON_FORM_MODELS[name])
            node["contentMediaType"] = "application/json"
            node["contentSchema"] = {"$ref": COMPONENTS.format(model=name)}
        for value in list(node.values()):  # components may grow meanwhile
            _document_json_forms(value, schema)
    elif isinstance(node, list):
        for value in node:
            _document_json_forms(value, schema)


NOT_FOUND = gettext_lazy("Nothing was found at this address.")


def translated_http_error(message: str) -> str:
    """Django-ninja's own messages are English only: say ours instead."""
    known = {
        "CSRF check Failed": lambda: _(
            "The form's security token (CSRF) is missing or wrong. Reload the page and try again."
        )
    }
    make = known.get(message)
    return make() if make else message
