#!/usr/bin/env bats
# 54-admin-shop.bats: a shop run through the Admin API alone (issue #7's "done when"): a region
# with its shipping option, a collection, a category and a product built by the admin, a discount
# and a gift card, a sale through the Store API that uses both, then capture, fulfilment and
# shipment, and an order edit the customer sees. No seed extensions: only the demo store's admin
# user. Also POST /admin/shipping-options on its own.

load helpers
load orders
load spec
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

# The story shares its ids between tests through this file.
save() { printf '%s=%q\n' "$1" "$2" >> "$BATS_FILE_TMPDIR/story"; }
restore() { [ -f "$BATS_FILE_TMPDIR/story" ] && . "$BATS_FILE_TMPDIR/story"; return 0; }

@test "admin shop 1: a region, its shipping option, a collection, a category and a product" {
    adm POST /admin/regions '{"name":"Nordics","currency_code":"eur","tax_rate":25,"payment_providers":["manual"],"fulfillment_providers":["manual"],"countries":["no","is"]}'
    assert_status 200
    local region
    region=$(jqr .region.id)
    assert_json .region.currency_code eur
    assert_json '.region.countries | map(.iso_2) | sort' '["is","no"]'
    save REGION "$region"
    adm POST /admin/shipping-options "{\"name\":\"Posten\",\"region_id\":\"$region\",\"provider_id\":\"manual\",\"data\":{},\"price_type\":\"flat_rate\",\"amount\":4900}"
    assert_status 200
    save SHIP "$(jqr .shipping_option.id)"
    adm POST /admin/collections '{"title":"Winter"}'
    assert_status 200
    local coll
    coll=$(jqr .collection.id)
    save COLL "$coll"
    adm POST /admin/product-categories '{"name":"Outerwear","is_active":true,"is_internal":false}'
    assert_status 200
    local cat
    cat=$(jqr .product_category.id)
    save CAT "$cat"
    adm POST /admin/products "{\"title\":\"Wool Jacket\",\"status\":\"published\",\"collection_id\":\"$coll\",\"categories\":[{\"id\":\"$cat\"}],\"tags\":[{\"value\":\"wool\"}],\"type\":{\"value\":\"jackets\"},\"options\":[{\"title\":\"Size\"}],\"variants\":[{\"title\":\"M\",\"sku\":\"WJ-M\",\"inventory_quantity\":5,\"manage_inventory\":true,\"prices\":[{\"region_id\":\"$region\",\"amount\":100000}],\"options\":[{\"value\":\"M\"}]},{\"title\":\"L\",\"sku\":\"WJ-L\",\"inventory_quantity\":3,\"manage_inventory\":true,\"prices\":[{\"currency_code\":\"eur\",\"amount\":110000}],\"options\":[{\"value\":\"L\"}]}]}"
    assert_status 200
    local product
    product=$(jqr .product.id)
    assert_json .product.handle wool-jacket
    save PRODUCT "$product"
    save VAR_M "$(jqr '.product.variants[] | select(.title == "M") | .id')"
    save VAR_L "$(jqr '.product.variants[] | select(.title == "L") | .id')"
    local created
    created=$(printf '%s' "$body" | jq -c .product)
    # Read back as it was answered.
    adm GET "/admin/products/$product"
    assert_status 200
    assert_spec GET "/admin/products/$product"
    [ "$(printf '%s' "$body" | jq -c .product)" = "$created" ]
    # The admin's list: every status, Medusa's filters, 50 a page.
    adm POST /admin/products '{"title":"Draft Scarf"}'
    assert_status 200
    assert_json .product.status draft
    adm GET "/admin/products?q=wool"
    assert_status 200
    assert_spec GET "/admin/products?q=wool"
    assert_json '[.products[].id]' "[\"$product\"]"
    assert_json '[.count, .offset, .limit]' '[1,0,50]'
    adm GET "/admin/products?status[]=draft&limit=100"
    assert_json '[.products[].title]' '["Draft Scarf"]'
    adm GET "/admin/products?collection_id[]=$coll&status[]=published"
    assert_json '[.products[].id]' "[\"$product\"]"
    adm GET "/admin/products?status[]=sold"
    assert_medusa_error 400 invalid_data "each value in status must be one of the following values: draft, proposed, published, rejected"
    adm GET "/admin/products/prod_nope"
    assert_medusa_error 404 not_found "Product with id: prod_nope was not found"
    adm GET "/admin/regions/$region"
    assert_status 200
    assert_json .region.name Nordics
    # The storefront sees it at once, priced in the region, searchable, in its collection and category.
    api GET "/store/products/$product?region_id=$region"
    assert_status 200
    assert_json '.product.variants | map(.calculated_price) | sort' '[100000,110000]'
    assert_json .product.collection.title Winter
    api POST /store/products/search '{"q":"wool"}'
    assert_json "[.hits[] | select(.id == \"$product\")] | length" 1
    api GET "/store/products?collection_id[]=$coll"
    assert_json '[.products[].id]' "[\"$product\"]"
    api GET "/store/products?category_id[]=$cat"
    assert_json '[.products[].id]' "[\"$product\"]"
}

