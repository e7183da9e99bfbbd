"""Input text that no database or reader should receive, refused at the API's edge for every input schema.

PostgreSQL cannot store a NUL byte in a text column (psycopg raises ``DataError``), and a lone surrogate
cannot be encoded at all: either reached a query as a 500 (Schemathesis found one in the profile's country).
Checking here, before any field's own validation, answers 422 for every field of every input schema, nested
ones included.
"""

from typing import Any

from ninja import Schema
from pydantic import field_validator


def _check_text(value: Any, where: str = "") -> None:
    """Refuse text that no database or reader should receive: NUL bytes and lone surrogates."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError(f"{where or 'text'} contains a NUL character")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(f"{where or 'text'} contains an invalid character (lone surrogate)") from exc
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, where)
            _check_text(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for item in value:
            _check_text(item, where)


class TextSafeSchema(Schema):
    """Checks every field's raw value (nested lists and objects included) before anything else."""

    @field_validator("*", mode="before")
    @classmethod
    def text_is_storable(cls, value: Any, info) -> Any:
        _check_text(value, info.field_name)
        return value
