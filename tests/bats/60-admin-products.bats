#!/usr/bin/env bats
# 60-admin-products.bats: a product's variants and options from the Admin API (issue #14; Medusa
# v1's create-variant.ts, update-variant.ts, delete-variant.ts, add-option.ts, update-option.ts,
# delete-option.ts), the tag, type and variant lists the dashboard reads, and what the Store API
# sells of them at once.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack
    checkout_vars
    NA=$(q "SELECT id FROM region WHERE name = 'NA'")
    export NA
}

teardown_file() {
    stop_stack
}

setup() {
    admin_login
}

# A published product with one option (Size) and a variant S; sets PROD, SIZE and VS.
kettle() {
    adm POST /admin/products '{"title":"Kettle '"$1"'","status":"published","options":[{"title":"Size"}],"variants":[{"title":"S","sku":"KET-'"$1"'-S","inventory_quantity":3,"prices":[{"currency_code":"eur","amount":3000}],"options":[{"value":"S"}]}]}'
    assert_status 200
    PROD=$(jqr .product.id)
    SIZE=$(jqr '.product.options[0].id')
    VS=$(jqr '.product.variants[0].id')
}

@test "admin products: every new route refuses anonymous callers and customers" {
    customer_credentials
    assert_admin_only POST /admin/products/prod_x/variants '{"title":"x","prices":[]}'
    assert_admin_only POST /admin/products/prod_x/variants/variant_x '{"title":"x"}'
    assert_admin_only DELETE /admin/products/prod_x/variants/variant_x
    assert_admin_only POST /admin/products/prod_x/options '{"title":"x"}'
    assert_admin_only POST /admin/products/prod_x/options/opt_x '{"title":"x"}'
    assert_admin_only DELETE /admin/products/prod_x/options/opt_x
    assert_admin_only GET /admin/product-tags
    assert_admin_only GET /admin/product-types
    assert_admin_only GET /admin/variants
    assert_admin_only GET /admin/variants/variant_x
}

@test "variants: create with prices and stock fields; the store sells it at once" {
    kettle a
    adm POST "/admin/products/$PROD/variants" '{"title":"L","sku":"KET-a-L","ean":"4006381333931","upc":"036000291452","barcode":"BC-1","hs_code":"8516","inventory_quantity":7,"allow_backorder":true,"manage_inventory":true,"weight":900,"length":30,"height":25,"width":20,"origin_country":"DE","material":"steel","metadata":{"color":"red"},"prices":[{"currency_code":"eur","amount":4500},{"region_id":"'"$NA"'","amount":5000}],"options":[{"option_id":"'"$SIZE"'","value":"L"}]}'
    assert_status 200
    assert_spec POST "/admin/products/$PROD/variants"
    assert_json '[.product.variants[].title]' '["S","L"]'
    assert_json '.product.variants[1] | [.sku, .ean, .upc, .barcode, .hs_code, .inventory_quantity, .allow_backorder, .manage_inventory, .weight, .length, .height, .width, .origin_country, .material, .metadata.color, .variant_rank]' '["KET-a-L","4006381333931","036000291452","BC-1","8516",7,true,true,900,30,25,20,"DE","steel","red",1]'
    assert_json '[.product.variants[1].prices[] | [.currency_code, .amount, (.region_id != null)]] | sort' '[["eur",4500,false],["usd",5000,true]]'
    assert_json '[.product.variants[1].options[].value]' '["L"]'
    local vl
    vl=$(jqr '.product.variants[1].id')
    # the store lists it with its price and sells it
    api GET "/store/products/$PROD?region_id=$EU"
    assert_json "[.product.variants[] | select(.id == \"$vl\") | .calculated_price]" '[4500]'
    api GET "/store/products/$PROD?region_id=$NA"
    assert_json "[.product.variants[] | select(.id == \"$vl\") | .calculated_price]" '[5000]'
    api POST /store/carts "{\"region_id\":\"$EU\"}"
    local cart
    cart=$(jqr .cart.id)
    api POST "/store/carts/$cart/line-items" "{\"variant_id\":\"$vl\",\"quantity\":2}"
    assert_status 200
    assert_json '.cart.items[0] | [.unit_price, .quantity]' '[4500,2]'
    # defaults: no stock given is 0, managed, no backorder
    adm POST "/admin/products/$PROD/variants" '{"title":"M","prices":[],"options":[{"option_id":"'"$SIZE"'","value":"M"}]}'
    assert_status 200
    assert_json '.product.variants[2] | [.inventory_quantity, .manage_inventory, .allow_backorder, .variant_rank]' '[0,true,false,2]'
}

