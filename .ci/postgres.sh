#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the knowledge-base tests and export its URL.
#
#   source .ci/postgres.sh     # sets DIPLOGRAPH_PG_URL in the calling shell
#   .ci/postgres.sh            # prints the URL
#
# Installs PostgreSQL from Debian's packages when no server binaries are found, keeps the
# cluster in $DIPLOGRAPH_PG_DIR (default /tmp/diplograph-pg), listens on 127.0.0.1 only, and
# is idempotent: a server already running there is reused and the database kept.
_dg_pg_main() {
  local port="${DIPLOGRAPH_PG_PORT:-54329}"
  local dir="${DIPLOGRAPH_PG_DIR:-/tmp/diplograph-pg}"
  local db="${DIPLOGRAPH_PG_DB:-diplograph_test}"
  local bindir=""
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "postgres.sh: installing PostgreSQL from Debian packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2 || {
      echo "postgres.sh: apt-get install postgresql failed" >&2; return 1; }
    bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  # initdb refuses to run as root; the server then runs as the packages' postgres user.
  local run=()
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" postgres
    run=(runuser -u postgres --)
  fi
  mkdir -p "$dir"
  [ "$(id -u)" = "0" ] && chown postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    "${run[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
      echo "postgres.sh: initdb failed (see $dir/initdb.log)" >&2; return 1; }
  fi
  if ! "${run[@]}" "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    "${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir" start >/dev/null || {
      echo "postgres.sh: server did not start (see $dir/server.log)" >&2; return 1; }
  fi
  if ! "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -Atqc \
      "SELECT 1 FROM pg_database WHERE datname = '$db'" postgres | grep -q 1; then
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db" || return 1
  fi
  export DIPLOGRAPH_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/$db"
  echo "$DIPLOGRAPH_PG_URL"
}
_dg_pg_main
_dg_pg_rc=$?
unset -f _dg_pg_main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then exit "$_dg_pg_rc"; fi
[ "$_dg_pg_rc" = 0 ]
