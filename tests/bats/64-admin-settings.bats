#!/usr/bin/env bats
# 64-admin-settings.bats: the dashboard's region settings (issue #14): regions (delete,
# countries, payment and fulfillment providers, fulfillment options), shipping options (update,
# delete, the list's filters and pricing keys), shipping profiles, return reasons (update,
# delete). Each change is checked where the Store API shows it.

load helpers
load orders
load spec
load admin

setup_file() {
    start_stack
    admin_login_file
    EU=$(sql "SELECT id FROM region WHERE name = 'EU'")
    NA=$(sql "SELECT id FROM region WHERE name = 'NA'")
    VARIANT=$(sql "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 't-shirt' LIMIT 1")
    export EU NA VARIANT
}

setup() {
    admin_token
}

teardown_file() {
    stop_stack
}

# new_region NAME COUNTRIES_JSON: a region in eur with the manual providers; sets REGION.
new_region() {
    adm POST /admin/regions "{\"name\":\"$1\",\"currency_code\":\"eur\",\"tax_rate\":0,\"payment_providers\":[\"manual\"],\"fulfillment_providers\":[\"manual\"],\"countries\":$2}"
    assert_status 200
    REGION=$(jqr .region.id)
}

# new_option REGION NAME AMOUNT [EXTRA_JSON_MEMBERS]: a flat-rate option; sets OPTION.
new_option() {
    adm POST /admin/shipping-options "{\"name\":\"$2\",\"region_id\":\"$1\",\"provider_id\":\"manual\",\"data\":{},\"price_type\":\"flat_rate\",\"amount\":$3${4:+,$4}}"
    assert_status 200
    OPTION=$(jqr .shipping_option.id)
}

# eu_cart: a cart in the EU with two t-shirts; sets CART.
eu_cart() {
    api POST /store/carts "{\"region_id\":\"$EU\"}"
    CART=$(jqr .cart.id)
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$VARIANT\",\"quantity\":2}"
    assert_status 200
}

@test "regions: countries are added and removed one by one, as Medusa (a taken one is refused)" {
    new_region Iberia '["pt"]'
    adm POST "/admin/regions/$REGION/countries" '{"country_code":"AD"}'
    assert_status 200
    assert_spec POST "/admin/regions/$REGION/countries"
    assert_json '[.region.countries[].iso_2] | sort' '["ad","pt"]'
    assert_json '.region | has("payment_providers") and has("fulfillment_providers") and has("currency")' true
    [ "$(last_event region.updated | jq -c .data)" = "{\"id\":\"$REGION\",\"fields\":[\"countries\"]}" ]
    # Adding it again changes nothing.
    adm POST "/admin/regions/$REGION/countries" '{"country_code":"ad"}'
    assert_json '[.region.countries[].iso_2] | sort' '["ad","pt"]'
    adm POST "/admin/regions/$REGION/countries" '{"country_code":"de"}'
    assert_medusa_error 422 duplicate_error "Germany already exists in region $EU" invalid_request_error
    adm POST "/admin/regions/$REGION/countries" '{"country_code":"zz"}'
    assert_medusa_error 400 invalid_data "Invalid country code"
    adm POST "/admin/regions/$REGION/countries" '{"country_code":1,"x":2}'
    assert_medusa_error 400 invalid_data "property x should not exist, country_code must be a string"
    adm POST /admin/regions/reg_nope/countries '{"country_code":"ie"}'
    assert_medusa_error 404 not_found "Region with reg_nope was not found"
    adm DELETE "/admin/regions/$REGION/countries/pt"
    assert_status 200
    assert_spec DELETE "/admin/regions/$REGION/countries/pt"
    assert_json '[.region.countries[].iso_2]' '["ad"]'
    [ -z "$(sql "SELECT region_id FROM country WHERE iso_2 = 'pt'")" ]
    # A code the region lacks (Medusa compares it as given) changes nothing.
    adm DELETE "/admin/regions/$REGION/countries/AD"
    assert_json '[.region.countries[].iso_2]' '["ad"]'
    adm DELETE /admin/regions/reg_nope/countries/ad
    assert_medusa_error 404 not_found "Region with reg_nope was not found"
    # The store sees the region's countries at once.
    api GET "/store/regions/$REGION"
    assert_json '[.region.countries[].iso_2]' '["ad"]'
}