@test "variants: create errors as Medusa's (product, options, duplicates, body)" {
    kettle b
    adm POST /admin/products/prod_nope/variants '{"title":"x","prices":[]}'
    assert_medusa_error 400 invalid_data "Product id missing"
    adm POST "/admin/products/$PROD/variants" '{"title":"x","prices":[]}'
    assert_medusa_error 400 invalid_data "Product options length does not match variant options length. Product has 1 and variant has 0."
    adm POST "/admin/products/$PROD/variants" '{"title":"x","prices":[],"options":[{"option_id":"opt_other","value":"XL"}]}'
    assert_medusa_error 400 invalid_data "Variant options do not contain value for Size"
    adm POST "/admin/products/$PROD/variants" '{"title":"S again","prices":[],"options":[{"option_id":"'"$SIZE"'","value":"S"}]}'
    assert_medusa_error 422 duplicate_error "Variant with title S with provided options already exists" invalid_request_error
    adm POST "/admin/products/$PROD/variants" '{"title":"XL","sku":"KET-b-S","prices":[],"options":[{"option_id":"'"$SIZE"'","value":"XL"}]}'
    assert_medusa_error 422 duplicate_error "Product_variant with sku KET-b-S already exists." invalid_request_error
    adm POST "/admin/products/$PROD/variants" '{"title":1,"inventory_quantity":"x","prices":[{"amount":1.5}],"options":[{"value":2}],"size":1}'
    assert_medusa_error 400 invalid_data 'property size should not exist, title must be a string, inventory_quantity must be a number conforming to the specified constraints, amount must be an integer number, Failed XOR relation between "region_id" and "currency_code"., Failed XOR relation between "currency_code" and "region_id"., value must be a string, option_id must be a string'
    adm POST "/admin/products/$PROD/variants" '{"title":"XL"}'
    assert_medusa_error 400 invalid_data "prices must be an array"
    # Ours (issue #12): no price below 0 (Medusa sells at a loss) nor past its integer column.
    adm POST "/admin/products/$PROD/variants" '{"title":"XL","prices":[{"currency_code":"eur","amount":-100}],"options":[{"option_id":"'"$SIZE"'","value":"XL"}]}'
    assert_medusa_error 400 invalid_data "amount must not be less than 0"
    adm POST "/admin/products/$PROD/variants" '{"title":"XL","prices":[{"currency_code":"eur","amount":1e300}],"options":[{"option_id":"'"$SIZE"'","value":"XL"}]}'
    assert_medusa_error 400 invalid_data "amount must not be greater than 2147483647"
    adm POST "/admin/products/$PROD/variants/$VS" '{"prices":[{"currency_code":"eur","amount":-1}]}'
    assert_medusa_error 400 invalid_data "amount must not be less than 0"
    [ "$(q "SELECT group_concat(m.amount) FROM money_amount m JOIN product_variant_money_amount l ON l.money_amount_id = m.id WHERE l.variant_id = '$VS' AND m.deleted_at IS NULL")" = 3000 ]
    # a free variant is fine
    adm POST "/admin/products/$PROD/variants" '{"title":"Free","prices":[{"currency_code":"eur","amount":0}],"options":[{"option_id":"'"$SIZE"'","value":"Free"}]}'
    assert_status 200
    adm DELETE "/admin/products/$PROD/variants/$(jqr '.product.variants[] | select(.title == "Free") | .id')"
    # nothing was written by the refusals (the free variant aside, deleted again)
    [ "$(q "SELECT count(*) FROM product_variant WHERE product_id = '$PROD' AND deleted_at IS NULL")" = 1 ]
    [ "$(q "SELECT group_concat(title) FROM product_variant WHERE product_id = '$PROD' AND deleted_at IS NOT NULL")" = Free ]
}

