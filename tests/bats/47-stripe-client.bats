#!/usr/bin/env bats
# 47-stripe-client.bats: the Stripe provider's first part (issue 16), against the Stripe test
# double (tests/stripe/double.py; Stripe is an external paid service): the stripe_* settings, the
# client through `medusa-fcgi stripe-check` (every call the provider makes, retries, timeouts,
# keep-alive, the Idempotency-Key kept across retries), and POST /stripe/hooks through nginx as
# medusa-payment-stripe 6.0.11 answers it (verified events recorded once, replays recognised,
# 400 "Webhook Error: ..." for anything unsigned, wrongly signed or stale, changing nothing).

load helpers
load orders
load stripe

setup_file() {
    start_double
    start_stack
}

teardown_file() {
    stop_stack
    stop_double
}

setup() {
    double DELETE faults > /dev/null
    double DELETE requests > /dev/null
}

# events_count: rows of stripe_event.
events_count() {
    sql "SELECT count(*) FROM stripe_event"
}

# check ARGS...: stripe-check with this file's settings (environment overrides before it).
check() {
    run medusa stripe-check "$@"
}

# ---- settings ---------------------------------------------------------------------------------

@test "config: the stripe_* keys from the environment, the key shown only by kind and last four" {
    run medusa config
    assert_success
    assert_line "stripe_api_key = (set: sk_test_...TEST, test mode)"
    assert_line "stripe_webhook_secret = (set)"
    assert_line "stripe_api_base = $STRIPE_DOUBLE"
    assert_line "stripe_capture = false"
    assert_line "stripe_automatic_payment_methods = false"
    refute_output --partial "$STRIPE_TEST_KEY"
    refute_output --partial "$STRIPE_TEST_SECRET"
}

@test "config: the options from the file, as medusa-payment-stripe's (capture, automatic payment methods, description)" {
    cat > "$BATS_TEST_TMPDIR/m.conf" <<CONF
stripe_api_key = sk_live_0123456789abcdefWXYZ
stripe_capture = true
stripe_automatic_payment_methods = yes
stripe_payment_description = Order from the shop
stripe_api_base = https://api.stripe.com/
CONF
    run env -u STRIPE_API_KEY -u STRIPE_API_BASE "$MEDUSA_BIN" -c "$BATS_TEST_TMPDIR/m.conf" config
    assert_success
    assert_line "stripe_api_key = (set: sk_live_...WXYZ, live mode)"
    assert_line "stripe_capture = true"
    assert_line "stripe_automatic_payment_methods = true"
    assert_line "stripe_payment_description = Order from the shop"
    assert_line "stripe_api_base = https://api.stripe.com"
}

@test "config: a publishable key is refused with a clear message" {
    STRIPE_API_KEY=pk_test_abc run medusa config
    assert_failure
    assert_output --partial "stripe_api_key is a publishable key (pk_...)"
}

@test "config: the key only goes over TLS (plain http only to a double on loopback)" {
    STRIPE_API_BASE=http://api.example.com run medusa config
    assert_failure
    assert_output --partial "stripe_api_base must be an https:// URL"
}

# ---- the client, through stripe-check -----------------------------------------------------------

@test "stripe-check: the key answers and the webhook secret is set" {
    check
    assert_success
    assert_line --partial "api key: ok (GET /v1/balance in"
    assert_line --partial "webhook secret: set (whsec_...)"
    assert_line "stripe-check: ok"
    # Every call pins medusa-payment-stripe's API version and sends the key as a bearer token.
    assert_equal "$(stripe_requests '[.requests[] | {method, path, stripe_version}]')" \
        '[{"method":"GET","path":"/v1/balance","stripe_version":"2022-11-15"}]'
}

@test "stripe-check: a wrong key is Stripe's 401, not retried" {
    STRIPE_API_KEY=sk_test_wrong0000000000001234 check
    assert_failure
    assert_line --regexp '^api key: FAILED: Invalid API Key provided: sk_test_\*+1234 \(HTTP 401, invalid_request_error, 1 attempt\(s\)' 
    assert_line "stripe-check: FAILED"
}

