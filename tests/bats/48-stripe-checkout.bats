#!/usr/bin/env bats
# 48-stripe-checkout.bats: Stripe as a payment provider end to end (issue 16), through nginx and
# the worker pool against the Stripe test double (tests/stripe/double.py, a stand-in for Stripe,
# an external paid service): checkout paid by card (guest and logged in), requires_action,
# decline, completion exactly once from the storefront and the webhook (each first, both at
# once, replays), admin capture, cancel and refunds, Stripe down, and no Stripe call under the
# write lock (another shopper's write completes while Stripe holds its answer).

load helpers
load admin
load checkout
load stripe
load spec

setup_file() {
    # A short per-attempt timeout and no retries keep the Stripe-down tests short.
    export STRIPE_TIMEOUT_MS=3000 STRIPE_MAX_RETRIES=0
    start_double
    start_stack
    admin_login_file
}

teardown_file() {
    stop_stack
    stop_double
}

setup() {
    checkout_vars
    admin_token
    double DELETE faults > /dev/null
    double DELETE requests > /dev/null
}

# stripe_cart [TOKEN]: a cart of two S / Black tees shipped with STD, its payment sessions made
# and stripe selected; sets CART, PI (the PaymentIntent id) and SECRET (its client_secret).
stripe_cart() {
    local auth=()
    [ -n "${1:-}" ] && auth=(-H "Authorization: Bearer $1")
    api "${auth[@]}" POST /store/carts '{}'
    CART=$(jqr .cart.id)
    api "${auth[@]}" POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":2}"
    api "${auth[@]}" POST "/store/carts/$CART" '{"email":"card@example.com","shipping_address":{"first_name":"C","country_code":"de"}}'
    api "${auth[@]}" POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$STD\"}"
    api "${auth[@]}" POST "/store/carts/$CART/payment-sessions"
    assert_status 200
    api "${auth[@]}" POST "/store/carts/$CART/payment-session" '{"provider_id":"stripe"}'
    assert_status 200
    PI=$(jqr .cart.payment_session.data.id)
    SECRET=$(jqr .cart.payment_session.data.client_secret)
    [[ "$PI" == pi_* ]] || { echo "no intent: $body" >&2; return 1; }
}

# confirm PM: the browser's confirmCardPayment on PI with payment method PM.
confirm() {
    double POST "payment_intents/$PI/confirm" "{\"payment_method\":\"$1\"}"
}

# stripe_fails PATH: the double answers Stripe's 500 api_error to the next ten calls of PATH.
stripe_fails() {
    double POST faults "{\"count\":10,\"status\":500,\"type\":\"api_error\",\"message\":\"boom\",\"path\":\"$1\"}" > /dev/null
}

orders_of_cart() {
    q "SELECT count(*) FROM \"order\" WHERE cart_id = '$CART'"
}

@test "regions: the demo regions list stripe when it is configured; the admin routes take it" {
    api GET "/store/regions/$EU"
    assert_json '[.region.payment_providers[].id] | sort' '["manual","stripe"]'
    adm POST /admin/regions '{"name":"Cards","currency_code":"eur","tax_rate":0,"countries":[],"payment_providers":["stripe"],"fulfillment_providers":["manual"]}'
    assert_status 200
    assert_json '[.region.payment_providers[].id]' '["stripe"]'
    adm GET /admin/store/payment-providers
    assert_json '[.payment_providers[] | select(.id == "stripe") | .is_installed]' '[true]'
}

@test "guest checkout by card: the session carries the whole PaymentIntent; complete makes the order" {
    stripe_cart
    assert_json '.cart.payment_session | [.provider_id, .status, .data.object, .data.status, .data.amount, .data.currency, .data.metadata.resource_id, .data.capture_method]' \
        "[\"stripe\",\"pending\",\"payment_intent\",\"requires_payment_method\",$(jqr .cart.total),\"eur\",\"$CART\",\"manual\"]"
    [[ "$SECRET" == "${PI}_secret_"* ]]
    # Before the card is confirmed, complete answers the cart (Medusa's pending).
    api POST "/store/carts/$CART/complete"
    assert_status 200
    assert_json '[.type, .data.id, .payment_status]' "[\"cart\",\"$CART\",\"pending\"]"
    [ "$(orders_of_cart)" = 0 ]
    assert_spec POST /store/carts/{id}/complete
    confirm pm_card_visa > /dev/null
    api POST "/store/carts/$CART/complete"
    assert_status 200
    assert_json '[.type, .data.payments[0].provider_id, .data.payments[0].data.id, .data.payments[0].data.status]' \
        "[\"order\",\"stripe\",\"$PI\",\"requires_capture\"]"
    assert_spec POST /store/carts/{id}/complete
    [ "$(orders_of_cart)" = 1 ]
    # A guest's Stripe customer is made each time (the plugin's initiatePayment).
    [ "$(stripe_requests '[.requests[] | select(.path == "/v1/customers")] | length')" = 1 ]
}

