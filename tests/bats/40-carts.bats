#!/usr/bin/env bats
# 40-carts.bats: carts and checkout (issue #4) over the demo store plus
# tests/fixtures/seed-extended.json: the straw hat (eur 2500, override 2200, tier 1800 from 5;
# 5 % EU tax through its type), SUMMER10 / VIP500 / FREESHIP discounts, gift cards.

load helpers
load spec

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    q() { dbsql "$1"; }
    EU=$(q "SELECT id FROM region WHERE name = 'EU'")
    NA=$(q "SELECT id FROM region WHERE name = 'NA'")
    TEE=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 't-shirt' AND v.title = 'S / Black'")
    HAT=$(q "SELECT id FROM product_variant WHERE sku = 'HAT-ONE'")
    STD=$(q "SELECT id FROM shipping_option WHERE name = 'PostFake Standard' AND region_id = '$EU'")
    EXP=$(q "SELECT id FROM shipping_option WHERE name = 'PostFake Express' AND region_id = '$EU'")
    NA_STD=$(q "SELECT id FROM shipping_option WHERE region_id = '$NA' AND is_return = 0 LIMIT 1")
    export EU NA TEE HAT STD EXP NA_STD
}

teardown_file() {
    stop_stack
}

db() {
    dbsql "$1"
}

# new_cart [JSON]: creates a cart, sets CART.
new_cart() {
    api POST /store/carts "${1:-{\}}"
    assert_status 200
    CART=$(jqr .cart.id)
}

add() { # add VARIANT QTY
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$1\",\"quantity\":$2}"
}

@test "create: an empty cart in the oldest region, the default channel, ip and user agent" {
    api -H 'User-Agent: bats-test' POST /store/carts '{}'
    assert_status 200
    assert_json .cart.object cart
    assert_json .cart.region_id "$EU"
    assert_json .cart.shipping_address null
    assert_json .cart.sales_channel_id "$(db "SELECT default_sales_channel_id FROM store")"
    assert_json .cart.context.user_agent bats-test
    assert_json '.cart.context | has("ip")' true
    assert_json .cart.items '[]'
    assert_json .cart.total 0
    assert_json .cart.subtotal 0
    assert_json '.cart.region.countries | length' 7
    assert_spec POST /store/carts
}

@test "create: country, region, items and the errors of each" {
    api POST /store/carts "{\"region_id\":\"$NA\",\"country_code\":\"US\"}"
    assert_status 200
    assert_json .cart.shipping_address.country_code us
    api POST /store/carts "{\"region_id\":\"$NA\",\"country_code\":\"dk\"}"
    assert_medusa_error 400 not_allowed 'Shipping country not in region'
    api POST /store/carts '{"region_id":"reg_nope"}'
    assert_medusa_error 404 not_found 'Region with reg_nope was not found'
    api POST /store/carts '{"email":"a@b.c"}'
    assert_medusa_error 400 invalid_data 'property email should not exist'
    api POST /store/carts "{\"items\":[{\"variant_id\":\"$TEE\",\"quantity\":2}],\"context\":{\"test_id\":\"x\"}}"
    assert_status 200
    assert_json '.cart.items[0].quantity' 2
    assert_json '.cart.items[0].unit_price' 1950
    assert_json .cart.context.test_id x
    assert_json .cart.total 3900
    api POST /store/carts '{"items":[{"variant_id":"variant_nope","quantity":1}]}'
    assert_medusa_error 400 invalid_data 'Unable to generate the line items, some variant has not been found: variant_nope'
    api POST /store/carts '{"items":[{"variant_id":"x"}]}'
    assert_medusa_error 400 invalid_data 'quantity should not be empty'
}

