#!/usr/bin/env bats
# 45-money-safety.bats: issue #12's findings, each tried as an attacker would, through nginx and
# the pool, over the demo store plus tests/fixtures/seed-extended.json. Where Medusa v1 would let
# a shop lose money or stock, or show one customer another's data, we refuse in Medusa's error
# format (shared/reference/semantics/safety.md; README "Where we differ from Medusa v1"). The
# rate-limit finding (3) is in 05-nginx.bats (it needs the shipped rates), the cookie flags (8) in
# 30-auth.bats.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    admin_login
    printf '%s' "$ADMIN_TOKEN" > "$BATS_FILE_TMPDIR/token"
}

setup() {
    ADMIN_TOKEN=$(cat "$BATS_FILE_TMPDIR/token")
    checkout_vars
    NA=$(q "SELECT id FROM region WHERE name = 'NA'")
    NA_STD=$(q "SELECT id FROM shipping_option WHERE region_id = '$NA' AND is_return = 0 LIMIT 1")
    MUG=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 'coffee-mug'")
    HOODIE=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 'hoodie' AND v.title = 'S'")
    JANE=$(q "SELECT id FROM customer WHERE lower(email) = 'jane@example.com' AND has_account = 1")
    JANE_ADDR=$(q "SELECT id FROM address WHERE customer_id = '$JANE' LIMIT 1")
}

teardown_file() {
    stop_stack
}

stock() {
    q "SELECT inventory_quantity FROM product_variant WHERE id = '$1'"
}

# new_cart [COOKIE]: an empty EU cart (as that customer when a cookie is given); sets CART.
new_cart() {
    if [ -n "${1-}" ]; then
        api -H "Cookie: $1" POST /store/carts '{}'
    else
        api POST /store/carts '{}'
    fi
    assert_status 200
    CART=$(jqr .cart.id)
}

add() { # add VARIANT QTY [COOKIE]
    if [ -n "${3-}" ]; then
        api -H "Cookie: $3" POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$1\",\"quantity\":$2}"
    else
        api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$1\",\"quantity\":$2}"
    fi
}

# register EMAIL: a new account, logged in; sets COOKIE and CUSTOMER.
register() {
    api POST /store/customers "{\"email\":\"$1\",\"password\":\"pw-$1\",\"first_name\":\"F\",\"last_name\":\"L\"}"
    assert_status 200
    COOKIE=$(header set-cookie | sed 's/;.*//')
    CUSTOMER=$(jqr .customer.id)
}

# jane_cookie: Jane's session (seed-extended.json); sets JANE_COOKIE.
jane_cookie() {
    api POST /store/auth '{"email":"jane@example.com","password":"secret-jane"}'
    assert_status 200
    JANE_COOKIE=$(header set-cookie | sed 's/;.*//')
}

# pay_and_complete [COOKIE]: payment sessions, then complete; asserts an order; sets ORDER.
pay_and_complete() {
    local h=()
    [ -n "${1-}" ] && h=(-H "Cookie: $1")
    api "${h[@]}" POST "/store/carts/$CART/payment-sessions"
    assert_status 200
    api "${h[@]}" POST "/store/carts/$CART/complete"
    assert_status 200
    assert_json .type order
    ORDER=$(jqr .data.id)
}

# swap_setup: a captured, fulfilled order of one TEE and a swap returning it for a HOODIE; sets
# ORDER, ITEM, SWAP_CART.
swap_setup() {
    checkout_order "$TEE" 1
    order_fulfilled_fixture "$ORDER"
    ITEM=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    api POST /store/swaps "{\"order_id\":\"$ORDER\",\"return_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}],\"additional_items\":[{\"variant_id\":\"$HOODIE\",\"quantity\":1}]}"
    assert_status 200
    SWAP_CART=$(jqr .swap.cart_id)
}

# ---- 1. quantities ---------------------------------------------------------------------------

@test "safety 1: a negative, fractional or huge quantity is refused on every cart route; nothing changes" {
    local mug_stock
    mug_stock=$(stock "$MUG")
    new_cart
    add "$TEE" 2
    assert_status 200
    local line total
    line=$(jqr '.cart.items[0].id')
    total=$(jqr .cart.total)
    add "$MUG" -9
    assert_medusa_error 400 invalid_data 'quantity must not be less than 1'
    add "$MUG" 1.5
    assert_medusa_error 400 invalid_data 'quantity must be an integer number'
    add "$MUG" 2147483648
    assert_medusa_error 400 invalid_data 'quantity must not be greater than 2147483647'
    api POST "/store/carts/$CART/line-items/$line" '{"quantity":-3}'
    assert_medusa_error 400 invalid_data 'quantity must not be less than 0'
    api POST "/store/carts/$CART/line-items/$line" '{"quantity":2.5}'
    assert_medusa_error 400 invalid_data 'quantity must be an integer number'
    api GET "/store/carts/$CART"
    assert_json '.cart.items | map([.variant_id, .quantity])' "[[\"$TEE\",2]]"
    assert_json .cart.total "$total"
    api POST /store/carts "{\"items\":[{\"variant_id\":\"$TEE\",\"quantity\":2},{\"variant_id\":\"$MUG\",\"quantity\":-9}]}"
    assert_medusa_error 400 invalid_data 'quantity must not be less than 1'
    assert_equal "$(stock "$MUG")" "$mug_stock"
}

