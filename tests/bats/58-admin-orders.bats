#!/usr/bin/env bats
# 58-admin-orders.bats: the Admin API's order operations (issue #7; Medusa v1's OrderService
# capturePayment, createFulfillment, createShipment, cancel) on orders made by a real checkout
# with a discount and a gift card created through the Admin API.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    checkout_vars
    admin_login
    customer_credentials
}

teardown_file() {
    stop_stack
}

stock() {
    q "SELECT inventory_quantity FROM product_variant WHERE id = '$TEE'"
}

# promo_order: a guest checkout of 3 tees with an admin-made 10 % code and an admin-made gift
# card; sets ORDER, ITEM, CODE and GC.
promo_order() {
    CODE="ADM$RANDOM$RANDOM"
    adm POST /admin/discounts "{\"code\":\"$CODE\",\"rule\":{\"type\":\"percentage\",\"value\":10,\"allocation\":\"total\"},\"regions\":[\"$EU\"]}"
    assert_status 200
    adm POST /admin/gift-cards "{\"region_id\":\"$EU\",\"value\":1000}"
    assert_status 200
    GC=$(jqr .gift_card.code)
    api POST /store/carts "{\"region_id\":\"$EU\"}"
    CART=$(jqr .cart.id)
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":3}"
    api POST "/store/carts/$CART" "{\"email\":\"promo@example.com\",\"shipping_address\":{\"first_name\":\"P\",\"country_code\":\"de\"},\"discounts\":[{\"code\":\"$CODE\"}],\"gift_cards\":[{\"code\":\"$GC\"}]}"
    assert_status 200
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$STD\"}"
    api POST "/store/carts/$CART/payment-sessions"
    api POST "/store/carts/$CART/complete"
    [ "$(jqr .type)" = order ] || { echo "checkout failed: $body" >&2; return 1; }
    ORDER=$(jqr .data.id)
    ITEM=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
}

@test "admin orders: capture, fulfil in two parts, ship both, with Medusa's statuses and events" {
    promo_order
    api GET "/store/orders/$ORDER"
    local total
    total=$(jqr .order.total)
    assert_json '.order.discount_total > 0' true
    assert_json .order.gift_card_total 1000

    adm POST "/admin/orders/$ORDER/capture"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/capture"
    assert_json '.order | [.id, .payment_status, .fulfillment_status, .status]' "[\"$ORDER\",\"captured\",\"not_fulfilled\",\"pending\"]"
    assert_json '.order.payments | length' 1
    assert_json '.order.payments[0].amount' "$total"
    assert_json '.order.payments[0].captured_at | test("^20.*Z$")' true
    assert_json '.order.payments[0].data' '{"status":"captured"}'
    assert_json '[.order.paid_total, .order.total, (.order.discounts | map(.code)), (.order.gift_cards | map(.code))]' "[$total,$total,[\"$CODE\"],[\"$GC\"]]"
    assert_json '.order | has("raw_discount_total")' false
    assert_json '.order | [has("sales_channel"), has("returns"), has("no_notification"), has("billing_address")]' '[true,true,true,true]'
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order.payment_captured' AND CAST(data AS TEXT) LIKE '%$ORDER%'")" = 1 ]

    adm POST "/admin/orders/$ORDER/fulfillment" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}],\"metadata\":{\"box\":1}}"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/fulfillment"
    assert_json .order.fulfillment_status partially_fulfilled
    assert_json '.order.items[0] | [.fulfilled_quantity, .shipped_quantity]' '[1,null]'
    assert_json '.order.fulfillments | length' 1
    assert_json '.order.fulfillments[0] | [.provider_id, .shipped_at, .metadata.box, .data, .tracking_links, .canceled_at]' '["manual",null,1,{},[],null]'
    assert_json '.order.fulfillments[0].items' "[{\"fulfillment_id\":$(jq -c '.order.fulfillments[0].id' <<<"$body"),\"item_id\":\"$ITEM\",\"quantity\":1}]"
    local f1
    f1=$(jqr '.order.fulfillments[0].id')

    adm POST "/admin/orders/$ORDER/fulfillment" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":3}]}"
    assert_medusa_error 400 not_allowed "Cannot fulfill more items than have been purchased"
    adm POST "/admin/orders/$ORDER/fulfillment" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":2},{\"item_id\":\"item_unknown\",\"quantity\":5}],\"no_notification\":\"true\"}"
    assert_status 200
    assert_json .order.fulfillment_status fulfilled
    assert_json '.order.items[0].fulfilled_quantity' 3
    assert_json '.order.fulfillments | map(.items[0].quantity)' '[1,2]'
    assert_json '.order.fulfillments[1].no_notification' true
    local f2
    f2=$(jqr '.order.fulfillments[1].id')
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order.fulfillment_created' AND CAST(data AS TEXT) LIKE '%$ORDER%'")" = 2 ]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order.fulfillment_created' AND CAST(data AS TEXT) LIKE '%$f2%'")" = 1 ]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order.fulfillment_created' AND CAST(data AS TEXT) LIKE '%$f2%' AND data = '{\"id\":\"$ORDER\",\"fulfillment_id\":\"$f2\",\"no_notification\":true}'")" = 1 ]

    adm POST "/admin/orders/$ORDER/shipment" "{\"fulfillment_id\":\"$f1\",\"tracking_numbers\":[\"TRK-1\",\"TRK-2\"]}"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/shipment"
    assert_json .order.fulfillment_status partially_shipped
    assert_json '.order.items[0].shipped_quantity' 1
    assert_json '.order.fulfillments[0].shipped_at | test("^20.*Z$")' true
    assert_json '.order.fulfillments[0].tracking_links | map(.tracking_number) | sort' '["TRK-1","TRK-2"]'
    assert_json '.order.fulfillments[1].shipped_at' null
    # The second through the path the issue names: the same operation.
    adm POST "/admin/orders/$ORDER/fulfillment/$f2/shipments" '{"no_notification":false}'
    assert_status 200
    assert_json '[.order.fulfillment_status, .order.items[0].shipped_quantity, .order.fulfillments[1].no_notification]' '["shipped",3,false]'
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order.shipment_created' AND CAST(data AS TEXT) LIKE '%$ORDER%'")" = 2 ]

    # The store sees the same order.
    api GET "/store/orders/$ORDER"
    assert_json '[.order.fulfillment_status, .order.payment_status, (.order.fulfillments | length)]' '["shipped","captured",2]'

    # A fulfilled order cannot be canceled.
    adm POST "/admin/orders/$ORDER/cancel"
    assert_medusa_error 400 not_allowed "All fulfillments must be canceled before canceling an order"
}