@test "logged-in checkout by card: the Stripe customer is made once and kept in metadata.stripe_id" {
    api POST /store/customers '{"email":"cardholder@example.com","password":"secret123","first_name":"C","last_name":"H"}'
    api POST /store/auth/token '{"email":"cardholder@example.com","password":"secret123"}'
    local tok
    tok=$(jqr .access_token)
    stripe_cart "$tok"
    local cus
    cus=$(q "SELECT json_extract(metadata, '$.stripe_id') FROM customer WHERE email = 'cardholder@example.com'")
    [[ "$cus" == cus_* ]]
    [ "$(jqr .cart.payment_session.data.customer)" = "$cus" ]
    confirm pm_card_visa > /dev/null
    api -H "Authorization: Bearer $tok" POST "/store/carts/$CART/complete"
    assert_json .type order
    # The next cart reuses the customer: no new one at Stripe.
    double DELETE requests > /dev/null
    stripe_cart "$tok"
    [ "$(jqr .cart.payment_session.data.customer)" = "$cus" ]
    [ "$(stripe_requests '[.requests[] | select(.path == "/v1/customers")] | length')" = 0 ]
}

@test "requires_action: complete answers the cart with requires_more; after 3-D Secure, the order" {
    stripe_cart
    confirm pm_card_threeDSecure2Required > /dev/null
    api POST "/store/carts/$CART/complete"
    assert_status 200
    assert_json '[.type, .payment_status, .data.payment_session.status]' '["cart","requires_more","requires_more"]'
    [ "$(orders_of_cart)" = 0 ]
    double POST "payment_intents/$PI/authenticate" '{"result":"success"}' > /dev/null
    api POST "/store/carts/$CART/complete"
    assert_json .type order
}

@test "decline: the card is refused at Stripe; complete keeps the cart, no order, no payment" {
    stripe_cart
    run confirm pm_card_chargeDeclined
    assert_output --partial card_declined
    api POST "/store/carts/$CART/complete"
    assert_status 200
    assert_json '[.type, .payment_status]' '["cart","pending"]'
    [ "$(orders_of_cart)" = 0 ]
    [ "$(q "SELECT count(*) FROM payment WHERE cart_id = '$CART'")" = 0 ]
}

@test "a changed cart updates the PaymentIntent's amount at the next payment-sessions call" {
    stripe_cart
    local before
    before=$(jqr .cart.total)
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    api POST "/store/carts/$CART/payment-sessions"
    assert_status 200
    [ "$(jqr .cart.payment_session.data.id)" = "$PI" ]
    [ "$(jqr .cart.payment_session.data.amount)" = "$(jqr .cart.total)" ]
    [ "$(jqr .cart.total)" != "$before" ]
}

@test "webhook first: amount_capturable_updated completes the cart; complete then answers that order" {
    stripe_cart
    confirm pm_card_visa > /dev/null
    hook "$(stripe_event payment_intent.amount_capturable_updated "$PI")"
    assert_status 200
    [ "$(orders_of_cart)" = 1 ]
    local order
    order=$(q "SELECT id FROM \"order\" WHERE cart_id = '$CART'")
    api POST "/store/carts/$CART/complete"
    assert_json '[.type, .data.id]' "[\"order\",\"$order\"]"
    [ "$(orders_of_cart)" = 1 ]
}