@test "safety 1: negative units of a sold-out variant or of a gift card never make stock or a free card" {
    q "UPDATE product_variant SET inventory_quantity = 0 WHERE id = '$HOODIE'"
    new_cart
    add "$HOODIE" -1000
    assert_medusa_error 400 invalid_data 'quantity must not be less than 1'
    q "UPDATE product SET is_giftcard = 1, discountable = 0 WHERE handle = 'coffee-mug'"
    add "$MUG" 1
    assert_status 200
    add "$TEE" -1
    assert_medusa_error 400 invalid_data 'quantity must not be less than 1'
    api POST "/store/carts/$CART" '{"email":"free-gift@example.com"}'
    api POST "/store/carts/$CART/payment-sessions"
    api POST "/store/carts/$CART/complete"
    assert_json .type order
    assert_json .data.total 1000
    assert_json .data.paid_total 1000
    q "UPDATE product SET is_giftcard = 0, discountable = 1 WHERE handle = 'coffee-mug'"
    assert_equal "$(stock "$HOODIE")" 0
    q "UPDATE product_variant SET inventory_quantity = 100 WHERE id = '$HOODIE'"
}

@test "safety 1: swap additional items and the swap cart refuse negative quantities" {
    swap_setup
    api POST /store/swaps "{\"order_id\":\"$ORDER\",\"return_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}],\"additional_items\":[{\"variant_id\":\"$MUG\",\"quantity\":-15}]}"
    assert_medusa_error 400 invalid_data 'quantity must not be less than 1'
    api POST "/store/carts/$SWAP_CART/line-items" "{\"variant_id\":\"$MUG\",\"quantity\":-15}"
    assert_medusa_error 400 invalid_data 'quantity must not be less than 1'
    api GET "/store/carts/$SWAP_CART"
    assert_json '[.cart.items[] | select(.variant_id == "'"$MUG"'")] | length' 0
    assert_json '.cart.total >= 0' true
}

@test "safety 1: order-edit items take positive integer quantities" {
    checkout_order "$TEE" 1
    adm POST /admin/order-edits "{\"order_id\":\"$ORDER\"}"
    assert_status 200
    local edit item
    edit=$(jqr .order_edit.id)
    item=$(jqr '.order_edit.items[0].id')
    adm POST "/admin/order-edits/$edit/items" "{\"variant_id\":\"$MUG\",\"quantity\":-2}"
    assert_medusa_error 400 invalid_data 'quantity must not be less than 1'
    adm POST "/admin/order-edits/$edit/items/$item" '{"quantity":-1}'
    assert_medusa_error 400 invalid_data 'quantity must not be less than 1'
    adm POST "/admin/order-edits/$edit/items/$item" '{"quantity":0}'
    assert_medusa_error 400 invalid_data 'quantity must not be less than 1'
    adm POST "/admin/order-edits/$edit/items/$item" '{"quantity":1.5}'
    assert_medusa_error 400 invalid_data 'quantity must be an integer number'
    adm GET "/admin/order-edits/$edit"
    assert_json '.order_edit.changes | length' 0
}

@test "safety 1: a canceled order cannot be canceled again: its stock comes back once" {
    local before
    before=$(stock "$MUG")
    checkout_order "$MUG" 4
    assert_equal "$(stock "$MUG")" $((before - 4))
    adm POST "/admin/orders/$ORDER/cancel"
    assert_status 200
    assert_json .order.status canceled
    assert_equal "$(stock "$MUG")" "$before"
    adm POST "/admin/orders/$ORDER/cancel"
    assert_medusa_error 400 not_allowed 'A canceled order cannot be canceled'
    assert_equal "$(stock "$MUG")" "$before"
}

# ---- 2. completed carts --------------------------------------------------------------------