@test "admin shop 2: a discount and a gift card, used in a checkout through the Store API" {
    restore
    adm POST /admin/discounts "{\"code\":\"winter10\",\"rule\":{\"type\":\"percentage\",\"value\":10,\"allocation\":\"total\"},\"regions\":[\"$REGION\"]}"
    assert_status 200
    assert_json .discount.code WINTER10
    adm POST /admin/gift-cards "{\"region_id\":\"$REGION\",\"value\":20000}"
    assert_status 200
    local gc
    gc=$(jqr .gift_card.code)
    [[ "$gc" =~ ^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$ ]]
    assert_json .gift_card.balance 20000
    api POST /store/carts "{\"region_id\":\"$REGION\"}"
    assert_status 200
    local cart
    cart=$(jqr .cart.id)
    api POST "/store/carts/$cart/line-items" "{\"variant_id\":\"$VAR_M\",\"quantity\":1}"
    assert_status 200
    api POST "/store/carts/$cart" '{"email":"nora@example.com","shipping_address":{"first_name":"Nora","last_name":"N","address_1":"Karl Johans gate 1","city":"Oslo","postal_code":"0154","country_code":"no"}}'
    assert_status 200
    api POST "/store/carts/$cart" "{\"discounts\":[{\"code\":\"WINTER10\"}],\"gift_cards\":[{\"code\":\"$gc\"}]}"
    assert_status 200
    assert_json .cart.discount_total 10000
    assert_json .cart.gift_card_total 20000
    api POST "/store/carts/$cart/shipping-methods" "{\"option_id\":\"$SHIP\"}"
    assert_status 200
    assert_json .cart.shipping_total 4900
    # checkout.md §5.5: tax 25 % of (100000 - 10000) and of 4900; the gift card (tax rate 25 from
    # the region, gift cards taxable) pays 20000 and its tax 5000.
    assert_json .cart.tax_total 23725
    assert_json .cart.gift_card_tax_total 5000
    assert_json .cart.total 93625
    api POST "/store/carts/$cart/payment-sessions"
    assert_status 200
    api POST "/store/carts/$cart/complete"
    assert_status 200
    assert_json .type order
    assert_json .data.total 93625
    save ORDER "$(jqr .data.id)"
    save ITEM "$(jqr .data.items[0].id)"
    [ "$(sql "SELECT inventory_quantity FROM product_variant WHERE id = '$VAR_M'")" = 4 ]
    api GET "/store/gift-cards/$gc"
    assert_status 200
    assert_json .gift_card.balance 0
}