@test "complete first: the webhook after it changes nothing; a replay changes nothing" {
    stripe_cart
    confirm pm_card_visa > /dev/null
    api POST "/store/carts/$CART/complete"
    assert_json .type order
    local before payload
    before=$(q "SELECT updated_at FROM \"order\" WHERE cart_id = '$CART'")
    payload=$(stripe_event payment_intent.amount_capturable_updated "$PI")
    hook "$payload"
    assert_status 200
    hook "$payload"
    assert_status 200
    [ "$(orders_of_cart)" = 1 ]
    [ "$(q "SELECT updated_at FROM \"order\" WHERE cart_id = '$CART'")" = "$before" ]
    [ "$(q "SELECT count(*) FROM payment WHERE cart_id = '$CART'")" = 1 ]
}

@test "both at once: complete and the webhook in parallel make exactly one order" {
    need_http
    for round in 1 2 3; do
        stripe_cart
        confirm pm_card_visa > /dev/null
        local payload sig
        payload=$(stripe_event payment_intent.amount_capturable_updated "$PI")
        sig=$(stripe_sign "$payload")
        curl -sS -o /dev/null -X POST "$BASE/store/carts/$CART/complete" &
        curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' -H "Stripe-Signature: $sig" --data-binary "$payload" "$BASE/stripe/hooks" &
        curl -sS -o /dev/null -X POST "$BASE/store/carts/$CART/complete" &
        wait
        [ "$(orders_of_cart)" = 1 ]
        [ "$(q "SELECT count(*) FROM payment WHERE cart_id = '$CART' AND canceled_at IS NULL")" = 1 ]
    done
}

@test "webhook: unsigned, wrongly signed or stale is 400 and completes nothing" {
    stripe_cart
    confirm pm_card_visa > /dev/null
    local payload
    payload=$(stripe_event payment_intent.amount_capturable_updated "$PI")
    hook "$payload" ""
    assert_status 400
    hook "$payload" "$(stripe_sign "$payload" "$(date +%s)" whsec_wrong)"
    assert_status 400
    hook "$payload" "$(stripe_sign "$payload" $(($(date +%s) - 600)))"
    assert_status 400
    [ "$(orders_of_cart)" = 0 ]
}

@test "webhook: an event for another intent than the cart's (a replaced session) completes nothing" {
    stripe_cart
    confirm pm_card_visa > /dev/null
    local old=$PI
    # The shopper switches to manual and back: a new intent.
    api POST "/store/carts/$CART/payment-session" '{"provider_id":"manual"}'
    api POST "/store/carts/$CART/payment-session" '{"provider_id":"stripe"}'
    [ "$(jqr .cart.payment_session.data.id)" != "$old" ]
    hook "$(stripe_event payment_intent.amount_capturable_updated "$old")"
    assert_status 200
    [ "$(orders_of_cart)" = 0 ]
}

@test "succeeded: the webhook completes and captures; the admin capture then asks Stripe nothing" {
    stripe_cart
    confirm pm_card_visa > /dev/null
    # Captured at Stripe (as capture_method automatic would): succeeded.
    stripe_api POST "/v1/payment_intents/$PI/capture" > /dev/null
    hook "$(stripe_event payment_intent.succeeded "$PI")"
    assert_status 200
    [ "$(q "SELECT payment_status FROM \"order\" WHERE cart_id = '$CART'")" = captured ]
    [ "$(q "SELECT captured_at IS NOT NULL FROM payment WHERE cart_id = '$CART'")" = 1 ]
}

# stripe_order: a completed card order; sets ORDER.
stripe_order() {
    stripe_cart
    confirm pm_card_visa > /dev/null
    api POST "/store/carts/$CART/complete"
    ORDER=$(jqr .data.id)
    TOTAL=$(jqr .data.total)
}

@test "admin capture: Stripe captures the PaymentIntent, the order is captured" {
    stripe_order
    adm POST "/admin/orders/$ORDER/capture"
    assert_status 200
    assert_json '[.order.payment_status, .order.payments[0].data.status]' '["captured","succeeded"]'
    [ "$(stripe_api GET "/v1/payment_intents/$PI" | jq -r .status)" = succeeded ]
}

