#!/usr/bin/env bats
# 68-admin-order-actions.bats: the order page's own actions in the Admin API (issue #15): update
# (e-mail, addresses, customer, no_notification; Medusa's refusals, and items/payment refused for
# safety), complete and archive, cancel an order's fulfillment, and the list filters the
# dashboard sends (region_id[], sales_channel_id[], q, display_id, email, customer_id,
# fulfillment_status[], created_at), and the order page's expand checked against the spec. Real
# orders through nginx and the pool.

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

fulfilled() {
    q "SELECT group_concat(fulfilled_quantity) FROM line_item WHERE order_id = '$1'"
}

@test "update: e-mail, shipping and billing addresses, customer, no_notification" {
    local ship bill cus
    checkout_order "$TEE" 1
    ship=$(q "SELECT shipping_address_id FROM \"order\" WHERE id = '$ORDER'")
    adm POST "/admin/orders/$ORDER" '{"email":"new@example.com","shipping_address":{"first_name":"Ana","address_1":"Hauptstr. 1","city":"Berlin","country_code":"DE","postal_code":"10115","metadata":{"door":"blue"}},"billing_address":{"first_name":"Ana","last_name":"Bill","country_code":"de"},"no_notification":true}'
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER"
    [ "$(jqr .order.email)" = new@example.com ] && [ "$(jqr .order.no_notification)" = true ]
    [ "$(jqr .order.shipping_address.address_1)" = "Hauptstr. 1" ] && [ "$(jqr .order.shipping_address.country_code)" = de ]
    [ "$(jqr .order.shipping_address.metadata.door)" = blue ]
    [ "$(jqr .order.billing_address.last_name)" = Bill ]
    # The order's own shipping row was updated in place; the billing row is new and nobody's.
    [ "$(jqr .order.shipping_address.id)" = "$ship" ]
    bill=$(jqr .order.billing_address_id)
    [ -n "$bill" ] && [ "$bill" != null ] && [ "$(q "SELECT coalesce(customer_id, 'none') FROM address WHERE id = '$bill'")" = none ]
    [ "$(q "SELECT email || '|' || CAST(no_notification AS INTEGER) FROM \"order\" WHERE id = '$ORDER'")" = "new@example.com|1" ]
    [ "$(last_event order.updated | jq -c .data)" = "{\"id\":\"$ORDER\",\"no_notification\":true}" ]
    # no_notification false is not written (Medusa sets it only when true).
    adm POST "/admin/orders/$ORDER" '{"no_notification":false}'
    [ "$(jqr .order.no_notification)" = true ]
    cus=$(q "SELECT id FROM customer WHERE has_account = 1 LIMIT 1")
    adm POST "/admin/orders/$ORDER" "{\"customer_id\":\"$cus\"}"
    assert_status 200
    [ "$(jqr .order.customer_id)" = "$cus" ] && [ "$(jqr .order.customer.id)" = "$cus" ]
}

@test "update: Medusa's refusals" {
    checkout_order "$TEE" 1
    adm POST "/admin/orders/$ORDER" '{"shipping_address":{"country_code":"us"}}'
    assert_medusa_error 400 invalid_data "Shipping country must be in the order region"
    adm POST "/admin/orders/$ORDER" '{"email":"not-an-email"}'
    assert_medusa_error 400 invalid_data "email must be an email"
    adm POST "/admin/orders/$ORDER" '{"metadata":{"a":1},"status":"completed"}'
    assert_medusa_error 400 invalid_data "property metadata should not exist, property status should not exist"
    adm POST "/admin/orders/$ORDER" '{"shipping_address":"addr_1"}'
    assert_medusa_error 400 invalid_data "nested property shipping_address must be either object or array"
    adm POST "/admin/orders/$ORDER" '{"billing_address":{"first_name":7}}'
    assert_medusa_error 400 invalid_data "nested property billing_address must be either object or array"
    adm POST "/admin/orders/$ORDER" '{"customer_id":"cus_missing"}'
    assert_medusa_error 404 not_found "Customer with id: cus_missing was not found"
    adm POST /admin/orders/order_missing '{"email":"a@b.co"}'
    assert_medusa_error 404 not_found "Order with id order_missing was not found"
    # Items or a payment method: a processed order refuses as Medusa; a fresh one refuses too
    # (Medusa would add unpaid items to a placed order).
    adm POST "/admin/orders/$ORDER" '{"items":[{"variant_id":"x","quantity":1}]}'
    assert_medusa_error 400 not_allowed "Items and payment methods of a placed order are changed with an order edit"
    adm POST "/admin/orders/$ORDER/capture"
    adm POST "/admin/orders/$ORDER" '{"payment_method":{"provider_id":"manual"}}'
    assert_medusa_error 400 not_allowed "Can't update shipping, billing, items and payment method when order is processed"
    [ "$(q "SELECT count(*) FROM line_item WHERE order_id = '$ORDER'")" = 1 ]
    checkout_order "$TEE" 1
    adm POST "/admin/orders/$ORDER/cancel"
    assert_status 200
    adm POST "/admin/orders/$ORDER" '{"email":"late@example.com"}'
    assert_medusa_error 400 not_allowed "A canceled order cannot be updated"
}

