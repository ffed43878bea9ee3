#!/usr/bin/env bats
# 62-admin-discounts.bats: the rest of the Admin API's discounts and gift cards (issue #14; Medusa
# v1's update-discount.ts ... delete-resources-from-condition-batch.ts, DiscountService,
# DiscountConditionService; update-gift-card.ts, delete-gift-card.ts), and what a cart then gets.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack
    checkout_vars
    NA=$(q "SELECT id FROM region WHERE name = 'NA'")
    TEE_PRODUCT=$(q "SELECT product_id FROM product_variant WHERE id = '$TEE'")
    MUG=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 'coffee-mug' LIMIT 1")
    MUG_PRODUCT=$(q "SELECT product_id FROM product_variant WHERE id = '$MUG'")
    export NA TEE_PRODUCT MUG MUG_PRODUCT
}

teardown_file() {
    stop_stack
}

setup() {
    admin_login
}

# discount CODE [RULE_JSON]: a 10 % EU discount; sets DISC and RULE.
discount() {
    adm POST /admin/discounts "{\"code\":\"$1\",\"rule\":${2:-{\"type\":\"percentage\",\"value\":10,\"allocation\":\"total\"\}},\"regions\":[\"$EU\"]}"
    assert_status 200
    DISC=$(jqr .discount.id)
    RULE=$(jqr .discount.rule_id)
}

# cart_with VARIANT CODE: an EU cart of 2 x VARIANT; POSTs the code; leaves the cart answer.
cart_with() {
    api POST /store/carts "{\"region_id\":\"$EU\"}"
    CART=$(jqr .cart.id)
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$1\",\"quantity\":2}"
    api POST "/store/carts/$CART" "{\"discounts\":[{\"code\":\"$2\"}]}"
}

@test "admin discounts: every new route refuses anonymous callers and customers" {
    customer_credentials
    assert_admin_only POST /admin/discounts/disc_x '{"code":"x"}'
    assert_admin_only DELETE /admin/discounts/disc_x
    assert_admin_only GET /admin/discounts/code/X
    assert_admin_only POST /admin/discounts/disc_x/regions/reg_x
    assert_admin_only DELETE /admin/discounts/disc_x/regions/reg_x
    assert_admin_only POST /admin/discounts/disc_x/dynamic-codes '{"code":"x"}'
    assert_admin_only DELETE /admin/discounts/disc_x/dynamic-codes/X
    assert_admin_only POST /admin/discounts/disc_x/conditions '{"operator":"in","products":["x"]}'
    assert_admin_only GET /admin/discounts/disc_x/conditions/discon_x
    assert_admin_only POST /admin/discounts/disc_x/conditions/discon_x '{"products":["x"]}'
    assert_admin_only DELETE /admin/discounts/disc_x/conditions/discon_x
    assert_admin_only POST /admin/discounts/disc_x/conditions/discon_x/batch '{"resources":[]}'
    assert_admin_only DELETE /admin/discounts/disc_x/conditions/discon_x/batch '{"resources":[]}'
    assert_admin_only POST /admin/gift-cards/gift_x '{"balance":1}'
    assert_admin_only DELETE /admin/gift-cards/gift_x
}

@test "discounts: update code, rule, dates, limits, metadata and regions; the cart follows" {
    discount SUMMER10
    adm POST "/admin/discounts/$DISC" "{\"code\":\"summer20\",\"rule\":{\"id\":\"$RULE\",\"value\":20,\"description\":\"twenty\"},\"usage_limit\":5,\"ends_at\":\"2099-01-01T00:00:00Z\",\"metadata\":{\"c\":\"x\"},\"regions\":[\"$EU\",\"$NA\"]}"
    assert_status 200
    assert_spec POST "/admin/discounts/$DISC"
    assert_json '.discount | [.code, .rule.value, .rule.description, .usage_limit, .ends_at, .metadata.c, ([.regions[].name] | sort)]' '["SUMMER20",20,"twenty",5,"2099-01-01T00:00:00.000Z","x",["EU","NA"]]'
    cart_with "$TEE" summer20
    assert_status 200
    local sub
    sub=$(jqr .cart.subtotal)
    assert_json .cart.discount_total "$(( (sub * 20 + 50) / 100 ))"
    # disabled: refused by the cart
    adm POST "/admin/discounts/$DISC" '{"is_disabled":true,"usage_limit":null,"ends_at":null}'
    assert_json '.discount | [.is_disabled, .usage_limit, .ends_at]' '[true,null,null]'
    cart_with "$TEE" SUMMER20
    assert_medusa_error 400 not_allowed "The discount code SUMMER20 is disabled"
    # expand from the query, as the details page asks
    adm POST "/admin/discounts/$DISC?expand=rule,rule.conditions,regions" '{"is_disabled":false}'
    assert_json '.discount | [.is_disabled, has("parent_discount")]' '[false,false]'
}

