"""Search benchmark: seed N published examples, serve them with the production server, measure.

Seeding writes rows in bulk (Wagtail's page-by-page creation would take hours at 100,000) but produces the
same rows a publish would: page, example, secondary objectives, search entry, full-text index entries.
Not part of the test suite: `make bench` runs it and prints the figures that go into docs/benchmarks.md.
"""

import http.client
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from treebeard.numconv import NumConv

from examples_library.models import Country, ExamplePage, ExamplesIndexPage
from guidance_pages.models import Objective
from search.indexing import PRINCIPLE_KEYS, bump_version, objective_bit, principle_bit, reindex_fulltext
from search.models import SearchEntry

RARE = "quillwort"
COMMON = "community"
WORDS = {
    "en": [
        "migrants",
        "local",
        "government",
        "services",
        "information",
        "labour",
        "rights",
        "health",
        "children",
        "women",
        "support",
        "access",
        "programme",
        "national",
        "policy",
        "data",
        "border",
        "return",
        "integration",
        "skills",
        "training",
        "recruitment",
        "remittances",
        "protection",
        "partners",
        "evaluation",
        "results",
        "municipal",
        "office",
        "digital",
        "registry",
        "consular",
        "cooperation",
    ],
    "fr": [
        "migrants",
        "gouvernement",
        "local",
        "services",
        "information",
        "travail",
        "droits",
        "santé",
        "enfants",
        "femmes",
        "soutien",
        "accès",
        "programme",
        "politique",
        "nationale",
        "données",
        "frontière",
        "retour",
        "intégration",
        "compétences",
        "formation",
        "recrutement",
        "protection",
        "partenaires",
        "évaluation",
        "résultats",
        "bureau",
        "municipal",
        "registre",
        "numérique",
        "coopération",
    ],
    "es": [
        "migrantes",
        "gobierno",
        "local",
        "servicios",
        "información",
        "trabajo",
        "derechos",
        "salud",
        "niños",
        "mujeres",
        "apoyo",
        "acceso",
        "programa",
        "política",
        "nacional",
        "datos",
        "frontera",
        "retorno",
        "integración",
        "competencias",
        "formación",
        "contratación",
        "protección",
        "socios",
        "evaluación",
        "resultados",
        "oficina",
        "municipal",
        "registro",
        "digital",
        "cooperación",
    ],
}
LANGUAGE_SHARE = [("en", 0.6), ("fr", 0.25), ("es", 0.15)]


def _text(rng: random.Random, language: str, words: int, common: bool, rare: bool) -> str:
    vocabulary = WORDS[language]
    chosen = [rng.choice(vocabulary) for _ in range(words)]
    if common:
        chosen.insert(rng.randrange(len(chosen)), COMMON)
    if rare:
        chosen.insert(rng.randrange(len(chosen)), RARE)
    return " ".join(chosen).capitalize() + "."