@test "regions: payment and fulfillment providers are added and removed; fulfillment options listed" {
    sql "INSERT OR IGNORE INTO payment_provider (id, is_installed) VALUES ('test-pay', 1)"
    new_region Alps '["ch"]'
    adm POST "/admin/regions/$REGION/payment-providers" '{"provider_id":"test-pay"}'
    assert_status 200
    assert_spec POST "/admin/regions/$REGION/payment-providers"
    assert_json '[.region.payment_providers[].id]' '["manual","test-pay"]'
    [ "$(last_event region.updated | jq -c .data.fields)" = '["payment_providers"]' ]
    adm POST "/admin/regions/$REGION/payment-providers" '{"provider_id":"nope-pay"}'
    assert_medusa_error 404 not_found "Payment provider nope-pay was not found"
    adm DELETE "/admin/regions/$REGION/payment-providers/manual"
    assert_status 200
    assert_spec DELETE "/admin/regions/$REGION/payment-providers/manual"
    assert_json '[.region.payment_providers[].id]' '["test-pay"]'
    adm DELETE "/admin/regions/$REGION/payment-providers/never"
    assert_json '[.region.payment_providers[].id]' '["test-pay"]'
    # A cart in the region is offered only the providers it has.
    api POST /store/carts "{\"region_id\":\"$REGION\"}"
    assert_json '.cart.region.payment_providers | map(.id)' '["test-pay"]'
    adm GET "/admin/regions/$REGION/fulfillment-options"
    assert_status 200
    assert_spec GET "/admin/regions/$REGION/fulfillment-options"
    assert_equal "$body" '{"fulfillment_options":[{"provider_id":"manual","options":[{"id":"manual-fulfillment"},{"id":"manual-fulfillment-return","is_return":true}]}]}'
    adm DELETE "/admin/regions/$REGION/fulfillment-providers/manual"
    assert_status 200
    assert_spec DELETE "/admin/regions/$REGION/fulfillment-providers/manual"
    assert_json '.region.fulfillment_providers' '[]'
    adm GET "/admin/regions/$REGION/fulfillment-options"
    assert_equal "$body" '{"fulfillment_options":[]}'
    adm POST "/admin/regions/$REGION/fulfillment-providers" '{"provider_id":"manual"}'
    assert_status 200
    assert_spec POST "/admin/regions/$REGION/fulfillment-providers"
    assert_json '[.region.fulfillment_providers[].id]' '["manual"]'
    adm POST "/admin/regions/$REGION/fulfillment-providers" '{"provider_id":"ups"}'
    assert_medusa_error 404 not_found "Fulfillment provider ups was not found"
    adm POST "/admin/regions/$REGION/fulfillment-providers" '{}'
    assert_medusa_error 400 invalid_data "provider_id must be a string"
    adm GET /admin/regions/reg_nope/fulfillment-options
    assert_medusa_error 404 not_found "Region with reg_nope was not found"
    adm POST /admin/regions/reg_nope/payment-providers '{"provider_id":"manual"}'
    assert_medusa_error 404 not_found "Region with reg_nope was not found"
}

@test "regions: delete is soft, frees the countries and takes the region out of the store" {
    new_region Balkans '["hr","si"]'
    adm DELETE "/admin/regions/$REGION"
    assert_status 200
    assert_spec DELETE "/admin/regions/$REGION"
    assert_equal "$body" "{\"id\":\"$REGION\",\"object\":\"region\",\"deleted\":true}"
    [ "$(last_event region.deleted | jq -c .data)" = "{\"id\":\"$REGION\"}" ]
    [ -n "$(sql "SELECT deleted_at FROM region WHERE id = '$REGION'")" ]
    [ "$(sql "SELECT count(*) FROM country WHERE iso_2 IN ('hr', 'si') AND region_id IS NOT NULL")" = 0 ]
    api GET /store/regions
    assert_json "[.regions[].id | select(. == \"$REGION\")]" '[]'
    api GET "/store/regions/$REGION"
    assert_status 404
    adm GET "/admin/regions/$REGION"
    assert_medusa_error 404 not_found "Region with $REGION was not found"
    # Its countries are free for another region; deleting again is Medusa's 404.
    adm POST "/admin/regions/$EU/countries" '{"country_code":"hr"}'
    assert_status 200
    adm DELETE "/admin/regions/$REGION"
    assert_medusa_error 404 not_found "Region with $REGION was not found"
}

