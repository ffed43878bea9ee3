#!/usr/bin/env bats
# 68-admin-order-actions.bats: the order page's own actions in the Admin API (issue #15): update
# (e-mail, addresses, customer, no_notification; Medusa's refusals, and items/payment refused for
# safety), complete and archive, cancel an order's fulfillment, and the list filters the
# dashboard sends (region_id[], sales_channel_id[]). Real orders through nginx and the pool.

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
    [ "$(q "SELECT email || '|' || no_notification FROM \"order\" WHERE id = '$ORDER'")" = "new@example.com|1" ]
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