@test "stripe-check: without a key Stripe is off" {
    run env -u STRIPE_API_KEY MEDUSA_DATABASE="$(test_database)" "$MEDUSA_BIN" stripe-check
    assert_failure
    assert_line "api key: FAILED: stripe_api_key (STRIPE_API_KEY) is not set: Stripe is off"
    assert_equal "$(stripe_requests '.requests | length')" 0
}

@test "stripe-check: a missing or malformed webhook secret fails the check" {
    run env -u STRIPE_WEBHOOK_SECRET MEDUSA_DATABASE="$(test_database)" "$MEDUSA_BIN" stripe-check
    assert_failure
    assert_line --partial "webhook secret: FAILED: stripe_webhook_secret (STRIPE_WEBHOOK_SECRET) is not set"
    STRIPE_WEBHOOK_SECRET=not-a-secret check
    assert_failure
    assert_line --partial "webhook secret: FAILED: it does not look like an endpoint's signing secret"
}

@test "stripe-check --round-trip: every call the provider makes, with the plugin's recoveries" {
    check --round-trip
    assert_success
    assert_line --partial "initiate: ok (customer cus_"
    assert_line --partial "client_secret present)"
    assert_line "update: ok (amount 200)"
    assert_line "status: ok (requires_payment_method: pending)"
    assert_line "cancel: ok (canceled)"
    assert_line "cancel again: ok (already canceled: the plugin's recovery)"
    assert_line "status: ok (requires_capture: authorized)"
    assert_line "capture: ok (succeeded, amount_received 300)"
    assert_line "capture again: ok (already succeeded: the plugin's recovery)"
    assert_line "refund: ok (100 of 300)"
    assert_line "refund beyond the charge: refused as expected (Medusa would answer invalid_data: An error occurred in refundPayment)"
    assert_line "stripe-check: ok"
    # The PaymentIntent as the plugin creates it: amount, currency, metadata[resource_id], manual
    # capture, the customer made first; form-encoded, each POST with its own Idempotency-Key.
    local create
    create=$(stripe_requests '[.requests[] | select(.method == "POST" and .path == "/v1/payment_intents")][0]')
    assert_equal "$(printf '%s' "$create" | jq -r .content_type)" application/x-www-form-urlencoded
    assert_equal "$(printf '%s' "$create" | jq -r .body)" \
        "description=medusa-fcgi%20stripe-check&amount=100&currency=usd&metadata[resource_id]=stripe-check&capture_method=manual&customer=$(printf '%s' "$create" | jq -r .params.customer)"
    assert_equal "$(stripe_requests '[.requests[] | select(.method == "POST") | .idempotency_key] | (length == (unique | length)) and all(test("^medusa-fcgi-[0-9a-f]{32}$"))')" true
    assert_equal "$(stripe_requests '[.requests[] | .stripe_version] | unique')" '["2022-11-15"]'
    assert_equal "$(stripe_requests '[.requests[] | select(.method == "GET") | .idempotency_key] | unique')" '[null]'
}

@test "stripe-check --round-trip: automatic capture and automatic payment methods as the options say" {
    STRIPE_CAPTURE=true STRIPE_AUTOMATIC_PAYMENT_METHODS=true STRIPE_PAYMENT_DESCRIPTION=ignored check --round-trip
    # The card intent succeeds at once with automatic capture, so the round trip's capture finds
    # it captured already: the plugin's recovery.
    assert_success
    assert_equal "$(stripe_requests '[.requests[] | select(.method == "POST" and .path == "/v1/payment_intents")][0].params | {capture_method, automatic_payment_methods}')" \
        '{"capture_method":"automatic","automatic_payment_methods":{"enabled":"true"}}'
}

@test "stripe-check --round-trip needs a test-mode key" {
    STRIPE_API_KEY=sk_live_0123456789abcdef0000 check --round-trip
    assert_equal "$status" 2
    assert_output --partial "--round-trip needs a test-mode key"
    assert_equal "$(stripe_requests '.requests | length')" 0
}

