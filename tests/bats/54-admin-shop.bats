#!/usr/bin/env bats
# 54-admin-shop.bats: a shop run through the Admin API alone (issue #7's "done when"): a region
# with its shipping option, a collection, a category and a product built by the admin, a discount
# and a gift card, a sale through the Store API that uses both, then capture, fulfilment and
# shipment, and an order edit the customer sees. No seed extensions: only the demo store's admin
# user. Also POST /admin/shipping-options on its own.

load helpers
load orders
load admin

setup_file() {
    start_stack
    api POST /admin/auth/token '{"email":"admin@medusa-test.com","password":"supersecret"}'
    printf '%s' "$(printf '%s' "$body" | jq -r .access_token)" > "$BATS_FILE_TMPDIR/token"
    EU=$(sql "SELECT id FROM region WHERE name = 'EU'")
    export EU
}

setup() {
    ADMIN_TOKEN=$(cat "$BATS_FILE_TMPDIR/token")
}

teardown_file() {
    stop_stack
}

@test "admin shipping options: a flat rate with requirements, in the region's default profile" {
    adm POST /admin/shipping-options "{\"name\":\"Express\",\"region_id\":\"$EU\",\"provider_id\":\"manual\",\"data\":{\"speed\":\"fast\"},\"price_type\":\"flat_rate\",\"amount\":1500,\"requirements\":[{\"type\":\"min_subtotal\",\"amount\":1000},{\"type\":\"max_subtotal\",\"amount\":90000}],\"metadata\":{\"k\":\"v\"}}"
    assert_status 200
    assert_json .shipping_option.name Express
    assert_json .shipping_option.amount 1500
    assert_json .shipping_option.price_type flat_rate
    assert_json .shipping_option.region.id "$EU"
    assert_json .shipping_option.profile.type default
    assert_json .shipping_option.data '{"speed":"fast"}'
    assert_json .shipping_option.metadata '{"k":"v"}'
    assert_json '[.shipping_option.is_return, .shipping_option.admin_only]' '[false,false]'
    assert_json '.shipping_option.requirements | map([.type, .amount]) | sort' '[["max_subtotal",90000],["min_subtotal",1000]]'
    local so
    so=$(jqr .shipping_option.id)
    [[ "$so" == so_* ]]
    # The storefront offers it at once.
    api GET "/store/shipping-options?region_id=$EU"
    assert_status 200
    assert_json "[.shipping_options[] | select(.id == \"$so\") | .amount]" '[1500]'
    # A return option and a calculated price.
    adm POST /admin/shipping-options "{\"name\":\"Returns\",\"region_id\":\"$EU\",\"provider_id\":\"manual\",\"data\":{},\"price_type\":\"flat_rate\",\"amount\":0,\"is_return\":true}"
    assert_status 200
    assert_json .shipping_option.is_return true
    adm POST /admin/shipping-options "{\"name\":\"Calc\",\"region_id\":\"$EU\",\"provider_id\":\"manual\",\"data\":{},\"price_type\":\"calculated\"}"
    assert_medusa_error 400 invalid_data "The fulfillment provider cannot calculate prices for this option"
}

@test "admin shipping options: Medusa's validation and rule errors, nothing written" {
    local before
    before=$(sql "SELECT count(*) FROM shipping_option")
    adm POST /admin/shipping-options '{"name":"X","region_id":"reg_none","provider_id":"manual","data":{},"price_type":"flat","amount":1,"colour":"red"}'
    assert_medusa_error 400 invalid_data 'property colour should not exist, Invalid price type, must be one of "flat_rate" or "calculated"'
    adm POST /admin/shipping-options '{"name":5,"region_id":"r","provider_id":"manual","data":{},"price_type":"flat_rate"}'
    assert_medusa_error 400 invalid_data "name must be a string"
    adm POST /admin/shipping-options '{"name":"X","region_id":"r","provider_id":"manual","price_type":"flat_rate","amount":1}'
    assert_medusa_error 400 invalid_data "data must be an object"
    adm POST /admin/shipping-options "{\"name\":\"X\",\"region_id\":\"$EU\",\"provider_id\":\"manual\",\"data\":{},\"price_type\":\"flat_rate\"}"
    assert_medusa_error 400 invalid_data 'Shipping options of type `flat_rate` must have an `amount`'
    adm POST /admin/shipping-options '{"name":"X","region_id":"reg_none","provider_id":"manual","data":{},"price_type":"flat_rate","amount":1}'
    assert_medusa_error 404 not_found "Region with id: reg_none was not found"
    adm POST /admin/shipping-options "{\"name\":\"X\",\"region_id\":\"$EU\",\"provider_id\":\"ups\",\"data\":{},\"price_type\":\"flat_rate\",\"amount\":1}"
    assert_medusa_error 400 invalid_data "The fulfillment provider is not available in the provided region"
    adm POST /admin/shipping-options "{\"name\":\"X\",\"region_id\":\"$EU\",\"provider_id\":\"manual\",\"data\":{},\"price_type\":\"flat_rate\",\"amount\":1,\"requirements\":[{\"type\":\"min_subtotal\",\"amount\":1},{\"type\":\"min_subtotal\",\"amount\":2}]}"
    assert_medusa_error 400 invalid_data "Only one requirement of each type is allowed"
    adm POST /admin/shipping-options "{\"name\":\"X\",\"region_id\":\"$EU\",\"provider_id\":\"manual\",\"data\":{},\"price_type\":\"flat_rate\",\"amount\":1,\"requirements\":[{\"type\":\"max_subtotal\",\"amount\":100},{\"type\":\"min_subtotal\",\"amount\":200}]}"
    assert_medusa_error 400 invalid_data "Max. subtotal must be greater than Min. subtotal"
    adm POST /admin/shipping-options "{\"name\":\"X\",\"region_id\":\"$EU\",\"provider_id\":\"manual\",\"data\":{},\"price_type\":\"flat_rate\",\"amount\":1,\"requirements\":[{\"type\":\"weight\",\"amount\":\"1\"}]}"
    assert_medusa_error 400 invalid_data 'amount must be a number conforming to the specified constraints, Invalid option type, must be one of "min_subtotal" or "max_subtotal"'
    [ "$(sql "SELECT count(*) FROM shipping_option")" = "$before" ]
    customer_credentials
    assert_admin_only POST /admin/shipping-options "{\"name\":\"X\",\"region_id\":\"$EU\",\"provider_id\":\"manual\",\"data\":{},\"price_type\":\"flat_rate\",\"amount\":1}"
    [ "$(sql "SELECT count(*) FROM shipping_option")" = "$before" ]
}