@test "complete and archive: Medusa's order of states" {
    checkout_order "$TEE" 1
    adm POST "/admin/orders/$ORDER/archive"
    assert_medusa_error 400 not_allowed "Can't archive an unprocessed order"
    adm POST "/admin/orders/$ORDER/complete"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/complete"
    [ "$(jqr .order.status)" = completed ]
    [ "$(last_event order.completed | jq -r .data.id)" = "$ORDER" ]
    adm POST "/admin/orders/$ORDER/archive"
    assert_status 200
    [ "$(jqr .order.status)" = archived ] && [ "$(q "SELECT status FROM \"order\" WHERE id = '$ORDER'")" = archived ]
    adm GET "/admin/orders?status[]=archived"
    [ "$(jqr "[.orders[].id] | index(\"$ORDER\") != null")" = true ]
    checkout_order "$TEE" 1
    adm POST "/admin/orders/$ORDER/cancel"
    adm POST "/admin/orders/$ORDER/complete"
    assert_medusa_error 400 not_allowed "A canceled order cannot be completed"
    adm POST /admin/orders/order_missing/complete
    assert_medusa_error 404 not_found "Order with id order_missing was not found"
}

@test "fulfillment cancel: the units go back to fulfil, once; shipped ones and others' refuse" {
    local ful other stock
    checkout_order "$TEE" 2
    stock=$(q "SELECT inventory_quantity FROM product_variant WHERE id = '$TEE'")
    item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    adm POST "/admin/orders/$ORDER/fulfillment" "{\"items\":[{\"item_id\":\"$item\",\"quantity\":2}]}"
    assert_status 200
    ful=$(jqr .order.fulfillments[0].id)
    [ "$(fulfilled "$ORDER")" = 2 ]
    adm POST "/admin/orders/$ORDER/fulfillments/$ful/cancel"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/fulfillments/$ful/cancel"
    [ "$(jqr .order.fulfillment_status)" = canceled ]
    [ "$(jqr ".order.fulfillments[] | select(.id == \"$ful\") | .canceled_at != null")" = true ]
    [ "$(fulfilled "$ORDER")" = 0 ]
    # Fulfilment does not move stock, so neither does its cancellation.
    [ "$(q "SELECT inventory_quantity FROM product_variant WHERE id = '$TEE'")" = "$stock" ]
    [ "$(last_event order.fulfillment_canceled | jq -r .data.fulfillment_id)" = "$ful" ]
    # Twice would take the units off again (Medusa does): refused.
    adm POST "/admin/orders/$ORDER/fulfillments/$ful/cancel"
    assert_medusa_error 400 not_allowed "The fulfillment has already been canceled"
    [ "$(fulfilled "$ORDER")" = 0 ]
    # Fulfil again, ship, then cancel: refused as Medusa.
    adm POST "/admin/orders/$ORDER/fulfillment" "{\"items\":[{\"item_id\":\"$item\",\"quantity\":2}]}"
    ful=$(jqr '.order.fulfillments[] | select(.canceled_at == null) | .id')
    adm POST "/admin/orders/$ORDER/shipment" "{\"fulfillment_id\":\"$ful\"}"
    assert_status 200
    adm POST "/admin/orders/$ORDER/fulfillments/$ful/cancel"
    assert_medusa_error 400 not_allowed "The fulfillment has already been shipped. Shipped fulfillments cannot be canceled"
    other=$ORDER
    checkout_order "$TEE" 1
    adm POST "/admin/orders/$ORDER/fulfillments/$ful/cancel"
    assert_medusa_error 404 not_found "no fulfillment was found with the id: $ful related to order: $ORDER"
    adm POST "/admin/orders/$ORDER/fulfillments/ful_missing/cancel"
    assert_medusa_error 404 not_found "Fulfillment with id: ful_missing was not found"
    [ "$(fulfilled "$other")" = 2 ]
}

@test "list: region_id as a string or an array, sales_channel_id[], the dashboard's filters" {
    local sc n
    checkout_order "$TEE" 1
    sc=$(q "SELECT sales_channel_id FROM \"order\" WHERE id = '$ORDER'")
    n=$(q "SELECT count(*) FROM \"order\" WHERE region_id = '$EU'")
    adm GET "/admin/orders?region_id[]=$EU&limit=100"
    assert_status 200
    assert_spec GET "/admin/orders?region_id[]=$EU&limit=100"
    [ "$(jqr .count)" = "$n" ]
    adm GET "/admin/orders?region_id=$EU&limit=1"
    [ "$(jqr .count)" = "$n" ]
    adm GET "/admin/orders?region_id[]=reg_none"
    [ "$(jqr .count)" = 0 ]
    if [ -n "$sc" ]; then
        adm GET "/admin/orders?sales_channel_id[]=$sc&region_id[]=$EU"
        [ "$(jqr .count)" = "$(q "SELECT count(*) FROM \"order\" WHERE region_id = '$EU' AND sales_channel_id = '$sc'")" ]
    fi
    adm GET "/admin/orders?sales_channel_id[]=sc_none"
    [ "$(jqr .count)" = 0 ]
    # The store's own list knows no sales_channel_id.
    customer_credentials
    api -H "Authorization: Bearer $CUSTOMER_TOKEN" GET "/store/customers/me/orders?sales_channel_id[]=x"
    assert_medusa_error 400 invalid_data "property sales_channel_id should not exist"
}

@test "the new routes are the admin's" {
    customer_credentials
    assert_admin_only POST /admin/orders/order_x '{}'
    assert_admin_only POST /admin/orders/order_x/archive
    assert_admin_only POST /admin/orders/order_x/complete
    assert_admin_only POST /admin/orders/order_x/fulfillments/ful_x/cancel
}

# The order page's expand (admin-ui domain/orders/details/utils/use-admin-expand-paramter.ts, with
# order_editing on): every relation is filled and the answer is the spec's.
@test "detail: the order page's expand fills every relation, as the spec says" {
    local item ful path
    checkout_order "$TEE" 2
    item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    adm POST "/admin/orders/$ORDER/fulfillment" "{\"items\":[{\"item_id\":\"$item\",\"quantity\":1}]}"
    ful=$(jqr .order.fulfillments[0].id)
    adm POST "/admin/orders/$ORDER/shipment" "{\"fulfillment_id\":\"$ful\",\"tracking_numbers\":[\"TRK1\"]}"
    assert_status 200
    path="/admin/orders/$ORDER?expand=customer,billing_address,shipping_address,discounts,discounts.rule,shipping_methods,shipping_methods.shipping_option,payments,items,fulfillments,fulfillments.tracking_links,returns,returns.shipping_method,returns.shipping_method.shipping_option,returns.shipping_method.tax_lines,refunds,claims.claim_items.item,claims.fulfillments,claims.return_order,claims.additional_items.variant.product.profiles,swaps.return_order,swaps.additional_items.variant.product.profiles,swaps.fulfillments,returnable_items,edits"
    adm GET "$path"
    assert_status 200
    assert_spec GET "$path"
    [ "$(jqr .order.customer.id)" = "$(q "SELECT customer_id FROM \"order\" WHERE id = '$ORDER'")" ]
    [ "$(jqr .order.shipping_address.id)" = "$(q "SELECT shipping_address_id FROM \"order\" WHERE id = '$ORDER'")" ]
    [ "$(jqr '.order.shipping_methods[0].shipping_option.id')" = "$(q "SELECT shipping_option_id FROM shipping_method WHERE order_id = '$ORDER'")" ]
    [ "$(jqr '.order.payments | length')" = "$(q "SELECT count(*) FROM payment WHERE order_id = '$ORDER'")" ]
    [ "$(jqr ".order.items[0].id")" = "$item" ]
    [ "$(jqr '.order.fulfillments[0].tracking_links[0].tracking_number')" = TRK1 ]
    [ "$(jqr '.order.fulfillments[0].shipped_at != null')" = true ]
    # The relations with nothing in them yet are there, empty.
    [ "$(jqr '[.order.discounts, .order.returns, .order.refunds, .order.claims, .order.swaps] | map(type) | unique | join(",")')" = array ]
    [ "$(jqr '[.order.returns, .order.refunds, .order.claims, .order.swaps] | map(length) | add')" = 0 ]
    [ "$(jqr '.order.fulfillment_status')" = partially_shipped ]
    # returnable_items (get-order.ts's includes): the lines with units shipped and not returned,
    # with the product the dashboard's claim and return dialogs show (variant.product.title).
    [ "$(jqr '[.order.returnable_items[] | .id] | join(",")')" = "$item" ]
    [ "$(jqr '.order.returnable_items[0].variant.product.title')" = "$(q "SELECT p.title FROM product p JOIN product_variant v ON v.product_id = p.id WHERE v.id = '$TEE'")" ]
    [ "$(jqr '.order.returnable_items[0].refundable > 0')" = true ]
    # edits: the order's edits (none yet, then the one made).
    [ "$(jqr '.order.edits | type + ":" + (length | tostring)')" = "array:0" ]
    adm POST /admin/order-edits "{\"order_id\":\"$ORDER\"}"
    assert_status 200
    adm GET "$path"
    [ "$(jqr '[.order.edits[] | .id + ":" + .status] | join(",")')" = "$(q "SELECT id FROM order_edit WHERE order_id = '$ORDER'"):created" ]
    # Without the include, no returnable_items (Medusa leaves it undefined).
    adm GET "/admin/orders/$ORDER"
    [ "$(jqr '.order | has("returnable_items")')" = false ]
    # Once the shipped unit is returned, nothing is returnable.
    adm POST "/admin/orders/$ORDER/capture"
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$item\",\"quantity\":1}],\"receive_now\":true}"
    assert_status 200
    adm GET "$path"
    [ "$(jqr '.order.returnable_items | length')" = 0 ]
}

@test "list: q, display_id, email, customer_id, fulfillment_status[] and created_at, as the dashboard sends them" {
    local display email cus first created n
    checkout_order "$TEE" 1
    display=$(q "SELECT display_id FROM \"order\" WHERE id = '$ORDER'")
    email=$(q "SELECT email FROM \"order\" WHERE id = '$ORDER'")
    cus=$(q "SELECT customer_id FROM \"order\" WHERE id = '$ORDER'")
    first=$(q "SELECT a.first_name FROM address a JOIN \"order\" o ON o.shipping_address_id = a.id WHERE o.id = '$ORDER'")
    created=$(q "SELECT created_at FROM \"order\" WHERE id = '$ORDER'")
    adm GET "/admin/orders?display_id=$display"
    assert_status 200
    [ "$(jqr .count)" = 1 ] && [ "$(jqr .orders[0].id)" = "$ORDER" ]
    adm GET "/admin/orders?q=$display&limit=100"
    [ "$(jqr "[.orders[].id] | index(\"$ORDER\") != null")" = true ]
    if [ -n "$first" ]; then
        adm GET "/admin/orders?q=$first&limit=100"
        [ "$(jqr "[.orders[].id] | index(\"$ORDER\") != null")" = true ]
    fi
    adm GET "/admin/orders?q=nobody-has-this-name"
    [ "$(jqr .count)" = 0 ]
    adm GET "/admin/orders?email=$email&limit=100"
    [ "$(jqr .count)" = "$(q "SELECT count(*) FROM \"order\" WHERE lower(email) = lower('$email')")" ]
    adm GET "/admin/orders?customer_id=$cus&limit=100"
    [ "$(jqr .count)" = "$(q "SELECT count(*) FROM \"order\" WHERE customer_id = '$cus'")" ]
    adm GET "/admin/orders?email=nobody@example.com"
    [ "$(jqr .count)" = 0 ]
    adm GET "/admin/orders?customer_id=cus_none"
    [ "$(jqr .count)" = 0 ]
    n=$(q "SELECT count(*) FROM \"order\" WHERE fulfillment_status IN ('not_fulfilled','canceled')")
    adm GET "/admin/orders?fulfillment_status[]=not_fulfilled&fulfillment_status[]=canceled&limit=100"
    assert_status 200
    [ "$(jqr .count)" = "$n" ]
    adm GET "/admin/orders?created_at[gte]=$created&limit=100"
    [ "$(jqr .count)" = "$(q "SELECT count(*) FROM \"order\" WHERE created_at >= '$created'")" ]
    [ "$(jqr "[.orders[].id] | index(\"$ORDER\") != null")" = true ]
    adm GET "/admin/orders?created_at[lt]=2000-01-01T00:00:00.000Z"
    [ "$(jqr .count)" = 0 ]
    adm GET "/admin/orders?fulfillment_status[]=bogus"
    assert_status 400
}
