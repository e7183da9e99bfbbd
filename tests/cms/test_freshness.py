"""Publishing purges what changed on the frontend, through a task after commit, and never depends on it."""

import json
import time

from wagtail.models import PageViewRestriction

import pytest
from django_tasks_db.models import DBTaskResult

from cms.headless import frontend_cache, tasks
from cms.headless.frontend_cache import FrontendPurgeBackend
from examples_library.models import ExamplePage
from guidance_pages.models import ObjectivePage
from tests.cms.helpers import SECRET, configure, purge_receiver
from tests.network import refused_port, silent_server


@pytest.fixture
def example(db):
    return ExamplePage.objects.live().filter(locale__language_code="en").first()


def test_publishing_an_example_posts_a_signed_purge_of_what_shows_it(
    settings, example, django_capture_on_commit_callbacks
):
    with purge_receiver() as (location, received):
        configure(settings, location)
        example.title = "A new title"
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            example.save_revision().publish()
            assert received == [], "nothing is sent inside the publish transaction"
        assert received == [], "nothing is sent before the transaction commits"
        for callback in callbacks:
            callback()  # the commit: enqueue (immediate backend in tests: the task runs now)

    assert len(received) == 1
    request = received[0]
    assert request["path"] == "/_purge"
    timestamp = request["headers"]["x-purge-timestamp"]
    assert abs(int(timestamp) - time.time()) < 60
    expected = frontend_cache.signature(SECRET, timestamp, request["body"])
    assert request["headers"]["x-purge-signature"] == expected
    paths = json.loads(request["body"])["paths"]
    slug_path = "/".join(example.url_path.strip("/").split("/")[1:])
    for lang in ("en", "fr", "es"):
        assert f"/{lang}/{slug_path}/" in paths
        assert f"/{lang}/search/*" in paths
        assert f"/{lang}/feeds/*" in paths
        assert f"/{lang}/examples/*" in paths
    objective_page = ObjectivePage.objects.get(
        locale__language_code="en", objective__number=example.primary_objective.number
    )
    objective_path = "/".join(objective_page.url_path.strip("/").split("/")[1:])
    assert f"/en/{objective_path}/*" in paths
    assert f"/fr/{objective_path}/*" in paths
    assert "/sitemap.xml" in paths
    assert "/en/*" not in paths, "an example does not purge the whole site"


def test_publishing_guidance_purges_every_language(settings, booklet, django_capture_on_commit_callbacks):
    with purge_receiver() as (location, received):
        configure(settings, location)
        with django_capture_on_commit_callbacks(execute=True):
            booklet.save_revision().publish()
    paths = json.loads(received[0]["body"])["paths"]
    assert sorted(paths) == ["/en/*", "/es/*", "/fr/*", "/sitemap.xml"]


def test_unpublishing_purges_too(settings, example, django_capture_on_commit_callbacks):
    with purge_receiver() as (location, received):
        configure(settings, location)
        with django_capture_on_commit_callbacks(execute=True):
            example.unpublish()
    assert len(received) == 1
    assert "/en/examples/*" in json.loads(received[0]["body"])["paths"]


def test_a_frontend_that_refuses_does_not_fail_the_publish(
    settings, example, django_capture_on_commit_callbacks
):
    configure(settings, f"http://127.0.0.1:{refused_port()}")
    example.title = "Published while the frontend is down"
    with django_capture_on_commit_callbacks(execute=True):
        example.save_revision().publish()
    example.refresh_from_db()
    assert example.title == "Published while the frontend is down"
    assert example.live


def test_a_hung_frontend_costs_the_task_its_short_timeout_only(
    settings, example, django_capture_on_commit_callbacks
):
    with silent_server() as port:
        configure(settings, f"http://127.0.0.1:{port}", timeout=0.5)
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            example.save_revision().publish()
        assert time.monotonic() - started < 5
    example.refresh_from_db()
    assert example.live


def test_a_failed_purge_is_retried_once_later(settings, example):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    configure(settings, f"http://127.0.0.1:{refused_port()}")
    outcome = tasks.purge(["/en/*"])
    assert outcome == {"frontend0": "failed"}
    retries = list(DBTaskResult.objects.filter(task_path="cms.headless.tasks.purge_frontend_task"))
    assert len(retries) == 1
    assert retries[0].run_after is not None
    assert retries[0].args_kwargs["args"] == [["/en/*"], ["frontend0"], 2]
    # the retry that fails again gives up: pages then expire by max-age
    assert tasks.purge(["/en/*"], backends=["frontend0"], attempt=2) == {"frontend0": "failed"}
    assert DBTaskResult.objects.filter(task_path="cms.headless.tasks.purge_frontend_task").count() == 1


def test_an_error_answer_counts_as_a_failure(settings):
    with purge_receiver(status=403) as (location, received):
        backend = FrontendPurgeBackend({"LOCATION": location, "SECRET": SECRET})
        with pytest.raises(frontend_cache.PurgeFailed):
            backend.purge_batch([f"{location}/en/"])
    assert len(received) == 1


def test_without_a_secret_nothing_is_scheduled(settings, example, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        example.save_revision().publish()
    names = [getattr(callback, "__qualname__", "") for callback in callbacks]
    assert not any("schedule_purge" in name for name in names)


def test_default_settings_purge_nothing(settings):
    assert settings.FRONTEND_PURGE_SECRET == ""
    assert settings.WAGTAILFRONTENDCACHE == {}


def test_restricting_a_published_example_purges_its_cached_pages(
    settings, example, django_capture_on_commit_callbacks
):
    with purge_receiver() as (location, received):
        configure(settings, location)
        with django_capture_on_commit_callbacks(execute=True):
            PageViewRestriction.objects.create(
                page=example, restriction_type=PageViewRestriction.PASSWORD, password="secret"
            )
    assert len(received) == 1
    slug_path = "/".join(example.url_path.strip("/").split("/")[1:])
    assert f"/en/{slug_path}/" in json.loads(received[0]["body"])["paths"]