@test "variants: update fields, option values and prices; the store sees them at once" {
    kettle c
    adm POST "/admin/products/$PROD/variants/$VS" '{"title":"Small","inventory_quantity":0,"manage_inventory":true,"allow_backorder":false,"weight":700,"metadata":{"k":"v"},"prices":[{"currency_code":"eur","amount":2500},{"currency_code":"usd","amount":2900}],"options":[{"option_id":"'"$SIZE"'","value":"Small"}]}'
    assert_status 200
    assert_spec POST "/admin/products/$PROD/variants/$VS"
    assert_json '.product.variants[0] | [.title, .inventory_quantity, .weight, .metadata.k, .sku]' '["Small",0,700,"v","KET-c-S"]'
    assert_json '[.product.variants[0].prices[] | [.currency_code, .amount]] | sort' '[["eur",2500],["usd",2900]]'
    assert_json '[.product.variants[0].options[].value]' '["Small"]'
    api GET "/store/products/$PROD?region_id=$EU"
    assert_json '.product.variants[0] | [.calculated_price, .inventory_quantity]' '[2500,0]'
    # out of stock and managed: the store refuses to sell it
    api POST /store/carts "{\"region_id\":\"$EU\"}"
    local cart
    cart=$(jqr .cart.id)
    api POST "/store/carts/$cart/line-items" "{\"variant_id\":\"$VS\",\"quantity\":1}"
    assert_status 400
    # metadata is merged, "" deletes a key; prices not given are kept
    adm POST "/admin/products/$PROD/variants/$VS" '{"metadata":{"k":"","n":1},"inventory_quantity":4}'
    assert_status 200
    assert_json '.product.variants[0] | [.metadata, .inventory_quantity]' '[{"n":1},4]'
    assert_json '[.product.variants[0].prices[] | .amount] | sort' '[2500,2900]'
    api POST "/store/carts/$cart/line-items" "{\"variant_id\":\"$VS\",\"quantity\":1}"
    assert_status 200
}

@test "variants: update errors as Medusa's" {
    kettle d
    local other
    other=$PROD
    kettle e
    adm POST "/admin/products/$PROD/variants/variant_nope" '{"title":"x"}'
    assert_medusa_error 404 not_found "Variant with id: variant_nope was not found"
    # a variant of another product is not this product's
    adm POST "/admin/products/$other/variants/$VS" '{"title":"x"}'
    assert_medusa_error 404 not_found "Variant with id: $VS was not found"
    adm POST "/admin/products/$PROD/variants/$VS" '{"options":[{"option_id":"opt_nope","value":"x"}]}'
    assert_medusa_error 404 not_found "Product option value not found"
    adm POST "/admin/products/$PROD/variants/$VS" '{"sku":"KET-d-S"}'
    assert_medusa_error 422 duplicate_error "Product_variant with sku KET-d-S already exists." invalid_request_error
    adm POST "/admin/products/$PROD/variants/$VS" '{"prices":[{"amount":1}],"id":"x"}'
    assert_medusa_error 400 invalid_data 'property id should not exist, Failed XOR relation between "region_id" and "currency_code"., Failed XOR relation between "currency_code" and "region_id".'
    adm POST "/admin/products/$PROD/variants/$VS?region_id=1&x=1" '{}'
    assert_medusa_error 400 invalid_data "property x should not exist"
    [ "$(q "SELECT title FROM product_variant WHERE id = '$VS'")" = S ]
}

@test "variants: delete answers the product without it; the store no longer sells it" {
    kettle f
    adm POST "/admin/products/$PROD/variants" '{"title":"L","prices":[{"currency_code":"eur","amount":1}],"options":[{"option_id":"'"$SIZE"'","value":"L"}]}'
    local vl
    vl=$(jqr '.product.variants[1].id')
    adm DELETE "/admin/products/$PROD/variants/$vl"
    assert_status 200
    assert_spec DELETE "/admin/products/$PROD/variants/$vl"
    assert_json '[.variant_id, .object, .deleted]' "[\"$vl\",\"product-variant\",true]"
    assert_json '[.product.variants[].title]' '["S"]'
    [ "$(q "SELECT deleted_at IS NOT NULL FROM product_variant WHERE id = '$vl'")" = 1 ]
    [ "$(q "SELECT count(*) FROM money_amount m JOIN product_variant_money_amount p ON p.money_amount_id = m.id WHERE p.variant_id = '$vl' AND m.deleted_at IS NULL")" = 0 ]
    api GET "/store/variants/$vl"
    assert_status 404
    # idempotent, and only the product's own variants
    adm DELETE "/admin/products/$PROD/variants/$vl"
    assert_status 200
    adm DELETE "/admin/products/prod_nope/variants/$VS"
    assert_medusa_error 404 not_found "Product with id: prod_nope was not found"
    [ "$(q "SELECT deleted_at IS NULL FROM product_variant WHERE id = '$VS'")" = 1 ]
}

