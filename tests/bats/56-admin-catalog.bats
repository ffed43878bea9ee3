#!/usr/bin/env bats
# 56-admin-catalog.bats: the Admin API's catalog writes (issue #7): POST /admin/regions and /:id,
# POST /admin/collections, /admin/product-categories, /admin/return-reasons, POST /admin/products,
# /:id and DELETE /admin/products/:id, with Medusa v1's bodies, defaults, errors and answers, and
# what the Store API shows of them at once. The stack is the demo store, which is
# shared/reference/seed.json (same file; seeding it twice would fail on the admin user's email).

load helpers
load spec
load orders
load admin

setup_file() {
    start_stack
}

teardown_file() {
    stop_stack
}

setup() {
    admin_login
}

id_of() {
    sql "SELECT id FROM $1 WHERE $2 = '$3'"
}

# ---- the gate ---------------------------------------------------------------------------------

@test "admin catalog: anonymous callers and customers get the bare 401 on every route" {
    customer_credentials
    assert_admin_only POST /admin/regions '{"name":"X"}'
    assert_admin_only POST /admin/regions/reg_x '{"name":"X"}'
    assert_admin_only POST /admin/products '{"title":"X"}'
    assert_admin_only POST /admin/products/prod_x '{"title":"X"}'
    assert_admin_only DELETE /admin/products/prod_x
    assert_admin_only POST /admin/collections '{"title":"X"}'
    assert_admin_only POST /admin/product-categories '{"name":"X"}'
    assert_admin_only POST /admin/return-reasons '{"value":"x","label":"X"}'
    # nothing was written by the refused calls
    [ "$(sql "SELECT count(*) FROM product WHERE title = 'X'")" = 0 ]
    [ "$(sql "SELECT count(*) FROM product_collection WHERE title = 'X'")" = 0 ]
}

# ---- regions ----------------------------------------------------------------------------------

@test "regions: create answers the region with countries, providers and currency" {
    adm POST /admin/regions '{"name":"Nordics","currency_code":"EUR","tax_rate":25,"tax_code":"NORD","countries":["NO","fi"],"payment_providers":["manual"],"fulfillment_providers":["manual"],"metadata":{"a":1,"gone":""}}'
    assert_status 200
    assert_spec POST /admin/regions
    assert_json .region.name Nordics
    assert_json .region.currency_code eur
    assert_json .region.tax_rate 25
    assert_json .region.tax_code NORD
    assert_json .region.automatic_taxes true
    assert_json .region.gift_cards_taxable true
    assert_json .region.metadata '{"a":1}'
    assert_json '[.region.countries[].iso_2]' '["fi","no"]'
    assert_json '[.region.payment_providers[].id]' '["manual"]'
    assert_json '[.region.fulfillment_providers[].id]' '["manual"]'
    assert_json .region.currency.code eur
    assert_json '.region | has("includes_tax")' false
    # the store sees it at once
    api GET "/store/regions/$(jqr .region.id)"
    assert_status 200
    assert_json '[.region.countries[].iso_2]' '["fi","no"]'
}

@test "regions: a country of another region, an unknown country or currency is refused" {
    local eu
    eu=$(id_of region name EU)
    adm POST /admin/regions '{"name":"X","currency_code":"eur","tax_rate":0,"countries":["de"],"payment_providers":["manual"],"fulfillment_providers":["manual"]}'
    assert_medusa_error 422 duplicate_error "Germany already exists in region $eu" invalid_request_error
    adm POST /admin/regions '{"name":"X","currency_code":"eur","tax_rate":0,"countries":["zz"],"payment_providers":["manual"],"fulfillment_providers":["manual"]}'
    assert_medusa_error 400 invalid_data "Invalid country code"
    adm POST /admin/regions '{"name":"X","currency_code":"dkk","tax_rate":0,"countries":[],"payment_providers":["manual"],"fulfillment_providers":["manual"]}'
    assert_medusa_error 400 invalid_data "Invalid currency code"
    adm POST /admin/regions '{"name":"X","currency_code":"eur","tax_rate":120,"countries":[],"payment_providers":["manual"],"fulfillment_providers":["manual"]}'
    assert_medusa_error 400 invalid_data "The tax_rate must be between 0 and 1"
    adm POST /admin/regions '{"name":"X","currency_code":"eur","tax_rate":0,"countries":[],"payment_providers":["stripe"],"fulfillment_providers":["manual"]}'
    assert_medusa_error 400 invalid_data "Payment provider not found"
    [ "$(sql "SELECT count(*) FROM region WHERE name = 'X'")" = 0 ]
}

