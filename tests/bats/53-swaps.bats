#!/usr/bin/env bats
# 53-swaps.bats: POST /store/swaps, GET /store/swaps/:cart_id and the swap cart's checkout
# (store.md §8, §1.11, checkout.md §11.6) on orders made by a real checkout, then
# captured and fulfilled through the Admin API (order_fulfilled_fixture, tests/bats/checkout.bash).

load helpers
load spec
load checkout

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    checkout_vars
    HOODIE=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 'hoodie' AND v.title = 'S'")
    WHITE=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 't-shirt' AND v.title = 'S / White'")
    RET=$(q "SELECT id FROM shipping_option WHERE name = 'PostFake Return' AND region_id = '$EU'")
    export HOODIE WHITE RET
}

teardown_file() {
    stop_stack
}

# swap_order: a captured, fulfilled order of one TEE; sets ORDER, ITEM (its line item).
swap_order() {
    checkout_order "$TEE" 1
    order_fulfilled_fixture "$ORDER"
    ITEM=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
}

# swap_body RETURN_QTY [ADDITIONAL_JSON] [EXTRA_JSON]: a body returning RETURN_QTY of ITEM.
swap_body() {
    printf '{"order_id":"%s","return_items":[{"item_id":"%s","quantity":%s}],"additional_items":%s%s}' \
        "$ORDER" "$ITEM" "$1" "${2:-[]}" "${3:+,$3}"
}

stock() {
    q "SELECT inventory_quantity FROM product_variant WHERE id = '$1'"
}

@test "swaps: a swap returns the item, adds the new one and opens a swap cart" {
    swap_order
    api POST /store/swaps "$(swap_body 1 "[{\"variant_id\":\"$HOODIE\",\"quantity\":1}]")"
    assert_status 200
    assert_spec POST /store/swaps
    local key id cart
    key=$(header idempotency-key)
    id=$(jqr .swap.id)
    cart=$(jqr .swap.cart_id)
    [[ "$id" == swap_* ]]
    [[ "$cart" == cart_* ]]
    [ "$(header access-control-expose-headers)" = Idempotency-Key ]
    assert_json '.swap | [.fulfillment_status, .payment_status, .order_id, .difference_due, .confirmed_at, .idempotency_key]' \
        "[\"not_fulfilled\",\"not_paid\",\"$ORDER\",null,null,\"$key\"]"
    # POST leaves these three out (observed.md), GET sends them.
    assert_json '.swap | [has("allow_backorder"), has("canceled_at"), has("no_notification")]' '[false,false,false]'
    assert_json '.swap.order.id' "$ORDER"
    assert_json '.swap.additional_items | length' 1
    assert_json '.swap.additional_items[0] | [.variant_id, .variant.id, .quantity, .unit_price, .swap_id, .cart_id]' \
        "[\"$HOODIE\",\"$HOODIE\",1,3650,\"$id\",\"$cart\"]"
    assert_json '.swap.return_order | [.status, .swap_id, .order_id, .refund_amount, .no_notification, .shipping_method]' \
        "[\"requested\",\"$id\",null,1950,true,null]"
    assert_json '.swap.return_order.items[0] | [.item_id, .quantity, .requested_quantity, .is_requested]' "[\"$ITEM\",1,1,true]"
    assert_json '.swap | [.fulfillments, .payment, .shipping_methods, .shipping_address]' '[[],null,[],null]'
    assert_json '.swap.cart | [.id, .type, .completed_at]' "[\"$cart\",\"swap\",null]"
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'swap.created' AND data = '{\"id\":\"$id\",\"no_notification\":true}'")" = 1 ]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order.return_requested' AND CAST(data AS TEXT) LIKE '%$ORDER%'")" = 0 ]

    # The cart: the order's region, e-mail and addresses, the new item and the returned one at
    # minus its price.
    api GET "/store/carts/$cart"
    assert_status 200
    assert_json '.cart | [.type, .metadata.swap_id, .metadata.parent_order_id, .email, .region_id]' \
        "[\"swap\",\"$id\",\"$ORDER\",\"buyer@example.com\",\"$EU\"]"
    # The order's shipping address, as a copy of its own (issue #12).
    assert_json '.cart.shipping_address | [.first_name, .country_code, .customer_id]' '["B","de",null]'
    assert_json '.cart.shipping_address_id != "'"$(q "SELECT shipping_address_id FROM \"order\" WHERE id = '$ORDER'")"'"' true
    assert_json '[.cart.items | sort_by(.is_return)[] | [.variant_id, .unit_price, .quantity, .is_return]]' \
        "[[\"$HOODIE\",3650,1,false],[\"$TEE\",-1950,1,true]]"
    assert_json .cart.total 1700
    # Re-pricing the cart (its region given again) leaves the returned item at minus its price.
    api POST "/store/carts/$cart" "{\"region_id\":\"$EU\"}"
    assert_status 200
    assert_json '[.cart.items[] | select(.is_return) | .unit_price]' '[-1950]'
    assert_json .cart.total 1700

    # GET by cart id sends every column.
    api GET "/store/swaps/$cart"
    assert_status 200
    assert_spec GET "/store/swaps/$cart"
    assert_json '.swap | [.id, .allow_backorder, .canceled_at, .no_notification, .cart.id, .return_order.refund_amount]' \
        "[\"$id\",false,null,true,\"$cart\",1950]"
}

