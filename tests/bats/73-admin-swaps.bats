#!/usr/bin/env bats
# 73-admin-swaps.bats: /admin/orders/{id}/swaps (issue 15; Medusa v1's SwapService and the admin
# swap routes) on orders made by a real checkout, captured and fulfilled through the Admin API:
# a swap made by the admin or through the Store API, its cart checked out through the store's
# cart routes, its difference charged or refunded once (also under concurrent requests), its
# additional items fulfilled and shipped, canceled with the stock given back once. Through nginx
# and the worker pool.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    checkout_vars
    HOODIE=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 'hoodie' AND v.title = 'S'")
    WHITE=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 't-shirt' AND v.title = 'S / White'")
    RET=$(q "SELECT id FROM shipping_option WHERE name = 'PostFake Return' AND region_id = '$EU'")
    export HOODIE WHITE RET
    admin_login_file
}

setup() {
    admin_token
}

teardown_file() {
    stop_stack
}

stock() {
    q "SELECT inventory_quantity FROM product_variant WHERE id = '$1'"
}

# swap_order: a captured, fulfilled order of one TEE; sets ORDER, ITEM.
swap_order() {
    checkout_order "$TEE" 1
    order_fulfilled_fixture "$ORDER"
    ITEM=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
}

# admin_swap ADDITIONAL_JSON [EXTRA]: the admin swaps ITEM for ADDITIONAL; sets SWAP and SCART.
admin_swap() {
    adm POST "/admin/orders/$ORDER/swaps" "{\"return_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}],\"additional_items\":$1${2:+,$2}}"
    assert_status 200
    SWAP=$(jqr '.order.swaps[-1].id')
    SCART=$(jqr '.order.swaps[-1].cart_id')
}

# checkout_swap_cart: the customer checks the swap cart out through the Store API.
checkout_swap_cart() {
    api POST "/store/carts/$SCART/shipping-methods" "{\"option_id\":\"$STD\"}"
    assert_status 200
    api POST "/store/carts/$SCART/payment-sessions"
    assert_status 200
    api POST "/store/carts/$SCART/complete"
    assert_status 200
    assert_json .type swap
}

@test "admin swaps: create, the customer pays, process-payment captures the difference once" {
    swap_order
    local hoodie
    hoodie=$(stock "$HOODIE")
    admin_swap "[{\"variant_id\":\"$HOODIE\",\"quantity\":1}]" '"no_notification":true'
    assert_spec POST "/admin/orders/$ORDER/swaps"
    assert_json '.order.swaps[0] | [.payment_status, .fulfillment_status, .allow_backorder, .no_notification, (.additional_items | map(.variant_id)), .return_order.status]' \
        "[\"not_paid\",\"not_fulfilled\",true,true,[\"$HOODIE\"],\"requested\"]"
    # Not paid yet: nothing to process, nothing to fulfil.
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/process-payment"
    assert_medusa_error 400 not_allowed "Cannot process a swap that hasn't been confirmed by the customer"
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/fulfillments" '{}'
    assert_medusa_error 400 not_allowed "Cannot fulfill a swap that hasn't been confirmed by the customer"
    checkout_swap_cart
    assert_equal "$(stock "$HOODIE")" "$((hoodie - 1))"
    local due
    due=$(q "SELECT difference_due FROM swap WHERE id = '$SWAP'")
    [ "$due" -gt 0 ]
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/process-payment"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/swaps/$SWAP/process-payment"
    assert_json '.order.swaps[0] | [.payment_status, .difference_due, .payment.amount, (.payment.captured_at != null)]' "[\"captured\",$due,$due,true]"
    assert_json .order.refunds '[]'
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/process-payment"
    assert_status 200
    assert_equal "$(q "SELECT count(*) FROM event_outbox WHERE name = 'swap.payment_captured' AND CAST(data AS TEXT) LIKE '%$SWAP%'")" 1
}

