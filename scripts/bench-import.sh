#!/usr/bin/env bash
# make bench-import: the bulk import of ROWS (10,000) generated rows into a fresh SQLite database with the
# demo loaded. Target (issue 16): 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
rm -f var/bench-import.sqlite3
export DATABASE_URL="sqlite:///$PWD/var/bench-import.sqlite3"
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo >/dev/null
.venv/bin/python -m benchmarks.bench_import --rows "${ROWS:-10000}" ${DRAFTS:+--drafts}