@test "safety 2: a completed cart refuses every change with not_allowed; the order keeps what was paid" {
    checkout_order "$TEE" 1
    local line total addr stock_before
    line=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    api GET "/store/orders/$ORDER"
    total=$(jqr .order.total)
    addr=$(jqr .order.shipping_address.address_1)
    stock_before=$(stock "$TEE")
    local r
    while IFS='|' read -r method path data; do
        api "$method" "$path" "$data"
        assert_medusa_error 400 not_allowed 'Completed carts cannot be changed'
    done <<EOF
POST|/store/carts/$CART|{"email":"other@example.com"}
POST|/store/carts/$CART|{"shipping_address":{"address_1":"Elsewhere 1"}}
POST|/store/carts/$CART/line-items|{"variant_id":"$TEE","quantity":40}
POST|/store/carts/$CART/line-items/$line|{"quantity":40}
DELETE|/store/carts/$CART/line-items/$line|
POST|/store/carts/$CART/shipping-methods|{"option_id":"$STD"}
POST|/store/carts/$CART/payment-sessions|
POST|/store/carts/$CART/payment-session|{"provider_id":"manual"}
POST|/store/carts/$CART/payment-sessions/manual|{"data":{"status":"x"}}
POST|/store/carts/$CART/payment-sessions/manual/refresh|
DELETE|/store/carts/$CART/payment-sessions/manual|
DELETE|/store/carts/$CART/discounts/SUMMER10|
POST|/store/carts/$CART/taxes|
EOF
    api GET "/store/orders/$ORDER"
    assert_json .order.total "$total"
    assert_json '.order.items | map(.quantity)' '[1]'
    assert_json .order.shipping_address.address_1 "$addr"
    assert_json .order.email buyer@example.com
    assert_equal "$(stock "$TEE")" "$stock_before"
    # Completing again still answers the order, as Medusa does.
    api POST "/store/carts/$CART/complete"
    assert_status 200
    assert_json .data.id "$ORDER"
}

@test "safety 2: a cart whose payment is authorised refuses changes too" {
    new_cart
    add "$TEE" 1
    q "UPDATE cart SET payment_authorized_at = '2024-01-01T00:00:00.000Z' WHERE id = '$CART'"
    add "$TEE" 1
    assert_medusa_error 400 not_allowed "Can't change a cart with an authorized payment"
    api POST "/store/carts/$CART" '{"email":"x@example.com"}'
    assert_medusa_error 400 not_allowed "Can't change a cart with an authorized payment"
}

# ---- 4. limits consumed at completion --------------------------------------------------------

# limited_discount CODE: a 10 % EU discount usable once.
limited_discount() {
    adm POST /admin/discounts "{\"code\":\"$1\",\"rule\":{\"type\":\"percentage\",\"value\":10,\"allocation\":\"total\"},\"regions\":[\"$EU\"],\"usage_limit\":1}"
    assert_status 200
}

# discounted_cart CODE: a TEE cart with an e-mail, the code and a payment session; sets CART.
discounted_cart() {
    new_cart
    add "$TEE" 1
    api POST "/store/carts/$CART" "{\"email\":\"limit@example.com\",\"discounts\":[{\"code\":\"$1\"}]}"
    assert_status 200
    api POST "/store/carts/$CART/payment-sessions"
    assert_status 200
}

@test "safety 4: a limit-1 discount is used by one order; the next completion refuses and leaves nothing" {
    limited_discount ONCE1
    discounted_cart ONCE1
    local first="$CART"
    discounted_cart ONCE1
    local second="$CART" before
    CART=$first
    api POST "/store/carts/$CART/complete"
    assert_json .type order
    before=$(stock "$TEE")
    local payments
    payments=$(q "SELECT count(*) FROM payment")
    CART=$second
    api POST "/store/carts/$CART/complete"
    assert_medusa_error 400 not_allowed 'Discount ONCE1 has been used maximum allowed times'
    assert_equal "$(q "SELECT usage_count FROM discount WHERE code = 'ONCE1'")" 1
    assert_equal "$(q "SELECT count(*) FROM order_discounts od JOIN discount d ON d.id = od.discount_id WHERE d.code = 'ONCE1'")" 1
    assert_equal "$(q "SELECT count(*) FROM payment")" "$payments"
    assert_equal "$(q "SELECT coalesce(CAST(completed_at AS TEXT), '') || coalesce(CAST(payment_authorized_at AS TEXT), '') FROM cart WHERE id = '$CART'")" ""
    assert_equal "$(q "SELECT count(*) FROM payment_session WHERE cart_id = '$CART' AND status = 'authorized'")" 0
    assert_equal "$(stock "$TEE")" "$before"
}

@test "safety 4: eight carts racing with a limit-1 code make exactly one order" {
    need_nginx # concurrent requests through the pool
    limited_discount RACE1
    local carts=() i
    for i in 1 2 3 4 5 6 7 8; do
        discounted_cart RACE1
        carts+=("$CART")
    done
    for c in "${carts[@]}"; do
        curl -s -X POST "$BASE/store/carts/$c/complete" | jq -c 'if .type == "order" then .type else .message end' &
    done > "$BATS_TEST_TMPDIR/answers"
    wait
    assert_equal "$(grep -c '^"order"$' "$BATS_TEST_TMPDIR/answers")" 1
    assert_equal "$(grep -c '^"Discount RACE1 has been used maximum allowed times"$' "$BATS_TEST_TMPDIR/answers")" 7
    assert_equal "$(q "SELECT count(*) FROM order_discounts od JOIN discount d ON d.id = od.discount_id WHERE d.code = 'RACE1'")" 1
    assert_equal "$(q "SELECT usage_count FROM discount WHERE code = 'RACE1'")" 1
}