@test "regions: the body is validated like Medusa's DTO (tax-inclusive flag off)" {
    adm POST /admin/regions '{"includes_tax":true,"tax_rate":"25","countries":"de"}'
    assert_medusa_error 400 invalid_data "property includes_tax should not exist, name must be a string, currency_code must be a string, tax_rate must be a number conforming to the specified constraints, each value in payment_providers must be a string, payment_providers must be an array, each value in fulfillment_providers must be a string, fulfillment_providers must be an array, countries must be an array"
}

@test "regions: update renames and moves countries; a country of another region is refused" {
    local nord eu
    nord=$(id_of region name Nordics)
    eu=$(id_of region name EU)
    adm POST "/admin/regions/$nord" '{"name":"Nordic","countries":["fi","is"],"automatic_taxes":false,"metadata":{"b":2}}'
    assert_status 200
    assert_spec POST "/admin/regions/$nord"
    assert_json .region.name Nordic
    assert_json '[.region.countries[].iso_2]' '["fi","is"]'
    assert_json .region.automatic_taxes false
    assert_json .region.metadata '{"a":1,"b":2}'
    # Norway left the region
    [ -z "$(sql "SELECT region_id FROM country WHERE iso_2 = 'no'")" ]
    adm POST "/admin/regions/$nord" '{"name":"Stolen","countries":["fi","se"]}'
    assert_medusa_error 422 duplicate_error "Sweden already exists in region $eu" invalid_request_error
    # nothing changed
    [ "$(sql "SELECT name FROM region WHERE id = '$nord'")" = Nordic ]
    [ "$(sql "SELECT region_id FROM country WHERE iso_2 = 'se'")" = "$eu" ]
    adm POST /admin/regions/reg_missing '{"name":"Y"}'
    assert_medusa_error 404 not_found "Region with reg_missing was not found"
}

# ---- collections, categories, return reasons --------------------------------------------------

@test "collections: create with a kebab-case handle; a taken handle is Medusa's 422" {
    adm POST /admin/collections '{"title":"Winter Sale 2024","metadata":{"k":"v"}}'
    assert_status 200
    assert_spec POST /admin/collections
    assert_json .collection.handle winter-sale-2024
    assert_json .collection.metadata '{"k":"v"}'
    assert_json .collection.products '[]'
    adm POST /admin/collections '{"title":"Other","handle":"winter-sale-2024"}'
    assert_medusa_error 422 duplicate_error "Product_collection with handle winter-sale-2024 already exists." invalid_request_error
    adm POST /admin/collections '{"handle":5}'
    assert_medusa_error 400 invalid_data "title should not be empty, title must be a string, handle must be a string"
}

@test "categories: a root goes after its siblings, a child under it; parent and children shown" {
    local roots
    roots=$(sql "SELECT count(*) FROM product_category WHERE parent_category_id IS NULL")
    adm POST /admin/product-categories '{"name":"Outer Wear","is_active":true,"description":"Coats"}'
    assert_status 200
    assert_spec POST /admin/product-categories
    assert_json .product_category.handle outer-wear
    assert_json .product_category.rank "$roots"
    assert_json .product_category.is_active true
    assert_json .product_category.is_internal false
    assert_json .product_category.parent_category null
    assert_json .product_category.category_children '[]'
    local parent
    parent=$(jqr .product_category.id)
    adm POST /admin/product-categories "{\"name\":\"Jackets\",\"is_active\":true,\"parent_category_id\":\"$parent\"}"
    assert_status 200
    assert_spec POST /admin/product-categories
    assert_json .product_category.rank 0
    assert_json .product_category.description ''
    assert_json .product_category.parent_category.id "$parent"
    [ "$(sql "SELECT mpath FROM product_category WHERE handle = 'jackets'")" = "$parent.$(jqr .product_category.id)." ]
    # an inactive category is made inactive by default (Medusa's model) and hidden in the store
    adm POST /admin/product-categories "{\"name\":\"Hidden Coats\",\"parent_category_id\":\"$parent\"}"
    assert_json .product_category.is_active false
    assert_json .product_category.rank 1
    api GET "/store/product-categories/$parent"
    assert_status 200
    assert_json '[.product_category.category_children[].handle]' '["jackets"]'
}

