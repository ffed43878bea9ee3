#!/bin/sh
# shellcheck disable=SC2046 # measure and checkout.py print space-separated numbers: `set -- $(...)` splits them on purpose
# run.sh (make bench): wrk against nginx + the worker pool over the seeded demo store, for every
# path in endpoints.txt, beside the same run's anchors: nginx `return 200` and a minimal libfcgi
# hello handler. Prints req/s and p99 per endpoint and each as a ratio of the anchors.
# A tool, not a test. BENCH_SECONDS (default 5), BENCH_CONNECTIONS (16), BENCH_WORKERS (cores),
# BENCH_PRODUCTS (generated products added to the demo store, tests/bench/gen-catalog.sh; 0),
# BENCH_CACHE=0 to measure with the answer cache off (conf cache_ttl_ms = 0).
# Anchors: nginx `return 200`; "hello", a libfcgi handler writing a fixed body; "oneread", one
# that also reads one product row from SQLite and serialises it with json-c.
set -eu
: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${MEDUSA_BIN:=$MEDUSA_SRCDIR/src/medusa-fcgi}"
export MEDUSA_SRCDIR MEDUSA_BIN MEDUSA_ENV=development MEDUSA_LOG_LEVEL=warn
if [ "${BENCH_CACHE:-1}" = 0 ]; then
    export MEDUSA_CACHE_TTL_MS=0
fi
secs="${BENCH_SECONDS:-5}"
conns="${BENCH_CONNECTIONS:-16}"
workers="${BENCH_WORKERS:-$(nproc)}"
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }

dir=$(mktemp -d /tmp/medusa-bench.XXXXXX)
cc -O2 -o "$dir/hello" "$MEDUSA_SRCDIR/tests/bench/hello.c" -lfcgi
cc -O2 -o "$dir/oneread" "$MEDUSA_SRCDIR/tests/bench/oneread.c" -lfcgi -ljson-c -lsqlite3
MEDUSA_DATABASE="$dir/medusa.db" "$MEDUSA_BIN" migrate 2>/dev/null
MEDUSA_DATABASE="$dir/medusa.db" "$MEDUSA_BIN" seed "$MEDUSA_SRCDIR/conf/demo-seed.json" 2>/dev/null
if [ -n "${BENCH_EXTRA_SEED:-}" ]; then
    MEDUSA_DATABASE="$dir/medusa.db" "$MEDUSA_BIN" seed "$BENCH_EXTRA_SEED" 2>/dev/null
fi
if [ "${BENCH_PRODUCTS:-0}" -gt 0 ]; then
    sh "$MEDUSA_SRCDIR/tests/bench/gen-catalog.sh" "$dir/medusa.db" "$BENCH_PRODUCTS"
fi
port=$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)
"$dir/hello" "$dir/hello.sock" "$workers" </dev/null >/dev/null 2>&1 &
hello=$!
"$dir/oneread" "$dir/oneread.sock" "$workers" "$dir/medusa.db" </dev/null >/dev/null 2>&1 &
oneread=$!
"$MEDUSA_SRCDIR/tests/stack.sh" start "$dir" "$port" "$workers"
trap '"$MEDUSA_SRCDIR/tests/stack.sh" stop "$dir"; kill $hello $oneread 2>/dev/null; wait $hello $oneread 2>/dev/null; rm -rf "$dir"' EXIT

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }

# measure PATH: prints "REQS P99MS".
# drain: waits (up to 60 s) until the pool answers /health at once again, so that requests a
# slow endpoint left queued do not eat into the next measurement.
drain() {
    i=0
    while [ $i -lt 120 ] && ! curl -s -m 0.2 -o /dev/null "http://127.0.0.1:$port/health"; do
        sleep 0.5
        i=$((i + 1))
    done
}

