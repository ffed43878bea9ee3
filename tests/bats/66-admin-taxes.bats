#!/usr/bin/env bats
# 66-admin-taxes.bats: /admin/tax-rates (issue #14): list with Medusa's filters, create, read,
# update, delete, and the product / product type / shipping option batches, each proven in a
# cart's totals through the Store API at once (the demo store's EU region taxes at 0 % by
# default, with automatic taxes).

load helpers
load orders
load spec
load admin

setup_file() {
    start_stack
    admin_login_file
    EU=$(sql "SELECT id FROM region WHERE name = 'EU'")
    NA=$(sql "SELECT id FROM region WHERE name = 'NA'")
    SHIRT=$(sql "SELECT id FROM product WHERE handle = 't-shirt'")
    MUG=$(sql "SELECT id FROM product WHERE handle = 'coffee-mug'")
    SHIRT_VARIANT=$(sql "SELECT id FROM product_variant WHERE product_id = '$SHIRT' LIMIT 1")
    MUG_VARIANT=$(sql "SELECT id FROM product_variant WHERE product_id = '$MUG' LIMIT 1")
    EU_SHIP=$(sql "SELECT id FROM shipping_option WHERE region_id = '$EU' AND name = 'PostFake Standard'")
    NA_SHIP=$(sql "SELECT id FROM shipping_option WHERE region_id = '$NA' AND name = 'FakeEx Standard'")
    export EU NA SHIRT MUG SHIRT_VARIANT MUG_VARIANT EU_SHIP NA_SHIP
}

setup() {
    admin_token
}

teardown_file() {
    stop_stack
}

RATE_KEYS='["code","created_at","id","metadata","name","rate","region_id","updated_at"]'

# cart_with ITEM_VARIANT [SHIPPING_OPTION]: an EU cart with one item (and a shipping method);
# sets CART.
cart_with() {
    api POST /store/carts "{\"region_id\":\"$EU\"}"
    CART=$(jqr .cart.id)
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$1\",\"quantity\":1}"
    assert_status 200
    if [ -n "${2-}" ]; then
        api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$2\"}"
        assert_status 200
    fi
}

# pct AMOUNT RATE: Math.round(AMOUNT * RATE / 100), as Medusa's totals round (positive amounts).
pct() {
    awk -v a="$1" -v r="$2" 'BEGIN { printf "%d", int(a * r / 100 + 0.5) }'
}

# totals: the cart's [subtotal, item tax, shipping tax, tax_total] as compact JSON.
totals() {
    api GET "/store/carts/$CART"
    assert_status 200
    jq -c '[.cart.subtotal, .cart.item_tax_total, .cart.shipping_tax_total, .cart.tax_total]' <<<"$body"
}

@test "tax rates: a rate for a product shows in a cart's totals at once; changes and removal too" {
    cart_with "$SHIRT_VARIANT"
    local sub
    sub=$(jq '.[0]' <<<"$(totals)")
    [ "$(totals)" = "[$sub,0,0,0]" ]
    adm POST /admin/tax-rates "{\"code\":\"REDUCED\",\"name\":\"Textiles\",\"region_id\":\"$EU\",\"rate\":25,\"products\":[\"$SHIRT\"]}"
    assert_status 200
    assert_spec POST /admin/tax-rates
    assert_json '.tax_rate | keys' "$RATE_KEYS"
    assert_json '.tax_rate | [.code, .name, .region_id, .rate]' "[\"REDUCED\",\"Textiles\",\"$EU\",25]"
    local rate
    rate=$(jqr .tax_rate.id)
    [[ "$rate" == txr_* ]]
    local tax
    tax=$(pct "$sub" 25)
    [ "$(totals)" = "[$sub,$tax,0,$tax]" ]
    api GET "/store/carts/$CART"
    assert_json '[.cart.items[0].tax_lines[] | [.rate, .code, .name]]' '[[25,"REDUCED","Textiles"]]'
    # A new rate: the next read prices with it.
    adm POST "/admin/tax-rates/$rate" '{"rate":10.5,"name":"Textiles reduced"}'
    assert_status 200
    assert_spec POST "/admin/tax-rates/$rate"
    assert_json '.tax_rate | [.rate, .name, .code]' '[10.5,"Textiles reduced","REDUCED"]'
    tax=$(pct "$sub" 10.5)
    [ "$(totals)" = "[$sub,$tax,0,$tax]" ]
    adm DELETE "/admin/tax-rates/$rate/products/batch" "{\"products\":[\"$SHIRT\"]}"
    assert_status 200
    assert_spec DELETE "/admin/tax-rates/$rate/products/batch"
    [ "$(totals)" = "[$sub,0,0,0]" ]
    adm POST "/admin/tax-rates/$rate/products/batch" "{\"products\":[\"$SHIRT\"]}"
    assert_status 200
    assert_spec POST "/admin/tax-rates/$rate/products/batch"
    [ "$(totals)" = "[$sub,$tax,0,$tax]" ]
    adm DELETE "/admin/tax-rates/$rate"
    assert_status 200
    assert_spec DELETE "/admin/tax-rates/$rate"
    assert_equal "$body" "{\"id\":\"$rate\",\"object\":\"tax-rate\",\"deleted\":true}"
    [ "$(totals)" = "[$sub,0,0,0]" ]
    [ "$(sql "SELECT count(*) FROM product_tax_rate WHERE rate_id = '$rate'")" = 0 ]
    adm DELETE "/admin/tax-rates/$rate"
    assert_status 200
}