@test "shipping options: the list filters by region, is_return and admin_only, 50 a page, priced" {
    new_option "$EU" "Admin Only" 300 '"admin_only":true'
    local admin_only="$OPTION"
    adm GET "/admin/shipping-options?region_id=$EU&is_return=false"
    assert_status 200
    assert_spec GET "/admin/shipping-options?region_id=$EU&is_return=false"
    assert_json '[.count, .offset, .limit]' '[3,0,50]'
    assert_json '[.shipping_options[].name] | sort' '["Admin Only","PostFake Express","PostFake Standard"]'
    assert_json '.shipping_options | map(has("region") and has("profile") and has("requirements")) | all' true
    # Medusa prices each option: the region's default rate (0 % in the demo store).
    assert_json '[.shipping_options[] | select(.name == "PostFake Express") | [.price_incl_tax, .tax_amount, .tax_rates]]' '[[1500,0,[{"rate":0,"name":"default","code":"default"}]]]'
    adm GET "/admin/shipping-options?region_id=$EU&is_return=true"
    assert_json '[.shipping_options[].is_return] | unique' '[true]'
    assert_json '.count' 2
    adm GET "/admin/shipping-options?admin_only=true"
    assert_json "[.shipping_options[].id]" "[\"$admin_only\"]"
    adm GET "/admin/shipping-options?region_id=$NA&limit=2&offset=1&order=name"
    assert_json '[.count, .offset, .limit, (.shipping_options | length)]' '[4,1,2,2]'
    assert_json '[.shipping_options[].name]' '["FakeEx Return","FakeEx Standard"]'
    adm GET '/admin/shipping-options?q=express&is_return=maybe'
    assert_json '[.shipping_options[].name] | sort' '["FakeEx Express","PostFake Express"]'
    adm GET '/admin/shipping-options?is_return=null'
    assert_json .count 0
    adm GET '/admin/shipping-options?provider_id=manual'
    assert_medusa_error 400 invalid_data "property provider_id should not exist"
    # The store never offers the admin-only option.
    api GET "/store/shipping-options?region_id=$EU"
    assert_json "[.shipping_options[].id | select(. == \"$admin_only\")]" '[]'
}

@test "shipping options: update renames, reprices and replaces requirements; the cart sees it at once" {
    new_option "$EU" "Courier" 700 '"requirements":[{"type":"min_subtotal","amount":100}]'
    local req
    req=$(jqr '.shipping_option.requirements[0].id')
    eu_cart
    api GET "/store/shipping-options/$CART"
    assert_json "[.shipping_options[] | select(.id == \"$OPTION\") | .amount]" '[700]'
    adm POST "/admin/shipping-options/$OPTION" "{\"name\":\"Courier Plus\",\"amount\":900,\"admin_only\":false,\"metadata\":{\"k\":\"v\"},\"requirements\":[{\"id\":\"$req\",\"type\":\"min_subtotal\",\"amount\":200},{\"type\":\"max_subtotal\",\"amount\":500000}]}"
    assert_status 200
    assert_spec POST "/admin/shipping-options/$OPTION"
    assert_json '.shipping_option | [.name, .amount, .metadata, .region.id, .profile.type]' "[\"Courier Plus\",900,{\"k\":\"v\"},\"$EU\",\"default\"]"
    assert_json '.shipping_option.requirements | map([.type, .amount]) | sort' '[["max_subtotal",500000],["min_subtotal",200]]'
    assert_json "[.shipping_option.requirements[] | select(.type == \"min_subtotal\") | .id]" "[\"$req\"]"
    api GET "/store/shipping-options/$CART"
    assert_json "[.shipping_options[] | select(.id == \"$OPTION\") | [.name, .amount]]" '[["Courier Plus",900]]'
    # A requirement above the cart's subtotal hides the option from the cart.
    adm POST "/admin/shipping-options/$OPTION" '{"requirements":[{"type":"min_subtotal","amount":100000000}]}'
    assert_status 200
    assert_json '.shipping_option.requirements | length' 1
    [ "$(sql "SELECT count(*) FROM shipping_option_requirement WHERE shipping_option_id = '$OPTION' AND deleted_at IS NULL")" = 1 ]
    api GET "/store/shipping-options/$CART"
    assert_json "[.shipping_options[] | select(.id == \"$OPTION\")]" '[]'
    # No requirements at all.
    adm POST "/admin/shipping-options/$OPTION" '{"requirements":[]}'
    assert_json '.shipping_option.requirements' '[]'
    api GET "/store/shipping-options/$CART"
    assert_json "[.shipping_options[] | select(.id == \"$OPTION\") | .amount]" '[900]'
}

