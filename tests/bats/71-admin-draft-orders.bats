#!/usr/bin/env bats
# 71-admin-draft-orders.bats: /admin/draft-orders (issue 15; Medusa v1's DraftOrderService and
# admin draft-orders routes): a draft's cart is a cart of type draft_order priced by the store's
# cart code, and paying it completes that cart into an order through the store's completion
# (stock and discount usage consumed once, a second pay refused). Over the demo store plus
# tests/fixtures/seed-extended.json, through nginx and the worker pool.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    checkout_vars
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

# new_draft [EXTRA_JSON_FIELDS]: a draft of 2 tees and a custom line, shipped with STD; sets DRAFT.
new_draft() {
    local extra="${1-}"
    adm POST /admin/draft-orders "{\"email\":\"Draft@Example.com\",\"region_id\":\"$EU\",\"items\":[{\"variant_id\":\"$TEE\",\"quantity\":2},{\"title\":\"Gift wrap\",\"unit_price\":500,\"quantity\":1}],\"shipping_methods\":[{\"option_id\":\"$STD\"}],\"shipping_address\":{\"first_name\":\"Dana\",\"address_1\":\"Main 1\",\"city\":\"Berlin\",\"country_code\":\"de\",\"postal_code\":\"10115\"}$extra}"
    assert_status 200
    DRAFT=$(jqr .draft_order.id)
}

@test "draft orders: create prices the draft_order cart with the store's totals" {
    local before
    before=$(stock "$TEE")
    new_draft ',"metadata":{"source":"phone"},"no_notification_order":true'
    assert_spec POST /admin/draft-orders
    assert_json '.draft_order | [.status, .order_id, .no_notification_order, .cart.type, .cart.email]' '["open",null,true,"draft_order","draft@example.com"]'
    assert_json '.draft_order.display_id | type' number
    assert_json '.draft_order.cart.items | length' 2
    assert_json '.draft_order.cart.items | map(.title) | sort' '["Gift wrap","Medusa T-Shirt"]'
    assert_json '.draft_order.cart.items | map(select(.variant_id == null)) | .[0] | [.unit_price, .allow_discounts]' '[500,false]'
    assert_json '.draft_order.cart.shipping_methods | map(.shipping_option_id)' "[\"$STD\"]"
    assert_json '.draft_order.cart.metadata' '{"source":"phone"}'
    assert_json '.draft_order.cart.shipping_address.country_code' de
    assert_json '.draft_order.cart.customer.email' draft@example.com
    # The same cart read through the store's cart route has the same totals.
    local cart total sub
    cart=$(jqr .draft_order.cart.id)
    total=$(jqr .draft_order.cart.total)
    sub=$(jqr .draft_order.cart.subtotal)
    api GET "/store/carts/$cart"
    assert_status 200
    assert_json .cart.total "$total"
    assert_json .cart.subtotal "$sub"
    assert_equal "$(stock "$TEE")" "$before"
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'draft_order.created' AND CAST(data AS TEXT) LIKE '%$DRAFT%'")" = 1 ]
}

