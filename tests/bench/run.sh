#!/bin/sh
# shellcheck disable=SC2046 # measure and checkout.py print space-separated numbers: `set -- $(...)` splits them on purpose
# run.sh (make bench): wrk against nginx + the worker pool over the seeded demo store, for every
# path in endpoints.txt, twice in the same run: through a pool with the answer cache on (the
# default config) and through a second pool, on a copy of the same database, with it off
# (cache_ttl_ms = 0: what a shop whose visitors vary their queries gets). Beside the same run's
# anchors: nginx `return 200`, a minimal libfcgi hello handler and a one-SQLite-read handler.
# Prints req/s and p99 per endpoint for both pools, the uncached figure as a ratio of hello, and
# the ratio to real Medusa 1.20.11's figure for the same request on this kind of machine
# (tests/bench/medusa-ref.txt: a reference measured once, not in this run).
# A tool, not a test. BENCH_SECONDS (default 5), BENCH_CONNECTIONS (16), BENCH_WORKERS (cores),
# BENCH_PRODUCTS (generated products added to the demo store, tests/bench/gen-catalog.sh; 0).
# BENCH_DB=pg (make bench DB=pg): both pools on one PostgreSQL database of a private cluster
# (tests/pg/server.sh, fsync on, on this machine) instead of SQLite files; the anchors stay.
set -eu
: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${MEDUSA_BIN:=$MEDUSA_SRCDIR/src/medusa-fcgi}"
export MEDUSA_SRCDIR MEDUSA_BIN MEDUSA_ENV=development MEDUSA_LOG_LEVEL=warn
secs="${BENCH_SECONDS:-5}"
conns="${BENCH_CONNECTIONS:-16}"
workers="${BENCH_WORKERS:-$(nproc)}"
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }

dir=$(mktemp -d /tmp/medusa-bench.XXXXXX)
cc -O2 -o "$dir/hello" "$MEDUSA_SRCDIR/tests/bench/hello.c" -lfcgi
cc -O2 -o "$dir/oneread" "$MEDUSA_SRCDIR/tests/bench/oneread.c" -lfcgi -ljson-c -lsqlite3
# The demo store in SQLite (the one-read anchor reads it, and the pools unless BENCH_DB=pg).
load() {
    MEDUSA_DATABASE="$1" "$MEDUSA_BIN" migrate 2>/dev/null
    MEDUSA_DATABASE="$1" "$MEDUSA_BIN" seed "$MEDUSA_SRCDIR/conf/demo-seed.json" 2>/dev/null
    if [ -n "${BENCH_EXTRA_SEED:-}" ]; then
        MEDUSA_DATABASE="$1" "$MEDUSA_BIN" seed "$BENCH_EXTRA_SEED" 2>/dev/null
    fi
}
load "$dir/medusa.db"
if [ "${BENCH_PRODUCTS:-0}" -gt 0 ]; then
    sh "$MEDUSA_SRCDIR/tests/bench/gen-catalog.sh" "$dir/medusa.db" "$BENCH_PRODUCTS"
fi
mkdir -p "$dir/uncached"
pgdir=""
if [ "${BENCH_DB:-sqlite}" = pg ]; then
    pgdir="$dir/pg"
    chmod 755 "$dir" # the server runs as postgres
    "$MEDUSA_SRCDIR/tests/pg/server.sh" start --fsync on "$pgdir" "$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)"
    "$MEDUSA_SRCDIR/tests/pg/server.sh" createdb "$pgdir" bench
    db=$("$MEDUSA_SRCDIR/tests/pg/server.sh" url "$pgdir" bench)
    load "$db"
    udb=$db # one database: the cache is per pool, and stays exact across pools
else
    db="$dir/medusa.db"
    udb="$dir/uncached/medusa.db"
    sqlite3 "$dir/medusa.db" ".backup '$udb'"
