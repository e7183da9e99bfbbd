"""Search benchmark data: seed N published examples spread over the three languages' libraries.

Seeding writes rows in bulk (Wagtail's page-by-page creation would take hours at 100,000) but produces the
same rows a publish would: page, example, secondary objectives, search entry, full-text index entries.
Not part of the test suite: the scripts of `make bench` use it (``measuring.py`` times what it seeds).
"""

import random
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from treebeard.numconv import NumConv

from examples_library.models import Country, ExamplePage, ExamplesIndexPage
from guidance_pages.models import Objective
from search.indexing import PRINCIPLE_KEYS, bump_version, objective_bit, principle_bit, reindex_fulltext
from search.listing import language_bit, languages
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
    everywhere = sum(language_bit(code) for code in languages())
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
                    translation_key=page.translation_key,
                    listed_in=everywhere,  # no translations: listed under every language (search.listing)
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
    backend = get_search_backend()
    pages = ExamplePage.objects.live().order_by("pk")
    for start in range(0, pages.count(), 1000):
        backend.add_bulk(ExamplePage, list(pages[start : start + 1000]))


def reindex() -> int:
    return reindex_fulltext()


def top_up(size: int, *, stock_search: bool = False) -> None:
    """Seed the examples missing to reach ``size`` published ones (none when there are enough), index them,
    and say how long it took. ``stock_search`` also fills Wagtail's own index for the stock API comparison."""
    have = ExamplePage.objects.live().count()
    if have >= size:
        return
    began = time.time()
    seed(size - have)
    reindex()
    if stock_search:
        index_for_stock_search()
    print(f"seeded {size - have} examples in {time.time() - began:.0f} s")
