#!/usr/bin/env bash
# Issue 12: a database made and filled by the code before the restructuring migrates forward with this
# checkout and keeps every row, every API answer, every permission and every queued task.
#
#   scripts/check-upgrade.sh                       # on a throwaway SQLite file (what `make test` runs)
#   UPGRADE_BASE=<commit> scripts/check-upgrade.sh
#   UPGRADE_DATABASE_URL=postgres://… scripts/check-upgrade.sh   # an EMPTY database it may fill
#
# It exports the old code with git archive (no worktree is registered), lets it migrate a fresh database,
# load the demo, post, moderate, flag and triage comments and submit an example through its API and
# admin, and record the row count of every table and its answers; then this checkout migrates the same
# database forward, records the same and fails on any difference (scripts/upgrade_check.py).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BASE=${UPGRADE_BASE:-5ca2faf}  # the last commit before the restructuring (issue 11 merged)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}

# A shallow clone does not hold the old code: fetch it once, and say so plainly if that is impossible.
if ! git cat-file -e "$BASE^{commit}" 2>/dev/null; then
  git fetch --quiet --unshallow 2>/dev/null || git fetch --quiet origin "$BASE" 2>/dev/null || true
fi
if ! git cat-file -e "$BASE^{commit}" 2>/dev/null; then
  echo "upgrade check: commit $BASE is not in this clone and could not be fetched; clone with history" >&2
  exit 1
fi

# In memory where the machine has it: the old code's migrations commit a few hundred times.
work=$(mktemp -d -p "$([ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/old" "$work/settings"
git archive "$BASE" | tar -x -C "$work/old"

# The test settings (fast hashing, mail kept in memory) with the production task queue: tasks wait in the
# database as they do on a server being upgraded.
cat >"$work/settings/upgrade_settings.py" <<'SETTINGS'
from cms.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
SETTINGS
export DJANGO_SETTINGS_MODULE=upgrade_settings
export DATABASE_URL=${UPGRADE_DATABASE_URL:-sqlite:///$work/db.sqlite3}
export TEST_MEDIA_ROOT="$work/media" TEST_PRIVATE_MEDIA_ROOT="$work/private-media"
export CACHE_URL="locmem://"

echo "upgrade check: $BASE -> $(git rev-parse --short HEAD) on ${DATABASE_URL%%:*}"
(cd "$work/old" && PYTHONPATH="$work/old:$work/settings" "$PYTHON" "$ROOT/scripts/upgrade_check.py" old "$work")
PYTHONPATH="$ROOT:$work/settings" "$PYTHON" "$ROOT/scripts/upgrade_check.py" new "$work"