fi
# dbq DATABASE SQL: rows as sqlite3 prints them, on either database.
dbq() { MEDUSA_DATABASE="$1" "$MEDUSA_BIN" sql "$2"; }
port=$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)
uport=$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)
"$dir/hello" "$dir/hello.sock" "$workers" </dev/null >/dev/null 2>&1 &
hello=$!
"$dir/oneread" "$dir/oneread.sock" "$workers" "$dir/medusa.db" </dev/null >/dev/null 2>&1 &
oneread=$!
STACK_DATABASE="$db" "$MEDUSA_SRCDIR/tests/stack.sh" start "$dir" "$port" "$workers"
STACK_DATABASE="$udb" MEDUSA_CACHE_TTL_MS=0 "$MEDUSA_SRCDIR/tests/stack.sh" start "$dir/uncached" "$uport" "$workers"
trap '"$MEDUSA_SRCDIR/tests/stack.sh" stop "$dir"; "$MEDUSA_SRCDIR/tests/stack.sh" stop "$dir/uncached"; kill $hello $oneread 2>/dev/null; wait $hello $oneread 2>/dev/null; [ -z "$pgdir" ] || "$MEDUSA_SRCDIR/tests/pg/server.sh" stop "$pgdir"; rm -rf "$dir"' EXIT

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }

# drain PORT: waits (up to 60 s) until the pool answers /health at once again, so that requests a
# slow endpoint left queued do not eat into the next measurement.
drain() {
    i=0
    while [ $i -lt 120 ] && ! curl -s -m 0.2 -o /dev/null "http://127.0.0.1:$1/health"; do
        sleep 0.5
        i=$((i + 1))
    done
}

# measure PORT PATH [METHOD BODY]: prints "REQS P99MS NON2XX".
measure() {
    script=""
    if [ -n "${3:-}" ]; then
        # wrk's Lua: the method and JSON body of the request.
        body=$(printf '%s' "$4" | sed 's/\\/\\\\/g; s/"/\\"/g')
        printf 'wrk.method = "%s"\nwrk.body = "%s"\nwrk.headers["Content-Type"] = "application/json"\n' \
            "$3" "$body" > "$dir/req.lua"
        script="-s $dir/req.lua"
    fi
    # shellcheck disable=SC2086
    wrk -t2 -c"$conns" -d"${secs}s" --latency $script "http://127.0.0.1:$1$2" > "$dir/wrk.out" 2>&1
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$dir/wrk.out")
    p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000}
            else if (v ~ /ms$/) sub(/ms$/, "", v); else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000};
            print v}' "$dir/wrk.out")
    bad=$(awk '/Non-2xx/ {print $5}' "$dir/wrk.out")
    echo "${rps:-0} ${p99:-0} ${bad:-0}"
    drain "$1"
}

# medusa LABEL: real Medusa's req/s for that request (tests/bench/medusa-ref.txt), or "-".
medusa() {
    awk -v k="$1" -F '\t' '$1 == k {print $2; found = 1} END {if (!found) print "-"}' \
        "$MEDUSA_SRCDIR/tests/bench/medusa-ref.txt"
}

