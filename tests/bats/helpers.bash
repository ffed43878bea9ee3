# helpers.bash: what every .bats file loads. Each file gets its own freshly migrated and seeded
# SQLite database and a transport, MEDUSA_TEST_TRANSPORT:
#   nginx (the default)  its own nginx (the shipped config) and worker pool on a free loopback port
#   cgi                  every request runs the binary once as a CGI script, from the environment,
#                        optionally under MEDUSA_TEST_WRAP (e.g. valgrind); no HTTP server
#   apache-fcgid         its own Apache with conf/apache/medusa-fcgi.conf: mod_fcgid runs the workers
#   apache-cgi           its own Apache as a shared host: the binary as medusa.cgi beside the shipped
#                        htaccess in a web directory, run by mod_cgid (under suexec when root)
# (tests/stack.sh and tests/apache.sh start the servers).
# The backend, MEDUSA_TEST_DB:
#   sqlite (the default)  the file $MEDUSA_TEST_DIR/medusa.db
#   pg                    a database of its own (named after the file and the bats process) in the
#                         run's PostgreSQL cluster, tests/pg/server.sh in MEDUSA_TEST_PGDIR (started
#                         here by the first file that needs it, under a lock; `make check DB=pg`
#                         stops it at the end, tests/pg/zz-stop.sh); MEDUSA_DATABASE is its URI.
# Tests run SQL on the file's database with dbsql, whatever the backend.
# shellcheck shell=bash

bats_load_library bats-support
bats_load_library bats-assert

: "${MEDUSA_SRCDIR:=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)}"
: "${MEDUSA_BIN:=$MEDUSA_SRCDIR/src/medusa-fcgi}"
: "${MEDUSA_TEST_TRANSPORT:=nginx}"
: "${MEDUSA_TEST_DB:=sqlite}"
export MEDUSA_SRCDIR MEDUSA_BIN MEDUSA_TEST_TRANSPORT MEDUSA_TEST_DB
export MEDUSA_ENV=development
if [ "$MEDUSA_TEST_DB" = pg ]; then
    : "${MEDUSA_TEST_PGDIR:=${TMPDIR:-/tmp}/medusa-test-pg.$(id -u)}"
    export MEDUSA_TEST_PGDIR
fi

# test_database: MEDUSA_DATABASE for this file's database (the SQLite file, or the PostgreSQL URI).
test_database() {
    if [ "$MEDUSA_TEST_DB" = pg ]; then
        echo "$MEDUSA_TEST_PGURL"
    else
        echo "$MEDUSA_TEST_DIR/medusa.db"
    fi
}

# need_sqlite REASON: in a test (or setup), skips it when the backend is not SQLite.
need_sqlite() {
    [ "$MEDUSA_TEST_DB" = sqlite ] || skip "SQLite only: $1"
}

# A file that is SQLite-only as a whole: `sqlite_only REASON || return 0` first in setup_file (bats
# 1.8 cannot skip from setup_file: it returns, starting nothing), and skip_sqlite_only first in
# setup, which then skips each test with REASON.
sqlite_only() {
    [ "$MEDUSA_TEST_DB" = sqlite ] && return 0
    export MEDUSA_TEST_SQLITE_ONLY="$1"
    return 1
}
skip_sqlite_only() {
    [ -z "${MEDUSA_TEST_SQLITE_ONLY:-}" ] || skip "SQLite only: $MEDUSA_TEST_SQLITE_ONLY"
}

