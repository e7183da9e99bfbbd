#!/usr/bin/env bash
# make bench-insight: the coverage figures (/api/v1/insight/coverage/) at SIZES published examples (default
# 100,000) on a throwaway PostgreSQL, uncached, through the production server. CLIENTS and SECONDS_PER_RUN
# override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=pg-throwaway.sh
PG_PORT="${PG_PORT:-54337}"
source scripts/pg-throwaway.sh
export DATABASE_URL
DATABASE_URL="$(pg_url bench_insight)"
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo >/dev/null
mkdir -p var
.venv/bin/python -m benchmarks.bench_insight --sizes "${SIZES:-100000}" --clients "${CLIENTS:-1,4}" \
  --seconds "${SECONDS_PER_RUN:-10}" | tee var/benchmark-insight-latest.md
