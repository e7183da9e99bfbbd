"""Background rendering of edition PDFs; publishing an edition only enqueues it."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from django_tasks import task

from cms.background.retry import RETRY_PRIORITY, backoff_seconds
from guidance_pages.publications import service

logger = logging.getLogger(__name__)
RETRY_CEILING_SECONDS = 3600
# Below fresh work (a search sync, a purge, a mail), which takes milliseconds where a PDF takes seconds; above
# the retries of cms.background.retry.
PDF_PRIORITY = -10


@task()
def render_edition_pdf_task(number: int, language: str, attempt: int = 1) -> int:
    """Render and store the PDF; on failure schedule the next attempt and fail (the task's result says so).
    Returns the file's size."""
    try:
        return service.render(number, language).bytes
    except Exception:
        schedule_retry(number, language, attempt + 1)
        raise


def schedule_edition_pdfs(number: int) -> None:
    """Mark edition ``number``'s PDF in every language as waiting and enqueue its render once the current
    transaction commits (a task must not read an edition that is not committed yet). An enqueue that fails is
    logged: the edition stays published, and ``service.render`` can be run again from the shell."""
    service.mark_pending(number)

    def enqueue() -> None:
        for language in service.languages():
            try:
                render_edition_pdf_task.using(priority=PDF_PRIORITY).enqueue(number, language)
            except Exception:
                logger.exception("Could not enqueue the PDF of edition %s in %s", number, language)

    transaction.on_commit(enqueue, robust=True)


def schedule_retry(number: int, language: str, attempt: int) -> bool:
    """Enqueue attempt ``attempt`` after its back-off (``EDITION_PDF_RETRY_SECONDS``, doubling up to an hour),
    below fresh work, unless ``EDITION_PDF_MAX_ATTEMPTS`` are spent. A backend that cannot defer (the tests'
    immediate one) gets none: retrying at once would loop. Returns whether a retry was enqueued.

    Not ``cms.background.retry.schedule_retry``: that keeps one retry per task, and a French and a Spanish
    render of the same edition must each get theirs."""
    backend = render_edition_pdf_task.get_backend()
    if attempt > settings.EDITION_PDF_MAX_ATTEMPTS or not backend.supports_defer:
        return False
    delay = backoff_seconds(attempt - 1, settings.EDITION_PDF_RETRY_SECONDS, RETRY_CEILING_SECONDS)
    run_after = timezone.now() + timedelta(seconds=delay)
    try:
        render_edition_pdf_task.using(run_after=run_after, priority=RETRY_PRIORITY).enqueue(
            number, language, attempt
        )
    except Exception:
        logger.exception("Could not schedule attempt %d of the PDF of edition %s", attempt, number)
        return False
    logger.warning("PDF of edition %s in %s: attempt %d in %d s", number, language, attempt, delay)
    return True