@test "discounts: update errors as Medusa's, nothing written" {
    discount FIXED5 '{"type":"fixed","value":500,"allocation":"total"}'
    adm POST /admin/discounts/disc_nope '{"code":"X"}'
    assert_medusa_error 404 not_found "Discount with id disc_nope was not found"
    adm POST "/admin/discounts/$DISC" "{\"regions\":[\"$EU\",\"$NA\"]}"
    assert_medusa_error 400 invalid_data "Fixed discounts can have one region"
    adm POST "/admin/discounts/$DISC" '{"ends_at":"2001-01-01T00:00:00Z"}'
    assert_medusa_error 400 invalid_data '"ends_at" must be greater than "starts_at"'
    adm POST "/admin/discounts/$DISC" '{"regions":["reg_nope"]}'
    assert_medusa_error 404 not_found "Region with reg_nope was not found"
    discount PCT '{"type":"percentage","value":10,"allocation":"total"}'
    adm POST "/admin/discounts/$DISC" "{\"rule\":{\"id\":\"$RULE\",\"value\":150}}"
    assert_medusa_error 400 invalid_data "Discount value above 100 is not allowed when type is percentage"
    adm POST "/admin/discounts/$DISC" '{"code":"fixed5"}'
    assert_medusa_error 422 duplicate_error "Discount with code FIXED5 already exists." invalid_request_error
    adm POST "/admin/discounts/$DISC" '{"code":1,"rule":{"value":"x","allocation":"half"},"is_disabled":"no","usage_limit":-1,"valid_duration":"1 day","regions":"x","extra":1}'
    assert_medusa_error 400 invalid_data 'property extra should not exist, code must be a string, id should not be empty, id must be a string, value must be a number conforming to the specified constraints, Invalid allocation type, must be one of "total" or "item", is_disabled must be a boolean value, "valid_duration" must be a valid ISO 8601 duration, usage_limit must be a positive number, regions must be an array'
    adm POST "/admin/discounts/$DISC" '{"starts_at":"2030-01-01","ends_at":"2029-01-01"}'
    assert_medusa_error 400 invalid_data '"ends_at" must be greater than "starts_at"'
    # Ours (issue #12): values and limits are whole numbers within Medusa's integer columns, and
    # no discount is a surcharge.
    adm POST "/admin/discounts/$DISC" "{\"rule\":{\"id\":\"$RULE\",\"value\":-10}}"
    assert_medusa_error 400 invalid_data "value must not be less than 0"
    adm POST "/admin/discounts/$DISC" "{\"rule\":{\"id\":\"$RULE\",\"value\":7.5},\"usage_limit\":2.5}"
    assert_medusa_error 400 invalid_data "value must be an integer number, usage_limit must be an integer number"
    adm POST "/admin/discounts/$DISC" '{"usage_limit":1e12}'
    assert_medusa_error 400 invalid_data "usage_limit must not be greater than 2147483647"
    adm POST /admin/discounts "{\"code\":\"HUGE\",\"rule\":{\"type\":\"fixed\",\"value\":1e300,\"allocation\":\"total\"},\"regions\":[\"$EU\"]}"
    assert_medusa_error 400 invalid_data "value must not be greater than 2147483647"
    adm POST /admin/discounts "{\"code\":\"NEG\",\"rule\":{\"type\":\"fixed\",\"value\":-500,\"allocation\":\"total\"},\"regions\":[\"$EU\"],\"usage_limit\":0.5}"
    assert_medusa_error 400 invalid_data "value must not be less than 0, usage_limit must be an integer number"
    [ "$(q "SELECT count(*) FROM discount WHERE code IN ('HUGE', 'NEG')")" = 0 ]
    [ "$(q "SELECT value FROM discount_rule WHERE id = '$RULE'")" = 10 ]
    [ "$(q "SELECT code FROM discount WHERE id = '$DISC'")" = PCT ]
}

