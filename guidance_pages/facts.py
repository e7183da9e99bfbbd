"""The reference facts of the GCM (objectives, guiding principles), read from the project's own copy."""

from functools import cache
from pathlib import Path

import yaml

FACTS_FILE = Path(__file__).resolve().parent / "data" / "gcm.yaml"


@cache
def gcm_facts() -> dict:
    with FACTS_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def objectives() -> list[dict]:
    return gcm_facts()["gcm_objectives"]


def guiding_principles() -> list[dict]:
    return gcm_facts()["gcm_guiding_principles"]
