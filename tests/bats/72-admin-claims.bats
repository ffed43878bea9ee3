#!/usr/bin/env bats
# 72-admin-claims.bats: /admin/orders/{id}/claims (issue 15; Medusa v1's ClaimService and the admin
# claim routes) on orders made by a real checkout, captured, fulfilled and shipped through the
# Admin API: refund claims (never more than paid minus refunded), replace claims whose additional
# items take stock once, go through their own fulfillments and shipments, and give it back when
# canceled. Through nginx and the worker pool.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    checkout_vars
    HOODIE=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 'hoodie' AND v.title = 'S'")
    RET=$(q "SELECT id FROM shipping_option WHERE name = 'PostFake Return' AND region_id = '$EU'")
    export HOODIE RET
    admin_login_file
}

setup() {
    admin_token
}

teardown_file() {
    stop_stack
}

stock() {
    q "SELECT inventory_quantity FROM product_variant WHERE id = '$1'"
}

# shipped_order [QTY]: a captured order of QTY (2) tees, fulfilled and shipped; sets ORDER, ITEM,
# PAID.
shipped_order() {
    checkout_order "$TEE" "${1:-2}"
    order_fulfilled_fixture "$ORDER"
    local ful
    ful=$(q "SELECT id FROM fulfillment WHERE order_id = '$ORDER'")
    adm POST "/admin/orders/$ORDER/shipment" "{\"fulfillment_id\":\"$ful\"}"
    assert_status 200
    ITEM=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    PAID=$(q "SELECT sum(amount) FROM payment WHERE order_id = '$ORDER'")
}

@test "claims: a refund claim refunds the claimed lines as a return would, once" {
    shipped_order 2
    adm GET "/admin/orders/$ORDER"
    local refundable
    refundable=$(jqr '.order.items[0].refundable')
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"refund\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"production_failure\",\"note\":\"torn\",\"tags\":[\" Seam \",\"seam\"],\"images\":[\"https://img.example.com/a.jpg\"]}]}"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/claims"
    assert_json '.order.claims | length' 1
    assert_json '.order.claims[0] | [.type, .payment_status, .fulfillment_status, .refund_amount]' "[\"refund\",\"refunded\",\"not_fulfilled\",$((refundable / 2))]"
    assert_json '.order.claims[0].claim_items[0] | [.item_id, .quantity, .reason, .note, (.images | map(.url)), .item.id]' "[\"$ITEM\",1,\"production_failure\",\"torn\",[\"https://img.example.com/a.jpg\"],\"$ITEM\"]"
    assert_equal "$(q "SELECT group_concat(t.value) FROM claim_tag t JOIN claim_item_tags x ON x.tag_id = t.id")" seam
    assert_json '.order.refunds | map([.amount, .reason])' "[[$((refundable / 2)),\"claim\"]]"
    assert_json .order.refunded_total "$((refundable / 2))"
    assert_equal "$(q "SELECT amount_refunded FROM payment WHERE order_id = '$ORDER'")" "$((refundable / 2))"
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'claim.refund_processed'")" -ge 1 ]
    # The same unit cannot be claimed again; the other one can.
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"refund\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":2,\"reason\":\"other\"}]}"
    assert_medusa_error 400 not_allowed "Cannot claim more of an item than has been fulfilled."
    assert_spec POST "/admin/orders/$ORDER/claims"
}

@test "claims: a refund never exceeds what was paid less what was refunded" {
    shipped_order 1
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"refund\",\"refund_amount\":$((PAID + 1)),\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"other\"}]}"
    assert_medusa_error 400 not_allowed "Cannot refund more than the original order amount"
    assert_equal "$(q "SELECT count(*) FROM claim_order WHERE order_id = '$ORDER'")" 0
    assert_equal "$(q "SELECT count(*) FROM refund WHERE order_id = '$ORDER'")" 0
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"refund\",\"refund_amount\":$PAID,\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"other\"}]}"
    assert_status 200
    assert_json '[.order.refunded_total, .order.refundable_amount]' "[$PAID,0]"
    # A claim with a refund cannot be canceled.
    local claim
    claim=$(jqr '.order.claims[0].id')
    adm POST "/admin/orders/$ORDER/claims/$claim/cancel"
    assert_medusa_error 400 not_allowed "Claim with a refund cannot be canceled"
}