@test "discounts: delete is soft and idempotent; the code is free again and the cart refuses it" {
    discount GONE10
    adm DELETE "/admin/discounts/$DISC"
    assert_status 200
    assert_spec DELETE "/admin/discounts/$DISC"
    assert_json '[.id, .object, .deleted]' "[\"$DISC\",\"discount\",true]"
    [ "$(q "SELECT deleted_at IS NOT NULL FROM discount WHERE id = '$DISC'")" = 1 ]
    adm GET "/admin/discounts/$DISC"
    assert_medusa_error 404 not_found "Discount with id $DISC was not found"
    cart_with "$TEE" GONE10
    assert_status 404
    adm DELETE "/admin/discounts/$DISC"
    assert_status 200
    discount GONE10
    [ "$(q "SELECT count(*) FROM discount WHERE code = 'GONE10'")" = 2 ]
}

@test "discounts: regions added and removed; a cart in a removed region is refused" {
    discount REG10
    adm POST "/admin/discounts/$DISC/regions/$NA"
    assert_status 200
    assert_spec POST "/admin/discounts/$DISC/regions/$NA"
    assert_json '[.discount.regions[].name] | sort' '["EU","NA"]'
    adm POST "/admin/discounts/$DISC/regions/$NA"
    assert_json '.discount.regions | length' 2
    adm DELETE "/admin/discounts/$DISC/regions/$EU"
    assert_status 200
    assert_spec DELETE "/admin/discounts/$DISC/regions/$EU"
    assert_json '[.discount.regions[].name]' '["NA"]'
    cart_with "$TEE" REG10
    assert_medusa_error 400 invalid_data "The discount is not available in current region"
    adm DELETE "/admin/discounts/$DISC/regions/$EU"
    assert_status 200
    adm POST "/admin/discounts/$DISC/regions/reg_nope"
    assert_medusa_error 404 not_found "Region with reg_nope was not found"
    adm POST "/admin/discounts/disc_nope/regions/$EU"
    assert_medusa_error 404 not_found "Discount with id disc_nope was not found"
    discount FIX1 '{"type":"fixed","value":100,"allocation":"total"}'
    adm POST "/admin/discounts/$DISC/regions/$NA"
    assert_medusa_error 400 invalid_data "Fixed discounts can have one region"
}