@test "draft orders: pay completes the cart into a captured order once; stock moves once" {
    local before total
    before=$(stock "$TEE")
    new_draft ',"no_notification_order":true'
    total=$(jqr .draft_order.cart.total)
    adm POST "/admin/draft-orders/$DRAFT/pay"
    assert_status 200
    assert_spec POST "/admin/draft-orders/$DRAFT/pay"
    local order
    order=$(jqr .order.id)
    assert_json '.order | [.status, .payment_status, .fulfillment_status, .draft_order_id, .no_notification, .email]' "[\"pending\",\"captured\",\"not_fulfilled\",\"$DRAFT\",true,\"draft@example.com\"]"
    assert_json .order.total "$total"
    assert_json .order.paid_total "$total"
    assert_json '.order.payments | map([.provider_id, .amount, (.captured_at != null)])' "[[\"manual\",$total,true]]"
    assert_json '.order.items | length' 2
    assert_equal "$(stock "$TEE")" "$((before - 2))"
    adm GET "/admin/draft-orders/$DRAFT"
    assert_status 200
    assert_spec GET "/admin/draft-orders/$DRAFT"
    assert_json '.draft_order | [.status, .order_id, .order.id, (.completed_at != null), (.cart.completed_at != null)]' "[\"completed\",\"$order\",\"$order\",true,true]"
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order.placed' AND CAST(data AS TEXT) LIKE '%$order%'")" = 1 ]

    # A second pay makes no second order and moves no stock.
    adm POST "/admin/draft-orders/$DRAFT/pay"
    assert_medusa_error 409 conflict "The request conflicted with another request. You may retry the request with the provided Idempotency-Key." invalid_state_error
    assert_spec POST "/admin/draft-orders/$DRAFT/pay"
    assert_equal "$(q "SELECT count(*) FROM \"order\" WHERE draft_order_id = '$DRAFT'")" 1
    assert_equal "$(stock "$TEE")" "$((before - 2))"
    # Nor can it change any more.
    adm POST "/admin/draft-orders/$DRAFT" '{"email":"other@example.com"}'
    assert_medusa_error 400 not_allowed "You are only allowed to update open draft orders"
    adm POST "/admin/draft-orders/$DRAFT/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_medusa_error 400 not_allowed "You are only allowed to update open draft orders"
    local line
    line=$(q "SELECT id FROM line_item WHERE order_id = '$order' LIMIT 1")
    adm POST "/admin/draft-orders/$DRAFT/line-items/$line" '{"quantity":5}'
    assert_medusa_error 400 not_allowed "You are only allowed to update open draft orders"
    adm DELETE "/admin/draft-orders/$DRAFT/line-items/$line"
    assert_medusa_error 400 not_allowed "You are only allowed to update open draft orders"
}

@test "draft orders: concurrent pays of one draft make one order and reserve stock once" {
    need_nginx # concurrent requests through the pool
    local before i
    before=$(stock "$TEE")
    new_draft
    for i in 1 2 3 4 5 6; do
        curl -s -X POST -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE/admin/draft-orders/$DRAFT/pay" |
            jq -c 'if .order then "order" else .type end' &
    done > "$BATS_TEST_TMPDIR/answers"
    wait
    assert_equal "$(grep -c '^"order"$' "$BATS_TEST_TMPDIR/answers")" 1
    assert_equal "$(grep -c '^"conflict"$' "$BATS_TEST_TMPDIR/answers")" 5
    assert_equal "$(q "SELECT count(*) FROM \"order\" WHERE draft_order_id = '$DRAFT'")" 1
    assert_equal "$(q "SELECT count(*) FROM payment WHERE cart_id = (SELECT cart_id FROM draft_order WHERE id = '$DRAFT')")" 1
    assert_equal "$(stock "$TEE")" "$((before - 2))"
}

@test "draft orders: a usage-limited discount is consumed once by pay; a second draft holding it is refused" {
    local code="DRAFT$RANDOM$RANDOM" first second
    adm POST /admin/discounts "{\"code\":\"$code\",\"rule\":{\"type\":\"percentage\",\"value\":10,\"allocation\":\"total\"},\"regions\":[\"$EU\"],\"usage_limit\":1}"
    assert_status 200
    new_draft ",\"discounts\":[{\"code\":\"$code\"}]"
    first=$DRAFT
    assert_json '.draft_order.cart.discounts | map(.code)' "[\"$code\"]"
    assert_json '.draft_order.cart.discount_total > 0' true
    new_draft ",\"discounts\":[{\"code\":\"$code\"}]"
    second=$DRAFT
    adm POST "/admin/draft-orders/$first/pay"
    assert_status 200
    assert_json '.order.discounts | map(.code)' "[\"$code\"]"
    assert_equal "$(q "SELECT usage_count FROM discount WHERE code = '$code'")" 1
    local before
    before=$(stock "$TEE")
    adm POST "/admin/draft-orders/$second/pay"
    assert_medusa_error 400 not_allowed "Discount $code has been used maximum allowed times"
    assert_equal "$(q "SELECT usage_count FROM discount WHERE code = '$code'")" 1
    assert_equal "$(q "SELECT status FROM draft_order WHERE id = '$second'")" open
    assert_equal "$(q "SELECT count(*) FROM payment WHERE cart_id = (SELECT cart_id FROM draft_order WHERE id = '$second')")" 0
    assert_equal "$(stock "$TEE")" "$before"
}

