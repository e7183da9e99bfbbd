"""One retry policy for background work that failed because a service was down (the mail server, the
search engine).

During an outage each failure used to enqueue its own retry, each retry re-enqueued itself at a fixed delay,
and a retry that came due sorted before fresh tasks (django-tasks runs the earliest ``run_after`` first):
thousands of attempts piled up and the worker ran little else. Now a kind of work has at most one retry
waiting; its delay doubles with each attempt up to a ceiling; and retries run at a lower priority than fresh
tasks, so a search sync or a notification never waits behind them. django-tasks has no retries of its own:
``run_after`` and ``priority`` are its features this builds on.
"""

import logging
from datetime import timedelta

from django.utils import timezone

from django_tasks import TaskResultStatus
from django_tasks.base import Task

logger = logging.getLogger(__name__)

# Below django-tasks' default of 0, so the worker takes every fresh task before a retry that is due.
RETRY_PRIORITY = -50


def backoff_seconds(attempt: int, base: int, ceiling: int) -> int:
    """The delay before attempt ``attempt`` (1 for the first retry): base, 2×base, 4×base, … at most
    ``ceiling``."""
    return min(ceiling, base * 2 ** min(max(attempt - 1, 0), 32))


def retry_waiting(task: Task) -> bool:
    """Is a retry of ``task`` already enqueued and not started? Only the database backend can tell."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=task.module_path).exists()


def schedule_retry(task: Task, attempt: int, base: int, ceiling: int) -> bool:
    """Enqueue ``task(attempt)`` after its back-off, below fresh work, unless a retry of it is waiting
    already. Backends that cannot defer (the tests' immediate backend) get none: retrying at once would be
    the tight loop this avoids. Returns whether a retry was enqueued."""
    if not task.get_backend().supports_defer or retry_waiting(task):
        return False
    delay = backoff_seconds(attempt, base, ceiling)
    run_after = timezone.now() + timedelta(seconds=delay)
    try:
        task.using(run_after=run_after, priority=RETRY_PRIORITY).enqueue(attempt)
    except Exception:  # the work stays queued; the next failure or a manual command schedules it again
        logger.exception("Could not schedule attempt %d of %s", attempt, task.name)
        return False
    logger.warning("%s: attempt %d in %d s", task.name, attempt, delay)
    return True