# dbsql [SQL...]: runs SQL (each argument, or stdin when none) on this file's database; rows come
# out as sqlite3's default list mode prints them: columns separated by |, one row a line, NULL
# empty. SQLite waits up to 5 s for the server's lock, as the suites always did.
dbsql() {
    if [ "$MEDUSA_TEST_DB" = pg ]; then
        # medusa-fcgi sql: the tests' SQLite dialect goes through the driver's rewrite, and rows
        # come back as sqlite3 prints them (booleans 1/0, times as stored).
        if [ $# -eq 0 ]; then
            medusa sql
        else
            printf '%s\n;\n' "$@" | medusa sql
        fi
    else
        sqlite3 -cmd '.timeout 5000' "$MEDUSA_TEST_DIR/medusa.db" "$@"
    fi
}

# pg_cluster: the run's PostgreSQL cluster, started if it is not running (bats files run in
# parallel under make -j: the lock makes one of them start it, the others wait and reuse it).
pg_cluster() {
    mkdir -p "$(dirname "$MEDUSA_TEST_PGDIR")"
    (
        flock 9
        "$MEDUSA_SRCDIR/tests/pg/server.sh" start "$MEDUSA_TEST_PGDIR"
    ) 9>"$MEDUSA_TEST_PGDIR.lock"
}

# medusa VERB...: the binary against this file's database.
medusa() {
    MEDUSA_DATABASE="$(test_database)" "$MEDUSA_BIN" "$@"
}

# Fresh database: migrated and seeded with the demo store (plus any files given).
fresh_db() {
    if [ "$MEDUSA_TEST_DB" = pg ]; then
        pg_cluster
        if [ -z "${MEDUSA_TEST_PGNAME:-}" ]; then
            MEDUSA_TEST_PGNAME=$(basename "${BATS_TEST_FILENAME:-medusa}" .bats | tr '[:upper:]' '[:lower:]' |
                tr -c 'a-z0-9\n' _)
            MEDUSA_TEST_PGNAME="t_${MEDUSA_TEST_PGNAME:0:40}_$$"
            export MEDUSA_TEST_PGNAME
        fi
        "$MEDUSA_SRCDIR/tests/pg/server.sh" createdb "$MEDUSA_TEST_PGDIR" "$MEDUSA_TEST_PGNAME"
        MEDUSA_TEST_PGURL=$("$MEDUSA_SRCDIR/tests/pg/server.sh" url "$MEDUSA_TEST_PGDIR" "$MEDUSA_TEST_PGNAME")
        export MEDUSA_TEST_PGURL
    else
        rm -f "$MEDUSA_TEST_DIR"/medusa.db*
    fi
    medusa migrate 2>/dev/null
    medusa seed "$MEDUSA_SRCDIR/conf/demo-seed.json" 2>/dev/null
    local f
    for f in "$@"; do
        medusa seed "$f" 2>/dev/null
    done
}

# Call from setup_file: database, then the transport's server unless it is plain CGI.
# Extra arguments are additional seed files loaded after the demo store.
start_stack() {
    local parent="${BATS_FILE_TMPDIR:-/tmp}"
    # Apache runs as www-data when the tests run as root: its files must be reachable (bats'
    # own directories are private), and suexec only runs programs under /var/www.
    case "$MEDUSA_TEST_TRANSPORT" in
    apache-*) [ "$(id -u)" -eq 0 ] && parent=/var/www ;;
    esac
    MEDUSA_TEST_DIR="$(mktemp -d "$parent/medusa-test.XXXXXX")"
    export MEDUSA_TEST_DIR
    fresh_db "$@"
    case "$MEDUSA_TEST_TRANSPORT" in
    nginx)
        MEDUSA_TEST_PORT="$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)"
        export MEDUSA_TEST_PORT
        STACK_DATABASE="$(test_database)" \
            "$MEDUSA_SRCDIR/tests/stack.sh" start "$MEDUSA_TEST_DIR" "$MEDUSA_TEST_PORT" "${MEDUSA_TEST_WORKERS:-2}" >&3
        ;;
    apache-fcgid | apache-cgi)
        MEDUSA_TEST_PORT="$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)"
        export MEDUSA_TEST_PORT
        # On SQLite the file in MEDUSA_TEST_DIR (apache.sh's default).
        STACK_DATABASE="${MEDUSA_TEST_PGURL:-}" "$MEDUSA_SRCDIR/tests/apache.sh" start "$MEDUSA_TEST_DIR" "$MEDUSA_TEST_PORT" \
            "${MEDUSA_TEST_TRANSPORT#apache-}" >&3
        ;;
    cgi) ;;
    *)
        echo "unknown MEDUSA_TEST_TRANSPORT '$MEDUSA_TEST_TRANSPORT'" >&2
        return 1
        ;;
    esac
    export BASE="http://127.0.0.1:${MEDUSA_TEST_PORT:-0}"
}

