#!/usr/bin/env bats
# 57-admin-promotions.bats: POST /admin/discounts and POST /admin/gift-cards (issue #7; Medusa v1's
# AdminPostDiscountsReq / DiscountService.create, AdminPostGiftCardsReq / GiftCardService.create),
# and what the store does with them: the discount applied to a cart, the card read and redeemed.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    checkout_vars
    admin_login
    customer_credentials
    TEE_PRODUCT=$(q "SELECT product_id FROM product_variant WHERE id = '$TEE'")
    MUG=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 'coffee-mug' LIMIT 1")
    NA=$(q "SELECT id FROM region WHERE name = 'NA'")
    export TEE_PRODUCT MUG NA
}

teardown_file() {
    stop_stack
}

# tee_cart [QTY]: a cart in the EU with QTY (default 2) S / Black tees; sets CART.
tee_cart() {
    api POST /store/carts "{\"region_id\":\"$EU\"}"
    CART=$(jqr .cart.id)
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":${1:-2}}"
    assert_status 200
}

@test "admin discounts: created with the code upper-cased and trimmed, Medusa's default relations" {
    adm POST /admin/discounts "{\"code\":\" spring15 \",\"rule\":{\"type\":\"percentage\",\"value\":15,\"allocation\":\"total\",\"description\":\"15% off tees\",\"conditions\":[{\"operator\":\"in\",\"products\":[\"$TEE_PRODUCT\"]}]},\"regions\":[\"$EU\"],\"usage_limit\":10,\"metadata\":{\"campaign\":\"spring\"}}"
    assert_status 200
    assert_spec POST /admin/discounts
    assert_json .discount.code SPRING15
    assert_json '.discount | [.is_dynamic, .is_disabled, .usage_limit, .usage_count, .parent_discount_id, .parent_discount, .ends_at, .valid_duration, .metadata.campaign]' '[false,false,10,0,null,null,null,null,"spring"]'
    assert_json '.discount.rule | [.type, .value, .allocation, .description]' '["percentage",15,"total","15% off tees"]'
    assert_json '.discount.rule.conditions | map([.type, .operator])' '[["products","in"]]'
    assert_json '.discount.regions | map(.id)' "[\"$EU\"]"
    assert_json '.discount.rule_id == .discount.rule.id' true
    [[ "$(jqr .discount.starts_at)" == 20*Z ]]
    local id
    id=$(jqr .discount.id)
    [[ "$id" == disc_* ]]
    [ "$(q "SELECT count(*) FROM discount_condition_product x JOIN discount_condition dc ON dc.id = x.condition_id JOIN discount d ON d.rule_id = dc.discount_rule_id WHERE d.id = '$id' AND x.product_id = '$TEE_PRODUCT'")" = 1 ]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'discount.created' AND CAST(data AS TEXT) LIKE '%$id%'")" = 1 ]
}

@test "admin discounts: the new code applies to a cart as the store's cart code reads it" {
    tee_cart 2
    api POST "/store/carts/$CART" '{"discounts":[{"code":"spring15"}]}'
    assert_status 200
    assert_json '.cart.discounts | map(.code)' '["SPRING15"]'
    local sub
    sub=$(jqr .cart.subtotal)
    [ "$sub" -gt 0 ]
    assert_json .cart.discount_total "$(( (sub * 15 + 50) / 100 ))"
    assert_json '.cart.items[0].adjustments | length' 1
    # A cart without the conditioned product gets no discount from it.
    api POST /store/carts "{\"region_id\":\"$EU\"}"
    local other
    other=$(jqr .cart.id)
    api POST "/store/carts/$other/line-items" "{\"variant_id\":\"$MUG\",\"quantity\":1}"
    api POST "/store/carts/$other" '{"discounts":[{"code":"SPRING15"}]}'
    assert_status 200
    assert_json '[.cart.discount_total, (.cart.items[0].adjustments | length)]' '[0,0]'
}

