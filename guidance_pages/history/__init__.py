"""The living document for readers: change notes, editions, public history, diffs and point-in-time views.

``schemas.py`` is the domain API's contract for it (/api/v1/editions/, /api/v1/changes/,
/api/v1/pages/{id}/history|diff|versions/)."""
