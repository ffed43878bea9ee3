#!/bin/sh
# stripe.sh (make bench-stripe): what one Stripe call costs through the client (pay/stripe.c over
# net/https.c: one kept-alive connection, form encoding, JSON parsing) against the Stripe test
# double on loopback: `medusa-fcgi stripe-check --calls N` times N GET /v1/balance and prints the
# mean, p50, p99 and max. The double is Python; against api.stripe.com the network dominates
# (run `medusa-fcgi stripe-check --calls 20` on the shop's server for that figure).
# BENCH_STRIPE_CALLS (default 2000).
set -eu
: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${MEDUSA_BIN:=$MEDUSA_SRCDIR/src/medusa-fcgi}"
dir=$(mktemp -d /tmp/medusa-bench-stripe.XXXXXX)
key=sk_test_bench_0000000000000000BNCH
python3 "$MEDUSA_SRCDIR/tests/stripe/double.py" --api-key "$key" --port-file "$dir/port" \
    >"$dir/double.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
i=0
while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
STRIPE_API_KEY=$key STRIPE_WEBHOOK_SECRET=whsec_bench STRIPE_API_BASE="http://127.0.0.1:$(cat "$dir/port")" \
    MEDUSA_DATABASE="$dir/none.db" MEDUSA_LOG_LEVEL=warn \
    "$MEDUSA_BIN" stripe-check --calls "${BENCH_STRIPE_CALLS:-2000}" | grep '^calls:'