@test "line items: priced, merged per variant, with Medusa's errors and an idempotency key" {
    new_cart
    add "$TEE" 2
    assert_status 200
    [ -n "$(header idempotency-key)" ]
    assert_json '.cart.items[0].unit_price' 1950
    assert_json '.cart.items[0].tax_lines' "[{\"rate\":0,\"name\":\"default\",\"code\":\"default\",\"item_id\":\"$(jqr '.cart.items[0].id')\"}]"
    add "$TEE" 1
    assert_json '.cart.items | length' 1
    assert_json '.cart.items[0].quantity' 3
    assert_json .cart.subtotal 5850
    add "$TEE" 0
    assert_medusa_error 400 invalid_data 'Unable to generate the line item because one or more required argument(s) are missing. Ensure quantity, regionId, and variantId are passed'
    add variant_nope 1
    assert_medusa_error 400 invalid_data 'Unable to generate the line items, some variant has not been found: variant_nope'
    add "$TEE" 1000
    assert_medusa_error 400 not_allowed "Variant with id: $TEE does not have the required inventory" insufficient_inventory
    api POST "/store/carts/$CART/line-items" '{"variant_id":1}'
    assert_medusa_error 400 invalid_data 'variant_id must be a string, quantity must be an integer number'
    # No IsNotEmpty on the DTO: an absent value gets its type's message, in the class's order.
    api POST "/store/carts/$CART/line-items" '{}'
    assert_medusa_error 400 invalid_data 'variant_id must be a string, quantity must be an integer number'
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\"}"
    assert_medusa_error 400 invalid_data 'quantity must be an integer number'
    api POST "/store/carts/$CART/line-items/item_x" '{}'
    assert_medusa_error 400 invalid_data 'quantity must be an integer number'
    api POST /store/carts/cart_nope/line-items "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_medusa_error 404 not_found 'Cart with cart_nope was not found'
}

@test "line items: a key the server issued replays its answer; an invented one is ignored" {
    new_cart
    add "$TEE" 1
    local key
    key=$(header idempotency-key)
    api -H "Idempotency-Key: $key" POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_status 200
    assert_equal "$(header idempotency-key)" "$key"
    assert_json '.cart.items[0].quantity' 1
    api -H 'Idempotency-Key: made-up-by-client' POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_json '.cart.items[0].quantity' 2
    [ "$(header idempotency-key)" != made-up-by-client ]
}

@test "line items: update re-prices by quantity tier, merges metadata, 0 deletes" {
    new_cart
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$HAT\",\"quantity\":1,\"metadata\":{\"some-existing\":\"prop\"}}"
    local line
    line=$(jqr '.cart.items[0].id')
    assert_json '.cart.items[0].unit_price' 2200
    api POST "/store/carts/$CART/line-items/$line" '{"quantity":5,"metadata":{"another":"prop"}}'
    assert_status 200
    assert_json '.cart.items[0].unit_price' 1800
    assert_json '.cart.items[0].metadata' '{"another":"prop","some-existing":"prop"}'
    api POST "/store/carts/$CART/line-items/item_nope" '{"quantity":2}'
    assert_medusa_error 400 invalid_data 'Could not find the line item'
    api POST "/store/carts/$CART/line-items/$line" '{"quantity":0}'
    assert_status 200
    assert_json .cart.items '[]'
}

@test "totals: product-type tax rate, discount allocation and Medusa's rounding" {
    new_cart
    add "$HAT" 1
    assert_json '.cart.items[0].tax_lines[0].rate' 5
    assert_json '.cart.items[0].tax_lines[0].code' ACC-RED
    assert_json .cart.tax_total 110
    assert_json .cart.total 2310
    api POST "/store/carts/$CART" '{"discounts":[{"code":" summer10 "}]}'
    assert_status 200
    assert_json '.cart.discounts[0].code' SUMMER10
    assert_json '.cart.items[0].adjustments[0].amount' 220
    assert_json '.cart.items[0].discount_total' 220
    assert_json '.cart.items[0].tax_total' 99
    assert_json .cart.discount_total 220
    assert_json .cart.total 2079
    assert_spec POST "/store/carts/$CART"
    api DELETE "/store/carts/$CART/discounts/SUMMER10"
    assert_status 200
    assert_json .cart.discounts '[]'
    assert_json '.cart.items[0].adjustments' '[]'
    assert_json .cart.total 2310
}