# measure PATH [METHOD BODY]
measure() {
    script=""
    if [ -n "${2:-}" ]; then
        # wrk's Lua: the method and JSON body of the request.
        body=$(printf '%s' "$3" | sed 's/\\/\\\\/g; s/"/\\"/g')
        printf 'wrk.method = "%s"\nwrk.body = "%s"\nwrk.headers["Content-Type"] = "application/json"\n' \
            "$2" "$body" > "$dir/req.lua"
        script="-s $dir/req.lua"
    fi
    # shellcheck disable=SC2086
    wrk -t2 -c"$conns" -d"${secs}s" --latency $script "http://127.0.0.1:$port$1" > "$dir/wrk.out" 2>&1
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$dir/wrk.out")
    p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000}
            else if (v ~ /ms$/) sub(/ms$/, "", v); else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000};
            print v}' "$dir/wrk.out")
    bad=$(awk '/Non-2xx/ {print $5}' "$dir/wrk.out")
    echo "${rps:-0} ${p99:-0} ${bad:-0}"
    drain
}

cache_state=on
[ "${MEDUSA_CACHE_TTL_MS:-}" = 0 ] && cache_state=off
nprod=$(sqlite3 "$dir/medusa.db" "SELECT count(*) FROM product")
echo "medusa-fcgi bench: $(nproc) cores, $workers workers, wrk -c$conns ${secs}s per endpoint, $nprod products, answer cache $cache_state"
set -- $(measure /nginx-200); ng=$1
printf '%-48s %10s %9s %9s %9s\n' endpoint req/s p99_ms vs_nginx vs_hello
printf '%-48s %10.0f %9.2f %9s %9s\n' "nginx return 200" "$1" "$2" 1.000 -
set -- $(measure /hello); hl=$1
printf '%-48s %10.0f %9.2f %9s %9s\n' "fastcgi hello" "$1" "$2" "$(ratio "$1" "$ng")" 1.000
eu=$(sqlite3 "$dir/medusa.db" "SELECT id FROM region WHERE name = 'EU'" 2>/dev/null || true)
product=$(sqlite3 "$dir/medusa.db" "SELECT id FROM product WHERE handle = 't-shirt'" 2>/dev/null || true)
# Checkouts must not run out of stock during the run.
sqlite3 "$dir/medusa.db" "UPDATE product_variant SET allow_backorder = 1"
variant=$(sqlite3 "$dir/medusa.db" "SELECT id FROM product_variant WHERE product_id = '$product' ORDER BY variant_rank LIMIT 1")
cart=$(curl -s -X POST -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$port/store/carts" |
    sed -n 's/.*"cart":{"object":"cart","id":"\([^"]*\)".*/\1/p')
set -- $(measure "/oneread?id=$product")
printf '%-48s %10.0f %9.2f %9s %9s\n' "fastcgi one sqlite read + json-c" "$1" "$2" "$(ratio "$1" "$ng")" "$(ratio "$1" "$hl")"
grep -v '^#' "$MEDUSA_SRCDIR/tests/bench/endpoints.txt" | while read -r path; do
    [ -n "$path" ] || continue
    path=$(printf '%s' "$path" | sed "s/@EU/$eu/g; s/@PRODUCT/$product/g; s/@CART/$cart/g; s/@VARIANT/$variant/g")
    method="" reqbody="" label="$path"
    case "$path" in
    POST\ *)
        method=POST
        rest=${path#POST }
        reqbody=${rest#* }
        path=${rest%% *}
        label="POST $path $reqbody"
        ;;
    esac
    set -- $(measure "$path" "$method" "$reqbody")
    note=""
    [ "$3" != 0 ] && note="  ($3 non-2xx!)"
    printf '%-48s %10.0f %9.2f %9s %9s%s\n' "$label" "$1" "$2" "$(ratio "$1" "$ng")" \
        "$(ratio "$1" "$hl")" "$note"
done

# Whole guest checkouts (tests/bench/checkout.py): flows per second, not requests.
set -- $(python3 "$MEDUSA_SRCDIR/tests/bench/checkout.py" "http://127.0.0.1:$port" "$secs" "$conns")
printf '%-48s %10.1f %9.2f %9s %9s%s\n' "checkout flow (7 requests), flows/s" "$1" "$2" - - \
    "$( [ "$3" != 0 ] && echo "  ($3 failed!)")"
