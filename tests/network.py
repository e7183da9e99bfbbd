"""Loopback stand-ins for services that are down: a port that refuses and a server that never answers."""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager


def refused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again: connecting to it is refused


class SilentServer:
    """Accepts connections and never answers (a hung server); counts the connections it was offered."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port: int = self.server.getsockname()[1]
        self.held: list[socket.socket] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def connections(self) -> int:
        return len(self.held)

    def _accept(self) -> None:
        self.server.settimeout(0.2)
        while not self.stop.is_set():
            try:
                self.held.append(self.server.accept()[0])
            except OSError:
                continue

    def __enter__(self) -> "SilentServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(timeout=2)
        for conn in self.held:
            conn.close()
        self.server.close()


@contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers (a hung server)."""
    with SilentServer() as server:
        yield server.port