nprod=$(dbq "$db" "SELECT count(*) FROM product")
echo "medusa-fcgi bench: $(nproc) cores, $workers workers per pool, wrk -c$conns ${secs}s per figure, $nprod products, ${BENCH_DB:-sqlite}"
set -- $(measure "$port" /nginx-200)
printf '%-52s %9s %8s %9s %8s %8s %8s\n' endpoint cached p99_ms uncached p99_ms vs_hello x_medusa
printf '%-52s %9.0f %8.2f %9s %8s %8s %8s\n' "nginx return 200" "$1" "$2" - - - -
set -- $(measure "$port" /hello); hl=$1
printf '%-52s %9.0f %8.2f %9s %8s %8s %8s\n' "fastcgi hello" "$1" "$2" - - 1.000 -
eu=$(dbq "$db" "SELECT id FROM region WHERE name = 'EU'" 2>/dev/null || true)
product=$(dbq "$db" "SELECT id FROM product WHERE handle = 't-shirt'" 2>/dev/null || true)
# Checkouts must not run out of stock during the run.
dbq "$db" "UPDATE product_variant SET allow_backorder = 1"
[ "$udb" = "$db" ] || dbq "$udb" "UPDATE product_variant SET allow_backorder = 1"
variant=$(dbq "$db" "SELECT id FROM product_variant WHERE product_id = '$product' ORDER BY variant_rank LIMIT 1")
newcart() {
    curl -s -X POST -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$1/store/carts" |
        sed -n 's/.*"cart":{"object":"cart","id":"\([^"]*\)".*/\1/p'
}
# neworder PORT: a guest checkout through the pool; prints the order's id.
neworder() {
    b="http://127.0.0.1:$1"
    c=$(newcart "$1")
    post() { curl -s -X POST -H 'Content-Type: application/json' -d "$2" "$b$1"; }
    post "/store/carts/$c/line-items" "{\"variant_id\":\"$variant\",\"quantity\":1}" >/dev/null
    post "/store/carts/$c" '{"email":"bench@example.com","shipping_address":{"first_name":"B","address_1":"x","city":"Berlin","country_code":"de","postal_code":"10115"}}' >/dev/null
    opt=$(curl -s "$b/store/shipping-options/$c" | jq -r '.shipping_options[0].id')
    post "/store/carts/$c/shipping-methods" "{\"option_id\":\"$opt\"}" >/dev/null
    post "/store/carts/$c/payment-sessions" '{}' >/dev/null
    post "/store/carts/$c/complete" '{}' | jq -r '.data.id'
}
cart=$(newcart "$port")
ucart=$(newcart "$uport")
order=$(neworder "$port")
uorder=$(neworder "$uport")
set -- $(measure "$port" "/oneread?id=$product")
printf '%-52s %9.0f %8.2f %9s %8s %8s %8s\n' "fastcgi one sqlite read + json-c" "$1" "$2" - - \
    "$(ratio "$1" "$hl")" -
grep -v '^#' "$MEDUSA_SRCDIR/tests/bench/endpoints.txt" | while read -r line; do
    [ -n "$line" ] || continue
    method="" reqbody="" label="$line" path="$line"
    case "$line" in
    POST\ *)
        method=POST
        rest=${line#POST }
        reqbody=${rest#* }
        path=${rest%% *}
        ;;
    esac
    sub() { printf '%s' "$1" | sed "s/@EU/$eu/g; s/@PRODUCT/$product/g; s/@CART/$2/g; s/@VARIANT/$variant/g; s/@ORDER/$3/g"; }
    set -- $(measure "$port" "$(sub "$path" "$cart" "$order")" "$method" "$(sub "$reqbody" "$cart" "$order")")
    c_rps=$1 c_p99=$2 c_bad=$3
    set -- $(measure "$uport" "$(sub "$path" "$ucart" "$uorder")" "$method" "$(sub "$reqbody" "$ucart" "$uorder")")
    note=""
    [ "$c_bad" != 0 ] || [ "$3" != 0 ] && note="  (non-2xx: $c_bad cached, $3 uncached!)"
    m=$(medusa "$label")
    xm=-
    [ "$m" != - ] && xm=$(awk -v a="$1" -v b="$m" 'BEGIN { printf "%.0fx", a / b }')
    printf '%-52s %9.0f %8.2f %9.0f %8.2f %8s %8s%s\n' "$(printf '%s' "$label" | cut -c1-52)" \
        "$c_rps" "$c_p99" "$1" "$2" "$(ratio "$1" "$hl")" "$xm" "$note"
done

# Whole guest checkouts (tests/bench/checkout.py): flows per second, not requests.
set -- $(python3 "$MEDUSA_SRCDIR/tests/bench/checkout.py" "http://127.0.0.1:$port" "$secs" "$conns")
c_flows=$1 c_p99=$2 c_bad=$3
set -- $(python3 "$MEDUSA_SRCDIR/tests/bench/checkout.py" "http://127.0.0.1:$uport" "$secs" "$conns")
printf '%-52s %9.1f %8.2f %9.1f %8.2f %8s %8s%s\n' "checkout flow (7 requests), flows/s" "$c_flows" \
    "$c_p99" "$1" "$2" - - "$( [ "$c_bad" != 0 ] || [ "$3" != 0 ] && echo "  ($c_bad/$3 failed!)")"