@test "client: 500s then success: retried with backoff and the same Idempotency-Key" {
    double POST faults '{"count": 2, "status": 500, "method": "POST", "path": "/v1/customers"}' > /dev/null
    check --round-trip
    assert_success
    local tries
    tries=$(stripe_requests '[.requests[] | select(.path == "/v1/customers")]')
    assert_equal "$(printf '%s' "$tries" | jq -c '[.[] | .status]')" '[500,500,200]'
    assert_equal "$(printf '%s' "$tries" | jq -c '[.[] | .idempotency_key] | unique | length')" 1
    assert_equal "$(printf '%s' "$tries" | jq -c '[.[] | .body] | unique | length')" 1
}

@test "client: Stripe-Should-Retry: false is honoured on a 500" {
    double POST faults '{"count": 3, "status": 500, "should_retry": "false", "path": "/v1/balance"}' > /dev/null
    check
    assert_failure
    assert_line --partial "api key: FAILED: An unknown error occurred (HTTP 500, api_error, 1 attempt(s)"
    assert_equal "$(stripe_requests '[.requests[] | select(.path == "/v1/balance")] | length')" 1
}

@test "client: Stripe-Should-Retry: true makes a 4xx retried" {
    double POST faults '{"count": 1, "status": 400, "type": "invalid_request_error", "should_retry": "true", "path": "/v1/balance"}' > /dev/null
    check
    assert_success
    assert_equal "$(stripe_requests '[.requests[] | select(.path == "/v1/balance") | .status]')" '[400,200]'
}

@test "client: a 4xx is never retried; 409 and 429 lock_timeout are, a 429 rate limit is not" {
    double POST faults '{"count": 1, "status": 400, "type": "invalid_request_error", "path": "/v1/balance"}' > /dev/null
    check
    assert_failure
    assert_equal "$(stripe_requests '[.requests[] | select(.path == "/v1/balance") | .status]')" '[400]'

    double DELETE requests > /dev/null
    double POST faults '{"count": 1, "status": 409, "type": "invalid_request_error", "code": "idempotency_key_in_use", "path": "/v1/balance"}' > /dev/null
    check
    assert_success
    assert_equal "$(stripe_requests '[.requests[] | select(.path == "/v1/balance") | .status]')" '[409,200]'

    double DELETE requests > /dev/null
    double POST faults '{"count": 1, "status": 429, "type": "invalid_request_error", "code": "lock_timeout", "path": "/v1/balance"}' > /dev/null
    check
    assert_success
    assert_equal "$(stripe_requests '[.requests[] | select(.path == "/v1/balance") | .status]')" '[429,200]'

    double DELETE requests > /dev/null
    double POST faults '{"count": 1, "status": 429, "type": "rate_limit_error", "code": "rate_limit", "path": "/v1/balance"}' > /dev/null
    check
    assert_failure
    assert_equal "$(stripe_requests '[.requests[] | select(.path == "/v1/balance") | .status]')" '[429]'
}

@test "client: no more than stripe_max_retries retries" {
    double POST faults '{"count": 10, "status": 503, "path": "/v1/balance"}' > /dev/null
    STRIPE_MAX_RETRIES=1 check
    assert_failure
    assert_line --partial "(HTTP 503, api_error, 2 attempt(s)"
    assert_equal "$(stripe_requests '[.requests[] | select(.path == "/v1/balance")] | length')" 2
}

@test "client: a hang past the timeout, without retries, is a clear connection error" {
    double POST faults '{"count": 1, "hang": 2, "path": "/v1/balance"}' > /dev/null
    STRIPE_TIMEOUT_MS=300 STRIPE_MAX_RETRIES=0 check
    assert_failure
    assert_line --partial "api key: FAILED: Request aborted due to timeout being reached (300ms) (HTTP 0, api_connection_error, 1 attempt(s)"
}