@test "admin discounts: fixed and free-shipping rules, dates, duration and customer-group conditions" {
    adm POST /admin/discounts "{\"code\":\"TENOFF\",\"rule\":{\"type\":\"fixed\",\"value\":1000,\"allocation\":\"total\"},\"regions\":[\"$EU\"],\"starts_at\":\"2024-01-01\",\"ends_at\":\"2099-12-31T00:00:00Z\",\"valid_duration\":\"P1M2DT3H\",\"is_dynamic\":true}"
    assert_status 200
    assert_spec POST /admin/discounts
    assert_json '.discount | [.starts_at, .ends_at, .valid_duration, .is_dynamic]' '["2024-01-01T00:00:00.000Z","2099-12-31T00:00:00.000Z","P1M2DT3H",true]'
    assert_json '.discount.rule.conditions' '[]'
    tee_cart 1
    api POST "/store/carts/$CART" '{"discounts":[{"code":"TENOFF"}]}'
    assert_status 200
    assert_json .cart.discount_total 1000
    local vip
    vip=$(q "SELECT id FROM customer_group WHERE name = 'VIP'")
    [ -n "$vip" ]
    adm POST /admin/discounts "{\"code\":\"SHIPFREE\",\"rule\":{\"type\":\"free_shipping\",\"value\":0,\"allocation\":\"total\",\"conditions\":[{\"operator\":\"not_in\",\"customer_groups\":[\"$vip\"]}]},\"regions\":[\"$EU\",\"$NA\"]}"
    assert_status 200
    assert_json '.discount.regions | length' 2
    assert_json '.discount.rule.conditions | map([.type, .operator])' '[["customer_groups","not_in"]]'
    # A guest is in no group, so the not_in condition lets the free shipping through.
    api POST "/store/carts/$CART" '{"email":"free@example.com","shipping_address":{"first_name":"F","country_code":"de"}}'
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$STD\"}"
    assert_status 200
    [ "$(jqr .cart.shipping_total)" -gt 0 ]
    api POST "/store/carts/$CART" '{"discounts":[{"code":"shipfree"}]}'
    assert_status 200
    assert_json '[.cart.shipping_total, (.cart.discounts | map(.code))]' '[0,["SHIPFREE"]]'
}

@test "admin discounts: Medusa's validation messages" {
    adm POST /admin/discounts '{}'
    assert_medusa_error 400 invalid_data "code must be a string, code should not be empty, rule should not be empty, nested property rule must be either object or array, regions must be an array, each value in regions must be a string"
    adm POST /admin/discounts "{\"code\":\"X\",\"rule\":{\"type\":\"bogus\",\"value\":\"1\",\"allocation\":\"all\"},\"regions\":[\"$EU\"],\"foo\":1}"
    assert_medusa_error 400 invalid_data 'property foo should not exist, Invalid rule type, must be one of "fixed", "percentage" or "free_shipping", value must be a number conforming to the specified constraints, Invalid allocation type, must be one of "total" or "item"'
    adm POST /admin/discounts "{\"code\":\"X\",\"rule\":{\"type\":\"fixed\",\"value\":1,\"allocation\":\"total\",\"conditions\":[{\"operator\":\"in\",\"products\":[\"a\"],\"product_tags\":[\"b\"]}]},\"regions\":[\"$EU\"]}"
    assert_medusa_error 400 invalid_data "Only one of products, product_tags is allowed, Only one of product_tags, products is allowed"
    adm POST /admin/discounts "{\"code\":\"X\",\"rule\":{\"type\":\"fixed\",\"value\":1,\"allocation\":\"total\"},\"regions\":[\"$EU\"],\"starts_at\":\"2030-01-01\",\"ends_at\":\"2029-01-01\",\"valid_duration\":\"1 month\",\"usage_limit\":-1}"
    assert_medusa_error 400 invalid_data '"ends_at" must be greater than "starts_at", "valid_duration" must be a valid ISO 8601 duration, usage_limit must be a positive number'
    adm POST /admin/discounts "{\"code\":\"X\",\"rule\":{\"type\":\"fixed\",\"value\":1,\"allocation\":\"total\"},\"regions\":[\"$EU\"],\"ends_at\":\"soon\"}"
    assert_medusa_error 400 invalid_data "ends_at must be a Date instance"
    # A number is a date in ms, as new Date(n); past year 9999 (or huge, or -1e308) it is none.
    adm POST /admin/discounts "{\"code\":\"X\",\"rule\":{\"type\":\"fixed\",\"value\":1,\"allocation\":\"total\"},\"regions\":[\"$EU\"],\"starts_at\":-1e308,\"ends_at\":9223372036854775807}"
    assert_medusa_error 400 invalid_data "starts_at must be a Date instance, ends_at must be a Date instance"
    adm POST /admin/discounts "{\"code\":\"XNUM\",\"rule\":{\"type\":\"fixed\",\"value\":1,\"allocation\":\"total\"},\"regions\":[\"$EU\"],\"starts_at\":1700000000000,\"ends_at\":253402300799999}"
    assert_status 200
    [ "$(jqr .discount.starts_at)" = 2023-11-14T22:13:20.000Z ] && [ "$(jqr .discount.ends_at)" = 9999-12-31T23:59:59.999Z ]
}