@test "draft orders: pay without the stock is Medusa's insufficient_inventory and changes nothing" {
    local v
    v=$(q "SELECT v.id FROM product_variant v WHERE v.manage_inventory = 1 AND v.allow_backorder = 0 AND v.inventory_quantity > 0 AND v.deleted_at IS NULL AND EXISTS (SELECT 1 FROM product_variant_money_amount pm JOIN money_amount m ON m.id = pm.money_amount_id WHERE pm.variant_id = v.id AND m.currency_code = 'eur') AND v.id != '$TEE' LIMIT 1")
    adm POST /admin/draft-orders "{\"email\":\"short@example.com\",\"region_id\":\"$EU\",\"items\":[{\"variant_id\":\"$v\",\"quantity\":1}],\"shipping_methods\":[{\"option_id\":\"$STD\"}]}"
    assert_status 200
    DRAFT=$(jqr .draft_order.id)
    q "UPDATE product_variant SET inventory_quantity = 0 WHERE id = '$v'" >/dev/null
    adm POST "/admin/draft-orders/$DRAFT/pay"
    assert_medusa_error 400 not_allowed "Variant with id: $v does not have the required inventory" insufficient_inventory
    assert_spec POST "/admin/draft-orders/$DRAFT/pay"
    assert_equal "$(q "SELECT status FROM draft_order WHERE id = '$DRAFT'")" open
    assert_equal "$(q "SELECT count(*) FROM payment WHERE cart_id = (SELECT cart_id FROM draft_order WHERE id = '$DRAFT')")" 0
    assert_equal "$(stock "$v")" 0
}

