"""``python -m benchmarks.bench_pdf``: the render time of the whole guidance as an edition PDF, per language,
on the database the settings name (``make bench-pdf`` loads the demo into the development database first).
Times the whole path the worker takes (reading the edition's revisions, building the HTML, WeasyPrint's
layout and PDF) for the latest published edition, --runs times, and prints the best and the median with the
load average, since the machine may be shared (docs/benchmarks.md). Exits non-zero above --target seconds."""

import argparse
import io
import os
import statistics
import sys
import time

from pypdf import PdfReader

from benchmarks import measuring  # noqa: F401  (sets Django up)
from guidance_pages.models import Edition, EditionStatus
from guidance_pages.publications.render import edition_document, render_pdf
from guidance_pages.publications.service import languages


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(runs: int, target: float) -> bool:
    number = (
        Edition.objects.filter(status=EditionStatus.PUBLISHED)
        .order_by("-number")
        .values_list("number", flat=True)
    ).first()
    if number is None:
        sys.exit("No published edition: run `make demo` first.")
    print(f"Edition {number}, {runs} run(s) per language; load average before: {load()}")
    print("| language | sections | PDF pages | KB | best s | median s |")
    print("|---|---|---|---|---|---|")
    within = True
    for language in languages():
        samples, size, sections, pages = [], 0, 0, 0
        for _ in range(runs):
            started = time.perf_counter()
            document = edition_document(number, language)
            content = render_pdf(document)
            samples.append(time.perf_counter() - started)
            size, sections = len(content), len(document.sections)
            pages = len(PdfReader(io.BytesIO(content)).pages)
        median = statistics.median(samples)
        within = within and min(samples) <= target
        print(f"| {language} | {sections} | {pages} | {size // 1024} | {min(samples):.2f} | {median:.2f} |")
    print(f"load average after: {load()}; target: <= {target:.0f} s per language")
    return within


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_pdf", description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--target", type=float, default=20.0)
    args = parser.parse_args(argv)
    if not run(args.runs, args.target):
        sys.exit("Over the target.")


if __name__ == "__main__":
    main()