@test "claims: a replace claim reserves, fulfils and ships its additional items once" {
    shipped_order 1
    local before
    before=$(stock "$HOODIE")
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"replace\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"wrong_item\"}],\"additional_items\":[{\"variant_id\":\"$HOODIE\",\"quantity\":1}],\"shipping_methods\":[{\"option_id\":\"$STD\",\"price\":0}],\"return_shipping\":{\"option_id\":\"$RET\"}}"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/claims"
    local claim
    claim=$(jqr '.order.claims[0].id')
    assert_json '.order.claims[0] | [.type, .payment_status, .refund_amount, (.additional_items | map(.variant_id)), (.shipping_methods | map(.price))]' "[\"replace\",\"na\",null,[\"$HOODIE\"],[0]]"
    assert_json '.order.claims[0].additional_items[0] | [.quantity, (.refundable > 0), (.tax_lines | length > 0)]' '[1,true,true]'
    assert_json '.order.claims[0].return_order | [.status, .shipping_method.shipping_option_id]' "[\"requested\",\"$RET\"]"
    assert_json '.order.claims[0].shipping_address.country_code' de
    assert_json '.order.refunds' '[]'
    assert_equal "$(stock "$HOODIE")" "$((before - 1))"

    adm POST "/admin/orders/$ORDER/claims/$claim/fulfillments" '{}'
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/claims/$claim/fulfillments"
    assert_json '.order.claims[0].fulfillment_status' fulfilled
    assert_json '.order.claims[0].fulfillments | length' 1
    assert_json '.order.claims[0].additional_items[0].fulfilled_quantity' 1
    local ful
    ful=$(jqr '.order.claims[0].fulfillments[0].id')
    assert_equal "$(stock "$HOODIE")" "$((before - 1))"
    adm POST "/admin/orders/$ORDER/claims/$claim/fulfillments" '{}'
    assert_medusa_error 400 not_allowed "The claim has already been fulfilled."

    adm POST "/admin/orders/$ORDER/claims/$claim/shipments" "{\"fulfillment_id\":\"$ful\",\"tracking_numbers\":[\"TRK-1\"]}"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/claims/$claim/shipments"
    assert_json '.order.claims[0] | [.fulfillment_status, .additional_items[0].shipped_quantity, (.fulfillments[0].tracking_links | map(.tracking_number))]' '["shipped",1,["TRK-1"]]'
    adm POST "/admin/orders/$ORDER/claims/$claim/shipments" "{\"fulfillment_id\":\"$ful\"}"
    assert_medusa_error 400 not_allowed "Fulfillment has already been shipped"
    adm POST "/admin/orders/$ORDER/claims/$claim/fulfillments/$ful/cancel"
    assert_medusa_error 400 not_allowed "The fulfillment has already been shipped. Shipped fulfillments cannot be canceled"
    assert_equal "$(stock "$HOODIE")" "$((before - 1))"
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'claim.shipment_created' AND CAST(data AS TEXT) LIKE '%$claim%'")" = 1 ]
}

