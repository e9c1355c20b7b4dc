#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: pg-test-cluster.sh start|stop DIR
#   start  initdb in DIR/data as an unprivileged user (initdb refuses root: the `postgres` system user the
#          package creates, else the invoking user), fsync off, unix socket in DIR only (no TCP), on a free
#          port; writes the libpq DSN of its `postgres` database to DIR/dsn. When OSC_TEST_POSTGRES_DSN is
#          set, no cluster is started and that DSN is written instead (a server the caller runs).
#   stop   stops the cluster (immediate: it holds only test data) and removes DIR. Safe to run twice.
# ctest runs these as the postgres_cluster fixture (tests/http/CMakeLists.txt), so a failing test run
# still stops the server.
set -euo pipefail
action="${1:?usage: pg-test-cluster.sh start|stop DIR}"
dir="${2:?usage: pg-test-cluster.sh start|stop DIR}"
bindir="${OSC_PG_BINDIR:-/usr/lib/postgresql/15/bin}"

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
start)
  if [ -f "$dir/dsn" ] && [ -d "$dir/data" ]; then
    "$0" stop "$dir" # a cluster left behind by a killed run
  fi
  mkdir -p "$dir"
  if [ -n "${OSC_TEST_POSTGRES_DSN:-}" ]; then
    printf '%s\n' "$OSC_TEST_POSTGRES_DSN" >"$dir/dsn"
    exit 0
  fi
  [ -x "$bindir/initdb" ] || { echo "pg-test-cluster: no PostgreSQL server in $bindir (scripts/setup-deps.sh installs postgresql-15)" >&2; exit 1; }
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # A port no server on this machine uses (it names the socket file; nothing listens on TCP).
  port=""
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null && [ ! -e "/tmp/.s.PGSQL.$candidate" ]; then
      port="$candidate"
      break
    fi
  done
  [ -n "$port" ] || { echo "pg-test-cluster: no free port" >&2; exit 1; }
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  printf 'host=%s port=%s user=postgres dbname=postgres\n' "$dir" "$port" >"$dir/dsn"
  ;;
stop)
  if [ -d "$dir/data" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: pg-test-cluster.sh start|stop DIR" >&2
  exit 2
  ;;
esac
