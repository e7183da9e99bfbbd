"""``python -m benchmarks.bench_export --count 100000``: top the library up to COUNT published examples
(``seeding.top_up``, spread over the three languages), then for the biggest language

(a) build each open-data file as the worker does (``examples_library.transfer.publishing``), timing it and
    watching this process's peak RSS (VmHWM, reset through /proc/self/clear_refs before each file) against
    its RSS before;
(b) download each stored file from the production server (gunicorn): time to first byte and total time,
    and the serving workers' peak RSS growth.

Prints the load average; fails when a growth is over --target MB (issue 16: 50 MB)."""

import argparse
import http.client
import os
import time
from pathlib import Path

from benchmarks import measuring
from benchmarks.seeding import top_up
from examples_library.models import ExamplePage, OpenDataFile
from examples_library.transfer import exporting, publishing

FORMATS = publishing.FORMATS


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def status(pid: int | str, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def download(port: int, path: str) -> tuple[int, int, float, float]:
    """HTTP status, bytes, seconds to the first byte of the body, seconds in all."""
    began = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    first = response.read(1)
    first_byte = time.perf_counter() - began
    size = len(first)
    while chunk := response.read(65536):
        size += len(chunk)
    conn.close()
    return response.status, size, first_byte, time.perf_counter() - began


def build(language: str) -> float:
    """Write each file of the language; returns the worst peak RSS growth in MB."""
    worst = 0.0
    publishing.ensure_records(language)
    next(exporting.rows(language), None)  # imports and the connection warm before the baselines
    version = max(record.wanted_version for record in OpenDataFile.objects.filter(language=language))
    for file_format in FORMATS:
        baseline = status("self", "VmRSS")
        Path("/proc/self/clear_refs").write_text("5")  # peak RSS := current RSS
        began = time.perf_counter()
        record = publishing.write_file(language, file_format, version)
        seconds = time.perf_counter() - began
        growth = (status("self", "VmHWM") - baseline) / 2**20
        worst = max(worst, growth)
        print(
            f"build {file_format}: {record.rows} examples ({language}), {record.size / 2**20:.1f} MB in "
            f"{seconds:.1f} s ({seconds / max(record.rows, 1) * 1000:.2f} ms a row), "
            f"peak RSS growth {growth:.1f} MB"
        )
    return worst


def serve(language: str) -> float:
    """Download each stored file through gunicorn; returns the worst worker peak RSS growth in MB."""
    server = measuring.Server(cache_seconds=0)
    worst = 0.0
    try:
        pids = workers(server.process.pid)
        for extension in FORMATS:
            # Warm every worker (imports, connections) before taking the baseline.
            for _pid in pids:
                download(server.port, "/api/v1/objectives/?limit=1")
            baseline = {pid: status(pid, "VmRSS") for pid in pids}
            path = f"/api/v1/open-data/examples.{extension}?locale={language}"
            code, size, first_byte, seconds = download(server.port, path)
            if code != 200:
                raise SystemExit(f"{extension}: HTTP {code}")
            growth = max(status(pid, "VmHWM") - baseline[pid] for pid in pids) / 2**20
            worst = max(worst, growth)
            print(
                f"serve {extension}: {size / 2**20:.1f} MB, first byte {first_byte * 1000:.0f} ms, "
                f"all in {seconds:.2f} s, peak RSS growth {growth:.1f} MB"
            )
    finally:
        server.stop()
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--target", type=float, default=50.0, help="MB")
    args = parser.parse_args()
    top_up(args.count)
    language = max(
        publishing.languages(),
        key=lambda code: ExamplePage.objects.live().filter(locale__language_code=code).count(),
    )
    worst = max(build(language), serve(language))
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")
    if worst > args.target:
        raise SystemExit(f"peak RSS growth {worst:.1f} MB is over the target of {args.target:.0f} MB")


if __name__ == "__main__":
    main()