@test "shipping options: update refuses what Medusa refuses, nothing written" {
    new_option "$EU" "Strict" 500
    local before
    before=$(sql "SELECT name || amount || updated_at FROM shipping_option WHERE id = '$OPTION'")
    adm POST "/admin/shipping-options/$OPTION" '{"name":"X"}'
    assert_medusa_error 400 invalid_data "requirements must be an array"
    adm POST "/admin/shipping-options/$OPTION" '{"region_id":"x","provider_id":"y","data":{},"is_return":true,"requirements":[]}'
    assert_medusa_error 400 invalid_data "property region_id should not exist, property provider_id should not exist, property data should not exist, property is_return should not exist"
    adm POST "/admin/shipping-options/$OPTION" '{"price_type":"free","requirements":[{"type":"min_subtotal"}]}'
    assert_medusa_error 400 invalid_data 'Invalid price type, must be one of "flat_rate" or "calculated", amount must be a number conforming to the specified constraints'
    adm POST "/admin/shipping-options/$OPTION" '{"requirements":["x"]}'
    assert_medusa_error 400 invalid_data "each value in nested property requirements must be either object or array"
    adm POST "/admin/shipping-options/$OPTION" '{"price_type":"calculated","requirements":[]}'
    assert_medusa_error 400 invalid_data "The fulfillment provider cannot calculate prices for this option"
    adm POST "/admin/shipping-options/$OPTION" '{"amount":null,"requirements":[]}'
    assert_medusa_error 400 invalid_data 'Shipping options of type `flat_rate` must have an `amount`'
    adm POST "/admin/shipping-options/$OPTION" '{"amount":-1,"requirements":[]}'
    assert_medusa_error 400 invalid_data 'Shipping options of type `flat_rate` must have an `amount`'
    adm POST "/admin/shipping-options/$OPTION" '{"requirements":[{"type":"weight","amount":1}]}'
    assert_medusa_error 400 invalid_data "Requirement type must be one of min_subtotal, max_subtotal"
    adm POST "/admin/shipping-options/$OPTION" '{"requirements":[{"type":"min_subtotal","amount":1},{"type":"min_subtotal","amount":2}]}'
    assert_medusa_error 400 invalid_data "Only one requirement of each type is allowed"
    adm POST "/admin/shipping-options/$OPTION" '{"requirements":[{"type":"max_subtotal","amount":10},{"type":"min_subtotal","amount":20}]}'
    assert_medusa_error 400 invalid_data "Max. subtotal must be greater than Min. subtotal"
    adm POST "/admin/shipping-options/$OPTION" '{"requirements":[{"id":"sor_nope","type":"min_subtotal","amount":1}]}'
    assert_medusa_error 400 invalid_data "Shipping option requirement with id sor_nope does not exist"
    [ "$(sql "SELECT name || amount || updated_at FROM shipping_option WHERE id = '$OPTION'")" = "$before" ]
    [ "$(sql "SELECT count(*) FROM shipping_option_requirement WHERE shipping_option_id = '$OPTION'")" = 0 ]
    adm POST /admin/shipping-options/so_nope '{"requirements":[]}'
    assert_medusa_error 404 not_found "Shipping Option with so_nope was not found"
}

@test "shipping options: delete is soft and idempotent; the store and carts no longer offer it" {
    new_option "$EU" "Doomed" 400
    eu_cart
    api GET "/store/shipping-options/$CART"
    assert_json "[.shipping_options[] | select(.id == \"$OPTION\") | .name]" '["Doomed"]'
    adm DELETE "/admin/shipping-options/$OPTION"
    assert_status 200
    assert_spec DELETE "/admin/shipping-options/$OPTION"
    assert_equal "$body" "{\"id\":\"$OPTION\",\"object\":\"shipping-option\",\"deleted\":true}"
    api GET "/store/shipping-options/$CART"
    assert_json "[.shipping_options[] | select(.id == \"$OPTION\")]" '[]'
    api GET "/store/shipping-options?region_id=$EU"
    assert_json "[.shipping_options[] | select(.id == \"$OPTION\")]" '[]'
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$OPTION\"}"
    assert_status 404
    adm GET "/admin/shipping-options/$OPTION"
    assert_status 404
    adm DELETE "/admin/shipping-options/$OPTION"
    assert_status 200
    adm DELETE /admin/shipping-options/so_never
    assert_equal "$body" '{"id":"so_never","object":"shipping-option","deleted":true}'
}