@test "client: a hang past the timeout is retried with the same key, and Stripe's saved answer comes back" {
    # The first attempt times out while the double (a slow Stripe) still completes the call; the
    # retries carry the same Idempotency-Key, so no second customer is made: a retry that arrives
    # while the call is still running gets 409 idempotency_key_in_use (retried), one that arrives
    # after gets the saved answer, replayed.
    double POST faults '{"count": 1, "hang": 1.2, "method": "POST", "path": "/v1/customers"}' > /dev/null
    STRIPE_TIMEOUT_MS=400 STRIPE_MAX_RETRIES=3 check --round-trip
    assert_success
    local tries
    tries=$(stripe_requests '[.requests[] | select(.path == "/v1/customers")]')
    assert_equal "$(printf '%s' "$tries" | jq '[.[] | .idempotency_key] | unique | length')" 1
    assert_equal "$(printf '%s' "$tries" | jq '[.[] | select(.status == 200 and .replayed == false)] | length')" 1
    assert_equal "$(printf '%s' "$tries" | jq -c '.[-1] | {status, replayed}')" '{"status":200,"replayed":true}'
    assert_equal "$(printf '%s' "$tries" | jq '[.[] | select(.status != 200 and .status != 409)] | length')" 0
}

@test "client: a dropped connection is retried" {
    double POST faults '{"count": 1, "drop": true, "path": "/v1/balance"}' > /dev/null
    STRIPE_MAX_RETRIES=0 check
    assert_success
    assert_equal "$(stripe_requests '[.requests[] | select(.path == "/v1/balance") | .status]')" '[0,200]'
}

@test "client: Stripe unreachable is a connection error after the retries" {
    local port
    port=$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)
    STRIPE_API_BASE="http://127.0.0.1:$port" STRIPE_MAX_RETRIES=1 check
    assert_failure
    assert_line --partial "api key: FAILED: An error occurred with our connection to Stripe. Request was retried 1 times. (HTTP 0, api_connection_error, 2 attempt(s)"
}

@test "client: one kept-alive connection for many calls" {
    check --calls 20
    assert_success
    assert_line --regexp "^calls: 20 x GET /v1/balance through the client: mean [0-9.]+ ms, p50 [0-9.]+ ms, p99 [0-9.]+ ms"
    assert_equal "$(stripe_requests '.requests | length')" 21
    assert_equal "$(stripe_requests '[.requests[] | .peer_port] | unique | length')" 1
}

# ---- POST /stripe/hooks -------------------------------------------------------------------------

@test "hooks: a signed event is recorded and answered 200 OK, the raw body kept byte for byte" {
    local pi payload
    pi=$(stripe_api POST /v1/payment_intents 'amount=1000&currency=eur&metadata[resource_id]=cart_01HOOKS&capture_method=manual' | jq -r .id)
    double POST "payment_intents/$pi/confirm" '{"payment_method": "pm_card_visa"}' > /dev/null
    payload=$(stripe_event payment_intent.amount_capturable_updated "$pi")
    hook "$payload"
    assert_status 200
    assert_equal "$body" OK
    local id
    id=$(printf '%s' "$payload" | jq -r .id)
    # No such cart: handled, nothing to complete (48-stripe-checkout completes real carts).
    assert_equal "$(sql "SELECT type, object_id, resource_id, livemode, deliveries, outcome, processed_at IS NULL FROM stripe_event WHERE id = '$id'")" \
        "payment_intent.amount_capturable_updated|$pi|cart_01HOOKS|0|1|ignored|0"
    # Stripe's pretty-printed body, as signed: whitespace and key order untouched.
    assert_equal "$(sql "SELECT payload FROM stripe_event WHERE id = '$id'")" "$payload"
}

@test "hooks: payment_intent.payment_failed is logged as the plugin does and marked handled" {
    need_nginx
    local pi payload id
    pi=$(stripe_api POST /v1/payment_intents 'amount=500&currency=eur&metadata[resource_id]=cart_01FAIL' | jq -r .id)
    double POST "payment_intents/$pi/confirm" '{"payment_method": "pm_card_chargeDeclined"}' > /dev/null
    payload=$(stripe_event payment_intent.payment_failed "$pi")
    id=$(printf '%s' "$payload" | jq -r .id)
    hook "$payload"
    assert_status 200
    assert_equal "$(sql "SELECT outcome, processed_at IS NOT NULL FROM stripe_event WHERE id = '$id'")" "logged|1"
    run grep -c "the payment of the payment intent '$pi' has failed: Your card was declined." "$MEDUSA_TEST_DIR/medusa.log"
    assert_output 1
}