@test "admin orders: cancel puts stock back and cancels payments; a canceled order refuses the rest" {
    local before
    before=$(stock)
    checkout_order "$TEE" 2
    [ "$(stock)" = "$((before - 2))" ]
    adm POST "/admin/orders/$ORDER/cancel"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/cancel"
    assert_json '.order | [.status, .fulfillment_status, .payment_status]' '["canceled","canceled","canceled"]'
    assert_json '.order.canceled_at | test("^20.*Z$")' true
    assert_json '.order.payments[0].canceled_at | test("^20.*Z$")' true
    assert_json '.order.payments[0].data' '{"status":"canceled"}'
    [ "$(stock)" = "$before" ]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order.canceled' AND CAST(data AS TEXT) LIKE '%$ORDER%'")" = 1 ]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order.canceled' AND CAST(data AS TEXT) LIKE '%$ORDER%' AND data = '{\"id\":\"$ORDER\",\"no_notification\":null}'")" = 1 ]
    local item
    item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    adm POST "/admin/orders/$ORDER/capture"
    assert_medusa_error 400 not_allowed "A canceled order cannot capture payment"
    adm POST "/admin/orders/$ORDER/fulfillment" "{\"items\":[{\"item_id\":\"$item\",\"quantity\":1}]}"
    assert_medusa_error 400 not_allowed "A canceled order cannot be fulfilled"
    adm POST "/admin/orders/$ORDER/shipment" '{"fulfillment_id":"ful_nope"}'
    assert_medusa_error 404 not_found "Fulfillment with id: ful_nope was not found"
}

@test "admin orders: capture answers the order with captured payments, and twice is harmless" {
    checkout_order "$TEE" 1
    adm POST "/admin/orders/$ORDER/capture"
    assert_status 200
    local at
    at=$(jqr '.order.payments[0].captured_at')
    adm POST "/admin/orders/$ORDER/capture"
    assert_status 200
    assert_json '[.order.payment_status, .order.payments[0].captured_at]' "[\"captured\",\"$at\"]"
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order.payment_captured' AND CAST(data AS TEXT) LIKE '%$ORDER%'")" = 2 ]
}