@test "discounts: dynamic codes inherit the rule, limit and regions; deleted codes stop working" {
    adm POST /admin/discounts "{\"code\":\"DYN\",\"is_dynamic\":true,\"usage_limit\":3,\"valid_duration\":\"P2D\",\"rule\":{\"type\":\"percentage\",\"value\":25,\"allocation\":\"total\"},\"regions\":[\"$EU\"]}"
    local parent
    parent=$(jqr .discount.id)
    adm POST "/admin/discounts/$parent/dynamic-codes" '{"code":"dyn-alice","usage_limit":99,"metadata":{"for":"alice"}}'
    assert_status 200
    assert_spec POST "/admin/discounts/$parent/dynamic-codes"
    assert_json '.discount | [.code, .is_dynamic, .usage_limit, .parent_discount.id, .metadata.for, .rule.value]' "[\"DYN-ALICE\",true,3,\"$parent\",\"alice\",25]"
    local ends
    ends=$(jqr .discount.ends_at)
    # valid for the parent's duration from now
    [ "$(q "SELECT CAST(round((CAST(strftime('%s', '$ends') AS INTEGER) - CAST(strftime('%s', 'now') AS INTEGER)) / 86400.0) AS INTEGER)")" = 2 ]
    cart_with "$TEE" DYN-ALICE
    assert_status 200
    assert_json '.cart.discounts[0].code' DYN-ALICE
    adm GET '/admin/discounts?is_dynamic=true&q=dyn'
    assert_json '[.discounts[].code] | sort' '["DYN","DYN-ALICE"]'
    adm DELETE "/admin/discounts/$parent/dynamic-codes/DYN-ALICE"
    assert_status 200
    assert_spec DELETE "/admin/discounts/$parent/dynamic-codes/DYN-ALICE"
    assert_json .discount.id "$parent"
    cart_with "$TEE" DYN-ALICE
    assert_status 404
    discount STATIC
    adm POST "/admin/discounts/$DISC/dynamic-codes" '{"code":"x"}'
    assert_medusa_error 400 not_allowed "Discount must be set to dynamic"
    adm POST "/admin/discounts/$parent/dynamic-codes" '{"code":""}'
    assert_medusa_error 400 invalid_data "code should not be empty"
    adm POST "/admin/discounts/$parent/dynamic-codes" '{"code":"static"}'
    assert_medusa_error 422 duplicate_error "Discount with code STATIC already exists." invalid_request_error
    adm POST /admin/discounts/disc_nope/dynamic-codes '{"code":"x"}'
    assert_medusa_error 404 not_found "Discount with id disc_nope was not found"
}

@test "discounts: by code (trimmed, any case) and the list's filters" {
    discount LOOKUP15
    adm GET "/admin/discounts/code/%20lookup15%20"
    assert_status 200
    assert_spec GET /admin/discounts/code/LOOKUP15
    assert_json .discount.id "$DISC"
    adm GET /admin/discounts/code/NOPE
    assert_medusa_error 404 not_found "Discounts with code NOPE was not found"
    adm POST "/admin/discounts/$DISC" '{"is_disabled":true}'
    adm GET '/admin/discounts?is_dynamic=false&is_disabled=true&expand=rule,rule.conditions,rule.conditions.products,regions'
    assert_status 200
    assert_spec GET /admin/discounts
    assert_json '[.discounts[].code]' '["LOOKUP15"]'
    assert_json '.discounts[0] | [.rule.conditions, [.regions[].name]]' '[[],["EU"]]'
    adm GET '/admin/discounts?rule[type]=percentage&q=lookup'
    assert_json '.count' 1
    adm GET '/admin/discounts?rule[type]=bogus'
    assert_medusa_error 400 invalid_data "type must be one of the following values: fixed, percentage, free_shipping"
    adm GET "/admin/discounts/$DISC?fields=code"
    assert_json '.discount | [.code, has("usage_limit")]' '["LOOKUP15",false]'
}