@test "tax rates: a product type's rate and a shipping option's rate reach the cart" {
    # The mug gets a product type through the admin's product update.
    adm POST "/admin/products/$MUG" '{"type":{"value":"Kitchen"}}'
    assert_status 200
    local type
    type=$(jqr .product.type.id)
    cart_with "$MUG_VARIANT" "$EU_SHIP"
    local t sub
    t=$(totals)
    sub=$(jq '.[0]' <<<"$t")
    [ "$t" = "[$sub,0,0,0]" ]
    adm POST /admin/tax-rates "{\"code\":\"HOME\",\"name\":\"Home goods\",\"region_id\":\"$EU\",\"rate\":20}"
    local rate
    rate=$(jqr .tax_rate.id)
    adm POST "/admin/tax-rates/$rate/product-types/batch" "{\"product_types\":[\"$type\"]}"
    assert_status 200
    assert_spec POST "/admin/tax-rates/$rate/product-types/batch"
    local tax
    tax=$(pct "$sub" 20)
    [ "$(totals)" = "[$sub,$tax,0,$tax]" ]
    adm POST "/admin/tax-rates/$rate/shipping-options/batch?expand[]=shipping_options" "{\"shipping_options\":[\"$EU_SHIP\"]}"
    assert_status 200
    assert_spec POST "/admin/tax-rates/$rate/shipping-options/batch?expand[]=shipping_options"
    assert_json '[.tax_rate.shipping_options[].id]' "[\"$EU_SHIP\"]"
    # PostFake Standard costs 1000: 20 % of it.
    [ "$(totals)" = "[$sub,$tax,200,$((tax + 200))]" ]
    api GET "/store/shipping-options/$CART"
    assert_json "[.shipping_options[] | select(.id == \"$EU_SHIP\") | .price_incl_tax]" '[1200]'
    adm DELETE "/admin/tax-rates/$rate/shipping-options/batch" "{\"shipping_options\":[\"$EU_SHIP\"]}"
    assert_status 200
    assert_spec DELETE "/admin/tax-rates/$rate/shipping-options/batch"
    adm DELETE "/admin/tax-rates/$rate/product-types/batch" "{\"product_types\":[\"$type\"]}"
    assert_status 200
    assert_spec DELETE "/admin/tax-rates/$rate/product-types/batch"
    [ "$(totals)" = "[$sub,0,0,0]" ]
    adm DELETE "/admin/tax-rates/$rate"
    assert_status 200
}

