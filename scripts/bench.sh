#!/usr/bin/env bash
# make bench: a throwaway PostgreSQL, the demo, then N published examples per size, measured with the
# production server (gunicorn, 2 workers). SIZES, CLIENTS and SECONDS override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=pg-throwaway.sh
PG_PORT="${PG_PORT:-54339}"
source scripts/pg-throwaway.sh
export DATABASE_URL
DATABASE_URL="$(pg_url bench)"
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo >/dev/null
mkdir -p var
.venv/bin/python -m benchmarks.bench_search --sizes "${SIZES:-1000,10000,100000}" --clients "${CLIENTS:-1,4}" \
  --seconds "${SECONDS_PER_RUN:-10}" | tee var/benchmark-latest.md
# The embedded default: the same scenarios on SQLite (our own FTS5 table, ADR 0063) at SQLITE_SIZES (10,000).
if [ -n "${SQLITE_SIZES-10000}" ]; then
  rm -f var/bench.sqlite3
  export DATABASE_URL="sqlite:///$PWD/var/bench.sqlite3"
  .venv/bin/python manage.py migrate --no-input -v0
  .venv/bin/python manage.py load_demo >/dev/null
  .venv/bin/python -m benchmarks.bench_search --sizes "${SQLITE_SIZES-10000}" --clients "${CLIENTS:-1,4}" \
    --seconds "${SECONDS_PER_RUN:-10}" | tee -a var/benchmark-latest.md
fi
echo "Written to var/benchmark-latest.md; copy the tables into docs/benchmarks.md."