@test "conditions: create, read with resources, replace, batch add/remove, delete; the cart follows" {
    discount COND10
    adm POST "/admin/discounts/$DISC/conditions" "{\"operator\":\"in\",\"products\":[\"$TEE_PRODUCT\"]}"
    assert_status 200
    assert_spec POST "/admin/discounts/$DISC/conditions"
    assert_json '[.discount.rule.conditions[] | [.type, .operator]]' '[["products","in"]]'
    local cond
    cond=$(jqr '.discount.rule.conditions[0].id')
    adm GET "/admin/discounts/$DISC/conditions/$cond?expand=product_collections,product_tags,product_types,customer_groups,products"
    assert_status 200
    assert_spec GET "/admin/discounts/$DISC/conditions/$cond"
    assert_json '.discount_condition | [.type, [.products[].id], .product_tags]' "[\"products\",[\"$TEE_PRODUCT\"],[]]"
    adm GET "/admin/discounts/$DISC/conditions/$cond"
    assert_json '.discount_condition | [.discount_rule.id, has("products")]' "[\"$RULE\",false]"
    # the tee qualifies, the mug does not
    cart_with "$TEE" COND10
    assert_json '[.cart.discount_total > 0]' '[true]'
    cart_with "$MUG" COND10
    assert_json .cart.discount_total 0
    # the products the condition lists (the dashboard's table)
    adm GET "/admin/products?discount_condition_id=$cond"
    assert_json '[.products[].id]' "[\"$TEE_PRODUCT\"]"
    # batch: add the mug, remove the tee
    adm POST "/admin/discounts/$DISC/conditions/$cond/batch" "{\"resources\":[{\"id\":\"$MUG_PRODUCT\"}]}"
    assert_status 200
    assert_spec POST "/admin/discounts/$DISC/conditions/$cond/batch"
    adm DELETE "/admin/discounts/$DISC/conditions/$cond/batch" "{\"resources\":[{\"id\":\"$TEE_PRODUCT\"}]}"
    assert_status 200
    assert_spec DELETE "/admin/discounts/$DISC/conditions/$cond/batch"
    adm GET "/admin/discounts/$DISC/conditions/$cond?expand=products"
    assert_json '[.discount_condition.products[].id]' "[\"$MUG_PRODUCT\"]"
    cart_with "$TEE" COND10
    assert_json .cart.discount_total 0
    # update replaces the resources
    adm POST "/admin/discounts/$DISC/conditions/$cond" "{\"products\":[\"$TEE_PRODUCT\"]}"
    assert_status 200
    assert_spec POST "/admin/discounts/$DISC/conditions/$cond"
    adm GET "/admin/discounts/$DISC/conditions/$cond?expand=products"
    assert_json '[.discount_condition.products[].id]' "[\"$TEE_PRODUCT\"]"
    # a not_in condition through the discount update, then deleted
    adm POST "/admin/discounts/$DISC" "{\"rule\":{\"id\":\"$RULE\",\"conditions\":[{\"id\":\"$cond\",\"operator\":\"not_in\",\"products\":[\"$TEE_PRODUCT\"]}]}}"
    assert_status 200
    assert_json '[.discount.rule.conditions[].operator]' '["not_in"]'
    cart_with "$TEE" COND10
    assert_json .cart.discount_total 0
    cart_with "$MUG" COND10
    assert_json '[.cart.discount_total > 0]' '[true]'
    adm DELETE "/admin/discounts/$DISC/conditions/$cond"
    assert_status 200
    assert_spec DELETE "/admin/discounts/$DISC/conditions/$cond"
    assert_json '[.id, .object, .deleted, .discount.rule.conditions]' "[\"$cond\",\"discount-condition\",true,[]]"
    cart_with "$TEE" COND10
    assert_json '[.cart.discount_total > 0]' '[true]'
    # idempotent
    adm DELETE "/admin/discounts/$DISC/conditions/$cond"
    assert_status 200
}