@test "categories: errors as Medusa's (unknown parent, taken handle, rank is no property)" {
    adm POST /admin/product-categories '{"name":"Orphan","parent_category_id":"pcat_missing"}'
    assert_medusa_error 404 not_found "ProductCategory with id: pcat_missing was not found"
    adm POST /admin/product-categories '{"name":"Jackets"}'
    assert_medusa_error 422 duplicate_error "Product_category with handle jackets already exists." invalid_request_error
    adm POST /admin/product-categories '{"name":"","rank":3,"is_active":"yes"}'
    assert_medusa_error 400 invalid_data "property rank should not exist, is_active must be a boolean value, name should not be empty"
    adm POST '/admin/product-categories?limit=1' '{"name":"Q"}'
    assert_medusa_error 400 invalid_data "property limit should not exist"
}

@test "return reasons: a reason and its child; a grandchild is refused" {
    adm POST /admin/return-reasons '{"value":"wrong_size","label":"Wrong size","description":"Does not fit"}'
    assert_status 200
    assert_spec POST /admin/return-reasons
    assert_json .return_reason.value wrong_size
    assert_json .return_reason.parent_return_reason null
    assert_json .return_reason.return_reason_children '[]'
    local parent
    parent=$(jqr .return_reason.id)
    adm POST /admin/return-reasons "{\"value\":\"too_big\",\"label\":\"Too big\",\"parent_return_reason_id\":\"$parent\"}"
    assert_status 200
    assert_spec POST /admin/return-reasons
    assert_json .return_reason.parent_return_reason.id "$parent"
    local child
    child=$(jqr .return_reason.id)
    adm POST /admin/return-reasons "{\"value\":\"way_too_big\",\"label\":\"Way too big\",\"parent_return_reason_id\":\"$child\"}"
    assert_medusa_error 400 invalid_data "Doubly nested return reasons is not supported"
    adm POST /admin/return-reasons '{"value":"wrong_size","label":"Again"}'
    assert_medusa_error 422 duplicate_error "Return_reason with value wrong_size already exists." invalid_request_error
    adm POST /admin/return-reasons '{"value":"x","label":"X","parent_return_reason_id":"rr_missing"}'
    assert_medusa_error 404 not_found "Return Reason with id: rr_missing was not found."
    adm POST /admin/return-reasons '{"label":3}'
    assert_medusa_error 400 invalid_data "value must be a string, label must be a string"
    api GET /store/return-reasons
    assert_json "[.return_reasons[] | select(.id == \"$parent\") | .return_reason_children[].value]" '["too_big"]'
}

# ---- products ---------------------------------------------------------------------------------

parka_body() {
    local nord col cat
    nord=$(id_of region name Nordic)
    col=$(id_of product_collection handle winter-sale-2024)
    cat=$(id_of product_category handle jackets)
    cat <<EOF
{"title":"Arctic Parka","subtitle":"Warm","description":"A very warm parka for polar nights",
 "images":["https://img.example/parka-1.png","https://img.example/parka-2.png"],
 "type":{"value":"Outerwear"},"collection_id":"$col",
 "tags":[{"value":"winter"},{"value":"down"}],"categories":[{"id":"$cat"}],
 "options":[{"title":"Size"},{"title":"Color"}],
 "variants":[
  {"title":"S / Red","sku":"PARKA-S-RED","inventory_quantity":10,
   "prices":[{"region_id":"$nord","amount":19900},{"currency_code":"usd","amount":21900}],
   "options":[{"value":"S"},{"value":"Red"}]},
  {"title":"M / Red","sku":"PARKA-M-RED","inventory_quantity":5,"manage_inventory":false,
   "prices":[{"currency_code":"eur","amount":20900,"min_quantity":1}],
   "options":[{"value":"M"},{"value":"Red"}]}],
 "weight":1200,"metadata":{"k":"v"}}
EOF
}

