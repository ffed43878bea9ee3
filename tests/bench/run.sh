#!/bin/sh
# run.sh (make bench): wrk against nginx + the worker pool over the seeded demo store, for every
# path in endpoints.txt, beside the same run's anchors: nginx `return 200` and a minimal libfcgi
# hello handler. Prints req/s and p99 per endpoint and each as a ratio of the anchors.
# A tool, not a test. BENCH_SECONDS (default 5), BENCH_CONNECTIONS (16), BENCH_WORKERS (cores).
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
MEDUSA_DATABASE="$dir/medusa.db" "$MEDUSA_BIN" migrate 2>/dev/null
MEDUSA_DATABASE="$dir/medusa.db" "$MEDUSA_BIN" seed "$MEDUSA_SRCDIR/conf/demo-seed.json" 2>/dev/null
if [ -n "${BENCH_EXTRA_SEED:-}" ]; then
    MEDUSA_DATABASE="$dir/medusa.db" "$MEDUSA_BIN" seed "$BENCH_EXTRA_SEED" 2>/dev/null
fi
port=$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)
"$dir/hello" "$dir/hello.sock" "$workers" </dev/null >/dev/null 2>&1 &
hello=$!
"$MEDUSA_SRCDIR/tests/stack.sh" start "$dir" "$port" "$workers"
trap '"$MEDUSA_SRCDIR/tests/stack.sh" stop "$dir"; kill $hello 2>/dev/null; wait $hello 2>/dev/null; rm -rf "$dir"' EXIT

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }

# measure PATH: prints "REQS P99MS".
measure() {
    wrk -t2 -c"$conns" -d"${secs}s" --latency "http://127.0.0.1:$port$1" > "$dir/wrk.out" 2>&1
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$dir/wrk.out")
    p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000}
            else if (v ~ /ms$/) sub(/ms$/, "", v); else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000};
            print v}' "$dir/wrk.out")
    bad=$(awk '/Non-2xx/ {print $5}' "$dir/wrk.out")
    echo "${rps:-0} ${p99:-0} ${bad:-0}"
}

echo "medusa-fcgi bench: $(nproc) cores, $workers workers, wrk -c$conns ${secs}s per endpoint"
set -- $(measure /nginx-200); ng=$1
printf '%-48s %10s %9s %9s %9s\n' endpoint req/s p99_ms vs_nginx vs_hello
printf '%-48s %10.0f %9.2f %9s %9s\n' "nginx return 200" "$1" "$2" 1.000 -
set -- $(measure /hello); hl=$1
printf '%-48s %10.0f %9.2f %9s %9s\n' "fastcgi hello" "$1" "$2" "$(ratio "$1" "$ng")" 1.000
grep -v '^#' "$MEDUSA_SRCDIR/tests/bench/endpoints.txt" | while read -r path; do
    [ -n "$path" ] || continue
    set -- $(measure "$path")
    note=""
    [ "$3" != 0 ] && note="  ($3 non-2xx!)"
    printf '%-48s %10.0f %9.2f %9s %9s%s\n' "$path" "$1" "$2" "$(ratio "$1" "$ng")" \
        "$(ratio "$1" "$hl")" "$note"
done