@test "admin orders: shipment errors: another order's fulfillment, a canceled fulfillment" {
    checkout_order "$TEE" 1
    local a=$ORDER item
    item=$(q "SELECT id FROM line_item WHERE order_id = '$a'")
    adm POST "/admin/orders/$a/fulfillment" "{\"items\":[{\"item_id\":\"$item\",\"quantity\":1}]}"
    assert_status 200
    local f
    f=$(jqr '.order.fulfillments[0].id')
    checkout_order "$TEE" 1
    adm POST "/admin/orders/$ORDER/shipment" "{\"fulfillment_id\":\"$f\"}"
    assert_medusa_error 404 not_found "Could not find fulfillment"
    q "UPDATE fulfillment SET canceled_at = '2024-01-01T00:00:00.000Z' WHERE id = '$f'"
    adm POST "/admin/orders/$a/shipment" "{\"fulfillment_id\":\"$f\"}"
    assert_medusa_error 400 not_allowed "Fulfillment has been canceled"
}

@test "admin orders: an order without shipping methods cannot be fulfilled" {
    checkout_order "$TEE" 1
    q "UPDATE shipping_method SET order_id = NULL WHERE order_id = '$ORDER'"
    adm POST "/admin/orders/$ORDER/fulfillment" '{"items":[]}'
    assert_medusa_error 400 not_allowed "Cannot fulfill an order that lacks shipping methods"
}

@test "admin orders: cancel refuses orders with refunds and live returns" {
    checkout_order "$TEE" 1
    local item
    item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":1}]}"
    assert_status 200
    adm POST "/admin/orders/$ORDER/cancel"
    assert_medusa_error 400 not_allowed "All returns must be canceled before canceling an order"
    q "INSERT INTO refund (id, order_id, amount, reason) VALUES ('ref_t', '$ORDER', 100, 'other')"
    adm POST "/admin/orders/$ORDER/cancel"
    assert_medusa_error 400 not_allowed "Order with refund(s) cannot be canceled"
    [ "$(q "SELECT status FROM \"order\" WHERE id = '$ORDER'")" = pending ]
}

@test "admin orders: Medusa's validation and not-found errors" {
    checkout_order "$TEE" 1
    adm POST "/admin/orders/$ORDER/fulfillment" '{}'
    assert_medusa_error 400 invalid_data "items must be an array, nested property items must be either object or array"
    adm POST "/admin/orders/$ORDER/fulfillment" '{"items":[{"quantity":1.5}],"extra":1}'
    assert_medusa_error 400 invalid_data "property extra should not exist, item_id must be a string, quantity must be an integer number, item_id should not be empty"
    adm POST "/admin/orders/$ORDER/shipment" '{"tracking_numbers":"T1","no_notification":"yes"}'
    assert_medusa_error 400 invalid_data "fulfillment_id must be a string, tracking_numbers must be an array, no_notification must be a boolean value, fulfillment_id should not be empty"
    adm POST "/admin/orders/$ORDER/capture?foo=1"
    assert_medusa_error 400 invalid_data "property foo should not exist"
    local route
    for route in capture cancel; do
        adm POST "/admin/orders/order_nope/$route"
        assert_medusa_error 404 not_found "Order with id order_nope was not found"
    done
    adm POST /admin/orders/order_nope/fulfillment '{"items":[]}'
    assert_medusa_error 404 not_found "Order with id order_nope was not found"
    adm POST /admin/orders/order_nope/shipment '{"fulfillment_id":"ful_x"}'
    assert_medusa_error 404 not_found "Order with id order_nope was not found"
}

@test "admin orders: every route refuses anonymous callers and customers" {
    checkout_order "$TEE" 1
    local item
    item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    assert_admin_only POST "/admin/orders/$ORDER/capture"
    assert_admin_only POST "/admin/orders/$ORDER/fulfillment" "{\"items\":[{\"item_id\":\"$item\",\"quantity\":1}]}"
    assert_admin_only POST "/admin/orders/$ORDER/shipment" '{"fulfillment_id":"ful_x"}'
    assert_admin_only POST "/admin/orders/$ORDER/cancel"
    [ "$(q "SELECT status || payment_status || fulfillment_status FROM \"order\" WHERE id = '$ORDER'")" = pendingawaitingnot_fulfilled ]
}