@test "admin refund: partial, then the rest; more than what is left is refused; Stripe refunds each" {
    stripe_order
    adm POST "/admin/orders/$ORDER/capture"
    adm POST "/admin/orders/$ORDER/refund" '{"amount":500,"reason":"discount","note":"goodwill"}'
    assert_status 200
    assert_json '[.order.refunded_total, .order.payment_status, .order.refunds[0].reason, .order.refunds[0].note]' \
        '[500,"partially_refunded","discount","goodwill"]'
    adm POST "/admin/orders/$ORDER/refund" "{\"amount\":$TOTAL,\"reason\":\"other\"}"
    assert_status 400
    assert_json .type not_allowed
    adm POST "/admin/orders/$ORDER/refund" "{\"amount\":$((TOTAL - 500)),\"reason\":\"return\"}"
    assert_status 200
    assert_json '[.order.refunded_total, .order.payment_status]' "[$TOTAL,\"refunded\"]"
    [ "$(stripe_requests '[.requests[] | select(.path == "/v1/refunds" and .status == 200) | .params.amount | tonumber] | add')" = "$TOTAL" ]
    adm POST "/admin/orders/$ORDER/refund" '{"amount":1,"reason":"other"}'
    assert_status 400
}

# stripe_return_order: a Stripe-paid order of two tees, captured and fulfilled; sets ORDER, ITEM.
stripe_return_order() {
    stripe_order
    ITEM=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    adm POST "/admin/orders/$ORDER/capture"
    adm POST "/admin/orders/$ORDER/fulfillment" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":2}]}"
    assert_status 200
}

# stripe_return: stripe_return_order, one unit of two asked back; sets RET (the return) and
# REFUND (its amount).
stripe_return() {
    stripe_return_order
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    assert_status 200
    RET=$(jqr '.order.returns[0].id')
    REFUND=$(jqr '.order.returns[0].refund_amount')
}

@test "admin return received: its refund goes to Stripe" {
    stripe_return
    double DELETE requests > /dev/null
    adm POST "/admin/returns/$RET/receive" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    assert_status 200
    [ "$(stripe_requests '[.requests[] | select(.path == "/v1/refunds" and .status == 200) | .params.amount | tonumber] | add')" = "$REFUND" ]
    [ "$(q "SELECT sum(amount) || '|' || group_concat(DISTINCT reason) FROM refund WHERE order_id = '$ORDER'")" = "$REFUND|return" ]
    [ "$(q "SELECT fulfillment_status || '|' || payment_status FROM \"order\" WHERE id = '$ORDER'")" = "partially_returned|partially_refunded" ]
}

@test "admin return received while Stripe refuses: received, nothing refunded, the order requires action" {
    stripe_return
    stripe_fails /v1/refunds
    adm POST "/admin/returns/$RET/receive" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    [ "$status" -ge 400 ]
    [ "$(q "SELECT status FROM \"return\" WHERE id = '$RET'")" = received ]
    [ "$(q "SELECT count(*) FROM refund WHERE order_id = '$ORDER'")" = 0 ]
    [ "$(q "SELECT fulfillment_status FROM \"order\" WHERE id = '$ORDER'")" = requires_action ]
    # The merchant refunds from the order page once Stripe answers again.
    double DELETE faults > /dev/null
    adm POST "/admin/orders/$ORDER/refund" "{\"amount\":$REFUND,\"reason\":\"return\"}"
    assert_status 200
    [ "$(q "SELECT sum(amount) FROM refund WHERE order_id = '$ORDER'")" = "$REFUND" ]
}

# stripe_shipped_order: stripe_return_order, its fulfillment shipped (a claim refunds shipped units).
stripe_shipped_order() {
    stripe_return_order
    adm POST "/admin/orders/$ORDER/shipment" "{\"fulfillment_id\":\"$(jqr '.order.fulfillments[0].id')\"}"
    assert_status 200
}

@test "admin refund claim: its refund goes to Stripe once; the order's payment_status stays (refundPayment)" {
    stripe_shipped_order
    double DELETE requests > /dev/null
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"refund\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"production_failure\"}]}"
    assert_status 200
    local claim amount
    claim=$(jqr '.order.claims[0].id')
    amount=$(jqr '.order.claims[0].refund_amount')
    [ "$amount" -gt 0 ]
    assert_json '[.order.claims[0].payment_status, .order.refunded_total, .order.payment_status]' "[\"refunded\",$amount,\"captured\"]"
    [ "$(stripe_requests '[.requests[] | select(.path == "/v1/refunds" and .status == 200) | .params.amount | tonumber] | add')" = "$amount" ]
    [ "$(q "SELECT count(*) || '|' || sum(amount) || '|' || group_concat(DISTINCT reason) FROM refund WHERE order_id = '$ORDER'")" = "1|$amount|claim" ]
    [ "$(q "SELECT amount_refunded FROM payment WHERE order_id = '$ORDER'")" = "$amount" ]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'claim.refund_processed' AND data LIKE '%$claim%'")" = 1 ]
}