@test "tax rates: list by region with Medusa's paging, q, code, rate and array expand/fields" {
    adm POST /admin/tax-rates "{\"code\":\"A\",\"name\":\"Alpha\",\"region_id\":\"$EU\",\"rate\":5,\"products\":[\"$SHIRT\"],\"shipping_options\":[\"$EU_SHIP\"]}"
    local alpha
    alpha=$(jqr .tax_rate.id)
    adm POST /admin/tax-rates "{\"code\":\"B\",\"name\":\"Beta\",\"region_id\":\"$EU\",\"rate\":15}"
    adm POST /admin/tax-rates "{\"code\":\"C\",\"name\":\"Gamma\",\"region_id\":\"$NA\"}"
    assert_json .tax_rate.rate null
    adm GET "/admin/tax-rates?region_id=$EU"
    assert_status 200
    assert_spec GET "/admin/tax-rates?region_id=$EU"
    assert_json '[.count, .offset, .limit]' '[2,0,50]'
    assert_json '[.tax_rates[].name]' '["Beta","Alpha"]'
    assert_json '.tax_rates | map(keys == '"$RATE_KEYS"') | all' true
    adm GET "/admin/tax-rates?region_id[]=$EU&region_id[]=$NA&order=name&limit=2&offset=1"
    assert_json '[.count, .offset, .limit, [.tax_rates[].name]]' '[3,1,2,["Beta","Gamma"]]'
    adm GET '/admin/tax-rates?q=ALP'
    assert_json '[.tax_rates[].id]' "[\"$alpha\"]"
    adm GET '/admin/tax-rates?code=B'
    assert_json '[.tax_rates[].name]' '["Beta"]'
    adm GET '/admin/tax-rates?rate=15'
    assert_json '[.tax_rates[].name]' '["Beta"]'
    adm GET '/admin/tax-rates?rate[lt]=10'
    assert_json '[.tax_rates[].name]' '["Alpha"]'
    # Tax rates are never soft-deleted: a deleted_at bound matches none (it was a 500).
    adm GET '/admin/tax-rates?deleted_at[gt]=2000-01-01'
    assert_status 200
    assert_json .count 0
    adm GET "/admin/tax-rates?region_id=$EU&fields[]=name&fields[]=product_count&fields[]=shipping_option_count&expand[]=products"
    assert_status 200
    assert_spec GET "/admin/tax-rates?region_id=$EU&fields[]=name&fields[]=product_count&fields[]=shipping_option_count&expand[]=products"
    assert_json '.tax_rates[1] | [.name, .product_count, .shipping_option_count, [.products[].id]]' "[\"Alpha\",1,1,[\"$SHIRT\"]]"
    assert_json '.tax_rates[1] | keys' '["created_at","id","name","product_count","products","shipping_option_count"]'
    adm GET "/admin/tax-rates/$alpha?expand[]=products&expand[]=product_types&expand[]=shipping_options"
    assert_status 200
    assert_spec GET "/admin/tax-rates/$alpha?expand[]=products&expand[]=product_types&expand[]=shipping_options"
    assert_json '.tax_rate | [[.products[].id], .product_types, [.shipping_options[].id]]' "[[\"$SHIRT\"],[],[\"$EU_SHIP\"]]"
    # As medusa-js sends it: qs.stringify's encoded, indexed brackets.
    adm GET "/admin/tax-rates/$alpha?expand%5B0%5D=products&expand%5B1%5D=product_types&expand%5B2%5D=shipping_options"
    assert_status 200
    assert_json '.tax_rate | [(.products | length), (.product_types | length), (.shipping_options | length)]' '[1,0,1]'
    adm GET "/admin/tax-rates/$alpha?fields[]=rate"
    assert_equal "$body" "{\"tax_rate\":{\"rate\":5,\"id\":\"$alpha\"}}"
    adm GET '/admin/tax-rates?expand=products'
    assert_medusa_error 400 invalid_data "expand must be an array"
    adm GET '/admin/tax-rates?rate=abc'
    assert_medusa_error 400 invalid_data '{"message":"rate must be one of: NumericalComparisonOperator,Number","details":{"Number":["Number validation failed: abc is not a number"],"NumericalComparisonOperator":["an unknown value was passed to the validate function"]}}'
    adm GET '/admin/tax-rates?limit=x&colour=red'
    assert_medusa_error 400 invalid_data "property colour should not exist, limit must be a number conforming to the specified constraints"
    adm GET "/admin/tax-rates/$alpha?expand=products"
    assert_medusa_error 400 invalid_data "expand must be an array"
    adm GET /admin/tax-rates/txr_nope
    assert_medusa_error 404 not_found "TaxRate with txr_nope was not found"
}