@test "discounts: unknown, customer-only and free shipping codes behave as Medusa's" {
    new_cart
    add "$TEE" 1
    api POST "/store/carts/$CART" '{"discounts":[{"code":"nope"},{"code":"summer10"}]}'
    assert_medusa_error 404 not_found 'Discounts with code [NOPE, SUMMER10] was not found'
    api POST "/store/carts/$CART" '{"discounts":[{"code":"VIP500"}]}'
    assert_medusa_error 400 not_allowed 'Discount VIP500 is only valid for specific customer'
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$STD\"}"
    assert_json .cart.shipping_total 1000
    api POST "/store/carts/$CART" '{"discounts":[{"code":"FREESHIP"}]}'
    assert_status 200
    assert_json .cart.shipping_total 0
    assert_json '.cart.shipping_methods[0].price' 0
    api POST "/store/carts/$CART" '{"discounts":[]}'
    assert_json .cart.shipping_total 1000
    db "UPDATE discount SET usage_limit = 1, usage_count = 1 WHERE code = 'SUMMER10'"
    api POST "/store/carts/$CART" '{"discounts":[{"code":"SUMMER10"}]}'
    assert_medusa_error 400 not_allowed 'Discount SUMMER10 has been used maximum allowed times'
    db "UPDATE discount SET usage_limit = 100, usage_count = 0 WHERE code = 'SUMMER10'"
}

@test "gift cards: balance counts against the total; disabled, foreign and unknown cards fail" {
    new_cart
    add "$TEE" 2
    api POST "/store/carts/$CART" '{"gift_cards":[{"code":"GIFT-TEST-0050"}]}'
    assert_status 200
    assert_json .cart.gift_card_total 3900
    assert_json .cart.total 0
    api POST "/store/carts/$CART" '{"gift_cards":[{"code":"GIFT-DISABLED-0020"}]}'
    assert_medusa_error 400 not_allowed 'The gift card is disabled'
    api POST "/store/carts/$CART" '{"gift_cards":[{"code":"gift-test-0050"}]}'
    assert_medusa_error 404 not_found 'Gift card with code: gift-test-0050 was not found'
    api POST "/store/carts/$CART" '{"gift_cards":[]}'
    assert_json .cart.gift_card_total 0
    assert_json .cart.total 3900
}

@test "addresses and customer: guest customer from the e-mail, partial address updates" {
    new_cart
    api POST "/store/carts/$CART" '{"email":"Jane@Example.com","shipping_address":{"first_name":"Jane","country_code":"de","city":"Berlin"}}'
    assert_status 200
    assert_json .cart.email jane@example.com
    assert_json '.cart.customer_id | startswith("cus_")' true
    assert_json .cart.shipping_address.first_name Jane
    api POST "/store/carts/$CART" '{"shipping_address":{"city":"Hamburg"}}'
    assert_json .cart.shipping_address.first_name Jane
    assert_json .cart.shipping_address.city Hamburg
    api POST "/store/carts/$CART" '{"shipping_address":{"country_code":"us"}}'
    assert_medusa_error 400 invalid_data 'Shipping country must be in the cart region'
    api POST "/store/carts/$CART" '{"email":"not-an-email"}'
    assert_medusa_error 400 invalid_data 'email must be an email'
    api POST "/store/carts/$CART" '{"customer_id":"cus_nope"}'
    assert_medusa_error 404 not_found 'Customer with id: cus_nope was not found'
    api POST "/store/carts/$CART" '{"shipping_address":null}'
    assert_json .cart.shipping_address null
}

@test "region change re-prices, drops shipping, gift cards and sessions" {
    new_cart
    add "$HAT" 1
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$STD\"}"
    api POST "/store/carts/$CART" '{"gift_cards":[{"code":"GIFT-TEST-0050"}]}'
    api POST "/store/carts/$CART/payment-sessions"
    assert_json '.cart.payment_sessions | length' 1
    api POST "/store/carts/$CART" "{\"region_id\":\"$NA\"}"
    assert_status 200
    assert_json .cart.region_id "$NA"
    assert_json '.cart.items[0].unit_price' 2700
    assert_json .cart.shipping_methods '[]'
    assert_json .cart.gift_cards '[]'
    assert_json .cart.payment_sessions '[]'
    assert_json .cart.shipping_address.country_code null
}

