# stripe.bash: the Stripe test double (tests/stripe/double.py, a stand-in for Stripe's API, which
# is an external paid service) for the bats files: started per file on a free loopback port, the
# pool pointed at it through STRIPE_API_BASE. Load after helpers, call start_double before
# start_stack (the pool inherits the STRIPE_* environment) and stop_double in teardown_file.
# shellcheck shell=bash

STRIPE_TEST_KEY=sk_test_double_51HmedusaFcgi0000TEST
STRIPE_TEST_SECRET=whsec_double_medusa_fcgi_test_secret

start_double() {
    STRIPE_DOUBLE_DIR="$(mktemp -d "${BATS_FILE_TMPDIR:-/tmp}/double.XXXXXX")"
    python3 "$MEDUSA_SRCDIR/tests/stripe/double.py" --api-key "$STRIPE_TEST_KEY" \
        --port-file "$STRIPE_DOUBLE_DIR/port" > "$STRIPE_DOUBLE_DIR/double.log" 2>&1 3>&- &
    echo $! > "$STRIPE_DOUBLE_DIR/pid"
    local i=0
    while [ ! -s "$STRIPE_DOUBLE_DIR/port" ] && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    STRIPE_DOUBLE="http://127.0.0.1:$(cat "$STRIPE_DOUBLE_DIR/port")"
    export STRIPE_DOUBLE_DIR STRIPE_DOUBLE
    export STRIPE_API_KEY="$STRIPE_TEST_KEY" STRIPE_WEBHOOK_SECRET="$STRIPE_TEST_SECRET"
    export STRIPE_API_BASE="$STRIPE_DOUBLE"
}

stop_double() {
    if [ -n "${STRIPE_DOUBLE_DIR:-}" ] && [ -f "$STRIPE_DOUBLE_DIR/pid" ]; then
        kill "$(cat "$STRIPE_DOUBLE_DIR/pid")" 2>/dev/null || true
        rm -f "$STRIPE_DOUBLE_DIR/pid"
    fi
}

# double METHOD PATH [JSON]: a control call (/_double/...); the answer's body on stdout.
double() {
    curl -sS -X "$1" -H 'Content-Type: application/json' ${3:+--data-binary "$3"} \
        "$STRIPE_DOUBLE/_double/$2"
}

# stripe_api METHOD PATH [FORM]: a call to the double's Stripe API with the test key.
stripe_api() {
    curl -sS -X "$1" -H "Authorization: Bearer $STRIPE_TEST_KEY" ${3:+--data "$3"} \
        "$STRIPE_DOUBLE$2"
}

# stripe_requests JQ_FILTER: jq over the API calls the double has seen.
stripe_requests() {
    double GET requests | jq -c "$1"
}

# stripe_sign PAYLOAD [TIMESTAMP [SECRET]]: the Stripe-Signature header the double makes.
stripe_sign() {
    double POST webhooks/sign "$(jq -cn --arg p "$1" --arg s "${3:-$STRIPE_TEST_SECRET}" \
        --argjson t "${2:-$(date +%s)}" '{payload: $p, secret: $s, timestamp: $t}')" |
        jq -r .signature
}

# stripe_event TYPE [OBJECT_ID]: a new event made by the double; its JSON payload (as Stripe
# sends it, pretty-printed) on stdout.
stripe_event() {
    double POST events "$(jq -cn --arg t "$1" --arg o "${2:-}" \
        '{type: $t} + (if $o == "" then {} else {object_id: $o} end)')" | jq -r .payload
}

# hook PAYLOAD [SIGNATURE]: POST /stripe/hooks as Stripe sends it (signed now unless given).
hook() {
    local sig="${2-$(stripe_sign "$1")}"
    if [ -n "$sig" ]; then
        api -H "Stripe-Signature: $sig" POST /stripe/hooks "$1"
    else
        api POST /stripe/hooks "$1"
    fi
}