@test "conditions: customer groups and collections; errors as Medusa's" {
    discount GRP10
    adm POST /admin/customer-groups '{"name":"Cond group"}'
    local g
    g=$(jqr .customer_group.id)
    adm POST "/admin/discounts/$DISC/conditions" "{\"operator\":\"in\",\"customer_groups\":[\"$g\"]}"
    assert_status 200
    local cond
    cond=$(jqr '.discount.rule.conditions[0].id')
    adm GET "/admin/customer-groups?discount_condition_id=$cond"
    assert_json '[.customer_groups[].id]' "[\"$g\"]"
    # a guest cart cannot use it
    cart_with "$TEE" GRP10
    assert_medusa_error 400 not_allowed "Discount GRP10 is only valid for specific customer"
    adm POST "/admin/discounts/$DISC/conditions" "{\"operator\":\"in\",\"customer_groups\":[\"$g\"]}"
    assert_medusa_error 422 duplicate_error "Discount Condition with operator 'in' and type 'customer_groups' already exist on a Discount Rule" invalid_request_error
    adm POST "/admin/discounts/$DISC/conditions" '{"operator":"in","products":["prod_nope"]}'
    assert_medusa_error 404 not_found "Product with product_id prod_nope does not exist."
    adm POST "/admin/discounts/$DISC/conditions" '{"operator":"in","products":[]}'
    assert_medusa_error 400 invalid_data "Missing one of products, collections, tags, types or customer groups in data"
    adm POST "/admin/discounts/$DISC/conditions" '{"products":["a"],"product_tags":["b"]}'
    assert_medusa_error 400 invalid_data "Only one of products, product_tags is allowed, Only one of product_tags, products is allowed, operator must be a string"
    adm POST /admin/discounts/disc_nope/conditions '{"operator":"in","products":["x"]}'
    assert_medusa_error 404 not_found "Discount with id disc_nope was not found"
    adm GET "/admin/discounts/$DISC/conditions/discon_nope"
    assert_medusa_error 404 not_found "DiscountCondition with id discon_nope was not found"
    discount OTHER10
    adm GET "/admin/discounts/$DISC/conditions/$cond"
    assert_medusa_error 400 invalid_data "Condition with id $cond does not belong to Discount with id $DISC"
    adm POST "/admin/discounts/$DISC/conditions/$cond/batch" '{"resources":[]}'
    assert_medusa_error 400 invalid_data "Condition with id $cond does not belong to Discount with id $DISC"
    adm DELETE "/admin/discounts/$DISC/conditions/$cond"
    assert_medusa_error 404 not_found "Condition with id $cond does not belong to Discount with id $DISC"
    adm POST "/admin/discounts/$DISC/conditions/$cond" '{"operator":"in"}'
    assert_medusa_error 400 invalid_data "Condition with id $cond does not belong to Discount with id $DISC"
    local grp
    grp=$(q "SELECT d.id FROM discount d WHERE d.code = 'GRP10'")
    adm POST "/admin/discounts/$grp/conditions/$cond" '{"operator":"not_in"}'
    assert_medusa_error 400 invalid_data "property operator should not exist"
    adm POST "/admin/discounts/$grp/conditions/$cond/batch" '{"resources":[]}'
    assert_medusa_error 400 invalid_data "Missing one of products, collections, tags, types or customer groups in data"
    adm POST "/admin/discounts/$grp/conditions/$cond/batch" '{"resources":"x"}'
    assert_medusa_error 400 invalid_data "resources must be an array"
    [ "$(q "SELECT count(*) FROM discount_condition_customer_group WHERE condition_id = '$cond'")" = 1 ]
}

@test "gift cards: update balance, region, end and state; delete; the store follows" {
    adm POST /admin/gift-cards "{\"value\":5000,\"region_id\":\"$EU\"}"
    local id code
    id=$(jqr .gift_card.id)
    code=$(jqr .gift_card.code)
    adm POST "/admin/gift-cards/$id" "{\"balance\":1200,\"region_id\":\"$NA\",\"ends_at\":\"2099-05-01T00:00:00Z\",\"metadata\":{\"note\":\"vip\"}}"
    assert_status 200
    assert_spec POST "/admin/gift-cards/$id"
    assert_json '.gift_card | [.value, .balance, .region.name, .ends_at, .metadata.note, .is_disabled]' '[5000,1200,"NA","2099-05-01T00:00:00.000Z","vip",false]'
    api GET "/store/gift-cards/$code"
    assert_json '.gift_card | [.balance, .region.name]' '[1200,"NA"]'
    # back in the EU, a cart takes it; disabled, the cart refuses it
    adm POST "/admin/gift-cards/$id" "{\"region_id\":\"$EU\"}"
    api POST /store/carts "{\"region_id\":\"$EU\"}"
    CART=$(jqr .cart.id)
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    api POST "/store/carts/$CART" "{\"gift_cards\":[{\"code\":\"$code\"}]}"
    assert_status 200
    assert_json '.cart.gift_card_total' 1200
    adm POST "/admin/gift-cards/$id" '{"is_disabled":true,"ends_at":null}'
    assert_json '.gift_card | [.is_disabled, .ends_at]' '[true,null]'
    api POST /store/carts "{\"region_id\":\"$EU\"}"
    CART=$(jqr .cart.id)
    api POST "/store/carts/$CART" "{\"gift_cards\":[{\"code\":\"$code\"}]}"
    assert_medusa_error 400 not_allowed "The gift card is disabled"
    adm POST "/admin/gift-cards/$id" '{"balance":5001}'
    assert_medusa_error 400 invalid_data "new balance is invalid"
    adm POST "/admin/gift-cards/$id" '{"balance":-1}'
    assert_medusa_error 400 invalid_data "new balance is invalid"
    adm POST "/admin/gift-cards/$id" '{"region_id":"reg_nope"}'
    assert_medusa_error 404 not_found "Region with reg_nope was not found"
    adm POST /admin/gift-cards "{\"value\":-100,\"region_id\":\"$EU\"}"
    assert_medusa_error 400 invalid_data "value must not be less than 0"
    adm POST /admin/gift-cards "{\"value\":9007199254740993,\"region_id\":\"$EU\"}"
    assert_medusa_error 400 invalid_data "value must not be greater than 2147483647"
    adm POST "/admin/gift-cards/$id" '{"balance":1.5,"value":3,"ends_at":"soon"}'
    assert_medusa_error 400 invalid_data "property value should not exist, balance must be an integer number, ends_at must be a Date instance"
    adm POST /admin/gift-cards/gift_nope '{"balance":1}'
    assert_medusa_error 404 not_found "Gift card with id: gift_nope was not found"
    [ "$(q "SELECT balance FROM gift_card WHERE id = '$id'")" = 1200 ]
    adm DELETE "/admin/gift-cards/$id"
    assert_status 200
    assert_spec DELETE "/admin/gift-cards/$id"
    assert_json '[.id, .object, .deleted]' "[\"$id\",\"gift-card\",true]"
    adm GET "/admin/gift-cards/$id"
    assert_medusa_error 404 not_found "Gift card with id: $id was not found"
    adm DELETE "/admin/gift-cards/$id"
    assert_status 200
}