@test "admin refund claim while Stripe refuses: the claim is made, nothing refunded, the error answers" {
    stripe_shipped_order
    stripe_fails /v1/refunds
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"refund\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"production_failure\"}]}"
    [ "$status" -ge 400 ]
    [ "$(q "SELECT payment_status FROM claim_order WHERE order_id = '$ORDER'")" = not_refunded ]
    [ "$(q "SELECT count(*) FROM refund WHERE order_id = '$ORDER'")" = 0 ]
    [ "$(q "SELECT amount_refunded FROM payment WHERE order_id = '$ORDER'")" = 0 ]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'claim.refund_processed'")" = "$(q "SELECT count(*) FROM claim_order WHERE payment_status = 'refunded'")" ]
}

# stripe_swap_refund: a Stripe-paid order of two tees, captured and fulfilled, one tee swapped
# back through the Store API for nothing new (a negative difference); sets SWAP and DUE.
stripe_swap_refund() {
    stripe_return_order
    local ret
    ret=$(q "SELECT id FROM shipping_option WHERE name = 'PostFake Return' AND region_id = '$EU'")
    api POST /store/swaps "{\"order_id\":\"$ORDER\",\"return_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}],\"additional_items\":[],\"return_shipping_option\":\"$ret\"}"
    assert_status 200
    SWAP=$(jqr .swap.id)
    api POST "/store/carts/$(jqr .swap.cart_id)/complete"
    assert_status 200
    DUE=$(q "SELECT difference_due FROM swap WHERE id = '$SWAP'")
    [ "$DUE" -lt 0 ]
}

@test "swap with a negative difference: process-payment refunds it at Stripe, once" {
    stripe_swap_refund
    double DELETE requests > /dev/null
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/process-payment"
    assert_status 200
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/process-payment"
    assert_status 200
    assert_json "[(.order.swaps[] | select(.id == \"$SWAP\") | .payment_status), .order.refunded_total]" "[\"difference_refunded\",$((-DUE))]"
    [ "$(stripe_requests '[.requests[] | select(.path == "/v1/refunds" and .status == 200) | .params.amount | tonumber] | add')" = "$((-DUE))" ]
    [ "$(q "SELECT count(*) || '|' || group_concat(DISTINCT reason) FROM refund WHERE order_id = '$ORDER'")" = "1|swap" ]
}

@test "swap refund while Stripe refuses: requires_action, nothing recorded; processed again once Stripe answers" {
    stripe_swap_refund
    stripe_fails /v1/refunds
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/process-payment"
    assert_status 200
    [ "$(q "SELECT payment_status FROM swap WHERE id = '$SWAP'")" = requires_action ]
    [ "$(q "SELECT count(*) FROM refund WHERE order_id = '$ORDER'")" = 0 ]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'swap.process_refund_failed' AND data LIKE '%$SWAP%'")" = 1 ]
    double DELETE faults > /dev/null
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/process-payment"
    assert_status 200
    [ "$(q "SELECT payment_status FROM swap WHERE id = '$SWAP'")" = difference_refunded ]
    [ "$(q "SELECT sum(amount) FROM refund WHERE order_id = '$ORDER'")" = "$((-DUE))" ]
}

# stripe_swap_paid: an admin swap of one tee for two, its difference paid by card through the
# swap cart (authorised at Stripe); sets SWAP, SRET (its return), CART and PI.
stripe_swap_paid() {
    stripe_return_order
    adm POST "/admin/orders/$ORDER/swaps" "{\"return_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}],\"additional_items\":[{\"variant_id\":\"$TEE\",\"quantity\":2}]}"
    assert_status 200
    SWAP=$(jqr '.order.swaps[-1].id')
    SRET=$(jqr '.order.swaps[-1].return_order.id')
    CART=$(jqr '.order.swaps[-1].cart_id')
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$STD\"}"
    api POST "/store/carts/$CART/payment-sessions"
    assert_status 200
    api POST "/store/carts/$CART/payment-session" '{"provider_id":"stripe"}'
    assert_status 200
    PI=$(jqr .cart.payment_session.data.id)
    confirm pm_card_visa > /dev/null
    api POST "/store/carts/$CART/complete"
    assert_status 200
    assert_json .type swap
    [ "$(stripe_api GET "/v1/payment_intents/$PI" | jq -r .status)" = requires_capture ]
}