@test "shipping methods: one per profile, region and requirement checks" {
    new_cart
    add "$TEE" 1
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$STD\"}"
    assert_json .cart.shipping_total 1000
    assert_json '[.cart.items[].has_shipping]' '[true]'
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$EXP\"}"
    assert_json '.cart.shipping_methods | length' 1
    assert_json .cart.shipping_total 1500
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$NA_STD\"}"
    assert_medusa_error 400 invalid_data "The shipping option is not available in the cart's region"
    api POST "/store/carts/$CART/shipping-methods" '{"option_id":"so_nope"}'
    assert_medusa_error 404 not_found 'Shipping Option with so_nope was not found'
    add "$TEE" 1
    assert_json .cart.shipping_methods '[]'
    assert_json .cart.shipping_total 0
    api GET "/store/shipping-options/$CART"
    assert_status 200
    assert_json '[.shipping_options[].name] | sort' '["PostFake Express","PostFake Standard"]'
    assert_spec GET "/store/shipping-options/$CART"
    api GET /store/shipping-options/cart_nope
    assert_medusa_error 404 not_found 'Cart with cart_nope was not found'
}

@test "payment sessions: the single provider is selected; select, update, refresh, delete" {
    new_cart
    add "$TEE" 1
    api POST "/store/carts/$CART/payment-sessions"
    assert_status 200
    assert_json '.cart.payment_session.provider_id' manual
    assert_json '.cart.payment_session.status' pending
    assert_json '.cart.payment_session.data' '{"status":"pending"}'
    assert_json '.cart.payment_session.amount' 1950
    assert_json '.data.id' "$CART"
    add "$TEE" 1
    assert_json '.cart.payment_session.amount' 3900
    api POST "/store/carts/$CART/payment-session" '{"provider_id":"stripe"}'
    assert_medusa_error 400 not_allowed 'The payment method is not available in this region'
    api POST "/store/carts/$CART/payment-sessions/manual" '{"data":{"data":{"foo":1}}}'
    assert_json '.cart.payment_session.data' '{"foo":1,"status":"pending"}'
    api POST "/store/carts/$CART/payment-sessions/manual/refresh"
    assert_status 200
    assert_json '.cart.payment_sessions[0].is_selected' null
    api POST "/store/carts/$CART/payment-session" '{"provider_id":"manual"}'
    assert_json '.cart.payment_session.is_selected' true
    api DELETE "/store/carts/$CART/payment-sessions/manual"
    assert_json .cart.payment_sessions '[]'
    api POST "/store/carts/$CART/payment-session" '{"provider_id":"manual"}'
    assert_medusa_error 500 unexpected_state 'Could not find payment session'
}

@test "taxes: POST /taxes forces taxes in a manual-tax region" {
    db "UPDATE region SET automatic_taxes = 0, tax_rate = 12 WHERE id = '$NA'"
    new_cart "{\"region_id\":\"$NA\"}"
    add "$TEE" 1
    assert_json .cart.tax_total 0
    api POST "/store/carts/$CART/taxes"
    assert_status 200
    assert_json .cart.tax_total 264
    assert_json .cart.total 2464
    db "UPDATE region SET automatic_taxes = 1, tax_rate = 0 WHERE id = '$NA'"
}