stop_stack() {
    [ -n "${MEDUSA_TEST_DIR:-}" ] || return 0
    case "$MEDUSA_TEST_TRANSPORT" in
    nginx) "$MEDUSA_SRCDIR/tests/stack.sh" stop "$MEDUSA_TEST_DIR" || true ;;
    apache-*)
        "$MEDUSA_SRCDIR/tests/apache.sh" stop "$MEDUSA_TEST_DIR" || true
        # Outside bats' own temporary directories when run as root: remove it here.
        case "$MEDUSA_TEST_DIR" in /var/www/medusa-test.*) rm -rf "$MEDUSA_TEST_DIR" ;; esac
        ;;
    esac
    # The file's PostgreSQL database goes with it (MEDUSA_TEST_KEEP_DB=1 keeps it to look at).
    if [ "$MEDUSA_TEST_DB" = pg ] && [ -n "${MEDUSA_TEST_PGNAME:-}" ] && [ -z "${MEDUSA_TEST_KEEP_DB:-}" ]; then
        "$MEDUSA_SRCDIR/tests/pg/server.sh" dropdb "$MEDUSA_TEST_PGDIR" "$MEDUSA_TEST_PGNAME" || true
    fi
}

# Tests that need the real pool (signals, kill -9, nginx's own limits) skip under other transports.
need_nginx() {
    [ "$MEDUSA_TEST_TRANSPORT" = nginx ] || skip "needs the nginx transport"
}

# Tests that need a real HTTP server in front (concurrent clients through curl and $BASE) skip
# under plain CGI.
need_http() {
    [ "$MEDUSA_TEST_TRANSPORT" != cgi ] || skip "needs an HTTP server in front"
}

# api [-H 'Name: value']... METHOD PATH [JSON]
# Sets: status (HTTP status), body, headers (raw, lower-cased names), output (= body, for
# bats-assert). A JSON body is sent with Content-Type: application/json.
api() {
    local hdrs=() method path data
    while [ "$1" = -H ]; do
        hdrs+=("$2")
        shift 2
    done
    method="$1" path="$2" data="${3-}"
    if [ "$MEDUSA_TEST_TRANSPORT" = cgi ]; then
        _api_cgi "$method" "$path" "$data" "${hdrs[@]}"
    else
        _api_curl "$method" "$path" "$data" "${hdrs[@]}"
    fi
    # shellcheck disable=SC2034 # bats' assertions read $output
    output="$body"
}

_api_curl() {
    local method="$1" path="$2" data="$3" h args=()
    shift 3
    for h in "$@"; do args+=(-H "$h"); done
    if [ -n "$data" ]; then
        args+=(-H 'Content-Type: application/json' --data-binary "$data")
    fi
    local out="$BATS_TEST_TMPDIR/resp.$$"
    status=$(curl -gsS -o "$out.body" -D "$out.head" -w '%{http_code}' -X "$method" "${args[@]}" \
        "$BASE$path") || { status=000; }
    body=$(cat "$out.body")
    headers=$(tr -d '\r' < "$out.head" | sed 's/^\([^:]*\):/\L\1:/')
}

