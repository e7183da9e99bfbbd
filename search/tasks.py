"""Background work that keeps search current; publishing only enqueues it."""

from django_tasks import task

from search import indexing


@task()
def sync_tree_task(page_id: int) -> int:
    return indexing.sync_tree(page_id)


@task()
def sync_page_task(page_id: int) -> str:
    return indexing.sync_page(page_id)