@test "gift cards: the list's q finds a card by its code or by the display id of the order that bought it" {
    adm POST /admin/products '{"title":"Probe Gift Card","is_giftcard":true,"status":"published","options":[{"title":"Denomination"}],"variants":[{"title":"25","inventory_quantity":10,"manage_inventory":false,"prices":[{"currency_code":"eur","amount":2500}],"options":[{"value":"25"}]}]}'
    assert_status 200
    local gv order display code
    gv=$(jqr '.product.variants[0].id')
    api POST /store/carts "{\"region_id\":\"$EU\"}"
    CART=$(jqr .cart.id)
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$gv\",\"quantity\":1}"
    api POST "/store/carts/$CART" '{"email":"gifts@example.com"}'
    api POST "/store/carts/$CART/payment-sessions"
    api POST "/store/carts/$CART/complete"
    assert_json .type order
    order=$(jqr .data.id)
    display=$(jqr .data.display_id)
    [ "$(q "SELECT count(*) FROM gift_card WHERE order_id = '$order'")" = 1 ]
    # Codes are random letters and digits: the cards get digit-free ones, so only the order's
    # display id can match a number.
    code=GIFT-ORDR-ABCD-EFGH
    q "UPDATE gift_card SET code = '$code' WHERE order_id = '$order'"
    adm POST /admin/gift-cards "{\"value\":100,\"region_id\":\"$EU\"}"
    q "UPDATE gift_card SET code = 'GIFT-NONE-ABCD-EFGH' WHERE id = '$(jqr .gift_card.id)'"
    adm GET "/admin/gift-cards?q=$display&offset=0&limit=15"
    assert_status 200
    assert_spec GET /admin/gift-cards
    assert_json "[.gift_cards[] | select(.order_id == \"$order\") | .code]" "[\"$code\"]"
    assert_json '[.gift_cards[] | select(.code == "GIFT-NONE-ABCD-EFGH")] | length' 0
    adm GET "/admin/gift-cards?q=gift-ordr"
    assert_json '[.gift_cards[].code]' "[\"$code\"]"
    assert_json '[.count, .limit, .offset]' '[1,50,0]'
    adm GET '/admin/gift-cards?q=no-such-card'
    assert_json .count 0
    adm GET '/admin/gift-cards?is_disabled=true'
    assert_medusa_error 400 invalid_data "property is_disabled should not exist"
}
