"""``python -m benchmarks.bench_export --count 100000``: seed COUNT published examples (``seeding.seed``,
spread over the three languages), serve them with the production server (gunicorn) and download every
open-data format of the biggest language, watching the serving workers' memory: the peak RSS (VmHWM)
reached while streaming, minus the RSS after a warm-up download of a few rows. Prints the growth, the
time and the load average; fails over --target MB (issue 16: 50 MB)."""

import argparse
import http.client
import os
import time
from pathlib import Path

from benchmarks import measuring
from benchmarks.seeding import seed
from examples_library.models import ExamplePage

FORMATS = ["csv", "json", "xlsx"]


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def status(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def download(port: int, path: str) -> tuple[int, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    size = 0
    while chunk := response.read(65536):
        size += len(chunk)
    conn.close()
    return response.status, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--target", type=float, default=50.0, help="MB")
    args = parser.parse_args()
    have = ExamplePage.objects.live().count()
    if have < args.count:
        began = time.perf_counter()
        seed(args.count - have)
        print(f"seeded {args.count - have} examples in {time.perf_counter() - began:.0f} s")
    language = max(
        ("en", "fr", "es"),
        key=lambda code: ExamplePage.objects.live().filter(locale__language_code=code).count(),
    )
    rows = ExamplePage.objects.live().filter(locale__language_code=language).count()
    server = measuring.Server(cache_seconds=0)
    worst = 0.0
    try:
        pids = workers(server.process.pid)
        for extension in FORMATS:
            # Warm every worker (imports, connections) before taking the baseline.
            for _pid in pids:
                download(server.port, "/api/v1/objectives/?limit=1")
            baseline = {pid: status(pid, "VmRSS") for pid in pids}
            began = time.perf_counter()
            code, size = download(server.port, f"/api/v1/open-data/examples.{extension}?locale={language}")
            seconds = time.perf_counter() - began
            if code != 200:
                raise SystemExit(f"{extension}: HTTP {code}")
            growth = max(status(pid, "VmHWM") - baseline[pid] for pid in pids) / 2**20
            worst = max(worst, growth)
            print(
                f"{extension}: {rows} examples ({language}), {size / 2**20:.1f} MB in {seconds:.1f} s, "
                f"peak RSS growth {growth:.1f} MB"
            )
    finally:
        server.stop()
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")
    if worst > args.target:
        raise SystemExit(f"peak RSS growth {worst:.1f} MB is over the target of {args.target:.0f} MB")


if __name__ == "__main__":
    main()
