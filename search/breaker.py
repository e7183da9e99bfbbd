"""A circuit breaker in front of the remote search engine.

A hung engine made every search wait for the full timeout (5 s) before the database answered. After a
failure the breaker opens: for ``SEARCH_BREAKER_SECONDS`` searches and indexing skip the engine at once
(searches answer from the database, marked ``degraded``; indexing queues in the outbox). Then one caller
probes the engine while the others keep skipping; its success closes the breaker, its failure opens it for
another cool-down.

The state is per process (ADR 0080): it costs no I/O on the path it protects, and it cannot fail with the
shared cache (itself possibly the database). Each process pays at most one timeout per cool-down.
"""

import threading
import time

from django.conf import settings


class EngineSkipped(ConnectionError):
    """The breaker is open: the engine was not asked."""


class CircuitBreaker:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open_until = 0.0  # monotonic time; 0 = closed

    def allow(self) -> bool:
        """May the caller ask the engine now? Closed: yes. Open: no until the cool-down ends; then the first
        caller is the probe, and the others are refused until it reports."""
        with self._lock:
            if not self._open_until:
                return True
            now = time.monotonic()
            if now < self._open_until:
                return False
            self._open_until = now + settings.SEARCH_BREAKER_SECONDS
            return True

    def succeeded(self) -> None:
        with self._lock:
            self._open_until = 0.0

    def failed(self) -> None:
        with self._lock:
            self._open_until = time.monotonic() + settings.SEARCH_BREAKER_SECONDS

    @property
    def is_open(self) -> bool:
        with self._lock:
            return bool(self._open_until) and time.monotonic() < self._open_until

    def reset(self) -> None:
        self.succeeded()


engine_breaker = CircuitBreaker()
