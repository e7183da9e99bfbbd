"""Background work of the platform layer: purging the frontend's caches. Publishing only enqueues it
(cms/headless/freshness.py decides what went stale and schedules this; the purge itself and its retry live
here, beside the task, so that neither module imports the other back)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from wagtail.contrib.frontend_cache.utils import get_backends

from django_tasks import task, task_backends

from cms.background.retry import RETRY_PRIORITY
from cms.headless.frontend_cache import PurgeFailed

logger = logging.getLogger(__name__)


# Below the default priority: the search read model's sync of the same publish runs first, so that the
# pages rendered again after the purge already list the change.
@task(priority=-10)
def purge_frontend_task(
    paths: list[str], backends: list[str] | None = None, attempt: int = 1
) -> dict[str, str]:
    return purge(paths, backends=backends, attempt=attempt)


def purge(paths: list[str], *, backends: list[str] | None = None, attempt: int = 1) -> dict[str, str]:
    """Send ``paths`` (absolute URLs on ``FRONTEND_URL``) to each purge backend; a backend that fails is
    retried once, ``FRONTEND_PURGE_RETRY_SECONDS`` later. Returns each backend's outcome."""
    base = settings.FRONTEND_URL.rstrip("/")
    urls = [base + path for path in paths]
    outcome: dict[str, str] = {}
    failed: list[str] = []
    for name, backend in get_backends(backends=backends).items():
        try:
            backend.purge_batch(urls)
            outcome[name] = "purged"
        except PurgeFailed as error:
            logger.warning("Frontend purge through %s failed (attempt %d): %s", name, attempt, error)
            outcome[name] = "failed"
            failed.append(name)
    if failed and attempt == 1:
        _retry_later(paths, failed)
    return outcome


def _retry_later(paths: list[str], backends: list[str]) -> None:
    if not task_backends[purge_frontend_task.backend].supports_defer:
        logger.warning("No retry of the frontend purge: the task backend cannot defer tasks")
        return
    run_after = timezone.now() + timedelta(seconds=settings.FRONTEND_PURGE_RETRY_SECONDS)
    # A purge retry is bounded (one) already; below fresh tasks, like every retry (cms.background.retry)
    purge_frontend_task.using(run_after=run_after, priority=RETRY_PRIORITY).enqueue(paths, backends, 2)