@test "complete: the happy path makes an order once, reserves stock and counts discounts" {
    local before
    before=$(db "SELECT inventory_quantity FROM product_variant WHERE id = '$TEE'")
    new_cart
    add "$TEE" 3
    api POST "/store/carts/$CART" '{"email":"buyer@example.com","shipping_address":{"first_name":"B","country_code":"de"}}'
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$EXP\"}"
    api POST "/store/carts/$CART/payment-sessions"
    api POST "/store/carts/$CART/complete"
    assert_status 200
    assert_json .type order
    assert_json .data.object order
    assert_json .data.status pending
    assert_json .data.payment_status awaiting
    assert_json .data.fulfillment_status not_fulfilled
    assert_json .data.total 7350
    assert_json .data.paid_total 7350
    assert_json '.data.payments[0].data' '{"status":"authorized"}'
    assert_json '.data.payments[0].amount' 7350
    assert_json .data.email buyer@example.com
    local order
    order=$(jqr .data.id)
    assert_equal "$(db "SELECT inventory_quantity FROM product_variant WHERE id = '$TEE'")" "$((before - 3))"
    api POST "/store/carts/$CART/complete"
    assert_json .type order
    assert_json .data.id "$order"
    api GET "/store/orders/$order"
    assert_status 200
    assert_json .order.total 7350
    assert_json '.order | has("metadata")' false
    assert_json '.order | has("billing_address_id")' false
    assert_spec GET "/store/orders/$order"
    api GET "/store/orders/cart/$CART"
    assert_json .order.id "$order"
    api GET /store/orders/order_nope
    assert_medusa_error 404 not_found 'Order with id order_nope was not found'
    api GET /store/orders/cart/cart_nope
    assert_medusa_error 404 not_found 'Order with cart id cart_nope was not found'
    api GET "/store/carts/$CART"
    assert_json '.cart.completed_at != null' true
}

@test "complete: Medusa's refusals" {
    new_cart
    add "$TEE" 1
    api POST "/store/carts/$CART/complete"
    assert_medusa_error 400 not_allowed 'You cannot complete a cart without a payment session.'
    api POST "/store/carts/$CART/payment-sessions"
    api POST "/store/carts/$CART/complete"
    assert_medusa_error 400 invalid_data 'Cannot create an order from the cart without a customer'
    api POST "/store/carts/$CART" '{"email":"late@example.com"}'
    db "UPDATE product_variant SET inventory_quantity = 0 WHERE id = '$HAT'"
    db "UPDATE product_variant SET manage_inventory = 1, allow_backorder = 0 WHERE id = '$HAT'"
    api POST "/store/carts/$CART" '{}'
    db "UPDATE product_variant SET inventory_quantity = 0 WHERE id = '$TEE'"
    api POST "/store/carts/$CART/complete"
    assert_status 409
    assert_json '.errors[0].code' insufficient_inventory
    assert_json '.errors[0].message' "Variant with id: $TEE does not have the required inventory"
    assert_json "$(printf '.errors | length')" 1
    api GET "/store/carts/$CART"
    assert_json .cart.completed_at null
    assert_json '.cart.payment.canceled_at != null' true
    db "UPDATE product_variant SET inventory_quantity = 100 WHERE id = '$TEE'"
    db "UPDATE product_variant SET inventory_quantity = 40 WHERE id = '$HAT'"
}

@test "complete: 40 buyers racing for 10 in stock get exactly 10 orders, never more" {
    need_http # concurrent requests through the server
    db "UPDATE product_variant SET inventory_quantity = 10 WHERE id = '$TEE'"
    local carts=() i
    for i in $(seq 40); do
        new_cart
        add "$TEE" 1
        api POST "/store/carts/$CART" "{\"email\":\"c$i@example.com\"}"
        api POST "/store/carts/$CART/payment-sessions"
        carts+=("$CART")
    done
    for c in "${carts[@]}"; do
        curl -s -o /dev/null -w '%{http_code}\n' -X POST "$BASE/store/carts/$c/complete" &
    done > "$BATS_TEST_TMPDIR/codes"
    wait
    assert_equal "$(grep -c '^200$' "$BATS_TEST_TMPDIR/codes")" 10
    assert_equal "$(grep -c '^409$' "$BATS_TEST_TMPDIR/codes")" 30
    assert_equal "$(db "SELECT count(*) FROM \"order\" WHERE cart_id IN ($(printf "'%s'," "${carts[@]}" | sed 's/,$//'))")" 10
    assert_equal "$(db "SELECT inventory_quantity FROM product_variant WHERE id = '$TEE'")" 0
    db "UPDATE product_variant SET inventory_quantity = 100 WHERE id = '$TEE'"
}