@test "admin shop 2b: the shop reads back what it made, one by one and in pages" {
    restore
    local path
    adm GET "/admin/regions?q=nordic"
    assert_status 200
    assert_spec GET "/admin/regions?q=nordic"
    assert_json '[.regions[].id]' "[\"$REGION\"]"
    assert_json '[.count, .offset, .limit]' '[1,0,50]'
    adm GET "/admin/collections?q=winter"
    assert_spec GET "/admin/collections?q=winter"
    assert_json '[.collections[].id]' "[\"$COLL\"]"
    adm GET "/admin/collections/$COLL"
    assert_status 200
    assert_spec GET "/admin/collections/$COLL"
    assert_json .collection.title Winter
    adm GET "/admin/product-categories?q=outer"
    assert_spec GET "/admin/product-categories?q=outer"
    assert_json '[.product_categories[].id]' "[\"$CAT\"]"
    adm GET "/admin/product-categories/$CAT"
    assert_spec GET "/admin/product-categories/$CAT"
    assert_json .product_category.name Outerwear
    adm GET "/admin/shipping-options"
    assert_spec GET "/admin/shipping-options"
    assert_json "[.shipping_options[] | select(.id == \"$SHIP\") | .amount]" '[4900]'
    adm GET "/admin/shipping-options/$SHIP"
    assert_spec GET "/admin/shipping-options/$SHIP"
    assert_json .shipping_option.region.id "$REGION"
    adm GET "/admin/discounts?q=winter"
    assert_spec GET "/admin/discounts?q=winter"
    assert_json '[.discounts[].code]' '["WINTER10"]'
    adm GET "/admin/discounts/$(jqr '.discounts[0].id')"
    assert_json .discount.rule.value 10
    adm GET "/admin/gift-cards?limit=1"
    assert_spec GET "/admin/gift-cards?limit=1"
    assert_json '[(.gift_cards | length), .limit]' '[1,1]'
    adm GET "/admin/gift-cards/$(jqr '.gift_cards[0].id')"
    assert_status 200
    adm GET /admin/return-reasons
    assert_status 200
    assert_json '.return_reasons | type' array
    # The guest who bought, found by any part of the e-mail or name.
    adm GET "/admin/customers?q=NORA"
    assert_status 200
    assert_spec GET "/admin/customers?q=NORA"
    assert_json '[.customers[].email]' '["nora@example.com"]'
    assert_json '.customers[0] | has("orders")' false
    adm GET "/admin/customers/$(jqr '.customers[0].id')"
    assert_status 200
    assert_spec GET "/admin/customers/$(jqr '.customer.id')"
    assert_json '[.customer.email, (.customer.orders | length), (.customer | has("password_hash"))]' '["nora@example.com",1,false]'
    adm GET "/admin/customers?q=nobody-at-all"
    assert_json .count 0
    # Medusa's 404s and its 400 for a parameter the list does not know.
    for path in collections/pcol_nope product-categories/pcat_nope shipping-options/so_nope \
        discounts/disc_nope gift-cards/gift_nope customers/cus_nope; do
        adm GET "/admin/$path"
        assert_status 404
        assert_json .type not_found
    done
    # Medusa's own words: ShippingOptionService names the bare id.
    adm GET /admin/shipping-options/so_nope
    assert_medusa_error 404 not_found "Shipping Option with so_nope was not found"
    adm GET /admin/gift-cards/gift_nope
    assert_medusa_error 404 not_found "Gift card with id: gift_nope was not found"
    # AdminGetShippingOptionsParams declares q (the name), but no provider_id.
    adm GET "/admin/shipping-options?provider_id=x"
    assert_medusa_error 400 invalid_data "property provider_id should not exist"
    adm GET "/admin/discounts?limit=x"
    assert_status 400
}