@test "shipping profiles: create, list, read with products and options, update, delete" {
    adm GET /admin/shipping-profiles
    assert_status 200
    assert_spec GET /admin/shipping-profiles
    assert_json '[.shipping_profiles[].type] | sort' '["default","gift_card"]'
    adm POST /admin/shipping-profiles '{"name":"Bulky","type":"custom","metadata":{"a":1,"b":""}}'
    assert_status 200
    assert_spec POST /admin/shipping-profiles
    assert_json '.shipping_profile | [.name, .type, .metadata]' '["Bulky","custom",{"a":1}]'
    local sp product
    sp=$(jqr .shipping_profile.id)
    [[ "$sp" == sp_* ]]
    product=$(sql "SELECT id FROM product WHERE handle = 't-shirt'")
    new_option "$EU" "Freight" 5000
    adm POST "/admin/shipping-profiles/$sp" "{\"name\":\"Bulky goods\",\"metadata\":{\"c\":3},\"products\":[\"$product\",\"prod_nope\"],\"shipping_options\":[\"$OPTION\"]}"
    assert_status 200
    assert_spec POST "/admin/shipping-profiles/$sp"
    assert_json '.shipping_profile | [.name, .metadata]' '["Bulky goods",{"a":1,"c":3}]'
    assert_json '[.shipping_profile.products[].id]' "[\"$product\"]"
    assert_json "[.shipping_profile.products[0].profiles[].id]" "[\"$sp\"]"
    assert_json '[.shipping_profile.shipping_options[].id]' "[\"$OPTION\"]"
    adm GET "/admin/shipping-profiles/$sp"
    assert_status 200
    assert_spec GET "/admin/shipping-profiles/$sp"
    assert_json '[(.shipping_profile.products | length), (.shipping_profile.shipping_options | length)]' '[1,1]'
    # A cart of that product is offered the profile's options only.
    eu_cart
    api GET "/store/shipping-options/$CART"
    assert_json '[.shipping_options[].name]' '["Freight"]'
    adm POST "/admin/shipping-profiles/$sp" '{"type":"large","products":"x"}'
    assert_medusa_error 400 invalid_data "type must be one of 'default', 'custom', 'gift_card', products must be an array"
    adm POST /admin/shipping-profiles '{"type":"custom","products":[]}'
    assert_medusa_error 400 invalid_data "property products should not exist, name must be a string"
    adm POST /admin/shipping-profiles '{"name":"X"}'
    assert_medusa_error 400 invalid_data "type must be one of 'default', 'custom', 'gift_card'"
    adm GET /admin/shipping-profiles/sp_nope
    assert_medusa_error 404 not_found "Profile with id: sp_nope was not found"
    adm POST /admin/shipping-profiles/sp_nope '{"name":"X"}'
    assert_medusa_error 404 not_found "Profile with id: sp_nope was not found"
    adm DELETE "/admin/shipping-profiles/$sp"
    assert_status 200
    assert_spec DELETE "/admin/shipping-profiles/$sp"
    assert_equal "$body" "{\"id\":\"$sp\",\"object\":\"shipping_profile\",\"deleted\":true}"
    adm GET /admin/shipping-profiles
    assert_json "[.shipping_profiles[].id | select(. == \"$sp\")]" '[]'
    adm DELETE "/admin/shipping-profiles/$sp"
    assert_status 200
}