@test "claims: cancel a fulfillment, then the return, then the claim: stock comes back once" {
    shipped_order 1
    local before
    before=$(stock "$HOODIE")
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"replace\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"missing_item\"}],\"additional_items\":[{\"variant_id\":\"$HOODIE\",\"quantity\":2}],\"shipping_methods\":[{\"option_id\":\"$STD\"}]}"
    assert_status 200
    local claim
    claim=$(jqr '.order.claims[0].id')
    assert_json '.order.claims[0].shipping_methods[0].price' 1000
    adm POST "/admin/orders/$ORDER/claims/$claim/fulfillments" '{"no_notification":true}'
    assert_status 200
    local ful
    ful=$(jqr '.order.claims[0].fulfillments[0].id')
    adm POST "/admin/orders/$ORDER/claims/$claim/cancel"
    assert_medusa_error 400 not_allowed "All fulfillments must be canceled before the claim can be canceled"
    adm POST "/admin/orders/$ORDER/claims/$claim/fulfillments/$ful/cancel"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/claims/$claim/fulfillments/$ful/cancel"
    assert_json '.order.claims[0] | [.fulfillment_status, .additional_items[0].fulfilled_quantity, (.fulfillments[0].canceled_at != null)]' '["canceled",0,true]'
    adm POST "/admin/orders/$ORDER/claims/$claim/fulfillments/$ful/cancel"
    assert_medusa_error 400 not_allowed "Fulfillment has been canceled"
    adm POST "/admin/orders/$ORDER/claims/$claim/cancel"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/claims/$claim/cancel"
    assert_json '.order.claims[0] | [.fulfillment_status, (.canceled_at != null)]' '["canceled",true]'
    assert_equal "$(stock "$HOODIE")" "$before"
    adm POST "/admin/orders/$ORDER/claims/$claim/cancel"
    assert_medusa_error 400 not_allowed "A canceled claim cannot be canceled"
    assert_equal "$(stock "$HOODIE")" "$before"
    adm POST "/admin/orders/$ORDER/claims/$claim/fulfillments" '{}'
    assert_medusa_error 400 not_allowed "Canceled claim cannot be fulfilled"
    # The canceled claim's units can be claimed again.
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"refund\",\"refund_amount\":100,\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"other\"}]}"
    assert_status 200
}

@test "claims: a claim with a live return cannot be canceled" {
    shipped_order 1
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"replace\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"wrong_item\"}],\"additional_items\":[{\"variant_id\":\"$HOODIE\",\"quantity\":1}],\"return_shipping\":{\"option_id\":\"$RET\"}}"
    assert_status 200
    local claim
    claim=$(jqr '.order.claims[0].id')
    adm POST "/admin/orders/$ORDER/claims/$claim/cancel"
    assert_medusa_error 400 not_allowed "Return must be canceled before the claim can be canceled"
    adm POST "/admin/orders/$ORDER/claims/$claim/fulfillments" '{}'
    assert_medusa_error 400 not_allowed "Cannot fulfill a claim without a shipping method."
}

@test "claims: update items (note, reason, tags, images), methods, metadata" {
    shipped_order 1
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"replace\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"wrong_item\",\"tags\":[\"colour\"],\"images\":[\"https://img.example.com/1.jpg\",\"https://img.example.com/2.jpg\"]}],\"additional_items\":[{\"variant_id\":\"$HOODIE\",\"quantity\":1}]}"
    assert_status 200
    local claim ci img1
    claim=$(jqr '.order.claims[0].id')
    ci=$(jqr '.order.claims[0].claim_items[0].id')
    img1=$(jqr '.order.claims[0].claim_items[0].images | map(select(.url | endswith("1.jpg"))) | .[0].id')
    adm POST "/admin/orders/$ORDER/claims/$claim" "{\"claim_items\":[{\"id\":\"$ci\",\"note\":\"blue, not black\",\"reason\":\"production_failure\",\"tags\":[{\"value\":\"dye\"}],\"images\":[{\"id\":\"$img1\"},{\"url\":\"https://img.example.com/3.jpg\"}]}],\"shipping_methods\":[{\"option_id\":\"$STD\",\"price\":250}],\"metadata\":{\"ticket\":\"42\"},\"no_notification\":true}"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/claims/$claim"
    assert_json '.order.claims[0] | [.metadata.ticket, .no_notification, (.shipping_methods | map(.price))]' '["42",true,[250]]'
    assert_json '.order.claims[0].claim_items[0] | [.note, .reason, (.images | map(.url) | sort)]' '["blue, not black","production_failure",["https://img.example.com/1.jpg","https://img.example.com/3.jpg"]]'
    assert_equal "$(q "SELECT group_concat(t.value) FROM claim_tag t JOIN claim_item_tags x ON x.tag_id = t.id WHERE x.item_id = '$ci'")" dye
    adm POST "/admin/orders/$ORDER/claims/$claim" '{"claim_items":[{"id":"citm_nope"}]}'
    assert_medusa_error 404 not_found "Claim item with id citm_nope was not found"
    adm POST "/admin/orders/$ORDER/claims/claim_nope" '{}'
    assert_medusa_error 404 not_found "Claim with id claim_nope was not found"
}