@test "hooks: an event type the plugin does not handle is recorded as ignored" {
    local payload id
    payload=$(stripe_event payment_intent.created)
    id=$(printf '%s' "$payload" | jq -r .id)
    hook "$payload"
    assert_status 200
    assert_equal "$(sql "SELECT outcome, processed_at IS NOT NULL FROM stripe_event WHERE id = '$id'")" "ignored|1"
}

@test "hooks: a replay (same event, fresh signature) is recognised and changes nothing" {
    local payload id before
    payload=$(stripe_event payment_intent.canceled)
    id=$(printf '%s' "$payload" | jq -r .id)
    hook "$payload"
    assert_status 200
    before=$(sql "SELECT processed_at, outcome, payload FROM stripe_event WHERE id = '$id'")
    sleep 1.1 # a later delivery, signed at a later second
    hook "$payload"
    assert_status 200
    assert_equal "$body" OK
    assert_equal "$(sql "SELECT count(*), max(deliveries) FROM stripe_event WHERE id = '$id'")" "1|2"
    assert_equal "$(sql "SELECT processed_at, outcome, payload FROM stripe_event WHERE id = '$id'")" "$before"
}

@test "hooks: a replayed event is recorded once and handled once" {
    local payload id
    payload=$(stripe_event payment_intent.succeeded)
    id=$(printf '%s' "$payload" | jq -r .id)
    hook "$payload"
    hook "$payload"
    hook "$payload"
    assert_status 200
    assert_equal "$(sql "SELECT count(*), max(deliveries), max(outcome), max(processed_at) IS NULL FROM stripe_event WHERE id = '$id'")" "1|3|ignored|0"
}

@test "hooks: a wrong signature is 400 Webhook Error and records nothing" {
    local payload n
    payload=$(stripe_event payment_intent.succeeded)
    n=$(events_count)
    hook "$payload" "$(stripe_sign "$payload" "$(date +%s)" whsec_someone_else)"
    assert_status 400
    assert_equal "$body" "$(printf 'Webhook Error: No signatures found matching the expected signature for payload. Are you passing the raw request body you received from Stripe? \nLearn more about webhook signing and explore webhook integration examples for various frameworks at https://github.com/stripe/stripe-node#webhook-signing')"
    assert_equal "$(events_count)" "$n"
}

@test "hooks: a body changed after signing is refused" {
    local payload n
    payload=$(stripe_event payment_intent.succeeded)
    n=$(events_count)
    hook "${payload/\"livemode\": false/\"livemode\": true}" "$(stripe_sign "$payload")"
    assert_status 400
    assert_output --partial "Webhook Error: No signatures found matching the expected signature"
    assert_equal "$(events_count)" "$n"
}

@test "hooks: no Stripe-Signature header is 400" {
    local n
    n=$(events_count)
    hook "$(stripe_event payment_intent.succeeded)" ""
    assert_status 400
    assert_equal "$body" "Webhook Error: No stripe-signature header value was provided."
    assert_equal "$(events_count)" "$n"
}

@test "hooks: a header without a timestamp, or without a v1 signature, is 400" {
    local payload n
    payload=$(stripe_event payment_intent.succeeded)
    n=$(events_count)
    hook "$payload" "v1=$(stripe_sign "$payload" | sed 's/.*v1=//')"
    assert_status 400
    assert_equal "$body" "Webhook Error: Unable to extract timestamp and signatures from header"
    hook "$payload" "$(stripe_sign "$payload" | sed 's/v1=/v0=/')"
    assert_status 400
    assert_equal "$body" "Webhook Error: No signatures found with expected scheme"
    assert_equal "$(events_count)" "$n"
}

@test "hooks: a stale event (signed 301 s ago) is 400, one signed 290 s ago is accepted" {
    local payload n
    payload=$(stripe_event payment_intent.created)
    n=$(events_count)
    hook "$payload" "$(stripe_sign "$payload" $(($(date +%s) - 301)))"
    assert_status 400
    assert_equal "$body" "Webhook Error: Timestamp outside the tolerance zone"
    assert_equal "$(events_count)" "$n"
    hook "$payload" "$(stripe_sign "$payload" $(($(date +%s) - 290)))"
    assert_status 200
    assert_equal "$(events_count)" "$((n + 1))"
}