@test "swap canceled: its card authorisation is canceled at Stripe; Stripe refusing cancels nothing" {
    stripe_swap_paid
    adm POST "/admin/returns/$SRET/cancel"
    assert_status 200
    stripe_fails "/v1/payment_intents/$PI/cancel"
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/cancel"
    [ "$status" -ge 400 ]
    [ "$(q "SELECT canceled_at IS NULL FROM swap WHERE id = '$SWAP'")" = 1 ]
    [ "$(q "SELECT canceled_at IS NULL FROM payment WHERE swap_id = '$SWAP'")" = 1 ]
    double DELETE faults > /dev/null
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/cancel"
    assert_status 200
    assert_json "[.order.swaps[] | select(.id == \"$SWAP\") | .payment_status, (.canceled_at != null)]" '["canceled",true]'
    [ "$(stripe_api GET "/v1/payment_intents/$PI" | jq -r .status)" = canceled ]
    [ "$(q "SELECT canceled_at IS NOT NULL FROM payment WHERE swap_id = '$SWAP'")" = 1 ]
}

@test "swap with a positive difference paid by card: process-payment captures the PaymentIntent at Stripe" {
    stripe_swap_paid
    # Stripe refusing first: requires_action, the payment not captured.
    stripe_fails "/v1/payment_intents/$PI/capture"
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/process-payment"
    assert_status 200
    [ "$(q "SELECT payment_status FROM swap WHERE id = '$SWAP'")" = requires_action ]
    [ "$(q "SELECT captured_at IS NULL FROM payment WHERE swap_id = '$SWAP'")" = 1 ]
    double DELETE faults > /dev/null
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/process-payment"
    assert_status 200
    assert_json "[.order.swaps[] | select(.id == \"$SWAP\") | .payment_status, .payment.data.status]" '["captured","succeeded"]'
    [ "$(stripe_api GET "/v1/payment_intents/$PI" | jq -r .status)" = succeeded ]
    [ "$(q "SELECT captured_at IS NOT NULL FROM payment WHERE swap_id = '$SWAP'")" = 1 ]
}

@test "admin refund: Medusa's body checks" {
    stripe_order
    adm POST "/admin/orders/$ORDER/refund" '{"amount":0,"reason":"other"}'
    assert_status 400
    adm POST "/admin/orders/$ORDER/refund" '{"amount":1.5,"reason":"other"}'
    assert_status 400
    adm POST "/admin/orders/$ORDER/refund" '{"amount":100,"reason":"because"}'
    assert_status 400
    adm POST "/admin/orders/$ORDER/refund" '{"reason":"other"}'
    assert_status 400
    [ "$(q "SELECT count(*) FROM refund WHERE order_id = '$ORDER'")" = 0 ]
    api POST "/admin/orders/$ORDER/refund" '{"amount":100,"reason":"other"}'
    assert_status 401
}

@test "admin refund of a manual order records it without Stripe" {
    stripe_cart
    api POST "/store/carts/$CART/payment-session" '{"provider_id":"manual"}'
    api POST "/store/carts/$CART/complete"
    assert_json '[.type, .data.payments[0].provider_id]' '["order","manual"]'
    ORDER=$(jqr .data.id)
    double DELETE requests > /dev/null
    adm POST "/admin/orders/$ORDER/refund" '{"amount":100,"reason":"other","no_notification":true}'
    assert_status 200
    assert_json '[.order.refunded_total, .order.payment_status]' '[100,"partially_refunded"]'
    [ "$(stripe_requests '.requests | length')" = 0 ]
}

@test "admin cancel: Stripe cancels the PaymentIntent, the order is canceled" {
    stripe_order
    adm POST "/admin/orders/$ORDER/cancel"
    assert_status 200
    assert_json '[.order.status, .order.payments[0].data.status]' '["canceled","canceled"]'
    [ "$(stripe_api GET "/v1/payment_intents/$PI" | jq -r .status)" = canceled ]
}