@test "swaps: the swap cart is checked out into its swap" {
    swap_order
    api POST /store/swaps "$(swap_body 1 "[{\"variant_id\":\"$HOODIE\",\"quantity\":1}]")"
    assert_status 200
    local id cart hoodie tee
    id=$(jqr .swap.id)
    cart=$(jqr .swap.cart_id)
    hoodie=$(stock "$HOODIE")
    tee=$(stock "$TEE")
    api GET "/store/shipping-options/$cart"
    assert_status 200
    [ "$(jqr "[.shipping_options[].id] | index(\"$STD\")")" != null ]
    api POST "/store/carts/$cart/shipping-methods" "{\"option_id\":\"$STD\"}"
    assert_status 200
    assert_json .cart.total 2700
    api POST "/store/carts/$cart/payment-sessions"
    assert_status 200
    assert_json '.cart.payment_session.provider_id' manual
    api POST "/store/carts/$cart/complete"
    assert_status 200
    assert_spec POST "/store/carts/$cart/complete"
    assert_json .type swap
    assert_json '.data | [.id, .cart_id, .difference_due, .payment_status, .fulfillment_status, .canceled_at]' \
        "[\"$id\",\"$cart\",2700,\"awaiting\",\"not_fulfilled\",null]"
    [ "$(jqr .data.confirmed_at)" != null ]
    assert_json .data.shipping_address.id "$(q "SELECT shipping_address_id FROM cart WHERE id = '$cart'")"
    assert_json .data.shipping_address.first_name B
    # The new item is reserved once; the returned one comes back, so it is not.
    [ "$(stock "$HOODIE")" = $((hoodie - 1)) ]
    [ "$(stock "$TEE")" = "$tee" ]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'swap.payment_completed' AND data = '{\"id\":\"$id\",\"no_notification\":true}'")" = 1 ]
    [ "$(q "SELECT count(*) FROM \"order\" WHERE cart_id = '$cart'")" = 0 ]

    api GET "/store/swaps/$cart"
    assert_status 200
    assert_spec GET "/store/swaps/$cart"
    assert_json '.swap.payment | [.amount, .swap_id, .order_id, .cart_id]' "[2700,\"$id\",\"$ORDER\",\"$cart\"]"
    assert_json '.swap.shipping_methods | map([.shipping_option_id, .swap_id, .price])' "[[\"$STD\",\"$id\",1000]]"
    assert_json '.swap.cart.completed_at == null' false
    api GET "/store/carts/$cart"
    assert_json '.cart.completed_at == null' false

    # Completing again answers the swap again, unchanged.
    api POST "/store/carts/$cart/complete"
    assert_status 200
    assert_json '[.type, .data.id, .data.cart_id, .data.difference_due]' "[\"swap\",\"$id\",\"$cart\",2700]"
    [ "$(stock "$HOODIE")" = $((hoodie - 1)) ]
    api GET "/store/orders/cart/$cart"
    assert_medusa_error 404 not_found "Order with cart id $cart was not found"
}

@test "swaps: return shipping becomes a cart line; a refund or an even swap needs no payment" {
    swap_order
    api POST /store/swaps "$(swap_body 1 '[]' "\"return_shipping_option\":\"$RET\"")"
    assert_status 200
    assert_spec POST /store/swaps
    local cart
    cart=$(jqr .swap.cart_id)
    assert_json '.swap.return_order | [.refund_amount, .shipping_data, .shipping_method.shipping_option_id, .shipping_method.price, .shipping_method.shipping_option.id]' \
        "[950,{},\"$RET\",1000,\"$RET\"]"
    api GET "/store/carts/$cart"
    assert_json '[.cart.items[] | select(.title == "Return shipping") | [.unit_price, .quantity, .is_return, .has_shipping, .allow_discounts, .variant_id]]' \
        '[[1000,1,true,true,false,null]]'
    assert_json '[.cart.items[] | select(.title != "Return shipping") | [.title, .unit_price, .is_return]]' \
        "[[\"$(q "SELECT title FROM line_item WHERE id = '$ITEM'")\",-1950,true]]"
    assert_json .cart.total -950
    # A negative total: no payment session, the difference is due to the customer.
    api POST "/store/carts/$cart/complete"
    assert_status 200
    assert_json '[.type, .data.difference_due, .data.payment_status]' '["swap",-950,"awaiting"]'
    [ "$(q "SELECT count(*) FROM payment WHERE cart_id = '$cart'")" = 0 ]

    # Same price in and out: total 0, confirmed at once.
    swap_order
    api POST /store/swaps "$(swap_body 1 "[{\"variant_id\":\"$WHITE\",\"quantity\":1}]")"
    assert_status 200
    cart=$(jqr .swap.cart_id)
    api POST "/store/carts/$cart/complete"
    assert_status 200
    assert_json '[.type, .data.difference_due, .data.payment_status]' '["swap",0,"confirmed"]'
}

@test "swaps: Medusa's refusals, and nothing is written" {
    local before other
    checkout_order "$TEE" 1
    ITEM=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    before=$(q "SELECT (SELECT count(*) FROM swap) || '/' || (SELECT count(*) FROM \"return\") || '/' || (SELECT count(*) FROM cart) || '/' || (SELECT count(*) FROM line_item)")
    api POST /store/swaps "$(swap_body 1)"
    assert_medusa_error 400 not_allowed 'Cannot swap an order that has not been captured'
    q "UPDATE \"order\" SET payment_status = 'captured' WHERE id = '$ORDER'"
    api POST /store/swaps "$(swap_body 1)"
    assert_medusa_error 400 not_allowed 'Cannot swap an order that has not been fulfilled'
    order_fulfilled_fixture "$ORDER"
    api POST /store/swaps '{"order_id":"order_nope","return_items":[],"additional_items":[]}'
    assert_medusa_error 404 not_found 'Order with id: order_nope was not found'
    api POST /store/swaps "$(swap_body 2)"
    assert_medusa_error 400 not_allowed 'Cannot return more items than have been purchased'
    api POST /store/swaps "{\"order_id\":\"$ORDER\",\"return_items\":[{\"item_id\":\"item_nope\",\"quantity\":1}],\"additional_items\":[]}"
    assert_medusa_error 404 not_found 'Line item with item_nope was not found'
    other=$(q "SELECT id FROM line_item WHERE order_id IS NOT NULL AND order_id != '$ORDER' LIMIT 1")
    api POST /store/swaps "{\"order_id\":\"$ORDER\",\"return_items\":[{\"item_id\":\"$other\",\"quantity\":1}],\"additional_items\":[]}"
    assert_medusa_error 400 invalid_data 'Return contains invalid line item'
    api POST /store/swaps "$(swap_body 1 '[{"variant_id":"variant_nope","quantity":1}]')"
    assert_medusa_error 400 invalid_data 'Unable to generate the line items, some variant has not been found: variant_nope'
    api POST /store/swaps "$(swap_body 1 '[]' '"return_shipping_option":"so_nope"')"
    assert_medusa_error 404 not_found 'Shipping Option with so_nope was not found'
    # An item of a canceled order cannot be swapped.
    q "UPDATE \"order\" SET canceled_at = '2024-01-01T00:00:00.000Z' WHERE id = '$ORDER'"
    api POST /store/swaps "$(swap_body 1)"
    assert_medusa_error 400 invalid_data 'Cannot create a swap on a canceled item.'
    q "UPDATE \"order\" SET canceled_at = NULL WHERE id = '$ORDER'"
    # The DTO (class-validator).
    api POST /store/swaps "{\"order_id\":\"$ORDER\",\"return_items\":[{\"item_id\":\"$ITEM\",\"quantity\":0}]}"
    assert_medusa_error 400 invalid_data 'additional_items must be an array, quantity must not be less than 1'
    api POST /store/swaps "{\"order_id\":\"$ORDER\",\"return_items\":[],\"additional_items\":[{\"variant_id\":7,\"quantity\":1}],\"nope\":1}"
    assert_status 400
    assert_json .type invalid_data
    [[ "$(jqr .message)" == *"property nope should not exist"* ]]
    [[ "$(jqr .message)" == *"variant_id must be a string"* ]]
    # Hostile shapes and sizes get Medusa's 400s.
    api POST /store/swaps "{\"order_id\":\"$ORDER\",\"return_items\":\"x\",\"additional_items\":[\"y\"]}"
    assert_medusa_error 400 invalid_data 'return_items must be an array, nested property additional_items must be either object or array'
    api POST /store/swaps "$(swap_body 1e300 "[{\"variant_id\":\"$HOODIE\",\"quantity\":1}]")"
    assert_medusa_error 400 not_allowed 'Cannot return more items than have been purchased'
    api POST /store/swaps "$(swap_body 1 "[{\"variant_id\":\"$HOODIE\",\"quantity\":1e300}]")"
    assert_medusa_error 400 invalid_data 'quantity must not be greater than 2147483647'
    [ "$(q "SELECT (SELECT count(*) FROM swap) || '/' || (SELECT count(*) FROM \"return\") || '/' || (SELECT count(*) FROM cart) || '/' || (SELECT count(*) FROM line_item)")" = "$before" ]

    api GET /store/swaps/cart_nope
    assert_medusa_error 404 not_found 'Swap was not found'
}

@test "swaps: an Idempotency-Key replays the created swap" {
    swap_order
    api POST /store/swaps "$(swap_body 1)"
    assert_status 200
    local key id
    key=$(header idempotency-key)
    id=$(jqr .swap.id)
    api -H "Idempotency-Key: $key" POST /store/swaps "{\"order_id\":\"$ORDER\",\"return_items\":[],\"additional_items\":[]}"
    assert_status 200
    assert_json .swap.id "$id"
    [ "$(header idempotency-key)" = "$key" ]
    api -H "Idempotency-Key: $key" POST /store/swaps '{"order_id":"x","return_items":[],"additional_items":[]}'
    assert_status 409
    [ "$(q "SELECT count(*) FROM swap WHERE order_id = '$ORDER'")" = 1 ]
    # A key the server never issued is replaced by a fresh one (another order: the first swap's
    # return already holds this order's item, issue #12).
    swap_order
    api -H 'Idempotency-Key: never-issued' POST /store/swaps "$(swap_body 1)"
    assert_status 200
    [ "$(header idempotency-key)" != never-issued ]
    [ "$(jqr .swap.id)" != "$id" ]
}

@test "swaps: a canceled swap's cart cannot be completed; the completion changes nothing" {
    swap_order
    api POST /store/swaps "$(swap_body 1 "[{\"variant_id\":\"$HOODIE\",\"quantity\":1}]")"
    assert_status 200
    local id cart hoodie
    id=$(jqr .swap.id)
    cart=$(jqr .swap.cart_id)
    api POST "/store/carts/$cart/payment-sessions"
    assert_status 200
    q "UPDATE swap SET canceled_at = '2024-01-01T00:00:00.000Z' WHERE id = '$id'"
    hoodie=$(stock "$HOODIE")
    api POST "/store/carts/$cart/complete"
    assert_medusa_error 400 not_allowed 'Cart related to canceled swap cannot be completed'
    [ "$(stock "$HOODIE")" = "$hoodie" ]
    [ "$(q "SELECT count(*) FROM payment WHERE cart_id = '$cart'")" = 0 ]
    [ "$(q "SELECT completed_at IS NULL FROM cart WHERE id = '$cart'")" = 1 ]
    [ "$(q "SELECT confirmed_at IS NULL FROM swap WHERE id = '$id'")" = 1 ]
}

@test "swaps: completion refuses missing stock unless the swap allows backorders" {
    swap_order
    api POST /store/swaps "$(swap_body 1 "[{\"variant_id\":\"$HOODIE\",\"quantity\":1}]")"
    assert_status 200
    local id cart
    id=$(jqr .swap.id)
    cart=$(jqr .swap.cart_id)
    api POST "/store/carts/$cart/payment-sessions"
    q "UPDATE product_variant SET inventory_quantity = 0 WHERE id = '$HOODIE'"
    api POST "/store/carts/$cart/complete"
    assert_status 409
    assert_json .errors "[{\"message\":\"Variant with id: $HOODIE does not have the required inventory\",\"type\":\"not_allowed\",\"code\":\"insufficient_inventory\"}]"
    api GET "/store/carts/$cart"
    assert_json '[.cart.completed_at, .cart.payment_authorized_at, (.cart.payment.canceled_at == null)]' '[null,null,false]'
    # The return line kept its tax lines.
    [ "$(q "SELECT count(*) FROM line_item_tax_line t JOIN line_item l ON l.id = t.item_id WHERE l.cart_id = '$cart' AND l.is_return = 1")" = \
      "$(q "SELECT count(*) FROM line_item_tax_line WHERE item_id = '$ITEM'")" ]
    q "UPDATE swap SET allow_backorder = 1 WHERE id = '$id'"
    api POST "/store/carts/$cart/payment-sessions"
    api POST "/store/carts/$cart/complete"
    assert_status 200
    assert_json '[.type, .data.allow_backorder]' '["swap",true]'
    [ "$(stock "$HOODIE")" = -1 ]
    q "UPDATE product_variant SET inventory_quantity = 100 WHERE id = '$HOODIE'"
}