@test "admin shop 3: capture, fulfil and ship the order" {
    restore
    adm POST "/admin/orders/$ORDER/capture"
    assert_status 200
    assert_json .order.payment_status captured
    adm POST "/admin/orders/$ORDER/fulfillment" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    assert_status 200
    assert_json .order.fulfillment_status fulfilled
    local ful
    ful=$(jqr '.order.fulfillments[0].id')
    [[ "$ful" == ful_* ]]
    adm POST "/admin/orders/$ORDER/shipment" "{\"fulfillment_id\":\"$ful\",\"tracking_numbers\":[\"TRACK-1\"]}"
    assert_status 200
    assert_json .order.fulfillment_status shipped
    api GET "/store/orders/$ORDER"
    assert_status 200
    assert_json .order.payment_status captured
    assert_json .order.fulfillment_status shipped
    # The shop's own reads: the order, and the list under Medusa's filters.
    adm GET "/admin/orders/$ORDER"
    assert_status 200
    assert_spec GET "/admin/orders/$ORDER"
    assert_json '[.order.id, .order.payment_status, .order.fulfillment_status, .order.total]' "[\"$ORDER\",\"captured\",\"shipped\",93625]"
    adm GET "/admin/orders?limit=5"
    assert_status 200
    assert_spec GET "/admin/orders?limit=5"
    assert_json '[.limit, .offset, (.count >= 1), (.orders | length <= 5)]' '[5,0,true,true]'
    adm GET "/admin/orders?payment_status[]=captured&email=nora@example.com"
    assert_json '[.orders[].id]' "[\"$ORDER\"]"
    adm GET "/admin/orders?payment_status[]=refunded&email=nora@example.com"
    assert_json '.count' 0
    adm GET "/admin/orders?colour=red"
    assert_medusa_error 400 invalid_data "property colour should not exist"
}

@test "admin shop 4: an order edit the customer sees, with what is due" {
    restore
    adm POST /admin/order-edits "{\"order_id\":\"$ORDER\",\"internal_note\":\"one more\"}"
    assert_status 200
    local edit
    edit=$(jqr .order_edit.id)
    adm POST "/admin/order-edits/$edit/items" "{\"variant_id\":\"$VAR_L\",\"quantity\":1}"
    assert_status 200
    adm POST "/admin/order-edits/$edit/request"
    assert_status 200
    assert_json .order_edit.status requested
    api GET "/store/order-edits/$edit"
    assert_status 200
    assert_json .order_edit.status requested
    assert_json '.order_edit.items | length' 2
    assert_json '.order_edit.difference_due > 0' true
    assert_json '.order_edit.payment_collection.amount == .order_edit.difference_due' true
}

@test "admin shop 5: every admin route of the story refuses anonymous callers and customers" {
    restore
    customer_credentials
    assert_admin_only POST /admin/regions '{"name":"X","currency_code":"eur","tax_rate":0,"payment_providers":[],"fulfillment_providers":[],"countries":[]}'
    assert_admin_only POST /admin/collections '{"title":"X"}'
    assert_admin_only POST /admin/product-categories '{"name":"X"}'
    assert_admin_only POST /admin/products '{"title":"X"}'
    assert_admin_only POST /admin/discounts '{"code":"X"}'
    assert_admin_only POST /admin/gift-cards '{"region_id":"x","value":1}'
    assert_admin_only POST "/admin/orders/$ORDER/capture"
    assert_admin_only GET /admin/orders
    assert_admin_only GET "/admin/orders/$ORDER"
    assert_admin_only GET "/admin/products/$PRODUCT"
    assert_admin_only GET /admin/products
    local path
    for path in regions collections product-categories shipping-options discounts gift-cards \
        return-reasons customers; do
        assert_admin_only GET "/admin/$path"
    done
    assert_admin_only GET "/admin/regions/$REGION"
    assert_admin_only POST "/admin/orders/$ORDER/fulfillment" '{"items":[]}'
    assert_admin_only POST "/admin/orders/$ORDER/shipment" '{"fulfillment_id":"x"}'
    assert_admin_only POST /admin/order-edits "{\"order_id\":\"$ORDER\"}"
    [ "$(sql "SELECT count(*) FROM region WHERE name = 'X'")" = 0 ]
    [ "$(sql "SELECT count(*) FROM product WHERE title = 'X'")" = 0 ]
}