@test "hooks: a signed body that is no event is 400 and records nothing" {
    local n
    n=$(events_count)
    hook '{"object":"event","type":"payment_intent.succeeded"}'
    assert_status 400
    assert_equal "$body" "Webhook Error: The payload is not a Stripe event (no id or type)"
    hook '{"id": "evt_1", "type": '
    assert_status 400
    assert_output --partial "Webhook Error: Unexpected token in JSON at position"
    assert_equal "$(events_count)" "$n"
}

@test "hooks: a body not sent as application/json is not read raw (the plugin's message)" {
    need_nginx
    local payload
    payload=$(stripe_event payment_intent.succeeded)
    status=$(curl -sS -o "$BATS_TEST_TMPDIR/out" -w '%{http_code}' -H 'Content-Type: text/plain' \
        -H "Stripe-Signature: $(stripe_sign "$payload")" --data-binary "$payload" "$BASE/stripe/hooks")
    assert_equal "$status" 400
    run cat "$BATS_TEST_TMPDIR/out"
    assert_output --partial "Webhook Error: Webhook payload must be provided as a string or a Buffer"
}

@test "hooks: the double's own delivery through nginx (Stripe's headers), and a rolled secret's two signatures" {
    need_nginx
    local pi out
    pi=$(stripe_api POST /v1/payment_intents 'amount=700&currency=eur&metadata[resource_id]=cart_01SEND' | jq -r .id)
    out=$(double POST webhooks/send "$(jq -cn --arg u "$BASE/stripe/hooks" --arg s "$STRIPE_TEST_SECRET" --arg o "$pi" \
        '{url: $u, secret: $s, type: "payment_intent.succeeded", object_id: $o, signature: "multi"}')")
    assert_equal "$(printf '%s' "$out" | jq -c '{status, body}')" '{"status":200,"body":"OK"}'
    assert_equal "$(sql "SELECT resource_id FROM stripe_event WHERE id = '$(printf '%s' "$out" | jq -r .event)'")" cart_01SEND
    out=$(double POST webhooks/send "$(jq -cn --arg u "$BASE/stripe/hooks" --arg s "$STRIPE_TEST_SECRET" --arg o "$pi" \
        '{url: $u, secret: $s, type: "payment_intent.succeeded", object_id: $o, signature: "bad"}')")
    assert_equal "$(printf '%s' "$out" | jq -r .status)" 400
}

@test "hooks: only POST; GET is Medusa's 404" {
    api GET /stripe/hooks
    assert_medusa_error 404 not_found "Cannot GET /stripe/hooks"
}

@test "hooks: without Stripe configured the route is 404 as without the plugin; without a webhook secret, 400" {
    local payload
    payload=$(stripe_event payment_intent.succeeded)
    # One CGI request with the environment changed (the pool's cannot be).
    run env -u STRIPE_API_KEY GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=POST REQUEST_URI=/stripe/hooks \
        CONTENT_TYPE=application/json CONTENT_LENGTH=${#payload} HTTP_STRIPE_SIGNATURE="$(stripe_sign "$payload")" \
        MEDUSA_DATABASE="$(test_database)" "$MEDUSA_BIN" <<< "$payload"
    assert_output --partial "Status: 404"
    assert_output --partial '{"type":"not_found","message":"Cannot POST /stripe/hooks"}'
    run env -u STRIPE_WEBHOOK_SECRET GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=POST REQUEST_URI=/stripe/hooks \
        CONTENT_TYPE=application/json CONTENT_LENGTH=${#payload} HTTP_STRIPE_SIGNATURE="$(stripe_sign "$payload")" \
        MEDUSA_DATABASE="$(test_database)" "$MEDUSA_BIN" <<< "$payload"
    assert_output --partial "Status: 400"
    assert_output --partial "Webhook Error: No webhook secret is configured (stripe_webhook_secret)"
}