@test "safety 4: a gift card's balance pays once; a second cart must pay the rest" {
    local carts=() i
    for i in 1 2; do
        new_cart
        add "$TEE" 2
        api POST "/store/carts/$CART" '{"email":"gc@example.com","gift_cards":[{"code":"GIFT-TEST-0050"}]}'
        assert_json .cart.total 0
        carts+=("$CART")
    done
    CART=${carts[0]}
    api POST "/store/carts/$CART/complete"
    assert_json .type order
    assert_equal "$(q "SELECT balance FROM gift_card WHERE code = 'GIFT-TEST-0050'")" 1100
    CART=${carts[1]}
    api POST "/store/carts/$CART/complete"
    assert_medusa_error 400 not_allowed 'You cannot complete a cart without a payment session.'
    assert_equal "$(q "SELECT balance FROM gift_card WHERE code = 'GIFT-TEST-0050'")" 1100
    pay_and_complete
    assert_json .data.gift_card_total 1100
    assert_json .data.paid_total 2800
    assert_json .data.total 2800
    assert_equal "$(q "SELECT balance || '/' || CAST(is_disabled AS INTEGER) FROM gift_card WHERE code = 'GIFT-TEST-0050'")" 0/1
}

# ---- 5. shipping options ---------------------------------------------------------------------

@test "safety 5: a cart takes only options it could list: no return, foreign or admin-only option" {
    local na_ret eu_ret hidden
    na_ret=$(q "SELECT id FROM shipping_option WHERE region_id = '$NA' AND is_return = 1 AND amount = 0 LIMIT 1")
    eu_ret=$(q "SELECT id FROM shipping_option WHERE name = 'PostFake Return' AND region_id = '$EU'")
    local profile
    profile=$(q "SELECT profile_id FROM shipping_option WHERE id = '$STD'")
    adm POST /admin/shipping-options "{\"name\":\"Staff pickup\",\"region_id\":\"$EU\",\"provider_id\":\"manual\",\"profile_id\":\"$profile\",\"data\":{},\"price_type\":\"flat_rate\",\"amount\":0,\"admin_only\":true}"
    assert_status 200
    hidden=$(jqr .shipping_option.id)
    new_cart
    add "$TEE" 1
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$na_ret\"}"
    assert_medusa_error 404 not_found "Shipping Option with $na_ret was not found"
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$eu_ret\"}"
    assert_medusa_error 404 not_found "Shipping Option with $eu_ret was not found"
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$hidden\"}"
    assert_medusa_error 404 not_found "Shipping Option with $hidden was not found"
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$NA_STD\"}"
    assert_medusa_error 400 invalid_data "The shipping option is not available in the cart's region"
    api GET "/store/carts/$CART"
    assert_json .cart.shipping_methods '[]'
    assert_json .cart.shipping_total 0
}

@test "safety 5: the listing and the check agree on every option, for an empty and a full cart" {
    local opts o listed
    opts=$(q "SELECT id FROM shipping_option WHERE deleted_at IS NULL")
    new_cart
    for round in empty full; do
        [ "$round" = full ] && { add "$TEE" 1; assert_status 200; }
        api GET "/store/shipping-options/$CART"
        assert_status 200
        listed=$(jqr '[.shipping_options[].id] | join(" ")')
        for o in $opts; do
            api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$o\"}"
            if [[ " $listed " == *" $o "* ]]; then
                assert_status 200
            else
                [ "$status" = 400 ] || [ "$status" = 404 ] || { echo "$round: $o not listed, got $status $body" >&2; return 1; }
            fi
        done
    done
    [ -n "$listed" ]
}

# ---- 6, 7, 8, 15. ownership ------------------------------------------------------------------

@test "safety 6: a cart's customer_id can only be the logged-in customer's own id" {
    new_cart
    api POST "/store/carts/$CART?expand=customer" "{\"customer_id\":\"$JANE\"}"
    assert_medusa_error 404 not_found "Customer with id: $JANE was not found"
    api GET "/store/carts/$CART?expand=customer"
    assert_json '[.cart.customer_id, .cart.customer, .cart.email]' '[null,null,null]'
    register bob6@example.com
    api -H "Cookie: $COOKIE" POST "/store/carts/$CART" "{\"customer_id\":\"$JANE\"}"
    assert_medusa_error 404 not_found "Customer with id: $JANE was not found"
    api -H "Cookie: $COOKIE" POST "/store/carts/$CART" "{\"customer_id\":\"$CUSTOMER\"}"
    assert_status 200
    assert_json '[.cart.customer_id, .cart.email]' "[\"$CUSTOMER\",\"bob6@example.com\"]"
    [ "$(q "SELECT count(*) FROM address WHERE customer_id = '$JANE' AND deleted_at IS NULL")" = 1 ]
}