@test "complete: one cart completed five times at once makes one order" {
    need_http # concurrent requests through the server
    new_cart
    add "$TEE" 1
    api POST "/store/carts/$CART" '{"email":"twice@example.com"}'
    api POST "/store/carts/$CART/payment-sessions"
    local i
    for i in 1 2 3 4 5; do
        curl -s -X POST "$BASE/store/carts/$CART/complete" | jq -r '.type + " " + .data.id' &
    done > "$BATS_TEST_TMPDIR/done"
    wait
    assert_equal "$(sort -u "$BATS_TEST_TMPDIR/done" | wc -l)" 1
    assert_equal "$(cut -d' ' -f1 "$BATS_TEST_TMPDIR/done" | sort -u)" order
    assert_equal "$(db "SELECT count(*) FROM \"order\" WHERE cart_id = '$CART'")" 1
}

@test "unknown carts are 404 on every route, not Medusa's 500" {
    local r
    for r in "POST /store/carts/cart_nope {}" "GET /store/carts/cart_nope" \
        "POST /store/carts/cart_nope/taxes" "POST /store/carts/cart_nope/complete" \
        "POST /store/carts/cart_nope/payment-sessions" "DELETE /store/carts/cart_nope/discounts/X" \
        "DELETE /store/carts/cart_nope/line-items/item_x"; do
        set -- $r
        api "$1" "$2" "${3-}"
        assert_medusa_error 404 not_found 'Cart with cart_nope was not found'
    done
    api GET '/store/carts/cart_nope?foo=1'
    assert_medusa_error 400 invalid_data 'property foo should not exist'
}

@test "logged in: register, log in, the cart is the customer's, group prices apply, the order is in me/orders" {
    # Jane (seed-extended.json) is in the VIP group: the VIP sale list prices S / Black at eur 1560.
    api POST /store/auth '{"email":"jane@example.com","password":"secret-jane"}'
    assert_status 200
    local jane
    jane=$(header set-cookie | sed 's/;.*//')
    [ -n "$jane" ]
    api -H "Cookie: $jane" POST /store/carts '{}'
    assert_status 200
    CART=$(jqr .cart.id)
    assert_json .cart.customer_id "$(db "SELECT id FROM customer WHERE email = 'jane@example.com' AND has_account = 1")"
    assert_json .cart.email jane@example.com
    api -H "Cookie: $jane" POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_json '.cart.items[0].unit_price' 1560
    api -H "Cookie: $jane" GET "/store/products/$(db "SELECT product_id FROM product_variant WHERE id = '$TEE'")?region_id=$EU"
    assert_json "[.product.variants[] | select(.id == \"$TEE\") | .calculated_price][0]" 1560
    api -H "Cookie: $jane" POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$STD\"}"
    api -H "Cookie: $jane" POST "/store/carts/$CART/payment-sessions"
    api -H "Cookie: $jane" POST "/store/carts/$CART/complete"
    assert_status 200
    assert_json .type order
    assert_json .data.total 2560
    local order
    order=$(jqr .data.id)
    api -H "Cookie: $jane" GET /store/customers/me/orders
    assert_status 200
    assert_json "[.orders[].id] | index(\"$order\") != null" true
    # A registered newcomer checks out too, with a bearer token.
    api POST /store/customers '{"email":"new@example.com","password":"pw-new-1","first_name":"N","last_name":"C"}'
    assert_status 200
    api POST /store/auth/token '{"email":"new@example.com","password":"pw-new-1"}'
    local token
    token=$(jqr .access_token)
    api -H "Authorization: Bearer $token" POST /store/carts '{}'
    CART=$(jqr .cart.id)
    assert_json .cart.email new@example.com
    api -H "Authorization: Bearer $token" POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_json '.cart.items[0].unit_price' 1950
    api -H "Authorization: Bearer $token" POST "/store/carts/$CART/payment-sessions"
    api -H "Authorization: Bearer $token" POST "/store/carts/$CART/complete"
    assert_json .type order
    api -H "Authorization: Bearer $token" GET /store/customers/me/orders
    assert_json .count 1
}

