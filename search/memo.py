"""A value kept in this process's memory for a while: for data that changes rarely and is read on every
request (facet labels, the coverage axes). Django's cache would do, but production's shared cache is the
database (``CACHE_URL=db://``): a read there is a query per request, as dear as loading the data again."""

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_values: dict[str, tuple[float, object]] = {}
_lock = threading.Lock()


def remembered(key: str, seconds: float, load: Callable[[], T]) -> T:
    """``load()``'s value, loaded again at most every ``seconds`` in this process."""
    now = time.monotonic()
    found = _values.get(key)
    if found is not None and found[0] > now:
        return found[1]  # type: ignore[return-value]
    value = load()
    with _lock:
        _values[key] = (now + seconds, value)
    return value


def forget() -> None:
    """Forget every remembered value (tests change taxonomy rows under the same keys)."""
    with _lock:
        _values.clear()
