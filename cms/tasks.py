"""Background work of the platform layer; publishing only enqueues it (cms/freshness.py)."""

from django_tasks import task

from cms import freshness


# Below the default priority: the search read model's sync of the same publish runs first, so that the
# pages rendered again after the purge already list the change.
@task(priority=-10)
def purge_frontend_task(
    paths: list[str], backends: list[str] | None = None, attempt: int = 1
) -> dict[str, str]:
    return freshness.purge(paths, backends=backends, attempt=attempt)