@test "logged in: reading an anonymous cart hands it to the customer" {
    new_cart
    add "$TEE" 1
    assert_json .cart.customer_id null
    api POST /store/auth '{"email":"jane@example.com","password":"secret-jane"}'
    local jane
    jane=$(header set-cookie | sed 's/;.*//')
    api -H "Cookie: $jane" GET "/store/carts/$CART"
    assert_status 200
    assert_json .cart.email jane@example.com
    assert_json '.cart.items[0].unit_price' 1560
}

@test "tax-inclusive prices: the tax comes out of the price (checkout.md §5.2)" {
    # EUR prices include tax, the NA-like numbers of the notes: 20 % in a region of its own.
    db "UPDATE currency SET includes_tax = 1 WHERE code = 'eur'"
    db "UPDATE region SET tax_rate = 20 WHERE id = '$EU'"
    new_cart
    add "$TEE" 2
    assert_status 200
    # 1950 incl. 20 %: 325 of tax per unit, 1625 net.
    assert_json '.cart.items[0].includes_tax' true
    assert_json '.cart.items[0].subtotal' 3250
    assert_json '.cart.items[0].tax_total' 650
    assert_json '.cart.items[0].total' 3900
    assert_json .cart.total 3900
    api POST "/store/carts/$CART" '{"email":"incl@example.com","discounts":[{"code":"SUMMER10"}]}'
    assert_status 200
    # The order keeps the inclusive lines: its reads total as the cart did.
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$STD\"}"
    api POST "/store/carts/$CART/payment-sessions"
    local cart_totals
    cart_totals=$(printf '%s' "$body" | jq -c '.cart | [.subtotal, .discount_total, .shipping_total, .tax_total, .total]')
    api POST "/store/carts/$CART/complete"
    assert_json .type order
    assert_json '.data | [.subtotal, .discount_total, .shipping_total, .tax_total, .total]' "$cart_totals"
    api GET "/store/orders/$(jqr .data.id)"
    assert_json '.order.items[0].includes_tax' true
    assert_json '.order | [.subtotal, .discount_total, .shipping_total, .tax_total, .total]' "$cart_totals"
    db "UPDATE currency SET includes_tax = 0 WHERE code = 'eur'"
    db "UPDATE region SET tax_rate = 0 WHERE id = '$EU'"
}

@test "complete: gift-card products become gift cards, one per unit, usable at once" {
    local mug
    mug=$(db "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 'coffee-mug'")
    db "UPDATE product SET is_giftcard = 1, discountable = 0 WHERE handle = 'coffee-mug'"
    new_cart
    add "$mug" 2
    api POST "/store/carts/$CART" '{"email":"gift@example.com"}'
    api POST "/store/carts/$CART/payment-sessions"
    api POST "/store/carts/$CART/complete"
    assert_json .type order
    local order
    order=$(jqr .data.id)
    assert_equal "$(db "SELECT count(*) FROM gift_card WHERE order_id = '$order'")" 2
    assert_equal "$(db "SELECT DISTINCT value || '/' || balance FROM gift_card WHERE order_id = '$order'")" "1000/1000"
    local code
    code=$(db "SELECT code FROM gift_card WHERE order_id = '$order' LIMIT 1")
    [[ "$code" =~ ^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$ ]]
    new_cart
    add "$TEE" 1
    api POST "/store/carts/$CART" "{\"gift_cards\":[{\"code\":\"$code\"}]}"
    assert_status 200
    assert_json .cart.gift_card_total 1000
    db "UPDATE product SET is_giftcard = 0, discountable = 1 WHERE handle = 'coffee-mug'"
}
