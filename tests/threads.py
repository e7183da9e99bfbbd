"""Running code in a thread of its own: its own database connection, as another request or process has."""

import threading
from collections.abc import Callable

from django.db import connections


def in_thread(function: Callable, *args) -> object:
    """Run ``function`` in a thread of its own (its own connection, closed afterwards); return its result."""
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["value"] = function(*args)
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread
            result["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(300)
    if "error" in result:
        raise result["error"]
    return result.get("value")