@test "draft orders: custom shipping price and an admin-only option" {
    adm POST /admin/shipping-options "{\"name\":\"Courier (admin)\",\"region_id\":\"$EU\",\"provider_id\":\"manual\",\"price_type\":\"flat_rate\",\"amount\":2500,\"admin_only\":true,\"data\":{}}"
    assert_status 200
    local courier
    courier=$(jqr .shipping_option.id)
    adm POST /admin/draft-orders "{\"email\":\"ship@example.com\",\"region_id\":\"$EU\",\"items\":[{\"variant_id\":\"$TEE\",\"quantity\":1}],\"shipping_methods\":[{\"option_id\":\"$courier\",\"price\":700}]}"
    assert_status 200
    assert_spec POST /admin/draft-orders
    assert_json '.draft_order.cart.shipping_methods | map([.shipping_option_id, .price])' "[[\"$courier\",700]]"
    assert_json .draft_order.cart.shipping_total 700
    adm POST /admin/draft-orders "{\"email\":\"ship@example.com\",\"region_id\":\"$EU\",\"items\":[{\"variant_id\":\"$TEE\",\"quantity\":1}],\"shipping_methods\":[{\"option_id\":\"$courier\"}]}"
    assert_status 200
    assert_json '.draft_order.cart.shipping_methods | map([.shipping_option_id, .price])' "[[\"$courier\",2500]]"
    # The store still never offers it.
    api POST /store/carts "{\"region_id\":\"$EU\"}"
    local cart
    cart=$(jqr .cart.id)
    api POST "/store/carts/$cart/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    api POST "/store/carts/$cart/shipping-methods" "{\"option_id\":\"$courier\"}"
    assert_status 404
}

@test "draft orders: list with q, limit and offset" {
    local email="list-$RANDOM@example.com"
    adm POST /admin/draft-orders "{\"email\":\"$email\",\"region_id\":\"$EU\",\"items\":[{\"variant_id\":\"$TEE\",\"quantity\":1}],\"shipping_methods\":[{\"option_id\":\"$STD\"}]}"
    assert_status 200
    local id display
    id=$(jqr .draft_order.id)
    display=$(jqr .draft_order.display_id)
    adm GET "/admin/draft-orders?q=$email"
    assert_status 200
    assert_spec GET "/admin/draft-orders?q=$email"
    assert_json '[.count, .offset, .limit, (.draft_orders | map(.id))]' "[1,0,50,[\"$id\"]]"
    assert_json '.draft_orders[0].cart.items | length' 1
    assert_json '.draft_orders[0] | has("order")' true
    adm GET "/admin/draft-orders?limit=1&offset=1"
    assert_status 200
    assert_spec GET "/admin/draft-orders?limit=1&offset=1"
    assert_json '[(.draft_orders | length), .offset, .limit, (.count > 1)]' '[1,1,1,true]'
    adm GET "/admin/draft-orders?q=$display"
    assert_json "[.draft_orders[].id] | index(\"$id\") != null" true
    adm GET "/admin/draft-orders?q=nobody-at-all"
    assert_json '[.count, .draft_orders]' '[0,[]]'
    adm GET "/admin/draft-orders?colour=red"
    assert_medusa_error 400 invalid_data "property colour should not exist"
    assert_admin_only GET /admin/draft-orders
}

@test "draft orders: update the customer, e-mail, addresses and region" {
    customer_credentials
    local cid
    cid=$(q "SELECT id FROM customer WHERE has_account = 1 ORDER BY created_at DESC LIMIT 1")
    api -H "Cookie: $CUSTOMER_COOKIE" POST /store/customers/me/addresses '{"address":{"first_name":"Saved","last_name":"Addr","address_1":"Elm 2","city":"Munich","country_code":"de","postal_code":"80331"}}'
    assert_status 200
    local aid
    aid=$(jqr '.customer.shipping_addresses[0].id')
    new_draft
    adm POST "/admin/draft-orders/$DRAFT" "{\"customer_id\":\"$cid\",\"shipping_address\":\"$aid\",\"no_notification_order\":false}"
    assert_status 200
    assert_spec POST "/admin/draft-orders/$DRAFT"
    assert_json '.draft_order | [.no_notification_order, .cart.customer_id, .cart.shipping_address.first_name, .cart.shipping_address.city]' "[false,\"$cid\",\"Saved\",\"Munich\"]"
    # The cart's address is a copy: the saved one is not the cart's.
    [ "$(jqr .draft_order.cart.shipping_address_id)" != "$aid" ]
    adm POST "/admin/draft-orders/$DRAFT" '{"email":"new-guest@example.com","billing_address":{"first_name":"Bill","country_code":"de"}}'
    assert_status 200
    assert_json '.draft_order.cart | [.email, .billing_address.first_name]' '["new-guest@example.com","Bill"]'
    # Another customer's address id is not found.
    adm POST "/admin/draft-orders/$DRAFT" "{\"shipping_address\":\"$aid\"}"
    assert_medusa_error 404 not_found "Address with id $aid was not found"
    adm POST "/admin/draft-orders/$DRAFT" '{"customer_id":"cus_nope"}'
    assert_medusa_error 404 not_found "Customer with id: cus_nope was not found"
    adm POST "/admin/draft-orders/$DRAFT" '{"email":"not-an-email"}'
    assert_medusa_error 400 invalid_data "email must be an email"
    adm POST "/admin/draft-orders/$DRAFT" '{"shipping_address":{"first_name":"X","country_code":"us"}}'
    assert_medusa_error 400 invalid_data "Shipping country must be in the cart region"
    adm POST "/admin/draft-orders/dorder_nope" '{"email":"a@example.com"}'
    assert_medusa_error 404 not_found "Draft order with dorder_nope was not found"
}

@test "draft orders: line items added, re-priced, updated and deleted through the cart's rules" {
    new_draft
    local sub
    sub=$(jqr .draft_order.cart.subtotal)
    local tee_price
    tee_price=$(jqr '.draft_order.cart.items[] | select(.variant_id != null) | .unit_price')
    adm POST "/admin/draft-orders/$DRAFT/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_status 200
    assert_spec POST "/admin/draft-orders/$DRAFT/line-items"
    # Merged into the tee line, and the methods go as in the store's cart.
    assert_json '.draft_order.cart.items | map(select(.variant_id != null) | .quantity)' '[3]'
    assert_json .draft_order.cart.subtotal "$((sub + tee_price))"
    assert_json '.draft_order.cart.shipping_methods' '[]'
    adm POST "/admin/draft-orders/$DRAFT/line-items" '{"title":"Engraving","unit_price":1200,"quantity":2}'
    assert_status 200
    local custom
    custom=$(jqr '.draft_order.cart.items[] | select(.title == "Engraving") | .id')
    assert_json '.draft_order.cart.items[] | select(.title == "Engraving") | [.unit_price, .quantity, .variant_id]' '[1200,2,null]'
    adm POST "/admin/draft-orders/$DRAFT/line-items/$custom" '{"quantity":3,"unit_price":1000}'
    assert_status 200
    assert_spec POST "/admin/draft-orders/$DRAFT/line-items/$custom"
    assert_json '.draft_order.cart.items[] | select(.id == "'"$custom"'") | [.unit_price, .quantity, .subtotal]' '[1000,3,3000]'
    adm POST "/admin/draft-orders/$DRAFT/line-items/$custom" '{"unit_price":-1000}'
    assert_medusa_error 400 invalid_data "unit_price must not be less than 0"
    adm POST "/admin/draft-orders/$DRAFT/line-items" '{"title":"Refund me","unit_price":-1200,"quantity":1}'
    assert_medusa_error 400 invalid_data "unit_price must not be less than 0"
    adm GET "/admin/draft-orders/$DRAFT"
    assert_json '.draft_order.cart.items[] | select(.id == "'"$custom"'") | .unit_price' 1000
    adm POST "/admin/draft-orders/$DRAFT/line-items/$custom" '{"quantity":0}'
    assert_status 200
    assert_json "[.draft_order.cart.items[] | select(.id == \"$custom\")] | length" 0
    local tee_line
    tee_line=$(jqr '.draft_order.cart.items[] | select(.variant_id != null) | .id')
    adm DELETE "/admin/draft-orders/$DRAFT/line-items/$tee_line"
    assert_status 200
    assert_spec DELETE "/admin/draft-orders/$DRAFT/line-items/$tee_line"
    assert_json '.draft_order.cart.items | map(.title)' '["Gift wrap"]'
    # Refusals.
    adm POST "/admin/draft-orders/$DRAFT/line-items/item_nope" '{"quantity":2}'
    assert_medusa_error 400 invalid_data "Could not find the line item"
    adm POST "/admin/draft-orders/$DRAFT/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":0}"
    assert_medusa_error 400 invalid_data "quantity must not be less than 1"
    adm POST "/admin/draft-orders/$DRAFT/line-items" '{"variant_id":"variant_nope","quantity":1}'
    assert_status 400
    adm POST "/admin/draft-orders/$DRAFT/line-items" '{"quantity":"two"}'
    assert_status 400
    assert_json .type invalid_data
    adm POST "/admin/draft-orders/$DRAFT/line-items/$custom" '{"quantity":-1}'
    assert_status 400
}