@test "options: add gives every variant a Default Value; update renames; delete removes" {
    kettle g
    adm POST "/admin/products/$PROD/options" '{"title":"Color"}'
    assert_status 200
    assert_spec POST "/admin/products/$PROD/options"
    assert_json '[.product.options[].title]' '["Size","Color"]'
    assert_json '[.product.variants[0].options[].value]' '["S","Default Value"]'
    local color
    color=$(jqr '.product.options[1].id')
    adm POST "/admin/products/$PROD/options/$color" '{"title":"Colour"}'
    assert_status 200
    assert_spec POST "/admin/products/$PROD/options/$color"
    assert_json '[.product.options[].title]' '["Size","Colour"]'
    # every variant has the same value for it: it may go
    adm DELETE "/admin/products/$PROD/options/$color"
    assert_status 200
    assert_spec DELETE "/admin/products/$PROD/options/$color"
    assert_json '[.option_id, .object, .deleted, [.product.options[].title]]' "[\"$color\",\"option\",true,[\"Size\"]]"
    assert_json '[.product.variants[0].options[].value]' '["S"]'
    # an unknown option of a known product is fine
    adm DELETE "/admin/products/$PROD/options/opt_nope"
    assert_status 200
}

@test "options: errors as Medusa's" {
    kettle h
    adm POST "/admin/products/$PROD/options" '{"title":"Size"}'
    assert_medusa_error 422 duplicate_error "An option with the title: Size already exists" invalid_request_error
    adm POST /admin/products/prod_nope/options '{"title":"Fit"}'
    assert_medusa_error 404 not_found "Product with id: prod_nope was not found"
    adm POST "/admin/products/$PROD/options" '{"name":"Fit"}'
    assert_medusa_error 400 invalid_data "property name should not exist, title must be a string"
    adm POST "/admin/products/$PROD/options" '{"title":"Fit"}'
    local fit
    fit=$(jqr '.product.options[1].id')
    # renaming to another option's title in any case is Medusa's not_found
    adm POST "/admin/products/$PROD/options/$fit" '{"title":"size"}'
    assert_medusa_error 404 not_found "An option with title size already exists"
    adm POST "/admin/products/$PROD/options/opt_nope" '{"title":"Other"}'
    assert_medusa_error 404 not_found "Option with id: opt_nope does not exist"
    adm POST "/admin/products/prod_nope/options/$fit" '{"title":"Other"}'
    assert_medusa_error 404 not_found "Product with id: prod_nope was not found"
    # two variants with different values: deleting the option would make duplicates
    adm POST "/admin/products/$PROD/variants" '{"title":"M","prices":[],"options":[{"option_id":"'"$SIZE"'","value":"M"},{"option_id":"'"$fit"'","value":"Slim"}]}'
    assert_status 200
    adm DELETE "/admin/products/$PROD/options/$fit"
    assert_medusa_error 400 invalid_data "To delete an option, first delete all variants, such that when an option is deleted, no duplicate variants will exist."
    adm DELETE "/admin/products/prod_nope/options/$fit"
    assert_medusa_error 404 not_found "Product with id: prod_nope was not found"
    [ "$(q "SELECT count(*) FROM product_option WHERE product_id = '$PROD' AND deleted_at IS NULL")" = 2 ]
}

@test "product tags and types: the admin lists, q, value, paging and discount conditions" {
    adm POST /admin/products '{"title":"Tagged","tags":[{"value":"eco"},{"value":"economy"},{"value":"steel"}],"type":{"value":"Kitchen"}}'
    assert_status 200
    adm GET /admin/product-tags
    assert_status 200
    assert_spec GET /admin/product-tags
    assert_json '[.limit, .offset, .count]' '[10,0,3]'
    adm GET '/admin/product-tags?q=eco&order=value'
    assert_json '[.product_tags[].value]' '["eco","economy"]'
    adm GET '/admin/product-tags?value[]=steel&value[]=eco&order=-value'
    assert_json '[.product_tags[].value]' '["steel","eco"]'
    adm GET '/admin/product-tags?limit=1&offset=1&order=value'
    assert_json '[.product_tags[].value, .count, .limit]' '["economy",3,1]'
    adm GET /admin/product-types
    assert_status 200
    assert_spec GET /admin/product-types
    assert_json '[.limit, ([.product_types[].value] | index("Kitchen") != null)]' '[20,true]'
    adm GET '/admin/product-types?q=kitch'
    assert_json '[.product_types[].value]' '["Kitchen"]'
    adm GET '/admin/product-tags?color=red'
    assert_medusa_error 400 invalid_data "property color should not exist"
    # the tags of a discount condition
    local tag
    tag=$(q "SELECT id FROM product_tag WHERE value = 'steel'")
    adm POST /admin/discounts "{\"code\":\"STEEL\",\"rule\":{\"type\":\"percentage\",\"value\":5,\"allocation\":\"total\",\"conditions\":[{\"operator\":\"in\",\"product_tags\":[\"$tag\"]}]},\"regions\":[\"$EU\"]}"
    assert_status 200
    local cond
    cond=$(jqr '.discount.rule.conditions[0].id')
    adm GET "/admin/product-tags?discount_condition_id=$cond"
    assert_json '[.product_tags[].value]' '["steel"]'
}

