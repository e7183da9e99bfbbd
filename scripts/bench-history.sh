#!/usr/bin/env bash
# make bench-history: history and diff of the longest guidance page with 200 revisions, on a throwaway
# PostgreSQL (or on DATABASE_URL when given: an expendable database, it gets 200 revisions).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DATABASE_URL:-}" ]; then
  # shellcheck source=pg-throwaway.sh
  PG_PORT="${PG_PORT:-54338}"
  source scripts/pg-throwaway.sh
  DATABASE_URL="$(pg_url bench_history)"
fi
export DATABASE_URL
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo >/dev/null
.venv/bin/python -m benchmarks.bench_history --revisions "${REVISIONS:-200}" --runs "${RUNS:-50}"