@test "draft orders: create refusals are Medusa's 400s and 404s" {
    adm POST /admin/draft-orders "{\"region_id\":\"$EU\",\"shipping_methods\":[{\"option_id\":\"$STD\"}]}"
    assert_medusa_error 400 invalid_data "email must be an email"
    assert_spec POST /admin/draft-orders
    adm POST /admin/draft-orders '{"email":"a@example.com","shipping_methods":[{"option_id":"x"}]}'
    assert_medusa_error 400 invalid_data "region_id must be a string"
    adm POST /admin/draft-orders "{\"email\":\"a@example.com\",\"region_id\":\"$EU\"}"
    assert_status 400
    assert_json '.message | test("shipping_methods")' true
    adm POST /admin/draft-orders "{\"email\":\"a@example.com\",\"region_id\":\"$EU\",\"shipping_methods\":[{\"option_id\":\"$STD\"}],\"items\":[{\"variant_id\":\"$TEE\",\"quantity\":-2}]}"
    assert_medusa_error 400 invalid_data "quantity must not be less than 1"
    # Money as the catalog's prices (issue #12): whole, 0..2147483647; Medusa takes a negative
    # custom price or shipping price and answers a negative total.
    adm POST /admin/draft-orders "{\"email\":\"a@example.com\",\"region_id\":\"$EU\",\"shipping_methods\":[{\"option_id\":\"$STD\"}],\"items\":[{\"title\":\"Custom\",\"unit_price\":-500,\"quantity\":1}]}"
    assert_medusa_error 400 invalid_data "unit_price must not be less than 0"
    adm POST /admin/draft-orders "{\"email\":\"a@example.com\",\"region_id\":\"$EU\",\"shipping_methods\":[{\"option_id\":\"$STD\",\"price\":-1}]}"
    assert_medusa_error 400 invalid_data "price must not be less than 0"
    adm POST /admin/draft-orders "{\"email\":\"a@example.com\",\"region_id\":\"$EU\",\"shipping_methods\":[{\"option_id\":\"$STD\"}],\"items\":[{\"title\":\"Custom\",\"unit_price\":9223372036854775807,\"quantity\":1}]}"
    assert_medusa_error 400 invalid_data "unit_price must not be greater than 2147483647"
    adm POST /admin/draft-orders "{\"email\":\"a@example.com\",\"region_id\":\"reg_nope\",\"shipping_methods\":[{\"option_id\":\"$STD\"}]}"
    assert_status 404
    assert_json .type not_found
    adm POST /admin/draft-orders "{\"email\":\"a@example.com\",\"region_id\":\"$EU\",\"shipping_methods\":[{\"option_id\":\"so_nope\"}]}"
    assert_medusa_error 404 not_found "Shipping Option with so_nope was not found"
    adm POST /admin/draft-orders "{\"email\":\"a@example.com\",\"region_id\":\"$EU\",\"shipping_methods\":[{\"option_id\":\"$STD\"}],\"discounts\":[{\"code\":\"NOPE-NOT-A-CODE\"}]}"
    assert_status 404
    assert_equal "$(q "SELECT count(*) FROM draft_order d JOIN cart c ON c.id = d.cart_id WHERE c.email = 'a@example.com'")" 0
    adm POST /admin/draft-orders "{\"email\":\"a@example.com\",\"region_id\":\"$EU\",\"shipping_methods\":[{\"option_id\":\"$STD\"}],\"status\":\"weird\"}"
    assert_status 400
    assert_admin_only POST /admin/draft-orders "{\"email\":\"a@example.com\",\"region_id\":\"$EU\",\"shipping_methods\":[{\"option_id\":\"$STD\"}]}"
}