@test "safety 7: a cart takes only the logged-in customer's own saved addresses, as copies" {
    local saved
    saved=$(q "SELECT address_1 || '/' || city FROM address WHERE id = '$JANE_ADDR'")
    new_cart
    api POST "/store/carts/$CART" "{\"shipping_address\":\"$JANE_ADDR\"}"
    assert_medusa_error 404 not_found "Address with id $JANE_ADDR was not found"
    api POST "/store/carts/$CART" "{\"billing_address\":\"$JANE_ADDR\"}"
    assert_medusa_error 404 not_found "Address with id $JANE_ADDR was not found"
    register bob7@example.com
    api -H "Cookie: $COOKIE" POST "/store/carts/$CART" "{\"shipping_address\":\"$JANE_ADDR\"}"
    assert_medusa_error 404 not_found "Address with id $JANE_ADDR was not found"
    jane_cookie
    new_cart "$JANE_COOKIE"
    api -H "Cookie: $JANE_COOKIE" POST "/store/carts/$CART" "{\"shipping_address\":\"$JANE_ADDR\",\"billing_address\":\"$JANE_ADDR\"}"
    assert_status 200
    assert_json '.cart.shipping_address.address_1 + "/" + .cart.shipping_address.city' "$saved"
    assert_json '.cart.shipping_address.id != "'"$JANE_ADDR"'"' true
    assert_json '.cart.billing_address.id != .cart.shipping_address.id' true
    assert_json '.cart.shipping_address.customer_id' null
    api -H "Cookie: $JANE_COOKIE" POST "/store/carts/$CART" '{"shipping_address":{"address_1":"Overwritten 7"}}'
    assert_status 200
    assert_json .cart.shipping_address.address_1 'Overwritten 7'
    assert_equal "$(q "SELECT address_1 || '/' || city FROM address WHERE id = '$JANE_ADDR'")" "$saved"
}

@test "safety 8: reading a cart logged in claims only an anonymous, open cart" {
    jane_cookie
    register bob8@example.com
    # Jane's open cart stays Jane's.
    new_cart "$JANE_COOKIE"
    add "$TEE" 1 "$JANE_COOKIE"
    local jane_cart="$CART"
    api -H "Cookie: $COOKIE" GET "/store/carts/$jane_cart?expand=customer"
    assert_status 200
    assert_json '[.cart.customer_id, .cart.email]' "[\"$JANE\",\"jane@example.com\"]"
    # Jane's completed cart stays Jane's.
    pay_and_complete "$JANE_COOKIE"
    api -H "Cookie: $COOKIE" GET "/store/carts/$jane_cart"
    assert_json '[.cart.customer_id, .cart.email]' "[\"$JANE\",\"jane@example.com\"]"
    assert_equal "$(q "SELECT customer_id FROM \"order\" WHERE id = '$ORDER'")" "$JANE"
    # An anonymous cart, and one with only a guest's e-mail, are claimed.
    new_cart
    api -H "Cookie: $COOKIE" GET "/store/carts/$CART"
    assert_json '[.cart.customer_id, .cart.email]' "[\"$CUSTOMER\",\"bob8@example.com\"]"
    new_cart
    api POST "/store/carts/$CART" '{"email":"someone8@example.com"}'
    api -H "Cookie: $COOKIE" GET "/store/carts/$CART"
    assert_json '[.cart.customer_id, .cart.email]' "[\"$CUSTOMER\",\"bob8@example.com\"]"
    # A completed anonymous cart is not.
    checkout_order "$TEE" 1
    api -H "Cookie: $COOKIE" GET "/store/carts/$CART"
    assert_json '.cart.customer_id != "'"$CUSTOMER"'"' true
    assert_json .cart.email buyer@example.com
}

@test "safety 15: cart and order addresses belong to no customer; the address book never reaches them" {
    jane_cookie
    local book
    book=$(q "SELECT count(*) FROM address WHERE customer_id = '$JANE' AND deleted_at IS NULL")
    new_cart "$JANE_COOKIE"
    add "$TEE" 1 "$JANE_COOKIE"
    api -H "Cookie: $JANE_COOKIE" POST "/store/carts/$CART" '{"shipping_address":{"first_name":"Jane","address_1":"Ship 15","city":"Aarhus","country_code":"dk","postal_code":"8000"},"billing_address":{"first_name":"Jane","address_1":"Bill 15","country_code":"dk"}}'
    assert_status 200
    api -H "Cookie: $JANE_COOKIE" POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$STD\"}"
    pay_and_complete "$JANE_COOKIE"
    local ship
    ship=$(q "SELECT shipping_address_id FROM \"order\" WHERE id = '$ORDER'")
    assert_equal "$(q "SELECT count(*) FROM address WHERE customer_id IS NOT NULL AND id IN (SELECT shipping_address_id FROM \"order\" WHERE id = '$ORDER' UNION SELECT billing_address_id FROM \"order\" WHERE id = '$ORDER')")" 0
    api -H "Cookie: $JANE_COOKIE" GET /store/customers/me
    assert_json '.customer.shipping_addresses | length' "$book"
    api -H "Cookie: $JANE_COOKIE" POST "/store/customers/me/addresses/$ship" '{"address_1":"Rewritten 15"}'
    assert_medusa_error 400 invalid_data 'Could not find address for customer'
    api -H "Cookie: $JANE_COOKIE" DELETE "/store/customers/me/addresses/$ship"
    assert_equal "$(q "SELECT address_1 || '/' || coalesce(CAST(deleted_at AS TEXT), 'live') FROM address WHERE id = '$ship'")" 'Ship 15/live'
    api -H "Cookie: $JANE_COOKIE" POST /store/customers/me "{\"billing_address\":\"$ship\"}"
    assert_medusa_error 404 not_found "Address with id $ship was not found"
}