@test "return reasons: update sets what is given; delete takes the children; the store follows" {
    adm POST /admin/return-reasons '{"value":"damaged","label":"Damaged","description":"d"}'
    local parent child
    parent=$(jqr .return_reason.id)
    adm POST /admin/return-reasons "{\"value\":\"damaged-box\",\"label\":\"Box\",\"parent_return_reason_id\":\"$parent\"}"
    child=$(jqr .return_reason.id)
    adm POST "/admin/return-reasons/$parent" '{"label":"Arrived damaged","description":null,"metadata":{"k":1}}'
    assert_status 200
    assert_spec POST "/admin/return-reasons/$parent"
    # Medusa's admin fields leave metadata out of the answer.
    assert_json '.return_reason | [.value, .label, .description, has("metadata")]' '["damaged","Arrived damaged",null,false]'
    assert_json '[.return_reason.return_reason_children[].id]' "[\"$child\"]"
    [ "$(sql "SELECT metadata FROM return_reason WHERE id = '$parent'" | jq -c .)" = '{"k":1}' ]
    # Metadata is replaced, not merged (ReturnReasonService.update assigns it).
    adm POST "/admin/return-reasons/$parent" '{"metadata":{"j":2}}'
    assert_status 200
    [ "$(sql "SELECT metadata FROM return_reason WHERE id = '$parent'" | jq -c .)" = '{"j":2}' ]
    api GET "/store/return-reasons/$parent"
    assert_json .return_reason.label "Arrived damaged"
    adm POST "/admin/return-reasons/$child" '{"value":"damaged"}'
    assert_medusa_error 422 duplicate_error "Return_reason with value damaged already exists." invalid_request_error
    adm POST "/admin/return-reasons/$child" '{"value":"damaged-box","label":5,"parent_return_reason_id":"x"}'
    assert_medusa_error 400 invalid_data "property parent_return_reason_id should not exist, label must be a string"
    adm POST /admin/return-reasons/rr_nope '{"label":"x"}'
    assert_medusa_error 404 not_found "Return Reason with id: rr_nope was not found."
    adm DELETE "/admin/return-reasons/$parent"
    assert_status 200
    assert_spec DELETE "/admin/return-reasons/$parent"
    assert_equal "$body" "{\"id\":\"$parent\",\"object\":\"return_reason\",\"deleted\":true}"
    [ "$(sql "SELECT count(*) FROM return_reason WHERE id IN ('$parent', '$child') AND deleted_at IS NULL")" = 0 ]
    api GET /store/return-reasons
    assert_json "[.return_reasons[].id | select(. == \"$parent\" or . == \"$child\")]" '[]'
    adm GET "/admin/return-reasons/$child"
    assert_status 404
    adm DELETE "/admin/return-reasons/$parent"
    assert_medusa_error 404 not_found "Return Reason with id: $parent was not found."
    # The value is free again.
    adm POST /admin/return-reasons '{"value":"damaged","label":"Damaged again"}'
    assert_status 200
}

@test "settings: every route refuses anonymous callers and customers" {
    customer_credentials
    assert_admin_only DELETE "/admin/regions/$NA"
    assert_admin_only POST "/admin/regions/$NA/countries" '{"country_code":"mx"}'
    assert_admin_only DELETE "/admin/regions/$NA/countries/us"
    assert_admin_only POST "/admin/regions/$NA/payment-providers" '{"provider_id":"manual"}'
    assert_admin_only DELETE "/admin/regions/$NA/payment-providers/manual"
    assert_admin_only POST "/admin/regions/$NA/fulfillment-providers" '{"provider_id":"manual"}'
    assert_admin_only DELETE "/admin/regions/$NA/fulfillment-providers/manual"
    assert_admin_only GET "/admin/regions/$NA/fulfillment-options"
    local so
    so=$(sql "SELECT id FROM shipping_option WHERE region_id = '$NA' LIMIT 1")
    assert_admin_only POST "/admin/shipping-options/$so" '{"requirements":[]}'
    assert_admin_only DELETE "/admin/shipping-options/$so"
    assert_admin_only GET /admin/shipping-profiles
    assert_admin_only POST /admin/shipping-profiles '{"name":"x","type":"custom"}'
    assert_admin_only GET /admin/shipping-profiles/sp_x
    assert_admin_only POST /admin/shipping-profiles/sp_x '{}'
    assert_admin_only DELETE /admin/shipping-profiles/sp_x
    assert_admin_only POST /admin/return-reasons/rr_x '{}'
    assert_admin_only DELETE /admin/return-reasons/rr_x
    # Nothing reached the database.
    [ -z "$(sql "SELECT deleted_at FROM region WHERE id = '$NA'")" ]
    [ -z "$(sql "SELECT deleted_at FROM shipping_option WHERE id = '$so'")" ]
    [ "$(sql "SELECT count(*) FROM country WHERE region_id = '$NA'")" = 2 ]
}
