#!/bin/sh
# stripe-sessions.sh (make bench-stripe): what a Stripe call adds to POST
# /store/carts/{id}/payment-sessions, through nginx and the worker pool against the Stripe test
# double (tests/stripe/double.py, a stand-in for Stripe on loopback). Two regions of the demo
# store are given one provider each (manual, stripe); BENCH_SESSIONS fresh carts (default 300)
# in each get their first POST /payment-sessions (for stripe: a Customer and a PaymentIntent
# made at the double), timed by curl; prints median and p99 per provider. Against
# api.stripe.com the network round trips dominate (two per session for a guest).
set -eu
: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${MEDUSA_BIN:=$MEDUSA_SRCDIR/src/medusa-fcgi}"
n=${BENCH_SESSIONS:-300}
dir=$(mktemp -d /tmp/medusa-bench-sessions.XXXXXX)
key=sk_test_bench_0000000000000000BNCH
python3 "$MEDUSA_SRCDIR/tests/stripe/double.py" --api-key "$key" --port-file "$dir/port" \
    >"$dir/double.log" 2>&1 &
dpid=$!
trap 'MEDUSA_BIN=$MEDUSA_BIN "$MEDUSA_SRCDIR/tests/stack.sh" stop "$dir" >/dev/null 2>&1 || true; kill $dpid 2>/dev/null; rm -rf "$dir"' EXIT
i=0
while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
export STRIPE_API_KEY=$key STRIPE_WEBHOOK_SECRET=whsec_bench
STRIPE_API_BASE="http://127.0.0.1:$(cat "$dir/port")"
export STRIPE_API_BASE MEDUSA_LOG_LEVEL=warn MEDUSA_DATABASE="$dir/medusa.db"
"$MEDUSA_BIN" migrate >/dev/null 2>&1
"$MEDUSA_BIN" seed "$MEDUSA_SRCDIR/conf/demo-seed.json" >/dev/null 2>&1
db() { sqlite3 -cmd '.timeout 5000' "$dir/medusa.db" "$@"; }
eu=$(db "SELECT id FROM region WHERE name = 'EU'")
na=$(db "SELECT id FROM region WHERE name <> 'EU' LIMIT 1")
db "DELETE FROM region_payment_providers WHERE region_id = '$eu' AND provider_id <> 'stripe';
    DELETE FROM region_payment_providers WHERE region_id = '$na' AND provider_id <> 'manual';"
port=$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)
"$MEDUSA_SRCDIR/tests/stack.sh" start "$dir" "$port" 2 >/dev/null
base="http://127.0.0.1:$port"
variant=$(db "SELECT id FROM product_variant WHERE deleted_at IS NULL LIMIT 1")
for provider in manual stripe; do
    region=$na
    [ "$provider" = stripe ] && region=$eu
    : >"$dir/$provider.times"
    k=0
    while [ $k -lt "$n" ]; do
        cart=$(curl -sS -X POST -H 'Content-Type: application/json' \
            --data-binary "{\"region_id\":\"$region\",\"items\":[{\"variant_id\":\"$variant\",\"quantity\":1}]}" \
            "$base/store/carts" | jq -r .cart.id)
        curl -sS -o "$dir/out" -w '%{time_total}\n' -X POST \
            "$base/store/carts/$cart/payment-sessions" >>"$dir/$provider.times"
        if [ "$provider" = stripe ] && ! jq -e '.cart.payment_session.data.client_secret' "$dir/out" >/dev/null; then
            echo "stripe-sessions: no PaymentIntent in the answer: $(head -c 300 "$dir/out")" >&2
            exit 1
        fi
        k=$((k + 1))
    done
    sort -n "$dir/$provider.times" | awk -v p="$provider" '{ t[NR] = $1 * 1000 }
        END { m = t[int((NR + 1) / 2)]; q = t[int(NR * 0.99 + 0.999)];
              printf "payment-sessions %-6s n=%d median=%.2f ms p99=%.2f ms\n", p, NR, m, q }'
done