@transaction.atomic
def seed(count: int, seed_value: int = 42) -> int:
    """Add ``count`` published examples spread over the three languages' libraries."""
    rng = random.Random(seed_value)
    page_type = ContentType.objects.get_for_model(ExamplePage)
    now = timezone.now()
    numconv = NumConv(ExamplePage.alphabet)
    made = 0
    for language, share in LANGUAGE_SHARE:
        index = ExamplesIndexPage.objects.select_for_update().filter(locale__language_code=language).first()
        if index is None:
            continue
        n = round(count * share)
        if n == 0:  # a small top-up can leave a language nothing to add: an empty bulk insert is invalid SQL
            continue
        objectives = {o.number: o for o in Objective.objects.filter(locale=index.locale)}
        countries = list(Country.objects.filter(locale=index.locale).select_related("region", "subregion"))
        weights = [1 / (i + 1) for i in range(len(countries))]  # a few countries contribute most examples
        objective_weights = [1 / (i % 7 + 1) for i in range(23)]
        last = index.get_last_child()
        start = (numconv.str2int(last.path[-ExamplePage.steplen :]) if last else 0) + 1
        pages, rows, entries, secondary = [], [], [], []
        for i in range(n):
            number = rng.choices(range(1, 24), weights=objective_weights)[0]
            others = rng.sample([x for x in range(1, 24) if x != number], rng.randint(0, 2))
            country = rng.choices(countries, weights=weights)[0]
            common, rare = rng.random() < 0.5, rng.random() < 0.002
            title = f"{_text(rng, language, 5, False, False)[:-1]} {i}"
            summary = _text(rng, language, 30, common, rare)
            body = _text(rng, language, 150, False, False)
            slug = f"bench-{uuid.uuid4().hex[:12]}"
            year = rng.randint(2000, 2025)
            published = now - timezone.timedelta(minutes=n - i)
            path = index.path + numconv.int2str(start + i).rjust(ExamplePage.steplen, "0")
            pages.append(
                ExamplePage(
                    path=path,
                    depth=index.depth + 1,
                    numchild=0,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=page_type,
                    live=True,
                    locale=index.locale,
                    url_path=f"{index.url_path}{slug}/",
                    first_published_at=published,
                    last_published_at=published,
                    translation_key=uuid.uuid4(),
                    kind=rng.choice(["practice", "case_study", "lesson_learned"]),
                    summary=summary,
                    body=f"<p>{body}</p>",
                    primary_objective=objectives[number],
                    country=country,
                    region=country.region,
                    subregion=country.subregion,
                    start_year=year,
                    end_year=None if rng.random() < 0.3 else year + rng.randint(0, 5),
                    pilot_country=rng.random() < 0.2,
                    submission_language=language,
                )
            )
            rows.append((others, rng.sample(PRINCIPLE_KEYS, rng.randint(0, 3))))
        # Base page rows in bulk, then each example's own row with the same id (multi-table inheritance).
        from wagtail.models import Page

        base_fields = [f.name for f in Page._meta.local_concrete_fields if f.name != "id"]
        base = Page.objects.bulk_create(
            [Page(**{name: getattr(p, name) for name in base_fields}) for p in pages], batch_size=1000
        )
        for page, created in zip(pages, base, strict=True):
            page.page_ptr_id = page.id = created.pk
        ExamplePage._base_manager._insert(
            pages, fields=ExamplePage._meta.local_concrete_fields, using=connection.alias
        )
        through = ExamplePage.secondary_objectives.through
        for page, (others, keys) in zip(pages, rows, strict=True):
            secondary += [through(examplepage_id=page.pk, objective_id=objectives[o].pk) for o in others]
            mask = objective_bit(page.primary_objective.number)
            for other in others:
                mask |= objective_bit(other)
            principles = 0
            for key in keys:
                principles |= principle_bit(key)
            entries.append(
                SearchEntry(
                    page_id=page.pk,
                    item_type="example",
                    locale=language,
                    title=page.title,
                    summary=page.summary,
                    text=page.body,
                    path=f"/{language}/examples/{page.slug}/",
                    page_type="examplepage",
                    example_kind=page.kind,
                    language=language,
                    primary_objective=page.primary_objective.number,
                    objectives=mask,
                    principles=principles,
                    country=page.country.iso2,
                    country_name=page.country.name,
                    region=page.region.key if page.region else "",
                    subregion=page.subregion.key if page.subregion else "",
                    start_year=page.start_year,
                    end_year=page.end_year,
                    pilot=page.pilot_country,
                    published_at=page.last_published_at,
                )
            )
        through.objects.bulk_create(secondary, batch_size=2000)
        SearchEntry.objects.bulk_create(entries, batch_size=2000)
        type(index).objects.filter(pk=index.pk).update(numchild=index.numchild + n)
        made += n
    bump_version()
    return made