@test "safety 15: a swap cart gets copies of the order's addresses" {
    swap_setup
    local ship
    ship=$(q "SELECT shipping_address_id FROM \"order\" WHERE id = '$ORDER'")
    api GET "/store/carts/$SWAP_CART"
    assert_json '.cart.shipping_address.id != "'"$ship"'"' true
    assert_json .cart.shipping_address.first_name B
    api POST "/store/carts/$SWAP_CART" '{"shipping_address":{"first_name":"Changed"}}'
    assert_status 200
    assert_equal "$(q "SELECT first_name FROM address WHERE id = '$ship'")" B
}

# ---- 9. idempotency keys ---------------------------------------------------------------------

@test "safety 9: an Idempotency-Key is bound to the method, route and resource it was first used with" {
    new_cart
    local a="$CART" key
    add "$TEE" 1
    key=$(header idempotency-key)
    new_cart
    local b="$CART"
    api -H "Idempotency-Key: $key" POST "/store/carts/$b/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_medusa_error 409 conflict 'The request conflicted with another request. You may retry the request with the provided Idempotency-Key.' invalid_state_error
    api GET "/store/carts/$b"
    assert_json .cart.items '[]'
    api -H "Idempotency-Key: $key" POST "/store/carts/$a/payment-sessions"
    assert_status 409
    api -H "Idempotency-Key: $key" POST "/store/carts/$a/complete"
    assert_status 409
    # The same request again replays, as Medusa does.
    api -H "Idempotency-Key: $key" POST "/store/carts/$a/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_status 200
    assert_json .cart.id "$a"
    assert_json '.cart.items[0].quantity' 1
    # Returns: bound to the order.
    checkout_order "$TEE" 1
    local o1="$ORDER" i1
    i1=$(q "SELECT id FROM line_item WHERE order_id = '$o1'")
    api POST /store/returns "{\"order_id\":\"$o1\",\"items\":[{\"item_id\":\"$i1\",\"quantity\":1}]}"
    assert_status 200
    key=$(header idempotency-key)
    checkout_order "$TEE" 1
    local i2
    i2=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    api -H "Idempotency-Key: $key" POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$i2\",\"quantity\":1}]}"
    assert_status 409
}

@test "safety 9: an Idempotency-Key never replays one shopper's answer to another" {
    jane_cookie
    new_cart "$JANE_COOKIE"
    add "$TEE" 1 "$JANE_COOKIE"
    assert_status 200
    local key
    key=$(header idempotency-key)
    # Another shopper, anonymous or logged in, with Jane's key and cart: a conflict, never her answer.
    api -H "Idempotency-Key: $key" POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_medusa_error 409 conflict 'The request conflicted with another request. You may retry the request with the provided Idempotency-Key.' invalid_state_error
    [[ "$body" != *jane* ]]
    register other9@example.com
    api -H "Cookie: $COOKIE" -H "Idempotency-Key: $key" POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_status 409
    # Jane's own retry replays.
    api -H "Cookie: $JANE_COOKIE" -H "Idempotency-Key: $key" POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_status 200
    assert_json '.cart.items[0].quantity' 1
}

# ---- 10. e-mails -----------------------------------------------------------------------------

@test "safety 10: an e-mail is one address whatever its case: taken, stored, logged in, looked up" {
    register b10@example.com
    register c10@example.com
    api -H "Cookie: $COOKIE" POST /store/customers/me '{"email":"B10@EXAMPLE.COM"}'
    assert_medusa_error 422 duplicate_error 'Customer with email, has_account b10@example.com, t already exists.' invalid_request_error
    api -H "Cookie: $COOKIE" POST /store/customers/me '{"email":"New10@Example.COM"}'
    assert_status 200
    assert_json .customer.email new10@example.com
    api POST /store/auth '{"email":"NEW10@example.com","password":"pw-c10@example.com"}'
    assert_status 200
    api POST /store/customers '{"email":"b10@EXAMPLE.com","password":"x"}'
    assert_medusa_error 422 duplicate_error 'A customer with the given email already has an account. Log in instead' invalid_request_error
    # A row stored mixed-case before this release still logs in and is still taken.
    q "UPDATE customer SET email = 'Legacy10@Example.COM' WHERE email = 'b10@example.com'"
    api POST /store/auth '{"email":"legacy10@example.com","password":"pw-b10@example.com"}'
    assert_status 200
    api GET /store/auth/LEGACY10@example.com
    assert_json .exists true
    api POST /store/customers '{"email":"legacy10@example.com","password":"x"}'
    assert_status 422
    api -H "Cookie: $COOKIE" POST /store/customers/me '{"email":"LEGACY10@example.com"}'
    assert_status 422
    # Carts and the order lookup.
    checkout_order "$TEE" 1
    local display
    display=$(q "SELECT display_id FROM \"order\" WHERE id = '$ORDER'")
    api GET "/store/orders?display_id=$display&email=Buyer@Example.com"
    assert_status 200
    assert_json .order.id "$ORDER"
}

