# Source me: starts a private PostgreSQL cluster on loopback (Debian's server binaries, installed when
# missing) and exports PG_BIN, PG_PORT and pg_url(); the cluster is removed when the calling shell exits.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  echo "Installing PostgreSQL"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN="$(pg_bin)"
id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
PG_DIR="$(mktemp -d /tmp/gcm-pg.XXXXXX)"
PG_PORT="${PG_PORT:-54329}"
chown postgres "$PG_DIR"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
trap 'as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PG_DIR"' EXIT
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE ROLE gcm LOGIN SUPERUSER PASSWORD 'gcm'" >/dev/null
pg_url() { # pg_url DBNAME: create the database and print its URL
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $1 OWNER gcm" >/dev/null
  echo "postgres://gcm:gcm@127.0.0.1:$PG_PORT/$1"
}