@test "Stripe down (500): a 400 with the plugin's message; nothing half-done" {
    stripe_order
    double POST faults '{"count":10,"status":500,"type":"api_error","message":"boom"}' > /dev/null
    adm POST "/admin/orders/$ORDER/refund" '{"amount":100,"reason":"other"}'
    assert_status 400
    assert_json .type invalid_data
    assert_json .message 'An error occurred in refundPayment'
    [ "$(q "SELECT count(*) FROM refund WHERE order_id = '$ORDER'")" = 0 ]
    adm POST "/admin/orders/$ORDER/capture"
    assert_status 400
    [ "$(q "SELECT payment_status FROM \"order\" WHERE id = '$ORDER'")" = awaiting ]
    double DELETE faults > /dev/null
    # A new cart's session while Stripe is down: the session stays local, unselected.
    api POST /store/carts '{}'
    CART=$(jqr .cart.id)
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    api POST "/store/carts/$CART/payment-sessions"
    double POST faults '{"count":10,"status":500,"type":"api_error","message":"boom"}' > /dev/null
    api POST "/store/carts/$CART/payment-session" '{"provider_id":"stripe"}'
    assert_status 400
    assert_json .type invalid_data
    [ "$(q "SELECT count(*) FROM payment_session WHERE cart_id = '$CART' AND is_selected = 1")" = 0 ]
}

@test "Stripe times out: a 400, nothing half-done; no write lock is held while Stripe is asked" {
    need_http
    api POST /store/carts '{}'
    CART=$(jqr .cart.id)
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    api POST "/store/carts/$CART/payment-sessions"
    # The call hangs longer than stripe_timeout_ms (3 s here).
    double POST faults '{"count":5,"hang":10,"path":"/v1/customers"}' > /dev/null
    curl -sS -o "$BATS_TEST_TMPDIR/slow" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        --data-binary '{"provider_id":"stripe"}' "$BASE/store/carts/$CART/payment-session" > "$BATS_TEST_TMPDIR/slow.status" &
    # Once the worker is waiting for Stripe (the double has the call, unanswered)...
    local i=0
    until [ "$(stripe_requests '[.requests[] | select(.path == "/v1/customers" and .status == null)] | length')" = 1 ]; do
        i=$((i + 1))
        [ $i -lt 100 ] || break
        sleep 0.05
    done
    [ ! -s "$BATS_TEST_TMPDIR/slow.status" ]
    # ...the write lock is free (a probe that does not wait for it takes it at once)...
    run sqlite3 "$MEDUSA_TEST_DIR/medusa.db" ".timeout 0" "BEGIN IMMEDIATE; ROLLBACK;"
    assert_success
    # ...and another shopper's writes go through.
    api POST /store/carts '{}'
    assert_status 200
    api POST "/store/carts/$(jqr .cart.id)/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_status 200
    wait
    [ "$(cat "$BATS_TEST_TMPDIR/slow.status")" = 400 ]
    jq -e '.type == "invalid_data"' "$BATS_TEST_TMPDIR/slow"
    [ "$(q "SELECT count(*) FROM payment_session WHERE cart_id = '$CART' AND is_selected = 1")" = 0 ]
    double DELETE faults > /dev/null
}

@test "an unknown payment provider is refused by POST /admin/regions, as Medusa refuses it" {
    adm POST /admin/regions '{"name":"X","currency_code":"eur","tax_rate":0,"countries":[],"payment_providers":["stripe2"],"fulfillment_providers":["manual"]}'
    assert_status 400
    assert_json .message 'Payment provider not found'
}

@test "not configured: the admin routes refuse stripe as an unknown provider (a CGI worker without the key)" {
    unset STRIPE_API_KEY
    MEDUSA_TEST_TRANSPORT=cgi
    adm POST /admin/regions '{"name":"NoCards","currency_code":"eur","tax_rate":0,"countries":[],"payment_providers":["stripe"],"fulfillment_providers":["manual"]}'
    assert_status 400
    assert_json .message 'Payment provider not found'
    adm POST "/admin/regions/$EU" '{"payment_providers":["manual","stripe"]}'
    assert_status 400
    [ "$(q "SELECT count(*) FROM region WHERE name = 'NoCards'")" = 0 ]
    [ "$(q "SELECT is_installed FROM payment_provider WHERE id = 'stripe'")" = 0 ]
}