# ---- 11. payment collections -----------------------------------------------------------------

@test "safety 11: payment-collection sessions take positive integer amounts only" {
    paycol_fixture paycol_s11 1000
    api POST /store/payment-collections/paycol_s11/sessions/batch '{"sessions":[{"provider_id":"manual","amount":2000},{"provider_id":"manual","amount":-1000}]}'
    assert_medusa_error 400 invalid_data 'amount must not be less than 1'
    api POST /store/payment-collections/paycol_s11/sessions/batch '{"sessions":[{"provider_id":"manual","amount":1000},{"provider_id":"manual","amount":0}]}'
    assert_medusa_error 400 invalid_data 'amount must not be less than 1'
    api POST /store/payment-collections/paycol_s11/sessions/batch '{"sessions":[{"provider_id":"manual","amount":999.5},{"provider_id":"manual","amount":0.5}]}'
    assert_medusa_error 400 invalid_data 'amount must be an integer number, amount must be an integer number'
    assert_equal "$(q "SELECT count(*) FROM payment_collection_sessions WHERE payment_collection_id = 'paycol_s11'")" 0
    api POST /store/payment-collections/paycol_s11/sessions/batch '{"sessions":[{"provider_id":"manual","amount":400},{"provider_id":"manual","amount":600}]}'
    assert_status 200
}

# ---- 12. returns -----------------------------------------------------------------------------

@test "safety 12: returns take positive integer quantities, and pending returns count" {
    checkout_order "$TEE" 2
    local item
    item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":1.9}]}"
    assert_medusa_error 400 invalid_data 'quantity must be an integer number'
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":1},{\"item_id\":\"$item\",\"quantity\":2}]}"
    assert_medusa_error 400 not_allowed 'Cannot return more items than have been purchased'
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":2}]}"
    assert_status 200
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":1}]}"
    assert_medusa_error 400 not_allowed 'Cannot return more items than have been purchased'
    assert_equal "$(q "SELECT count(*) FROM \"return\" WHERE order_id = '$ORDER'")" 1
    # A canceled return gives its units back.
    q "UPDATE \"return\" SET status = 'canceled' WHERE order_id = '$ORDER'"
    api POST /store/returns "{\"order_id\":\"$ORDER\",\"items\":[{\"item_id\":\"$item\",\"quantity\":1}]}"
    assert_status 200
}

# ---- 13. NUL in JSON strings -----------------------------------------------------------------

@test "safety 13: a \\u0000 inside a JSON string is refused, never cut short" {
    api POST /store/auth '{"email":"jane@example.com","password":"secret-jane\u0000-tail"}'
    assert_medusa_error 400 invalid_data 'Invalid JSON in request body at position 51: \u0000 in a string'
    api POST /store/customers '{"email":"nul13@example.com","password":"secret-\u0000-tail"}'
    assert_status 400
    assert_json .type invalid_data
    api POST /store/carts '{"con\u0000text":{}}'
    assert_status 400
    [ "$(q "SELECT count(*) FROM customer WHERE email = 'nul13@example.com'")" = 0 ]
    # An escaped backslash before u0000 is just text.
    api POST /store/carts '{"context":{"note":"a\\u0000b"}}'
    assert_status 200
    [ "$(jqr .cart.context.note)" = 'a\u0000b' ]
}

# ---- 14. swap return lines -------------------------------------------------------------------

@test "safety 14: a swap cart's return line is the server's: it cannot be re-priced or removed" {
    swap_setup
    api GET "/store/carts/$SWAP_CART"
    local ret price
    ret=$(jqr '.cart.items[] | select(.is_return) | .id')
    price=$(jqr '.cart.items[] | select(.is_return) | .unit_price')
    [ "$price" -lt 0 ]
    api POST "/store/carts/$SWAP_CART/line-items/$ret" '{"quantity":2}'
    assert_medusa_error 400 not_allowed 'Return line items cannot be changed'
    api DELETE "/store/carts/$SWAP_CART/line-items/$ret"
    assert_medusa_error 400 not_allowed 'Return line items cannot be changed'
    api GET "/store/carts/$SWAP_CART"
    assert_json "[.cart.items[] | select(.is_return) | [.id, .unit_price, .quantity]]" "[[\"$ret\",$price,1]]"
}