@test "admin swaps: a store swap with a negative difference is refunded once, concurrently too" {
    need_nginx # concurrent requests through the pool
    swap_order
    # The store's swap: the tee back (with return shipping), nothing new.
    api POST /store/swaps "{\"order_id\":\"$ORDER\",\"return_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}],\"additional_items\":[],\"return_shipping_option\":\"$RET\"}"
    assert_status 200
    SWAP=$(jqr .swap.id)
    SCART=$(jqr .swap.cart_id)
    api POST "/store/carts/$SCART/complete"
    assert_status 200
    local due i
    due=$(q "SELECT difference_due FROM swap WHERE id = '$SWAP'")
    [ "$due" -lt 0 ]
    adm GET "/admin/orders/$ORDER"
    assert_json "[.order.swaps[].id] | index(\"$SWAP\") != null" true
    for i in 1 2 3 4 5 6; do
        curl -s -X POST -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE/admin/orders/$ORDER/swaps/$SWAP/process-payment" |
            jq -c 'if .order then "order" else .type end' &
    done > "$BATS_TEST_TMPDIR/answers"
    wait
    assert_equal "$(grep -c '^"order"$' "$BATS_TEST_TMPDIR/answers")" 6
    assert_equal "$(q "SELECT count(*) || ':' || sum(amount) || ':' || min(reason) FROM refund WHERE order_id = '$ORDER'")" "1:$((-due)):swap"
    assert_equal "$(q "SELECT payment_status FROM swap WHERE id = '$SWAP'")" difference_refunded
    adm GET "/admin/orders/$ORDER"
    assert_spec GET "/admin/orders/$ORDER"
    assert_json .order.refunded_total "$((-due))"
    # A swap with a refund cannot be canceled.
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/cancel"
    assert_medusa_error 400 not_allowed "Swap with a refund cannot be canceled"
}

@test "admin swaps: concurrent process-payment of a positive difference captures once" {
    need_nginx
    swap_order
    admin_swap "[{\"variant_id\":\"$HOODIE\",\"quantity\":1}]"
    checkout_swap_cart
    local i
    for i in 1 2 3 4 5; do
        curl -s -X POST -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE/admin/orders/$ORDER/swaps/$SWAP/process-payment" |
            jq -c 'if .order then "order" else .type end' &
    done > "$BATS_TEST_TMPDIR/answers"
    wait
    assert_equal "$(grep -c '^"order"$' "$BATS_TEST_TMPDIR/answers")" 5
    assert_equal "$(q "SELECT count(*) FROM event_outbox WHERE name = 'swap.payment_captured' AND CAST(data AS TEXT) LIKE '%$SWAP%'")" 1
    assert_equal "$(q "SELECT count(*) FROM payment WHERE swap_id = '$SWAP' AND captured_at IS NOT NULL")" 1
}