@test "GET /admin/variants: q on title, sku and product, filters, paging, pricing context" {
    kettle i
    adm GET "/admin/variants?q=KET-i"
    assert_status 200
    assert_spec GET /admin/variants
    assert_json '[.variants[].sku, .count, .limit, .offset]' '["KET-i-S",1,20,0]'
    assert_json '.variants[0] | [.product.title, (.options | length), (.prices | length)]' '["Kettle i",1,1]'
    adm GET "/admin/variants?q=kettle%20i"
    assert_json '[.variants[].id]' "[\"$VS\"]"
    adm GET "/admin/variants?id[]=$VS&id[]=$TEE&order=created_at"
    assert_json '.count' 2
    adm GET "/admin/variants?title=S%20%2F%20Black&manage_inventory=true"
    assert_json '[.variants[].id]' "[\"$TEE\"]"
    adm GET "/admin/variants?q=KET-i&inventory_quantity[gt]=5"
    assert_json .count 0
    adm GET "/admin/variants?q=KET-i&allow_backorder=false&limit=1&offset=0"
    assert_json '[.count, .limit]' '[1,1]'
    # priced for a region when asked
    adm GET "/admin/variants?id=$VS&region_id=$EU"
    assert_json '.variants[0] | [.original_price, .calculated_price, .calculated_price_type]' '[3000,3000,"default"]'
    adm GET "/admin/variants/$VS"
    assert_status 200
    assert_spec GET "/admin/variants/$VS"
    assert_json '.variant | [.id, .product.id, .sku]' "[\"$VS\",\"$PROD\",\"KET-i-S\"]"
    adm GET "/admin/variants/$VS?fields=title"
    assert_json '.variant | [.title, .id, has("sku"), has("product"), has("calculated_price")]' "[\"S\",\"$VS\",false,true,true]"
    adm GET /admin/variants/variant_nope
    assert_medusa_error 404 not_found "Variant with id: variant_nope was not found"
    adm GET "/admin/variants?limit=x"
    assert_medusa_error 400 invalid_data "limit must be an integer number"
}

@test "GET /admin/products: the product edit page's queries (price lists aside, see 61)" {
    kettle j
    # the dashboard's list: expand without variants.prices gives every money amount, unpriced
    adm GET "/admin/products?id[]=$PROD&expand=variants,variants.prices"
    assert_status 200
    assert_spec GET /admin/products
    assert_json '.products[0].variants[0].prices | length' 1
    # admin category filter sees inactive categories too
    adm POST /admin/product-categories '{"name":"Hidden kettles","is_active":false}'
    local cat
    cat=$(jqr .product_category.id)
    adm POST "/admin/products/$PROD" "{\"categories\":[{\"id\":\"$cat\"}]}"
    adm GET "/admin/products?category_id[]=$cat"
    assert_json '[.products[].id]' "[\"$PROD\"]"
    api GET "/store/products?category_id[]=$cat"
    assert_json '.products | length' 0
    # deleted_at lists the deleted products only (buildQuery's withDeleted); the live ones never.
    adm GET '/admin/products?deleted_at[gt]=2000-01-01&fields=id'
    assert_status 200
    assert_json .count 0
    adm DELETE "/admin/products/$PROD"
    adm GET '/admin/products?deleted_at[gt]=2000-01-01&fields=id'
    assert_status 200
    assert_json '[.products[].id]' "[\"$PROD\"]"
    adm GET '/admin/products?deleted_at[lt]=2000-01-01&fields=id'
    assert_json .count 0
}