@test "admin discounts: Medusa's rule errors, and nothing is left behind" {
    local before
    before=$(q "SELECT count(*) FROM discount_rule")
    adm POST /admin/discounts "{\"code\":\"X1\",\"rule\":{\"type\":\"percentage\",\"value\":101,\"allocation\":\"total\"},\"regions\":[\"$EU\"]}"
    assert_medusa_error 400 invalid_data "Discount value above 100 is not allowed when type is percentage"
    adm POST /admin/discounts "{\"code\":\"X1\",\"rule\":{\"type\":\"fixed\",\"value\":100,\"allocation\":\"total\"},\"regions\":[\"$EU\",\"$NA\"]}"
    assert_medusa_error 400 invalid_data "Fixed discounts can have one region"
    adm POST /admin/discounts '{"code":"X1","rule":{"type":"fixed","value":100,"allocation":"total"},"regions":["reg_nope"]}'
    assert_medusa_error 404 not_found "Region with reg_nope was not found"
    adm POST /admin/discounts '{"code":"X1","rule":{"type":"fixed","value":100,"allocation":"total"},"regions":[]}'
    assert_medusa_error 400 invalid_data "Discount must have at least 1 region"
    adm POST /admin/discounts "{\"code\":\"summer10\",\"rule\":{\"type\":\"fixed\",\"value\":100,\"allocation\":\"total\"},\"regions\":[\"$EU\"]}"
    assert_medusa_error 422 duplicate_error "Discount with code SUMMER10 already exists." invalid_request_error
    adm POST /admin/discounts "{\"code\":\"X1\",\"rule\":{\"type\":\"fixed\",\"value\":100,\"allocation\":\"total\",\"conditions\":[{\"operator\":\"in\"}]},\"regions\":[\"$EU\"]}"
    assert_medusa_error 400 invalid_data "Missing one of products, collections, tags, types or customer groups in data"
    adm POST /admin/discounts "{\"code\":\"X1\",\"rule\":{\"type\":\"fixed\",\"value\":100,\"allocation\":\"total\",\"conditions\":[{\"operator\":\"in\",\"products\":[\"prod_nope\"]}]},\"regions\":[\"$EU\"]}"
    assert_medusa_error 404 not_found "Product with product_id prod_nope does not exist."
    adm POST /admin/discounts "{\"code\":\"X1\",\"rule\":{\"type\":\"fixed\",\"value\":100,\"allocation\":\"total\",\"conditions\":[{\"operator\":\"in\",\"products\":[\"$TEE_PRODUCT\"]},{\"operator\":\"in\",\"products\":[\"$TEE_PRODUCT\"]}]},\"regions\":[\"$EU\"]}"
    assert_medusa_error 422 duplicate_error "Discount Condition with operator 'in' and type 'products' already exist on a Discount Rule" invalid_request_error
    # Each failure rolled back: no rule, discount or condition of X1 exists.
    [ "$(q "SELECT count(*) FROM discount_rule")" = "$before" ]
    [ "$(q "SELECT count(*) FROM discount WHERE code = 'X1'")" = 0 ]
}