def index_for_stock_search() -> None:
    """Wagtail's own page index, so that stock API v2 search has the same data to search."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    pages = ExamplePage.objects.live().order_by("pk")
    for start in range(0, pages.count(), 1000):
        backend.add_bulk(ExamplePage, list(pages[start : start + 1000]))


# --- measuring -------------------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    clients: int
    p50: float
    p95: float
    rps: float
    queries: int | None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """The production server (gunicorn, 2 workers) on loopback."""

    def __init__(self, cache_seconds: int) -> None:
        self.port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
            "DATABASE_CONN_MAX_AGE": "600",
            "SEARCH_CACHE_SECONDS": str(cache_seconds),
            "LOG_LEVEL": "ERROR",
        }
        # Production shares its cache through the database (CACHE_URL=db://), but the benchmark's database
        # was migrated with development settings (a memory cache), so migrate created no cache table.
        subprocess.run(
            [sys.executable, "manage.py", "createcachetable", "-v0"],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
        )
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "cms.wsgi:application",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "error",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def drive(port: int, urls: list[str], clients: int, seconds: float) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad, i = [], 0, offset
        while time.perf_counter() < stop_at:
            url = urls[i % len(urls)]
            i += 1
            began = time.perf_counter()
            conn.request("GET", url, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - began)
            bad += response.status != 200
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker, args=(n * 7,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def queries_for(url: str) -> int:
    """SQL queries of one uncached request, counted in-process, once the locale's facet index is built
    (its rebuild, after each change, is measured apart: ``facet_index_build``)."""
    from django.test import override_settings

    with override_settings(SEARCH_CACHE_SECONDS=0):
        Client(HTTP_HOST="localhost").get(url)
        with CaptureQueriesContext(connection) as captured:
            Client(HTTP_HOST="localhost").get(url)
    return len(captured)


def facet_index_build(locale: str = "en") -> tuple[int, float, float]:
    """Rows, build time (ms, best of three) and size (MiB) of one locale's in-process facet index."""
    from search import facets
    from search.indexing import current_version

    version = current_version()
    times = []
    for _ in range(3):
        began = time.perf_counter()
        index = facets.build(locale, version)
        times.append(time.perf_counter() - began)
    return index.size, min(times) * 1000, index.nbytes / 2**20


def scenarios() -> dict[str, list[str]]:
    return {
        "filter one objective + facets": [f"/api/v1/examples/?objective={n}" for n in range(1, 24)],
        "no filter, all facets": ["/api/v1/examples/"],
        "rare term + filters + facets": [
            f"/api/v1/examples/?q={RARE}&region=africa&kind={k}"
            for k in ("practice", "case_study", "lesson_learned")
        ],
        "common term, ranked, + facets": [f"/api/v1/examples/?q={COMMON}&page={p}" for p in range(1, 4)],
        "stock API v2 listing": [
            f"/api/v2/pages/?type=examples_library.ExamplePage&fields=title&offset={o}" for o in (0, 20, 40)
        ],
        "stock API v2 search (common term)": [
            f"/api/v2/pages/?type=examples_library.ExamplePage&search={COMMON}"
        ],
    }


def measure(clients_list: list[int], seconds: float) -> list[Result]:
    results = []
    server = Server(cache_seconds=0)
    try:
        for name, urls in scenarios().items():
            queries = queries_for(urls[0])
            drive(server.port, urls, 1, min(2.0, seconds))  # warm-up
            for clients in clients_list:
                latencies, errors = drive(server.port, urls, clients, seconds)
                if errors:
                    print(f"  ! {name}: {errors} non-200 answers", file=sys.stderr)
                results.append(
                    Result(
                        name,
                        clients,
                        _ms(latencies, 50),
                        _ms(latencies, 95),
                        len(latencies) / seconds,
                        queries,
                    )
                )
    finally:
        server.stop()
    server = Server(cache_seconds=86400)
    try:
        url = ["/api/v1/examples/?objective=5"]
        drive(server.port, url, 1, 1.0)
        for clients in clients_list:
            latencies, _errors = drive(server.port, url, clients, seconds)
            results.append(
                Result(
                    "identical repeated query (cache hit)",
                    clients,
                    _ms(latencies, 50),
                    _ms(latencies, 95),
                    len(latencies) / seconds,
                    None,
                )
            )
    finally:
        server.stop()
    return results


def _ms(latencies: list[float], percentile: int) -> float:
    if not latencies:
        return float("nan")
    ordered = sorted(latencies)
    if percentile == 50:
        return statistics.median(ordered) * 1000
    return ordered[min(len(ordered) - 1, int(len(ordered) * percentile / 100))] * 1000


def reindex() -> int:
    return reindex_fulltext()
