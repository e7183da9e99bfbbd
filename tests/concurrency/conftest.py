"""A database that several threads share for real, as the web server and the task worker share one.

The suite's SQLite database lives in memory with a shared cache, whose table locks behave nothing like a
file's; on SQLite this copies the migrated test database (demo content included) into a file and points
new connections at it for one test. On PostgreSQL the threads use the test database itself, so the tests
clean up what they committed."""

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from django.db import connection, connections

import pytest


@pytest.fixture(scope="session")
def sqlite_copy(django_db_setup, django_db_blocker, tmp_path_factory) -> Path | None:
    """A file copy of the migrated SQLite test database, taken before any test opens its transaction (the
    copy waits for the in-memory database's locks otherwise)."""
    with django_db_blocker.unblock():
        if connection.vendor != "sqlite":
            return None
        path = tmp_path_factory.mktemp("shared") / "shared.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return path


@pytest.fixture
def shared_database(sqlite_copy: Path | None, tmp_path) -> Iterator[None]:
    if sqlite_copy is None:
        yield
        return
    path = tmp_path / "shared.sqlite3"
    shutil.copyfile(sqlite_copy, path)
    # The settings dict is shared by every thread's connection wrapper; the main thread's open connection
    # keeps the in-memory database alive meanwhile (closing its last connection would drop it).
    settings_dict = connections.settings["default"]
    memory_name = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        settings_dict["NAME"] = memory_name