_api_cgi() {
    local method="$1" path="$2" data="$3" h name value env=()
    shift 3
    for h in "$@"; do
        name="${h%%:*}"
        value="${h#*: }"
        name="HTTP_$(echo "$name" | tr 'a-z-' 'A-Z_')"
        env+=("$name=$value")
    done
    if [ -n "$data" ]; then
        env+=("CONTENT_TYPE=application/json" "CONTENT_LENGTH=${#data}")
    fi
    local query=""
    [[ "$path" == *\?* ]] && query="${path#*\?}"
    local out="$BATS_TEST_TMPDIR/resp.$$" rc=0 wrap=()
    read -ra wrap <<< "${MEDUSA_TEST_WRAP:-}"
    # `|| rc=$?` keeps bats' errexit from ending the test here, before the wrapper's report
    # (valgrind's, say) is shown: the status 000 fails the next assertion instead.
    printf '%s' "$data" | env GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD="$method" \
        REQUEST_URI="$path" QUERY_STRING="$query" SERVER_PROTOCOL=HTTP/1.1 \
        MEDUSA_DATABASE="$(test_database)" "${env[@]}" \
        "${wrap[@]}" "$MEDUSA_BIN" > "$out.raw" 2> "$out.err" || rc=$?
    last_err="$out.err"
    if [ $rc -ne 0 ]; then
        echo "# $MEDUSA_TEST_WRAP $MEDUSA_BIN exited $rc for $method $path" >&2
        cat "$out.err" >&2
        status=000
        body=""
        headers=""
        return
    fi
    # Split the CGI answer into headers and body at the first empty line.
    headers=$(awk '/^\r?$/ {exit} {sub(/\r$/, ""); print}' "$out.raw" | sed 's/^\([^:]*\):/\L\1:/')
    status=$(printf '%s\n' "$headers" | sed -n 's/^status: \([0-9]*\).*/\1/p')
    body=$(awk 'f {print} /^\r?$/ {f = 1}' "$out.raw")
}

# header NAME: the value of a response header (lower-case name), or empty.
header() {
    printf '%s\n' "$headers" | sed -n "s/^$1: //p" | head -1
}

# assert_status N
assert_status() {
    if [ "$status" != "$1" ]; then
        echo "expected status $1, got $status; body: $body" >&2
        # A server error's cause is in the worker's log: a CGI request's stderr, or the last lines
        # of the pool's log (which holds every request's).
        if [[ "$status" == 5* ]]; then
            if [ "$MEDUSA_TEST_TRANSPORT" = cgi ]; then
                [ -s "${last_err:-}" ] && sed 's/^/# log: /' "$last_err" >&2
            elif [ -s "${MEDUSA_TEST_DIR:-}/medusa.log" ]; then
                tail -5 "$MEDUSA_TEST_DIR/medusa.log" | sed 's/^/# log: /' >&2
            fi
        fi
        return 1
    fi
}

# assert_json JQ_PATH EXPECTED: compares jq's compact output of the path with EXPECTED
# (strings are compared without quotes).
assert_json() {
    local got
    got=$(printf '%s' "$body" | jq -c "$1" 2>/dev/null | sed 's/^"\(.*\)"$/\1/') || true
    if [ "$got" != "$2" ]; then
        echo "$1: expected '$2', got '$got'; body: ${body:0:2000}" >&2
        return 1
    fi
}

# jqr PATH: raw jq output of the body.
jqr() {
    printf '%s' "$body" | jq -r "$1"
}

# assert_medusa_error STATUS TYPE MESSAGE [CODE]: Medusa's error body, exactly.
assert_medusa_error() {
    assert_status "$1"
    local want
    if [ -n "${4-}" ]; then
        want=$(jq -cn --arg c "$4" --arg t "$2" --arg m "$3" '{code:$c,type:$t,message:$m}')
    else
        want=$(jq -cn --arg t "$2" --arg m "$3" '{type:$t,message:$m}')
    fi
    local got
    got=$(printf '%s' "$body" | jq -c . 2>/dev/null)
    if [ "$got" != "$want" ]; then
        echo "expected error $want, got: $body" >&2
        return 1
    fi
}