@test "draft orders: delete; reads of a missing draft are 404" {
    new_draft
    adm DELETE "/admin/draft-orders/$DRAFT"
    assert_status 200
    assert_spec DELETE "/admin/draft-orders/$DRAFT"
    assert_json . "{\"id\":\"$DRAFT\",\"object\":\"draft-order\",\"deleted\":true}"
    adm GET "/admin/draft-orders/$DRAFT"
    assert_medusa_error 404 not_found "Draft order with $DRAFT was not found"
    assert_spec GET "/admin/draft-orders/$DRAFT"
    adm POST "/admin/draft-orders/$DRAFT/pay"
    assert_medusa_error 404 not_found "Draft order with $DRAFT was not found"
    # A paid draft's order outlives the draft.
    new_draft
    adm POST "/admin/draft-orders/$DRAFT/pay"
    local order
    order=$(jqr .order.id)
    adm DELETE "/admin/draft-orders/$DRAFT"
    assert_status 200
    adm GET "/admin/orders/$order"
    assert_status 200
    assert_json .order.draft_order_id null
}

@test "draft orders: a draft's cart checked out through the store completes the draft, once" {
    local before cart
    before=$(stock "$TEE")
    new_draft
    cart=$(jqr .draft_order.cart.id)
    api POST "/store/carts/$cart/payment-sessions"
    assert_status 200
    api POST "/store/carts/$cart/complete"
    assert_status 200
    assert_json .type order
    local order
    order=$(jqr .data.id)
    adm GET "/admin/draft-orders/$DRAFT"
    assert_json '.draft_order | [.status, .order_id]' "[\"completed\",\"$order\"]"
    adm POST "/admin/draft-orders/$DRAFT/pay"
    assert_status 409
    assert_equal "$(q "SELECT count(*) FROM \"order\" WHERE cart_id = '$cart'")" 1
    assert_equal "$(stock "$TEE")" "$((before - 2))"
}