@test "tax rates: update replaces each given link list; Medusa's errors on create and update" {
    adm POST /admin/tax-rates "{\"code\":\"L\",\"name\":\"Links\",\"region_id\":\"$EU\",\"rate\":1,\"products\":[\"$SHIRT\",\"$MUG\"]}"
    local rate
    rate=$(jqr .tax_rate.id)
    adm POST "/admin/tax-rates/$rate?expand[]=products" "{\"products\":[\"$MUG\"],\"rate\":null}"
    assert_status 200
    assert_json '.tax_rate | [.rate, [.products[].id]]' "[null,[\"$MUG\"]]"
    adm POST "/admin/tax-rates/$rate" "{\"region_id\":\"$NA\"}"
    assert_json .tax_rate.region_id "$NA"
    local before
    before=$(sql "SELECT count(*) FROM tax_rate")
    adm POST /admin/tax-rates '{"name":5,"rate":"x","products":"p"}'
    assert_medusa_error 400 invalid_data "code must be a string, name must be a string, region_id must be a string, rate must be a number conforming to the specified constraints, products must be an array"
    adm POST '/admin/tax-rates?limit=1' "{\"code\":\"X\",\"name\":\"X\",\"region_id\":\"$EU\"}"
    assert_medusa_error 400 invalid_data "property limit should not exist"
    adm POST /admin/tax-rates '{"code":"X","name":"X","region_id":"reg_nope"}'
    assert_medusa_error 404 not_found "Region with region_id reg_nope does not exist."
    adm POST /admin/tax-rates "{\"code\":\"X\",\"name\":\"X\",\"region_id\":\"$EU\",\"products\":[\"prod_nope\"]}"
    assert_medusa_error 404 not_found "Product with id: prod_nope was not found"
    adm POST /admin/tax-rates "{\"code\":\"X\",\"name\":\"X\",\"region_id\":\"$EU\",\"product_types\":[\"ptyp_nope\"]}"
    assert_medusa_error 404 not_found "Product type with id: ptyp_nope was not found"
    adm POST /admin/tax-rates "{\"code\":\"X\",\"name\":\"X\",\"region_id\":\"$EU\",\"shipping_options\":[\"so_nope\"]}"
    assert_medusa_error 404 not_found "Shipping Option with so_nope was not found"
    # The new rate's id is in the message (Medusa creates it first), and it is rolled back.
    adm POST /admin/tax-rates "{\"code\":\"X\",\"name\":\"X\",\"region_id\":\"$EU\",\"shipping_options\":[\"$NA_SHIP\"]}"
    assert_status 400
    assert_json 'keys' '["message","type"]'
    assert_json .type not_allowed
    [[ "$(jqr .message)" == "Shipping Option and Tax Rate must belong to the same Region to be associated. Shipping Option with id: $NA_SHIP belongs to Region with id: $NA and Tax Rate with id: txr_"*" belongs to Region with id: $EU" ]]
    adm POST "/admin/tax-rates/$rate/shipping-options/batch" "{\"shipping_options\":[\"$EU_SHIP\"]}"
    assert_medusa_error 400 not_allowed "Shipping Option and Tax Rate must belong to the same Region to be associated. Shipping Option with id: $EU_SHIP belongs to Region with id: $EU and Tax Rate with id: $rate belongs to Region with id: $NA"
    [ "$(sql "SELECT count(*) FROM tax_rate")" = "$before" ]
    adm POST /admin/tax-rates/txr_nope '{"rate":1}'
    assert_medusa_error 404 not_found "TaxRate with txr_nope was not found"
    adm POST /admin/tax-rates/txr_nope/products/batch "{\"products\":[\"$SHIRT\"]}"
    assert_medusa_error 404 not_found "TaxRate with txr_nope was not found"
    adm DELETE /admin/tax-rates/txr_nope/products/batch "{\"products\":[\"$SHIRT\"]}"
    assert_medusa_error 404 not_found "TaxRate with txr_nope was not found"
    adm POST "/admin/tax-rates/$rate/products/batch" '{"products":{}}'
    assert_medusa_error 400 invalid_data "products must be an array"
    adm POST "/admin/tax-rates/$rate/product-types/batch" '{"products":[]}'
    assert_medusa_error 400 invalid_data "property products should not exist, product_types must be an array"
}

@test "tax rates: every route refuses anonymous callers and customers" {
    customer_credentials
    assert_admin_only GET /admin/tax-rates
    assert_admin_only POST /admin/tax-rates "{\"code\":\"X\",\"name\":\"X\",\"region_id\":\"$EU\"}"
    assert_admin_only GET /admin/tax-rates/txr_x
    assert_admin_only POST /admin/tax-rates/txr_x '{}'
    assert_admin_only DELETE /admin/tax-rates/txr_x
    assert_admin_only POST /admin/tax-rates/txr_x/products/batch '{"products":[]}'
    assert_admin_only DELETE /admin/tax-rates/txr_x/products/batch '{"products":[]}'
    assert_admin_only POST /admin/tax-rates/txr_x/product-types/batch '{"product_types":[]}'
    assert_admin_only DELETE /admin/tax-rates/txr_x/product-types/batch '{"product_types":[]}'
    assert_admin_only POST /admin/tax-rates/txr_x/shipping-options/batch '{"shipping_options":[]}'
    assert_admin_only DELETE /admin/tax-rates/txr_x/shipping-options/batch '{"shipping_options":[]}'
    [ "$(sql "SELECT count(*) FROM tax_rate WHERE code = 'X'")" = 0 ]
}