@test "products: create with Medusa's defaults (draft, kebab handle, profile, channel, thumbnail)" {
    adm POST /admin/products "$(parka_body)"
    assert_status 200
    assert_spec POST /admin/products
    assert_json .product.title "Arctic Parka"
    assert_json .product.handle arctic-parka
    assert_json .product.status draft
    assert_json .product.thumbnail https://img.example/parka-1.png
    assert_json .product.discountable true
    assert_json .product.weight 1200
    # relations without an order in Medusa (images, prices) are compared as sets
    assert_json '[.product.images[].url] | sort' '["https://img.example/parka-1.png","https://img.example/parka-2.png"]'
    assert_json .product.type.value Outerwear
    assert_json .product.collection.handle winter-sale-2024
    assert_json '[.product.tags[].value] | sort' '["down","winter"]'
    assert_json '[.product.categories[].handle]' '["jackets"]'
    assert_json '[.product.sales_channels[].name]' '["Default Sales Channel"]'
    assert_json '[.product.profiles[].type]' '["default"]'
    assert_json .product.profile_id "$(sql "SELECT id FROM shipping_profile WHERE type = 'default'")"
    assert_json '[.product.options[] | {title, values: [.values[].value]}]' '[{"title":"Size","values":["S","M"]},{"title":"Color","values":["Red","Red"]}]'
    assert_json '[.product.variants[] | [.title, .variant_rank, .inventory_quantity, .manage_inventory, .allow_backorder]]' '[["S / Red",0,10,true,false],["M / Red",1,5,false,false]]'
    assert_json '[.product.variants[0].prices[] | [.currency_code, .amount]] | sort' '[["eur",19900],["usd",21900]]'
    assert_json '.product.variants[1].prices[0] | [.currency_code, .amount, .min_quantity, .region_id]' '["eur",20900,1,null]'
    assert_json '[.product.variants[0].options[].value]' '["S","Red"]'
    assert_json .product.variants[0].calculated_price null
    # an existing type value is reused, not duplicated
    [ "$(sql "SELECT count(*) FROM product_type WHERE value = 'Outerwear'")" = 1 ]
    # a draft is not listed in the store (by id it is: store.md 5.2)
    local id
    id=$(jqr .product.id)
    api GET "/store/products?handle=arctic-parka"
    assert_json '.products | length' 0
    api GET "/store/products/$id"
    assert_json .product.status draft
}

@test "products: published, it shows at once in the store: list, retrieve with region price, search, q, filters" {
    local id nord col cat
    id=$(id_of product handle arctic-parka)
    nord=$(id_of region name Nordic)
    col=$(id_of product_collection handle winter-sale-2024)
    cat=$(id_of product_category handle jackets)
    adm POST "/admin/products/$id" '{"status":"published"}'
    assert_status 200
    assert_spec POST "/admin/products/$id"
    assert_json .product.status published
    api GET "/store/products?handle=arctic-parka"
    assert_json '[.products[].id]' "[\"$id\"]"
    api GET "/store/products/$id?region_id=$nord"
    assert_status 200
    assert_spec GET "/store/products/$id?region_id=$nord"
    assert_json '[.product.variants[] | .calculated_price]' '[19900,null]'
    api GET "/store/products/$id?currency_code=usd"
    assert_json '[.product.variants[] | .calculated_price]' '[21900,null]'
    api GET "/store/products?q=polar%20nights"
    assert_json '[.products[].id]' "[\"$id\"]"
    api POST /store/products/search '{"q":"parka"}'
    assert_status 200
    assert_json '[.hits[].id]' "[\"$id\"]"
    api POST /store/products/search '{"q":"PARKA-M"}'
    assert_json '[.hits[].id]' "[\"$id\"]"
    api GET "/store/products?collection_id[]=$col"
    assert_json '[.products[].id]' "[\"$id\"]"
    api GET "/store/products?category_id[]=$cat"
    assert_json '[.products[].id]' "[\"$id\"]"
    api GET "/store/collections/$col"
    assert_status 200
    api GET "/store/product-categories/$cat?expand=products"
    assert_status 200
}

