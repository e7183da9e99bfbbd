#!/usr/bin/env bash
# make bench-export: COUNT (100,000) published examples seeded on a throwaway PostgreSQL, then each open-data file
# built as the worker builds it and downloaded from the production server, peak RSS watched. Target (issue 16):
# growth of at most 50 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DATABASE_URL:-}" ]; then
  # shellcheck source=pg-throwaway.sh
  PG_PORT="${PG_PORT:-54337}"
  source scripts/pg-throwaway.sh
  DATABASE_URL="$(pg_url bench_export)"
fi
export DATABASE_URL
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo >/dev/null
.venv/bin/python -m benchmarks.bench_export --count "${COUNT:-100000}"