@test "claims: Medusa's refusals and validation" {
    shipped_order 1
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"replace\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"other\"}]}"
    assert_medusa_error 400 invalid_data 'Claims with type "replace" must have at least one additional item.'
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"replace\",\"refund_amount\":100,\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"other\"}],\"additional_items\":[{\"variant_id\":\"$HOODIE\",\"quantity\":1}]}"
    assert_medusa_error 400 invalid_data 'Claim has type "replace" but must be type "refund" to have a refund_amount.'
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"refund\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    assert_medusa_error 400 invalid_data 'Claim Item reason must be one of "missing_item", "wrong_item", "production_failure" or "other".'
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"refund\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"bored\"}]}"
    assert_medusa_error 400 invalid_data "reason must be one of the following values: missing_item, wrong_item, production_failure, other"
    assert_spec POST "/admin/orders/$ORDER/claims"
    adm POST "/admin/orders/$ORDER/claims" '{"type":"gift","claim_items":[]}'
    assert_status 400
    assert_json .type invalid_data
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"refund\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":0,\"reason\":\"other\"}]}"
    assert_medusa_error 400 invalid_data "quantity must not be less than 1"
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"refund\",\"refund_amount\":-5,\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"other\"}]}"
    assert_medusa_error 400 invalid_data "refund_amount must not be less than 0"
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"replace\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"other\"}],\"additional_items\":[{\"variant_id\":\"$HOODIE\",\"quantity\":1}],\"shipping_methods\":[{\"option_id\":\"so_x\",\"price\":-300}]}"
    assert_medusa_error 400 invalid_data "price must not be less than 0"
    adm POST "/admin/orders/$ORDER/claims" '{"type":"refund","claim_items":[{"item_id":"item_nope","quantity":1,"reason":"other"}]}'
    assert_medusa_error 404 not_found "Line item with id: item_nope was not found"
    adm POST "/admin/orders/order_nope/claims" "{\"type\":\"refund\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"other\"}]}"
    assert_medusa_error 404 not_found "Order with id order_nope was not found"
    # A line not fulfilled yet cannot be claimed.
    checkout_order "$TEE" 1
    local item2
    item2=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"refund\",\"claim_items\":[{\"item_id\":\"$item2\",\"quantity\":1,\"reason\":\"other\"}]}"
    assert_medusa_error 400 not_allowed "Cannot claim more of an item than has been fulfilled."
    assert_equal "$(q "SELECT count(*) FROM claim_order WHERE order_id = '$ORDER'")" 0
    assert_admin_only POST "/admin/orders/$ORDER/claims" '{}'
}

@test "claims: a replacement short of stock is refused and reserves nothing" {
    shipped_order 1
    local v
    v=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 'hoodie' AND v.title = 'M'")
    q "UPDATE product_variant SET inventory_quantity = 1, manage_inventory = 1, allow_backorder = 0 WHERE id = '$v'" >/dev/null
    adm POST "/admin/orders/$ORDER/claims" "{\"type\":\"replace\",\"claim_items\":[{\"item_id\":\"$ITEM\",\"quantity\":1,\"reason\":\"other\"}],\"additional_items\":[{\"variant_id\":\"$v\",\"quantity\":2}]}"
    assert_medusa_error 400 not_allowed "Variant with id: $v does not have the required inventory" insufficient_inventory
    assert_equal "$(stock "$v")" 1
    assert_equal "$(q "SELECT count(*) FROM claim_order WHERE order_id = '$ORDER'")" 0
}