@test "safety 15: migration 0006 gives an existing database's carts and orders their own address copies" {
    local db="$BATS_TEST_TMPDIR/legacy.db"
    MEDUSA_DATABASE="$db" "$MEDUSA_BIN" migrate 2>/dev/null
    # What the old code left: a cart address written with the customer's id, and a saved address
    # linked by id, both shared by the cart and its order.
    sqlite3 "$db" "
        INSERT INTO customer (id, email, has_account) VALUES ('cus_l', 'l@example.com', 1);
        INSERT INTO address (id, customer_id, first_name, address_1) VALUES
            ('addr_book', 'cus_l', 'Book', 'Saved 1'), ('addr_cartmade', 'cus_l', 'Cart', 'Ship 2');
        INSERT INTO cart (id, region_id, customer_id, shipping_address_id, billing_address_id)
            VALUES ('cart_l', 'reg_x', 'cus_l', 'addr_cartmade', 'addr_book'),
                   ('cart_none', 'reg_x', NULL, NULL, NULL);
        INSERT INTO \"order\" (id, display_id, customer_id, email, region_id, currency_code, cart_id,
            shipping_address_id, billing_address_id)
            VALUES ('order_l', 1, 'cus_l', 'l@example.com', 'reg_x', 'eur', 'cart_l', 'addr_cartmade', 'addr_book');
        "
    # The migration's own SQL, as the runner applies it.
    sqlite3 "$db" < "$MEDUSA_SRCDIR/sql/0006_cart_address_copies.sql"
    local row
    row=$(sqlite3 "$db" "SELECT count(DISTINCT x) || '/' || sum(a.customer_id IS NULL) || '/' || group_concat(a.first_name, ',')
        FROM (SELECT shipping_address_id x FROM cart UNION ALL SELECT billing_address_id FROM cart
              UNION ALL SELECT shipping_address_id FROM \"order\" UNION ALL SELECT billing_address_id FROM \"order\") r
        JOIN address a ON a.id = r.x")
    assert_equal "$row" "4/4/Cart,Book,Cart,Book"
    # The address book keeps both rows; every new id is an address id of the usual length.
    assert_equal "$(sqlite3 "$db" "SELECT count(*) FROM address WHERE customer_id = 'cus_l'")" 2
    assert_equal "$(sqlite3 "$db" "SELECT count(*) FROM address WHERE customer_id IS NULL AND length(id) = 31 AND id GLOB 'addr_0*'")" 4
}

@test "safety 10: migration 0007 lower-cases stored e-mails, leaving apart two accounts that differ only in case" {
    local db="$BATS_TEST_TMPDIR/legacy-email.db"
    MEDUSA_DATABASE="$db" "$MEDUSA_BIN" migrate 2>/dev/null
    sqlite3 "$db" "
        INSERT INTO customer (id, email, has_account) VALUES ('cus_m', 'Mixed@Example.COM', 1),
            ('cus_t1', 'Twin@Example.com', 1), ('cus_t2', 'twin@example.com', 1),
            ('cus_g', 'Mixed@Example.COM', 0);
        INSERT INTO \"order\" (id, display_id, customer_id, email, region_id, currency_code)
            VALUES ('order_m', 1, 'cus_m', 'Mixed@Example.COM', 'reg_x', 'eur');
        DROP INDEX idx_customer_email_lower; DROP INDEX idx_user_email_lower;
        DROP INDEX idx_order_email_lower;"
    # The migration's own SQL, as the runner applies it.
    sqlite3 "$db" < "$MEDUSA_SRCDIR/sql/0007_email_case.sql"
    assert_equal "$(sqlite3 "$db" "SELECT group_concat(id || '=' || email, ' ') FROM (SELECT id, email FROM customer ORDER BY id)")" \
        "cus_g=mixed@example.com cus_m=mixed@example.com cus_t1=Twin@Example.com cus_t2=twin@example.com"
    assert_equal "$(sqlite3 "$db" "SELECT email FROM \"order\" WHERE id = 'order_m'")" mixed@example.com
}

# ---- noticed while fixing --------------------------------------------------------------------

@test "safety: prices follow the cart's owner; a group price does not leave with the cart" {
    # Jane is in the VIP group (seed-extended.json): S / Black costs her 1560, others 1950.
    jane_cookie
    new_cart "$JANE_COOKIE"
    add "$TEE" 1 "$JANE_COOKIE"
    assert_json '.cart.items[0].unit_price' 1560
    # Handed to a guest's e-mail, the cart is the guest's, at the guest's prices.
    api POST "/store/carts/$CART" '{"email":"friend@example.com"}'
    assert_status 200
    assert_json '[.cart.email, .cart.items[0].unit_price, .cart.total]' '["friend@example.com",1950,1950]'
    # A VIP adding to another account's cart pays... nothing: the line is priced for the owner.
    register plain@example.com
    new_cart "$COOKIE"
    add "$TEE" 1 "$JANE_COOKIE"
    assert_status 200
    assert_json '[.cart.customer_id, .cart.items[0].unit_price]' "[\"$CUSTOMER\",1950]"
    api -H "Cookie: $JANE_COOKIE" POST "/store/carts/$CART/line-items/$(jqr '.cart.items[0].id')" '{"quantity":2}'
    assert_json '.cart.items[0].unit_price' 1950
}
