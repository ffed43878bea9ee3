#!/usr/bin/env bats
# 49-post-purchase.bats: one order of the seeded store through everything a customer does after
# buying (issue #6's "done when"): a return, a swap checked out through its swap cart, an order
# edit the customer declines, and one the customer pays for through its payment collection and
# completes. The shop's side (capture, fulfilment, order edits) goes through the Admin API.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    api POST /admin/auth/token '{"email":"admin@medusa-test.com","password":"supersecret"}'
    printf '%s' "$(printf '%s' "$body" | jq -r .access_token)" > "$BATS_FILE_TMPDIR/token"
}

setup() {
    ADMIN_TOKEN=$(cat "$BATS_FILE_TMPDIR/token")
    checkout_vars
    restore
}

teardown_file() {
    stop_stack
}

save() { printf '%s=%q\n' "$1" "$2" >> "$BATS_FILE_TMPDIR/story"; }
restore() { [ -f "$BATS_FILE_TMPDIR/story" ] && . "$BATS_FILE_TMPDIR/story"; return 0; }

@test "post-purchase 1: three shirts bought, captured, fulfilled and shipped by the shop" {
    checkout_order "$TEE" 3
    save ORDER "$ORDER"
    local item
    item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    save ITEM "$item"
    adm POST "/admin/orders/$ORDER/capture"
    assert_status 200
    assert_json .order.payment_status captured
    adm POST "/admin/orders/$ORDER/fulfillment" "{\"items\":[{\"item_id\":\"$item\",\"quantity\":3}]}"
    assert_status 200
    assert_json .order.fulfillment_status fulfilled
    adm POST "/admin/orders/$ORDER/shipment" "{\"fulfillment_id\":\"$(jqr '.order.fulfillments[0].id')\"}"
    assert_status 200
    assert_json .order.fulfillment_status shipped
}

@test "post-purchase 2: the customer returns one shirt" {
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    assert_status 200
    assert_spec POST /store/returns
    assert_json .return.status requested
    assert_json '.return.refund_amount > 0' true
    # The store's order view does not carry returns (store.md §4.1): the row does.
    [ "$(q "SELECT count(*) FROM \"return\" WHERE order_id = '$ORDER' AND status = 'requested'")" = 1 ]
}

@test "post-purchase 3: the customer swaps another shirt for a different one, through the swap cart" {
    local other
    other=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 't-shirt' AND v.id <> '$TEE' LIMIT 1")
    api POST /store/swaps "{\"order_id\":\"$ORDER\",\"return_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}],\"additional_items\":[{\"variant_id\":\"$other\",\"quantity\":1}]}"
    assert_status 200
    assert_spec POST /store/swaps
    local swap cart
    swap=$(jqr .swap.id)
    cart=$(jqr .swap.cart_id)
    [[ "$swap" == swap_* && "$cart" == cart_* ]]
    api GET "/store/swaps/$cart"
    assert_status 200
    assert_json .swap.id "$swap"
    api GET "/store/carts/$cart"
    assert_json .cart.type swap
    api POST "/store/carts/$cart/shipping-methods" "{\"option_id\":\"$STD\"}"
    assert_status 200
    api POST "/store/carts/$cart/payment-sessions"
    assert_status 200
    api POST "/store/carts/$cart/complete"
    assert_status 200
    assert_json .type swap
    assert_json .data.id "$swap"
    assert_json '.data.confirmed_at != null' true
    [ "$(q "SELECT count(*) FROM swap WHERE order_id = '$ORDER' AND confirmed_at IS NOT NULL")" = 1 ]
    # A second completion answers the same swap.
    api POST "/store/carts/$cart/complete"
    assert_status 200
    assert_json .data.id "$swap"
}

@test "post-purchase 4: an order edit the customer declines changes nothing" {
    api GET "/store/orders/$ORDER"
    local total
    total=$(jqr .order.total)
    adm POST /admin/order-edits "{\"order_id\":\"$ORDER\"}"
    assert_status 200
    local edit
    edit=$(jqr .order_edit.id)
    adm POST "/admin/order-edits/$edit/items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_status 200
    adm POST "/admin/order-edits/$edit/request"
    assert_status 200
    api GET "/store/order-edits/$edit"
    assert_status 200
    assert_spec GET "/store/order-edits/$edit"
    assert_json .order_edit.status requested
    api POST "/store/order-edits/$edit/decline" '{"declined_reason":"changed my mind"}'
    assert_status 200
    assert_json .order_edit.status declined
    assert_json .order_edit.declined_reason "changed my mind"
    api GET "/store/orders/$ORDER"
    assert_json .order.total "$total"
}

@test "post-purchase 5: an order edit paid through its payment collection and completed" {
    api GET "/store/orders/$ORDER"
    local items_before
    items_before=$(jqr '.order.items | length')
    adm POST /admin/order-edits "{\"order_id\":\"$ORDER\"}"
    assert_status 200
    local edit
    edit=$(jqr .order_edit.id)
    adm POST "/admin/order-edits/$edit/items" "{\"variant_id\":\"$TEE\",\"quantity\":2}"
    assert_status 200
    adm POST "/admin/order-edits/$edit/request"
    assert_status 200
    local pc due
    pc=$(jqr .order_edit.payment_collection_id)
    [[ "$pc" == paycol_* ]]
    api GET "/store/order-edits/$edit"
    due=$(jqr .order_edit.difference_due)
    [ "$due" -gt 0 ]
    # Completing before paying is refused.
    api POST "/store/order-edits/$edit/complete"
    assert_status 400
    api GET "/store/payment-collections/$pc"
    assert_status 200
    assert_json .payment_collection.amount "$due"
    api POST "/store/payment-collections/$pc/sessions" '{"provider_id":"manual"}'
    assert_status 200
    local session
    session=$(jqr '.payment_collection.payment_sessions[0].id')
    api POST "/store/payment-collections/$pc/sessions/$session/authorize"
    assert_status 200
    api GET "/store/payment-collections/$pc"
    assert_json .payment_collection.status authorized
    api POST "/store/order-edits/$edit/complete"
    assert_status 200
    assert_json .order_edit.status confirmed
    api GET "/store/orders/$ORDER"
    assert_json '.order.items | length' "$((items_before + 1))"
    assert_json "[.order.items[] | select(.variant_id == \"$TEE\") | .quantity] | add" 5
}