@test "admin gift cards: a generated code, balance = value, the region's tax rate" {
    adm POST /admin/gift-cards "{\"region_id\":\"$EU\",\"value\":3000,\"ends_at\":\"2099-01-01\",\"metadata\":{\"note\":\"gift\"}}"
    assert_status 200
    assert_spec POST /admin/gift-cards
    [[ "$(jqr .gift_card.code)" =~ ^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$ ]]
    assert_json '.gift_card | [.value, .balance, .region_id, .is_disabled, .ends_at, .tax_rate, .metadata.note, .order]' "[3000,3000,\"$EU\",false,\"2099-01-01T00:00:00.000Z\",null,\"gift\",null]"
    assert_json .gift_card.order_id null
    assert_json .gift_card.region.id "$EU"
    local id code
    id=$(jqr .gift_card.id)
    code=$(jqr .gift_card.code)
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'gift_card.created' AND CAST(data AS TEXT) LIKE '%$id%'")" = 1 ]
    # The store reads it by code and redeems it in a cart.
    api GET "/store/gift-cards/$code"
    assert_status 200
    assert_json '.gift_card | [.id, .value, .balance]' "[\"$id\",3000,3000]"
    tee_cart 1
    api POST "/store/carts/$CART" "{\"gift_cards\":[{\"code\":\"$code\"}]}"
    assert_status 200
    assert_json '.cart.gift_cards | map(.code)' "[\"$code\"]"
    assert_json '.cart.gift_card_total > 0' true
    assert_json '.cart.gift_card_total <= 3000' true
    # Two cards never share a code.
    adm POST /admin/gift-cards "{\"region_id\":\"$EU\",\"value\":100}"
    [ "$(jqr .gift_card.code)" != "$code" ]
}

@test "admin gift cards: tax rate from a region that taxes gift cards, none from one that does not" {
    q "UPDATE region SET tax_rate = 12.5, gift_cards_taxable = 1 WHERE id = '$NA'"
    adm POST /admin/gift-cards "{\"region_id\":\"$NA\",\"value\":500,\"is_disabled\":true}"
    assert_status 200
    assert_json '.gift_card | [.tax_rate, .is_disabled]' '[12.5,true]'
    q "UPDATE region SET gift_cards_taxable = 0 WHERE id = '$NA'"
    adm POST /admin/gift-cards "{\"region_id\":\"$NA\",\"value\":500}"
    assert_json .gift_card.tax_rate null
    q "UPDATE region SET tax_rate = 0, gift_cards_taxable = 1 WHERE id = '$NA'"
}

@test "admin gift cards: Medusa's errors" {
    adm POST /admin/gift-cards '{}'
    assert_medusa_error 400 invalid_data "region_id must be a string"
    adm POST /admin/gift-cards "{\"region_id\":\"$EU\",\"value\":1.5,\"is_disabled\":\"yes\",\"ends_at\":\"never\",\"code\":\"MINE\"}"
    assert_medusa_error 400 invalid_data "property code should not exist, value must be an integer number, ends_at must be a Date instance, is_disabled must be a boolean value"
    adm POST /admin/gift-cards '{"region_id":"reg_nope","value":100}'
    assert_medusa_error 404 not_found "Region with reg_nope was not found"
    adm POST /admin/gift-cards "{\"region_id\":\"$EU\"}"
    assert_medusa_error 400 invalid_data "Can't insert null value in field value on insert in table gift_card"
}

@test "admin promotions: every route refuses anonymous callers and customers" {
    assert_admin_only POST /admin/discounts "{\"code\":\"NOPE\",\"rule\":{\"type\":\"fixed\",\"value\":1,\"allocation\":\"total\"},\"regions\":[\"$EU\"]}"
    assert_admin_only POST /admin/gift-cards "{\"region_id\":\"$EU\",\"value\":1}"
    [ "$(q "SELECT count(*) FROM discount WHERE code = 'NOPE'")" = 0 ]
    [ "$(q "SELECT count(*) FROM gift_card WHERE value = 1")" = 0 ]
}