@test "admin swaps: fulfil and ship the additional items; cancel a fulfillment; cancel gives stock back once" {
    swap_order
    local hoodie
    hoodie=$(stock "$HOODIE")
    admin_swap "[{\"variant_id\":\"$HOODIE\",\"quantity\":1}]"
    checkout_swap_cart
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/fulfillments" '{"metadata":{"box":"A"}}'
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/swaps/$SWAP/fulfillments"
    assert_json '.order.swaps[0] | [.fulfillment_status, (.fulfillments | length), .additional_items[0].fulfilled_quantity]' '["fulfilled",1,1]'
    local ful
    ful=$(jqr '.order.swaps[0].fulfillments[0].id')
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/fulfillments" '{}'
    assert_medusa_error 400 not_allowed "The swap was already fulfilled"
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/cancel"
    assert_medusa_error 400 not_allowed "All fulfillments must be canceled before the swap can be canceled"
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/fulfillments/$ful/cancel"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/swaps/$SWAP/fulfillments/$ful/cancel"
    assert_json '.order.swaps[0] | [.fulfillment_status, .additional_items[0].fulfilled_quantity]' '["canceled",0]'
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/fulfillments" '{}'
    assert_status 200
    ful=$(jqr '.order.swaps[0].fulfillments | map(select(.canceled_at == null)) | .[0].id')
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/shipments" "{\"fulfillment_id\":\"$ful\",\"tracking_numbers\":[\"SW-1\"]}"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/swaps/$SWAP/shipments"
    assert_json '.order.swaps[0] | [.fulfillment_status, .additional_items[0].shipped_quantity]' '["shipped",1]'
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/shipments" "{\"fulfillment_id\":\"$ful\"}"
    assert_medusa_error 400 not_allowed "Fulfillment has already been shipped"
    assert_equal "$(stock "$HOODIE")" "$((hoodie - 1))"

    # Another swap, paid but never shipped, canceled: the reserved hoodie comes back once.
    swap_order
    hoodie=$(stock "$HOODIE")
    admin_swap "[{\"variant_id\":\"$HOODIE\",\"quantity\":1}]" "\"return_shipping\":{\"option_id\":\"$RET\"}"
    checkout_swap_cart
    assert_equal "$(stock "$HOODIE")" "$((hoodie - 1))"
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/cancel"
    assert_medusa_error 400 not_allowed "Return must be canceled before the swap can be canceled"
    q "UPDATE \"return\" SET status = 'canceled' WHERE swap_id = '$SWAP'" >/dev/null
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/cancel"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/swaps/$SWAP/cancel"
    assert_json '.order.swaps[0] | [.fulfillment_status, .payment_status, (.canceled_at != null), (.payment.canceled_at != null)]' '["canceled","canceled",true,true]'
    assert_equal "$(stock "$HOODIE")" "$hoodie"
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/cancel"
    assert_medusa_error 400 not_allowed "A canceled swap cannot be canceled"
    assert_equal "$(stock "$HOODIE")" "$hoodie"
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/process-payment"
    assert_medusa_error 400 not_allowed "Canceled swap cannot be processed"
}

@test "admin swaps: custom shipping prices on the swap cart; Medusa's refusals" {
    swap_order
    admin_swap "[{\"variant_id\":\"$HOODIE\",\"quantity\":1}]" "\"custom_shipping_options\":[{\"option_id\":\"$STD\",\"price\":0}]"
    api POST "/store/carts/$SCART/shipping-methods" "{\"option_id\":\"$STD\"}"
    assert_status 200
    assert_json '.cart.shipping_methods | map(.price)' '[0]'
    adm POST "/admin/orders/$ORDER/swaps" '{"return_items":[]}'
    assert_medusa_error 400 invalid_data "return_items should not be empty"
    adm POST "/admin/orders/$ORDER/swaps" "{\"return_items\":[{\"item_id\":\"$ITEM\",\"quantity\":0}]}"
    assert_medusa_error 400 invalid_data "quantity must not be less than 1"
    adm POST "/admin/orders/$ORDER/swaps" "{\"return_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}],\"custom_shipping_options\":[{\"option_id\":\"$STD\",\"price\":-100}]}"
    assert_medusa_error 400 invalid_data "price must not be less than 0"
    assert_spec POST "/admin/orders/$ORDER/swaps"
    adm POST "/admin/orders/$ORDER/swaps/swap_nope/process-payment"
    assert_medusa_error 404 not_found "Swap with id swap_nope was not found"
    adm POST "/admin/orders/$ORDER/swaps/$SWAP/shipments" '{"fulfillment_id":"ful_nope"}'
    assert_medusa_error 404 not_found "Fulfillment with id: ful_nope was not found"
    checkout_order "$TEE" 1
    local item
    item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    adm POST "/admin/orders/$ORDER/swaps" "{\"return_items\":[{\"item_id\":\"$item\",\"quantity\":1}]}"
    assert_medusa_error 400 not_allowed "Cannot swap an order that has not been captured"
    assert_admin_only POST "/admin/orders/$ORDER/swaps/$SWAP/cancel"
}