@test "products: a gift card gets the gift-card profile and is never discountable" {
    adm POST /admin/products '{"title":"Gift Card 50","is_giftcard":true,"discountable":true,"status":"published","options":[{"title":"Value"}],"variants":[{"title":"50","prices":[{"currency_code":"eur","amount":5000}],"options":[{"value":"50"}]}]}'
    assert_status 200
    assert_spec POST /admin/products
    assert_json .product.is_giftcard true
    assert_json .product.discountable false
    assert_json '[.product.profiles[].type]' '["gift_card"]'
    assert_json .product.handle gift-card-50
}

@test "products: errors as Medusa's (taken handle, options count, unknown links, duplicate sku)" {
    adm POST /admin/products '{"title":"Arctic Parka"}'
    assert_medusa_error 422 duplicate_error "Product with handle arctic-parka already exists." invalid_request_error
    adm POST /admin/products '{"title":"Mismatch","options":[{"title":"Size"}],"variants":[{"title":"V","prices":[],"options":[]}]}'
    assert_medusa_error 400 invalid_data "Product options length does not match variant options length. Product has 1 and variant has 0."
    adm POST /admin/products '{"title":"Lost","collection_id":"pcol_missing"}'
    assert_medusa_error 404 not_found "Product_collection with collection_id pcol_missing does not exist."
    adm POST /admin/products '{"title":"Dup","variants":[{"title":"V","sku":"PARKA-S-RED","prices":[]}]}'
    assert_medusa_error 422 duplicate_error "Product_variant with sku PARKA-S-RED already exists." invalid_request_error
    # every failure above was rolled back whole
    [ "$(sql "SELECT count(*) FROM product WHERE title IN ('Mismatch', 'Lost', 'Dup')")" = 0 ]
}

@test "products: the body is validated like Medusa's DTO (unknown properties, types, nested)" {
    adm POST /admin/products '{"subtitle":"no title"}'
    assert_medusa_error 400 invalid_data "title must be a string"
    adm POST /admin/products '{"title":"T","colour":"red","is_giftcard":"yes","status":"gone","weight":"heavy"}'
    assert_medusa_error 400 invalid_data "property colour should not exist, is_giftcard must be a boolean value, weight must be a number conforming to the specified constraints, status must be one of the following values: draft, proposed, published, rejected"
    adm POST /admin/products '{"title":"T","tags":["a"],"variants":[{"prices":[{"amount":1.5}]}]}'
    assert_medusa_error 400 invalid_data "each value in nested property tags must be either object or array, title must be a string, amount must be an integer number, Failed XOR relation between \"region_id\" and \"currency_code\"., Failed XOR relation between \"currency_code\" and \"region_id\"."
    adm POST /admin/products '{"title":"T","tags":[{"id":"ptag_1"}]}'
    assert_medusa_error 400 invalid_data "value must be a string"
}

@test "products: update scalars, tags, type, collection, categories, images and metadata" {
    local id
    id=$(id_of product handle arctic-parka)
    adm POST "/admin/products/$id" '{"title":"Polar Parka","handle":"polar-parka","tags":[{"value":"cold"}],"type":{"value":"Coats"},"categories":[],"images":["https://img.example/parka-3.png"],"metadata":{"k":"","z":1}}'
    assert_status 200
    assert_spec POST "/admin/products/$id"
    assert_json .product.title "Polar Parka"
    assert_json .product.handle polar-parka
    assert_json '[.product.tags[].value]' '["cold"]'
    assert_json .product.type.value Coats
    assert_json .product.categories '[]'
    assert_json '[.product.images[].url]' '["https://img.example/parka-3.png"]'
    assert_json .product.thumbnail https://img.example/parka-1.png
    assert_json .product.metadata '{"z":1}'
    assert_json '.product.variants | length' 2
    api POST /store/products/search '{"q":"polar"}'
    assert_json '[.hits[].id]' "[\"$id\"]"
    api POST /store/products/search '{"q":"arctic"}'
    assert_json '.hits | length' 0
    adm POST /admin/products/prod_missing '{"title":"X"}'
    assert_medusa_error 404 not_found "Product with id: prod_missing was not found"
    adm POST "/admin/products/$id" '{"is_giftcard":true}'
    assert_medusa_error 400 invalid_data "property is_giftcard should not exist"
}

