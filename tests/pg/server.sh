#!/usr/bin/env bash
# server.sh: a private PostgreSQL 15 cluster for the tests, all in one directory (no system
# service): Debian's postgresql-15 binaries, its own data directory, port and unix socket.
#   server.sh start [OPTIONS] DIR [PORT]   start the cluster in DIR (initdb on first use); reuses
#                                          one already running there (its options then stay as
#                                          they were). PORT: default the one it had, else a free one
#       --listen ADDRS   TCP addresses, comma-separated (default 127.0.0.1; '' for the socket
#                        only; e.g. 127.0.0.1,10.213.0.1 for other network namespaces)
#       --fsync on|off   default off (the per-file suite); the multi-host test runs with on
#       --max-connections N   default 200
#   server.sh stop DIR                     stop it (fast shutdown); the files stay
#   server.sh url DIR DBNAME [HOST]        print the libpq URI of DBNAME: over the unix socket in
#                                          DIR, or over TCP to HOST (an address it listens on)
#   server.sh createdb DIR NAME            create database NAME (dropped first if it exists)
#   server.sh dropdb DIR NAME              drop database NAME if it exists
#   server.sh psql DIR DBNAME [ARGS...]    psql as the superuser (postgres) on DBNAME
#   server.sh status DIR                   exit 0 when running
# Files in DIR: data/ (PGDATA), port, postgres.log, the socket .s.PGSQL.PORT. The superuser is
# postgres, trust authentication (a test cluster: anything that reaches it is in). As root,
# initdb and pg_ctl run as the postgres user (initdb refuses root) and DIR is chowned to it; DIR's
# parents must then be searchable by postgres. Prints nothing on success except url's answer.
set -eu
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"

die() {
    echo "server.sh: $*" >&2
    exit 1
}

# as_owner CMD...: CMD as the cluster's owner: postgres when we are root, else ourselves.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

freeport() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

absdir() {
    [ -d "$1" ] || die "no directory $1"
    (cd "$1" && pwd)
}

running() {
    [ -f "$1/data/postmaster.pid" ] && as_owner "$PGBIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

port_of() {
    [ -f "$1/port" ] || die "no cluster in $1 (start it first)"
    cat "$1/port"
}

start() {
    listen=127.0.0.1 fsync=off maxconn=200
    while [ $# -gt 0 ]; do
        case "$1" in
        --listen) listen="$2"; shift 2 ;;
        --fsync) fsync="$2"; shift 2 ;;
        --max-connections) maxconn="$2"; shift 2 ;;
        --) shift; break ;;
        -*) die "unknown option $1" ;;
        *) break ;;
        esac
    done
    [ $# -ge 1 ] || die "start: DIR missing"
    case "$fsync" in on | off) ;; *) die "--fsync on|off" ;; esac
    mkdir -p "$1"
    dir=$(absdir "$1")
    [ -x "$PGBIN/initdb" ] || die "no $PGBIN/initdb (apt-get install postgresql-15)"
    # The socket's path (DIR/.s.PGSQL.NNNNN) must fit in sun_path.
    [ ${#dir} -le 90 ] || die "$dir is too long a path for the unix socket"
    if running "$dir"; then
        return 0
    fi
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "$dir"
        runuser -u postgres -- test -w "$dir" ||
            die "the postgres user cannot reach $dir (a parent directory is not searchable)"
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        rm -rf "$dir/data"
        as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
            --locale=C.UTF-8 --no-sync >"$dir.initdb.log" 2>&1 ||
            { cat "$dir.initdb.log" >&2; rm -f "$dir.initdb.log"; die "initdb failed"; }
        rm -f "$dir.initdb.log"
    fi
    port="${2:-}"
    [ -n "$port" ] || { [ -f "$dir/port" ] && port=$(cat "$dir/port"); } || true
    [ -n "$port" ] || port=$(freeport)
    # Written by us each start (so the options of this start apply), included by postgresql.conf.
    as_owner tee "$dir/data/medusa-test.conf" >/dev/null <<CONF
port = $port
listen_addresses = '$listen'
unix_socket_directories = '$dir'
max_connections = $maxconn
fsync = $fsync
synchronous_commit = $fsync
full_page_writes = $fsync
shared_buffers = 128MB
log_min_messages = warning
log_min_error_statement = error
log_connections = off
CONF
    grep -q "^include_if_exists = 'medusa-test.conf'" "$dir/data/postgresql.conf" ||
        echo "include_if_exists = 'medusa-test.conf'" |
        as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
    # Any address that connects is trusted (network namespaces come in over a veth).
    grep -q '^host all all 0.0.0.0/0 trust' "$dir/data/pg_hba.conf" ||
        echo 'host all all 0.0.0.0/0 trust' |
        as_owner tee -a "$dir/data/pg_hba.conf" >/dev/null
    echo "$port" | as_owner tee "$dir/port" >/dev/null
    # The server outlives us: it must not hold our caller's descriptors (bats waits for its fd 3
    # to close; a lock the caller holds would never be released).
    (
        for fd in $(cd /proc/self/fd && echo *); do
            [ "$fd" -gt 2 ] && eval "exec $fd>&-"
        done
        as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null
    ) || { tail -20 "$dir/postgres.log" >&2; die "the cluster in $dir did not start"; }
}

stop() {
    dir=$(absdir "$1")
    running "$dir" || return 0
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
}

url() {
    dir=$(absdir "$1") db="$2" port=$(port_of "$1")
    if [ -n "${3:-}" ]; then
        echo "postgresql://postgres@$3:$port/$db"
    else
        echo "postgresql:///$db?host=$dir&port=$port&user=postgres"
    fi
}

psql_() {
    dir=$(absdir "$1") db="$2" port=$(port_of "$1")
    shift 2
    PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d "$db" "$@"
}

# The name goes in double quotes: anything but a double quote is allowed.
checkname() {
    case "$1" in *'"'* | '') die "bad database name '$1'" ;; esac
}

createdb_() {
    checkname "$2"
    psql_ "$1" postgres -c "DROP DATABASE IF EXISTS \"$2\" WITH (FORCE)" \
        -c "CREATE DATABASE \"$2\" TEMPLATE template0 ENCODING 'UTF8'" >/dev/null
}

dropdb_() {
    checkname "$2"
    psql_ "$1" postgres -c "DROP DATABASE IF EXISTS \"$2\" WITH (FORCE)" >/dev/null
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
start) start "$@" ;;
stop) [ $# -eq 1 ] || die "usage: stop DIR"; stop "$1" ;;
status) [ $# -eq 1 ] || die "usage: status DIR"; running "$(absdir "$1")" ;;
url) [ $# -ge 2 ] || die "usage: url DIR DBNAME [HOST]"; url "$@" ;;
createdb) [ $# -eq 2 ] || die "usage: createdb DIR NAME"; createdb_ "$1" "$2" ;;
dropdb) [ $# -eq 2 ] || die "usage: dropdb DIR NAME"; dropdb_ "$1" "$2" ;;
psql) [ $# -ge 2 ] || die "usage: psql DIR DBNAME [ARGS...]"; psql_ "$@" ;;
*)
    echo "usage: server.sh start [--listen ADDRS] [--fsync on|off] [--max-connections N] DIR [PORT]" \
        "| stop DIR | status DIR | url DIR DBNAME [HOST] | createdb DIR NAME | dropdb DIR NAME" \
        "| psql DIR DBNAME [ARGS...]" >&2
    exit 2
    ;;
esac
