"""The database as a deployed service: tables the settings need beyond the models, and requests that meet
a database that is briefly unavailable."""

import logging
import time
from collections.abc import Callable

from django.core.management import call_command
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def create_cache_tables(sender, using: str = "default", verbosity: int = 1, **kwargs) -> None:
    """After ``migrate``, create the table of every configured ``DatabaseCache`` that lacks one.

    Django leaves this to ``createcachetable``, a separate step that is easy to run with other settings than
    the server's (``make migrate`` used the development settings, whose cache is in memory), and the first
    request that touched the cache then answered 500. The command skips tables that exist already.
    """
    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))


# A database restart closes connections and refuses new ones for a moment (0.45 s measured under load).
RETRY_PAUSE_SECONDS = 0.25
# What a client is told to wait before trying again.
RETRY_AFTER_SECONDS = 5
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def is_locked(error: Exception) -> bool:
    """SQLite's lock stayed taken beyond the busy timeout (``SQLITE_BUSY_TIMEOUT``)."""
    return "is locked" in str(error).lower()


def connection_lost(error: Exception) -> bool:
    """Did ``error`` come from a connection that is dead or could not be opened (rather than from a query)?
    Django wraps both as OperationalError or InterfaceError; only a look at the connections tells them
    apart from an error in a statement."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    for connection in connections.all(initialized_only=True):
        if connection.connection is None or not connection.is_usable():
            return True
    return False


def close_dead_connections() -> None:
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None and not connection.is_usable():
            connection.close()


def unavailable_response(request: HttpRequest) -> HttpResponse:
    message = _("The database is briefly unavailable. Please try again in a few seconds.")
    if request.path.startswith(("/api/", "/_allauth/")):
        response: HttpResponse = JsonResponse({"detail": str(message)}, status=503)
    else:
        response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _pause() -> None:
    time.sleep(RETRY_PAUSE_SECONDS)


class DatabaseUnavailableMiddleware:
    """A request that meets a lost database connection is retried once on a new connection when it is a
    read (GET, HEAD, OPTIONS: nothing was written, running it again is harmless); a write, a second failure
    or SQLite's lock held beyond the busy timeout answer 503 with ``Retry-After`` instead of 500.

    Last in ``MIDDLEWARE``, so that its ``get_response`` runs the view alone again. Django's
    ``CONN_HEALTH_CHECKS`` (on, cms.settings.env) already replaces a connection that died between requests;
    this covers the connection that dies during one, and a server that is restarting.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError) and is_locked(exception):
            logger.warning("Database locked beyond the busy timeout: %s %s", request.method, request.path)
            return unavailable_response(request)
        if not connection_lost(exception):
            return None
        close_dead_connections()
        if request.method not in SAFE_METHODS or getattr(request, "_gcm_database_retried", False):
            logger.warning("Database unavailable: %s %s answered 503", request.method, request.path)
            return unavailable_response(request)
        request._gcm_database_retried = True  # a failure of the retry comes back here: 503
        logger.warning("Database connection lost: retrying %s %s once", request.method, request.path)
        _pause()
        return self.get_response(request)