@test "products: update with variants keeps the listed ones, deletes the others, creates new ones" {
    local id s m size color
    id=$(id_of product handle polar-parka)
    s=$(id_of product_variant sku PARKA-S-RED)
    m=$(id_of product_variant sku PARKA-M-RED)
    size=$(sql "SELECT id FROM product_option WHERE product_id = '$id' AND title = 'Size'")
    color=$(sql "SELECT id FROM product_option WHERE product_id = '$id' AND title = 'Color'")
    adm POST "/admin/products/$id" "{\"variants\":[{\"id\":\"$s\",\"title\":\"S / Crimson\",\"inventory_quantity\":3,\"prices\":[{\"currency_code\":\"eur\",\"amount\":18000}]},{\"title\":\"L / Red\",\"sku\":\"PARKA-L-RED\",\"options\":[{\"value\":\"Red\",\"option_id\":\"$color\"},{\"value\":\"L\",\"option_id\":\"$size\"}],\"prices\":[{\"currency_code\":\"usd\",\"amount\":25000}]}]}"
    assert_status 200
    assert_spec POST "/admin/products/$id"
    assert_json '[.product.variants[] | [.title, .variant_rank, .inventory_quantity]]' '[["S / Crimson",0,3],["L / Red",1,0]]'
    assert_json '[.product.variants[0].prices[] | [.currency_code, .amount]]' '[["eur",18000]]'
    assert_json '[.product.variants[1].options[] | .value] | sort' '["L","Red"]'
    [ -n "$(sql "SELECT deleted_at FROM product_variant WHERE id = '$m'")" ]
    # the search indexes follow the variants: the deleted SKU is gone, the new title is found
    api GET "/store/products?q=PARKA-M-RED"
    assert_json '.products | length' 0
    api GET "/store/products?q=PARKA-L-RED"
    assert_json '[.products[].id]' "[\"$id\"]"
    api POST /store/products/search '{"q":"crimson"}'
    assert_json '[.hits[].id]' "[\"$id\"]"
    # errors as Medusa's: a variant of another product, a combination that exists, a missing value
    adm POST "/admin/products/$id" '{"variants":[{"id":"variant_other"}]}'
    assert_medusa_error 404 not_found "Variants with id: variant_other are not associated with this product"
    adm POST "/admin/products/$id" "{\"variants\":[{\"id\":\"$s\"},{\"title\":\"Again\",\"options\":[{\"value\":\"S\",\"option_id\":\"$size\"},{\"value\":\"Red\",\"option_id\":\"$color\"}],\"prices\":[]}]}"
    assert_medusa_error 422 duplicate_error "Variant with title S / Crimson with provided options already exists" invalid_request_error
    adm POST "/admin/products/$id" "{\"variants\":[{\"id\":\"$s\"},{\"title\":\"Half\",\"options\":[{\"value\":\"XL\",\"option_id\":\"$size\"},{\"value\":\"Red\",\"option_id\":\"opt_x\"}],\"prices\":[]}]}"
    assert_medusa_error 400 invalid_data "Variant options do not contain value for Color"
    # nothing of the failed updates stayed: L / Red is still there
    [ "$(sql "SELECT count(*) FROM product_variant WHERE product_id = '$id' AND deleted_at IS NULL")" = 2 ]
}

@test "products: delete is soft and idempotent; the product leaves the store and search" {
    local id
    id=$(id_of product handle polar-parka)
    adm DELETE "/admin/products/$id"
    assert_status 200
    assert_spec DELETE "/admin/products/$id"
    assert_json . "{\"id\":\"$id\",\"object\":\"product\",\"deleted\":true}"
    [ -n "$(sql "SELECT deleted_at FROM product WHERE id = '$id'")" ]
    [ "$(sql "SELECT count(*) FROM product_variant WHERE product_id = '$id' AND deleted_at IS NULL")" = 0 ]
    api GET "/store/products/$id"
    assert_medusa_error 404 not_found "Product with id: $id was not found"
    api GET "/store/products?q=polar"
    assert_json '.products | length' 0
    api POST /store/products/search '{"q":"polar"}'
    assert_json '.hits | length' 0
    adm DELETE "/admin/products/$id"
    assert_status 200
    assert_json .deleted true
    # the handle is free again (Medusa's unique index skips deleted rows)
    adm POST /admin/products '{"title":"Polar Parka"}'
    assert_status 200
    assert_json .product.handle polar-parka
}
