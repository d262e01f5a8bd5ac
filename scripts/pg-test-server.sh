#!/usr/bin/env bash
# A throwaway PostgreSQL server for the database tests, on 127.0.0.1 and a data folder under var/.
#   scripts/pg-test-server.sh start   prints the database URL on stdout
#   scripts/pg-test-server.sh stop
set -euo pipefail
cd "$(dirname "$0")/.."

root="$(pwd)/var/pg-test"
data="$root/data"
# A free port unless one is given; remembered beside the data for the stop and a reuse.
if [ -n "${TANU_PG_TEST_PORT:-}" ]; then
    port="$TANU_PG_TEST_PORT"
elif [ -f "$root/port" ]; then
    port="$(cat "$root/port")"
else
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
fi
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$bindir" ] || { echo "pg-test-server: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

# PostgreSQL refuses to run as root: use the postgres system user then.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
start)
    mkdir -p "$root"
    [ "$(id -u)" -eq 0 ] && chown postgres "$root"
    if [ ! -f "$data/PG_VERSION" ]; then
        as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 \
            || { cat "$root/initdb.log" >&2; exit 1; }
    fi
    echo "$port" > "$root/port"
    if ! as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_owner "$bindir/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 \
            -o "-h 127.0.0.1 -p $port -k $root -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null || { cat "$root/server.log" >&2; exit 1; }
    fi
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    ;;
stop)
    [ -f "$data/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
    rm -f "$root/port"
    ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
