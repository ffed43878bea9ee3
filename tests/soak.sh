#!/bin/sh
# soak.sh: sustained mixed storefront traffic through nginx (`make soak`, not part of make check):
# wrk rotating over catalog GETs plus whole guest checkouts (tests/bench/checkout.py) for
# SOAK_SECONDS (default 120) against a fresh stack. Reports requests, 5xx answers and each
# worker's RSS at the start, after warm-up and at the end (from /proc). Exits 1 on any 5xx or
# when a worker's memory grew after warm-up.
set -eu
: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${MEDUSA_BIN:=$MEDUSA_SRCDIR/src/medusa-fcgi}"
: "${SOAK_SECONDS:=120}"
: "${SOAK_WORKERS:=2}"
export MEDUSA_SRCDIR MEDUSA_BIN
dir=$(mktemp -d /tmp/medusa-soak.XXXXXX)
trap '"$MEDUSA_SRCDIR/tests/stack.sh" stop "$dir"; rm -rf "$dir"' EXIT

MEDUSA_DATABASE="$dir/medusa.db" "$MEDUSA_BIN" migrate >/dev/null 2>&1
MEDUSA_DATABASE="$dir/medusa.db" "$MEDUSA_BIN" seed "$MEDUSA_SRCDIR/conf/demo-seed.json" >/dev/null 2>&1
# Stock for a long run of checkouts.
sqlite3 "$dir/medusa.db" "UPDATE product_variant SET inventory_quantity = 10000000"
port=$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)
"$MEDUSA_SRCDIR/tests/stack.sh" start "$dir" "$port" "$SOAK_WORKERS"
base="http://127.0.0.1:$port"

rss() { # pid -> RSS in kB
    awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo gone
}
pool=$(cat "$dir/medusa.pid")
workers=$(pgrep -P "$pool" | sort)
echo "workers: $(echo "$workers" | tr '\n' ' ')"
for w in $workers; do echo "rss start $w $(rss "$w") kB"; done

# Catalog paths for wrk, from the seeded store.
prod=$(curl -fsS "$base/store/products?limit=1" | jq -r '.products[0].id')
handle=$(curl -fsS "$base/store/products?limit=1" | jq -r '.products[0].handle')
region=$(curl -fsS "$base/store/regions" | jq -r '.regions[0].id')
cat > "$dir/soak.lua" <<LUA
local paths = {
  "/store/products", "/store/products?limit=4&offset=2", "/store/products/$prod",
  "/store/products?handle=$handle", "/store/products?q=shirt", "/store/regions",
  "/store/regions/$region", "/store/collections", "/store/product-categories",
  "/store/products?region_id=$region&currency_code=eur", "/store/variants?limit=5",
  "/store/product-tags", "/store/shipping-options", "/health",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
local codes = {}
response = function(status, headers, body)
  if status >= 500 then codes[status] = (codes[status] or 0) + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("wrk requests %d errors_status %d connect %d read %d write %d timeout %d p99_ms %.2f\n",
    summary.requests, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, latency:percentile(99) / 1000))
end
LUA

# Memory after warm-up (a quarter of the run, at least 5 s) is the baseline the end must match:
# caches and statements are built by then, so growth after it would be a leak.
warm=$((SOAK_SECONDS / 4))
[ "$warm" -lt 5 ] && warm=5
(
    sleep "$warm"
    for w in $workers; do echo "$w $(rss "$w")"; done
) > "$dir/warm.out" &
python3 "$MEDUSA_SRCDIR/tests/bench/checkout.py" "$base" "$SOAK_SECONDS" 2 > "$dir/checkout.out" 2> "$dir/checkout.err" &
co=$!
wrk -t1 -c8 -d"${SOAK_SECONDS}s" -s "$dir/soak.lua" "$base" > "$dir/wrk.out" 2>&1
wait "$co" || true
grep -E 'wrk requests|Requests/sec|Non-2xx' "$dir/wrk.out"
read -r flows_s p99 co_err < "$dir/checkout.out"
echo "checkout flows $(awk -v f="$flows_s" -v s="$SOAK_SECONDS" 'BEGIN {printf "%d", f * s}') ($flows_s/s, p99 ${p99} ms, failed flows $co_err)"
[ -s "$dir/checkout.err" ] && head -3 "$dir/checkout.err"

grew=0
while read -r w warm_kb; do
    end_kb=$(rss "$w")
    echo "rss warm  $w $warm_kb kB (after $warm s), end $end_kb kB"
    # Flat: within 10 % (and 1 MB) of the warm value.
    if [ "$end_kb" != gone ] && [ "$warm_kb" != gone ] &&
        [ "$end_kb" -gt $((warm_kb + warm_kb / 10 + 1024)) ]; then
        grew=1
    fi
done < "$dir/warm.out"
for w in $workers; do echo "rss end   $w $(rss "$w") kB"; done
now=$(pgrep -P "$pool" | sort)
[ "$now" = "$workers" ] || echo "workers changed during the soak: $(echo "$now" | tr '\n' ' ')"
# 5xx from the pool's own log (one line per request: METHOD PATH STATUS TIME).
n5=$(grep -Ec ' 5[0-9][0-9] [0-9]+us$' "$dir/medusa.log" || true)
total=$(grep -Ec ' [0-9]{3} [0-9]+us$' "$dir/medusa.log" || true)
echo "pool answered $total requests, $n5 with a 5xx"
[ "$grew" -eq 0 ] || echo "worker memory grew after warm-up"
[ "$n5" -eq 0 ] && [ "$co_err" -eq 0 ] && [ "$grew" -eq 0 ]
