#!/usr/bin/env bats
# 59-admin-order-edits.bats: /admin/order-edits (issue 7; Medusa v1 admin order-edits routes and
# OrderEditService) on orders made by a real checkout: the admin creates an edit, changes its
# lines and requests it; the customer sees it through /store/order-edits and declines it, or pays
# the difference through /store/payment-collections and completes it. Over the demo store (with
# its admin user admin@medusa-test.com / supersecret) plus tests/fixtures/seed-extended.json.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    checkout_vars
    TEE_MW=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 't-shirt' AND v.title = 'M / White'")
    SWEAT=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 'sweatpants' AND v.title = 'M'")
    ADMIN_ID=$(q "SELECT id FROM \"user\" WHERE email = 'admin@medusa-test.com'")
    export TEE_MW SWEAT ADMIN_ID
}

setup() {
    admin_login
}

teardown_file() {
    stop_stack
}

# new_edit ORDER: POST /admin/order-edits; sets OE.
new_edit() {
    adm POST /admin/order-edits "{\"order_id\":\"$1\",\"internal_note\":\"note\"}"
    assert_status 200
    OE=$(jqr .order_edit.id)
}

# clone_of ORDER_ITEM: the edit's (OE) clone of an order's line item.
clone_of() {
    q "SELECT id FROM line_item WHERE order_edit_id = '$OE' AND original_item_id = '$1'"
}

@test "admin order edits: create clones the order's items; one active edit per order" {
    checkout_order "$TEE" 1 "$SWEAT" 2
    local items
    items=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER' ORDER BY created_at, id" | paste -sd, -)
    adm POST /admin/order-edits "{\"order_id\":\"$ORDER\",\"internal_note\":\"call the buyer\"}"
    assert_status 200
    assert_spec POST /admin/order-edits
    OE=$(jqr .order_edit.id)
    [[ "$OE" == oe_* ]]
    assert_json '.order_edit | [.status, .order_id, .internal_note, .created_by, .requested_at, .payment_collection_id]' \
        "[\"created\",\"$ORDER\",\"call the buyer\",\"$ADMIN_ID\",null,null]"
    assert_json '.order_edit | has("updated_at")' false
    assert_json '.order_edit.changes' '[]'
    assert_json '.order_edit.difference_due' 0
    # The clones: new ids, original_item_id = the order's items, no order or cart, same lines.
    assert_json '[.order_edit.items[].original_item_id] | join(",")' "$items"
    assert_json '[.order_edit.items[] | select(.order_id != null or .cart_id != null)] | length' 0
    assert_json "[.order_edit.items[] | .order_edit_id == \"$OE\"] | all" true
    assert_json '[.order_edit.items[].quantity]' '[1,2]'
    assert_json '[.order_edit.items[] | (.tax_lines | length) > 0] | all' true
    [ "$(q "SELECT count(*) FROM line_item WHERE order_id = '$ORDER'")" = 2 ]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order-edit.created' AND CAST(data AS TEXT) LIKE '%$OE%'")" = 1 ]
    local total
    total=$(jqr .order_edit.total)
    api GET "/store/orders/$ORDER"
    assert_json .order.total "$total"

    adm POST /admin/order-edits "{\"order_id\":\"$ORDER\"}"
    assert_medusa_error 400 invalid_data "An active order edit already exists for the order $ORDER"
    adm GET "/admin/order-edits/$OE"
    assert_status 200
    assert_spec GET "/admin/order-edits/$OE"
    assert_json .order_edit.internal_note 'call the buyer'
    adm GET "/admin/order-edits/$OE?fields=id,status&expand=items"
    assert_status 200
    assert_json '.order_edit | keys' '["difference_due","discount_total","gift_card_tax_total","gift_card_total","id","items","shipping_total","status","subtotal","tax_total","total"]'
}

@test "admin order edits: create validates its body; an unknown order is 404" {
    adm POST /admin/order-edits '{}'
    assert_medusa_error 400 invalid_data 'order_id must be a string'
    adm POST /admin/order-edits '{"order_id":"order_x","foo":1}'
    assert_medusa_error 400 invalid_data 'property foo should not exist'
    adm POST /admin/order-edits '{"order_id":"order_x","internal_note":5}'
    assert_medusa_error 400 invalid_data 'internal_note must be a string'
    adm POST /admin/order-edits '{"order_id":"order_nope"}'
    assert_medusa_error 404 not_found 'Order with order_id order_nope does not exist.'
    adm GET /admin/order-edits/oe_nope
    assert_medusa_error 404 not_found 'Order edit with id oe_nope was not found'
}

@test "admin order edits: add a variant, change quantities, remove an item" {
    checkout_order "$TEE" 1 "$SWEAT" 1
    local tee_item sweat_item before
    tee_item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER' AND variant_id = '$TEE'")
    sweat_item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER' AND variant_id = '$SWEAT'")
    api GET "/store/orders/$ORDER"
    before=$(jqr .order.total)
    new_edit "$ORDER"

    # item_add: priced as the store prices the variant in the order's region, taxed, new line.
    local price
    api GET "/store/variants/$TEE_MW?region_id=$EU"
    price=$(jqr .variant.calculated_price)
    adm POST "/admin/order-edits/$OE/items" "{\"variant_id\":\"$TEE_MW\",\"quantity\":2,\"metadata\":{\"gift\":true}}"
    assert_status 200
    assert_spec POST "/admin/order-edits/$OE/items"
    assert_json '.order_edit.items | length' 3
    assert_json '.order_edit.changes | map(.type)' '["item_add"]'
    local added
    added=$(jqr '.order_edit.changes[0].line_item_id')
    assert_json '.order_edit.changes[0].original_line_item_id' null
    assert_json ".order_edit.items[] | select(.id == \"$added\") | [.variant_id, .unit_price, .quantity, .metadata.gift, .order_id, .order_edit_id]" \
        "[\"$TEE_MW\",$price,2,true,null,\"$OE\"]"
    # Taxed as the order's lines: the EU region's default rate (0 in the demo store).
    assert_json ".order_edit.items[] | select(.id == \"$added\") | .tax_lines | map([.rate, .name, .code])" '[[0,"default","default"]]'
    assert_json ".order_edit.items[] | select(.original_item_id == \"$tee_item\") | .tax_lines | map([.rate, .name, .code])" '[[0,"default","default"]]'
    assert_json ".order_edit.changes[0].line_item.variant.id" "$TEE_MW"
    [ "$(jqr .order_edit.difference_due)" -gt 0 ]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order-edit-item-change.CREATED'")" -ge 1 ]

    # The added line's quantity changes without a second change.
    adm POST "/admin/order-edits/$OE/items/$added" '{"quantity":3}'
    assert_status 200
    assert_spec POST "/admin/order-edits/$OE/items/$added"
    assert_json '.order_edit.changes | map(.type)' '["item_add"]'
    assert_json ".order_edit.items[] | select(.id == \"$added\") | .quantity" 3

    # item_update on a clone: the change links the order's item and the clone.
    local tee_clone
    tee_clone=$(clone_of "$tee_item")
    adm POST "/admin/order-edits/$OE/items/$tee_clone" '{"quantity":4}'
    assert_status 200
    assert_json '.order_edit.changes | map(.type) | sort' '["item_add","item_update"]'
    assert_json ".order_edit.changes[] | select(.type == \"item_update\") | [.original_line_item_id, .line_item_id, .original_line_item.quantity, .line_item.quantity]" \
        "[\"$tee_item\",\"$tee_clone\",1,4]"
    adm POST "/admin/order-edits/$OE/items/$tee_clone" '{"quantity":5}'
    assert_json '.order_edit.changes | length' 2

    # item_remove: the clone goes, the change names the order's item.
    local sweat_clone
    sweat_clone=$(clone_of "$sweat_item")
    adm DELETE "/admin/order-edits/$OE/items/$sweat_clone"
    assert_status 200
    assert_spec DELETE "/admin/order-edits/$OE/items/$sweat_clone"
    assert_json '.order_edit.items | length' 2
    assert_json ".order_edit.changes[] | select(.type == \"item_remove\") | [.original_line_item_id, .line_item_id, .original_line_item.id]" \
        "[\"$sweat_item\",null,\"$sweat_item\"]"
    [ "$(q "SELECT count(*) FROM line_item_tax_line WHERE item_id = '$sweat_clone'")" = 0 ]
    # Removing it again is no error; the order's own items are not the edit's.
    adm DELETE "/admin/order-edits/$OE/items/$sweat_clone"
    assert_status 200
    adm DELETE "/admin/order-edits/$OE/items/$tee_item"
    assert_medusa_error 400 invalid_data "Invalid line item id $tee_item it does not belong to the same order edit $ORDER."
    adm POST "/admin/order-edits/$OE/items/$tee_item" '{"quantity":2}'
    assert_medusa_error 400 invalid_data "Invalid line item id $tee_item it does not belong to the same order edit $ORDER."
    adm POST "/admin/order-edits/$OE/items/item_nope" '{"quantity":2}'
    assert_medusa_error 404 not_found 'Line item with item_nope was not found'
    # An added line is removed through its change (DELETE .../changes/:id), not here.
    adm DELETE "/admin/order-edits/$OE/items/$added"
    assert_medusa_error 400 invalid_data "Invalid line item id $added it does not belong to the same order edit $ORDER."

    # Removing a clone that had an update replaces the item_update with the item_remove.
    adm DELETE "/admin/order-edits/$OE/items/$tee_clone"
    assert_status 200
    assert_json '.order_edit.changes | map(.type) | sort' '["item_add","item_remove","item_remove"]'
    assert_json '.order_edit.items | length' 1
    # The order is untouched until the edit is confirmed.
    api GET "/store/orders/$ORDER"
    assert_json .order.total "$before"
    assert_json '.order.items | length' 2
}

@test "admin order edits: line routes validate bodies, variants and prices" {
    checkout_order "$TEE" 1
    new_edit "$ORDER"
    adm POST "/admin/order-edits/$OE/items" '{}'
    assert_medusa_error 400 invalid_data 'variant_id must be a string, quantity must be an integer number'
    adm POST "/admin/order-edits/$OE/items" "{\"variant_id\":\"$TEE\",\"quantity\":1.5}"
    assert_medusa_error 400 invalid_data 'quantity must be an integer number'
    adm POST "/admin/order-edits/$OE/items" "{\"variant_id\":\"$TEE\",\"quantity\":0}"
    assert_medusa_error 400 invalid_data 'Unable to generate the line item because one or more required argument(s) are missing. Ensure quantity, regionId, and variantId are passed'
    adm POST "/admin/order-edits/$OE/items" '{"variant_id":"variant_nope","quantity":1}'
    assert_medusa_error 400 invalid_data 'Unable to generate the line items, some variant has not been found: variant_nope'
    adm POST "/admin/order-edits/oe_nope/items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_medusa_error 404 not_found 'Order edit with id oe_nope was not found'
    local clone
    clone=$(q "SELECT id FROM line_item WHERE order_edit_id = '$OE'")
    adm POST "/admin/order-edits/$OE/items/$clone" '{"quantity":"2"}'
    assert_medusa_error 400 invalid_data 'quantity must be a number conforming to the specified constraints'
    adm POST "/admin/order-edits/$OE/items/$clone" '{"quantity":2,"x":1}'
    assert_medusa_error 400 invalid_data 'property x should not exist'
    [ "$(q "SELECT count(*) FROM order_item_change WHERE order_edit_id = '$OE'")" = 0 ]
    # A product with its own rate in the region (seed-extended: Textiles 12.5 for the scarf),
    # priced in the order's currency.
    local scarf
    scarf=$(q "SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 'winter-scarf'")
    adm POST "/admin/order-edits/$OE/items" "{\"variant_id\":\"$scarf\",\"quantity\":1}"
    assert_status 200
    assert_json ".order_edit.items[] | select(.variant_id == \"$scarf\") | [.unit_price, .metadata, (.tax_lines | map([.rate, .name, .code]))]" \
        '[3000,{},[[12.5,"Textiles","TEX"]]]'
    assert_json ".order_edit.items[] | select(.variant_id == \"$scarf\") | .tax_total" 375
}

@test "admin order edits: requested, the customer sees it and declines it with a reason" {
    checkout_order "$TEE" 2
    local item
    item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    new_edit "$ORDER"
    adm POST "/admin/order-edits/$OE/request"
    assert_medusa_error 400 invalid_data 'Cannot request a confirmation on an edit with no changes'
    adm POST "/admin/order-edits/$OE/items/$(clone_of "$item")" '{"quantity":1}'
    assert_status 200
    [ "$(jqr .order_edit.difference_due)" -lt 0 ]
    adm POST "/admin/order-edits/$OE/request"
    assert_status 200
    assert_spec POST "/admin/order-edits/$OE/request"
    assert_json '.order_edit | [.status, .requested_by, .payment_collection_id, .payment_collection]' \
        "[\"requested\",\"$ADMIN_ID\",null,null]"
    [[ "$(jqr .order_edit.requested_at)" == 20*Z ]]
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order-edit.requested' AND CAST(data AS TEXT) LIKE '%$OE%'")" = 1 ]
    [ "$(q "SELECT count(*) FROM payment_collection WHERE id IN (SELECT payment_collection_id FROM order_edit WHERE order_id = '$ORDER')")" = 0 ]

    api GET "/store/order-edits/$OE"
    assert_status 200
    assert_spec GET "/store/order-edits/$OE"
    assert_json '.order_edit | [.status, .items[0].quantity, (.changes | map(.type))]' '["requested",1,["item_update"]]'
    assert_json '.order_edit | has("internal_note")' false
    api POST "/store/order-edits/$OE/decline" '{"declined_reason":"keep both"}'
    assert_status 200
    assert_json '.order_edit | [.status, .declined_reason]' '["declined","keep both"]'

    # A declined edit is closed: no line change, no cancel; a new edit may start.
    adm POST "/admin/order-edits/$OE/items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_medusa_error 400 not_allowed 'Can not add an item to the edit with status declined'
    adm POST "/admin/order-edits/$OE/items/$(clone_of "$item")" '{"quantity":3}'
    assert_medusa_error 400 not_allowed "Can not update an item on the order edit $OE with the status declined"
    adm DELETE "/admin/order-edits/$OE/items/$(clone_of "$item")"
    assert_medusa_error 400 not_allowed "Can not update an item on the order edit $OE with the status declined"
    adm POST "/admin/order-edits/$OE/cancel"
    assert_medusa_error 400 not_allowed 'Cannot cancel order edit with status declined'
    adm GET "/admin/order-edits/$OE"
    assert_json '.order_edit | [.status, .declined_reason]' '["declined","keep both"]'
    adm POST /admin/order-edits "{\"order_id\":\"$ORDER\"}"
    assert_status 200
    assert_json .order_edit.status created
    api GET "/store/orders/$ORDER"
    assert_json '.order.items[0].quantity' 2
}

@test "admin order edits: a positive difference is paid through a payment collection, then the order changes" {
    checkout_order "$TEE" 1
    local before item
    item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    api GET "/store/orders/$ORDER"
    before=$(jqr .order.total)
    new_edit "$ORDER"
    adm POST "/admin/order-edits/$OE/items" "{\"variant_id\":\"$SWEAT\",\"quantity\":1}"
    assert_status 200
    adm POST "/admin/order-edits/$OE/items/$(clone_of "$item")" '{"quantity":2}'
    assert_status 200
    local due edit_total
    due=$(jqr .order_edit.difference_due)
    edit_total=$(jqr .order_edit.total)
    [ "$due" -gt 0 ]
    [ "$due" = "$((edit_total - before))" ]

    adm POST "/admin/order-edits/$OE/request" '{"payment_collection_description":"edit surcharge"}'
    assert_status 200
    assert_spec POST "/admin/order-edits/$OE/request"
    local pc
    pc=$(jqr .order_edit.payment_collection_id)
    [[ "$pc" == paycol_* ]]
    assert_json '.order_edit.payment_collection | [.id, .type, .status, .amount, .currency_code, .region_id, .description, .created_by]' \
        "[\"$pc\",\"order_edit\",\"not_paid\",$due,\"eur\",\"$EU\",\"edit surcharge\",\"$ADMIN_ID\"]"
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'payment-collection.created' AND CAST(data AS TEXT) LIKE '%$pc%'")" = 1 ]
    adm POST "/admin/order-edits/$OE/items" "{\"variant_id\":\"$SWEAT\",\"quantity\":1}"
    assert_status 200

    # The customer: not yet paid, so not completable; pay, then complete.
    api GET "/store/order-edits/$OE"
    assert_json .order_edit.payment_collection.id "$pc"
    api POST "/store/order-edits/$OE/complete"
    assert_medusa_error 400 not_allowed 'Unable to complete an order edit if the payment is not authorized'
    api GET "/store/payment-collections/$pc"
    assert_status 200
    assert_json .payment_collection.amount "$due"
    api POST "/store/payment-collections/$pc/sessions" '{"provider_id":"manual"}'
    assert_status 200
    local sid
    sid=$(jqr '.payment_collection.payment_sessions[0].id')
    api POST "/store/payment-collections/$pc/sessions/batch/authorize" "{\"session_ids\":[\"$sid\"]}"
    assert_status 200
    assert_json .payment_collection.status authorized
    api POST "/store/order-edits/$OE/complete"
    assert_status 200
    assert_json .order_edit.status confirmed

    # The order now has the edit's lines (the one added after the request too) and its totals.
    adm GET "/admin/order-edits/$OE"
    local final
    final=$(jqr .order_edit.total)
    api GET "/store/orders/$ORDER"
    assert_json '.order.items | map([.variant_id, .quantity]) | sort' "$(jq -cn --arg t "$TEE" --arg s "$SWEAT" '[[$t,2],[$s,1],[$s,1]] | sort')"
    assert_json .order.total "$final"
    [ "$final" -gt "$before" ]
    [ "$(q "SELECT order_id FROM payment WHERE id IN (SELECT payment_id FROM payment_collection_payments WHERE payment_collection_id = '$pc')")" = "$ORDER" ]
    # A confirmed edit is closed.
    adm POST "/admin/order-edits/$OE/cancel"
    assert_medusa_error 400 not_allowed 'Cannot cancel order edit with status confirmed'
    adm POST "/admin/order-edits/$OE/items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    assert_medusa_error 400 not_allowed 'Can not add an item to the edit with status confirmed'
}

@test "admin order edits: cancel records who and when, is idempotent, frees the order" {
    checkout_order "$TEE" 1
    new_edit "$ORDER"
    adm POST "/admin/order-edits/$OE/cancel"
    assert_status 200
    assert_spec POST "/admin/order-edits/$OE/cancel"
    assert_json '.order_edit | [.status, .canceled_by]' "[\"canceled\",\"$ADMIN_ID\"]"
    local at
    at=$(jqr .order_edit.canceled_at)
    [[ "$at" == 20*Z ]]
    adm POST "/admin/order-edits/$OE/cancel"
    assert_status 200
    assert_json .order_edit.canceled_at "$at"
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order-edit.canceled' AND CAST(data AS TEXT) LIKE '%$OE%'")" = 1 ]
    api POST "/store/order-edits/$OE/complete"
    assert_medusa_error 400 not_allowed 'Cannot complete an order edit with status canceled'
    adm POST "/admin/order-edits/oe_nope/cancel"
    assert_medusa_error 404 not_found 'Order edit with id oe_nope was not found'
    adm POST /admin/order-edits "{\"order_id\":\"$ORDER\"}"
    assert_status 200
}

@test "admin order edits: list by order and note, with totals and paging" {
    checkout_order "$TEE" 1
    local first="$ORDER" a b
    adm POST /admin/order-edits "{\"order_id\":\"$first\",\"internal_note\":\"Wrong Size\"}"
    a=$(jqr .order_edit.id)
    adm POST "/admin/order-edits/$a/cancel"
    assert_status 200
    adm POST /admin/order-edits "{\"order_id\":\"$first\",\"internal_note\":\"colour\"}"
    b=$(jqr .order_edit.id)
    adm GET "/admin/order-edits?order_id=$first"
    assert_status 200
    assert_spec GET "/admin/order-edits?order_id=$first"
    assert_json '[.count, .limit, .offset]' '[2,20,0]'
    assert_json '.order_edits | map(.id)' "[\"$b\",\"$a\"]"
    assert_json '.order_edits | map(.status)' '["created","canceled"]'
    assert_json '.order_edits[0] | [has("total"), has("difference_due"), (.items | length)]' '[true,true,1]'
    adm GET "/admin/order-edits?q=size&order_id=$first"
    assert_json '.order_edits | map(.id)' "[\"$a\"]"
    adm GET "/admin/order-edits?order_id=$first&limit=1&offset=1"
    assert_json '[.count, .limit, .offset, (.order_edits | map(.id))]' "[2,1,1,[\"$a\"]]"
    adm GET '/admin/order-edits?foo=1'
    assert_medusa_error 400 invalid_data 'property foo should not exist'
}

@test "admin order edits: update the note, delete a change or a created edit, confirm" {
    checkout_order "$TEE" 1 "$SWEAT" 1
    local tee_item
    tee_item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER' AND variant_id = '$TEE'")
    new_edit "$ORDER"
    adm POST "/admin/order-edits/$OE" '{"internal_note":"second thoughts"}'
    assert_status 200
    assert_spec POST "/admin/order-edits/$OE"
    assert_json .order_edit.internal_note 'second thoughts'
    adm POST "/admin/order-edits/$OE" '{"internal_note":1}'
    assert_medusa_error 400 invalid_data 'internal_note must be a string'

    # Deleting an item_add change takes its line away.
    adm POST "/admin/order-edits/$OE/items" "{\"variant_id\":\"$TEE_MW\",\"quantity\":1}"
    local change line
    change=$(jqr '.order_edit.changes[0].id')
    line=$(jqr '.order_edit.changes[0].line_item_id')
    adm DELETE "/admin/order-edits/$OE/changes/$change"
    assert_status 200
    assert_spec DELETE "/admin/order-edits/$OE/changes/$change"
    assert_json . "{\"id\":\"$change\",\"object\":\"item_change\",\"deleted\":true}"
    [ "$(q "SELECT count(*) FROM line_item WHERE id = '$line'")" = 0 ]
    adm GET "/admin/order-edits/$OE"
    assert_json '[(.order_edit.changes | length), (.order_edit.items | length)]' '[0,2]'
    adm DELETE "/admin/order-edits/$OE/changes/$change"
    assert_medusa_error 404 not_found "Order edit item change $change was not found"

    # A created edit can be deleted (clones and changes with it); a missing one is no error.
    adm POST "/admin/order-edits/$OE/items/$(clone_of "$tee_item")" '{"quantity":2}'
    adm DELETE "/admin/order-edits/$OE"
    assert_status 200
    assert_spec DELETE "/admin/order-edits/$OE"
    assert_json . "{\"id\":\"$OE\",\"object\":\"order_edit\",\"deleted\":true}"
    [ "$(q "SELECT (SELECT count(*) FROM order_edit WHERE id = '$OE') + (SELECT count(*) FROM line_item WHERE order_edit_id = '$OE') + (SELECT count(*) FROM order_item_change WHERE order_edit_id = '$OE')")" = 0 ]
    adm DELETE "/admin/order-edits/$OE"
    assert_status 200

    # A change of another edit, or of a confirmed edit, is refused; a requested edit cannot be
    # deleted; the admin confirms without a payment.
    new_edit "$ORDER"
    adm POST "/admin/order-edits/$OE/items/$(clone_of "$tee_item")" '{"quantity":3}'
    change=$(jqr '.order_edit.changes[0].id')
    adm DELETE "/admin/order-edits/oe_other/changes/$change"
    assert_medusa_error 404 not_found 'Order edit with id oe_other was not found'
    adm POST "/admin/order-edits/$OE/request"
    assert_status 200
    adm DELETE "/admin/order-edits/$OE"
    assert_medusa_error 400 not_allowed 'Cannot delete order edit with status requested'
    adm POST "/admin/order-edits/$OE/confirm"
    assert_status 200
    assert_spec POST "/admin/order-edits/$OE/confirm"
    assert_json '.order_edit | [.status, .confirmed_by]' "[\"confirmed\",\"$ADMIN_ID\"]"
    api GET "/store/orders/$ORDER"
    assert_json '.order.items | map(.quantity) | sort' '[1,3]'
    adm DELETE "/admin/order-edits/$OE/changes/$change"
    assert_medusa_error 400 not_allowed 'Cannot delete and item change from a confirmed order edit'
    adm POST "/admin/order-edits/$OE/confirm"
    assert_status 200
    new_edit "$ORDER"
    adm POST "/admin/order-edits/$OE/cancel"
    adm POST "/admin/order-edits/$OE/confirm"
    assert_medusa_error 400 not_allowed 'Cannot confirm an order edit with status canceled'
    adm DELETE "/admin/order-edits/$OE/changes/$change"
    assert_medusa_error 400 invalid_data "The item change you are trying to delete doesn't belong to the OrderEdit with id: $OE."
}

@test "admin order edits: the order's discount is allocated again over the edit's lines" {
    local hat
    hat=$(q "SELECT id FROM product_variant WHERE sku = 'HAT-ONE'")
    api POST /store/carts '{}'
    CART=$(jqr .cart.id)
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$TEE\",\"quantity\":1}"
    api POST "/store/carts/$CART/line-items" "{\"variant_id\":\"$hat\",\"quantity\":1}"
    api POST "/store/carts/$CART" '{"email":"buyer@example.com","discounts":[{"code":"summer10"}],"shipping_address":{"first_name":"B","country_code":"de"}}'
    api POST "/store/carts/$CART/shipping-methods" "{\"option_id\":\"$STD\"}"
    api POST "/store/carts/$CART/payment-sessions"
    api POST "/store/carts/$CART/complete"
    assert_json .type order
    ORDER=$(jqr .data.id)
    local hat_item one
    hat_item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER' AND variant_id = '$hat'")
    one=$(q "SELECT amount FROM line_item_adjustment WHERE item_id = '$hat_item'")
    [ "$one" -gt 0 ]
    new_edit "$ORDER"
    local hat_clone
    hat_clone=$(clone_of "$hat_item")
    assert_json ".order_edit.items[] | select(.id == \"$hat_clone\") | .adjustments | map(.amount)" "[$one]"
    assert_json '.order_edit.difference_due' 0
    adm POST "/admin/order-edits/$OE/items/$hat_clone" '{"quantity":2}'
    assert_status 200
    assert_json ".order_edit.items[] | select(.id == \"$hat_clone\") | [.adjustments[].amount, .discount_total]" "[$((2 * one)),$((2 * one))]"
    assert_json ".order_edit.items[] | select(.variant_id == \"$TEE\") | .adjustments" '[]'
    adm POST "/admin/order-edits/$OE/items" "{\"variant_id\":\"$hat\",\"quantity\":1}"
    assert_status 200
    assert_json "[.order_edit.items[] | select(.variant_id == \"$hat\") | .adjustments[0].amount] | sort" "[$one,$((2 * one))]"
    assert_json .order_edit.discount_total "$((3 * one))"
    adm POST "/admin/order-edits/$OE/confirm"
    assert_status 200
    api GET "/store/orders/$ORDER"
    assert_json .order.discount_total "$((3 * one))"
}

@test "admin order edits: every route refuses anonymous callers and customers (401 Unauthorized)" {
    customer_credentials
    assert_admin_only POST /admin/order-edits '{"order_id":"order_x"}'
    assert_admin_only GET /admin/order-edits
    assert_admin_only GET /admin/order-edits/oe_x
    assert_admin_only POST /admin/order-edits/oe_x '{"internal_note":"x"}'
    assert_admin_only DELETE /admin/order-edits/oe_x
    assert_admin_only DELETE /admin/order-edits/oe_x/changes/oic_x
    assert_admin_only POST /admin/order-edits/oe_x/confirm
    assert_admin_only POST /admin/order-edits/oe_x/items '{"variant_id":"v","quantity":1}'
    assert_admin_only POST /admin/order-edits/oe_x/items/item_x '{"quantity":1}'
    assert_admin_only DELETE /admin/order-edits/oe_x/items/item_x
    assert_admin_only POST /admin/order-edits/oe_x/request
    assert_admin_only POST /admin/order-edits/oe_x/cancel
    assert_spec POST /admin/order-edits/oe_x/cancel
}

stock() {
    q "SELECT inventory_quantity FROM product_variant WHERE id = '$1'"
}

# safety.md (stock moves once): Medusa confirms an edit without touching stock, and a cancel then
# gives back what the order's lines hold, units never taken included.
@test "admin order edits: a confirmed edit takes the units it adds and gives back those it removes; a cancel then restocks once" {
    local tee0 mw0 sweat0 tee_item sweat_item
    tee0=$(stock "$TEE")
    mw0=$(stock "$TEE_MW")
    sweat0=$(stock "$SWEAT")
    checkout_order "$TEE" 2 "$SWEAT" 1
    tee_item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER' AND variant_id = '$TEE'")
    sweat_item=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER' AND variant_id = '$SWEAT'")
    [ "$(stock "$TEE")" = $((tee0 - 2)) ]
    new_edit "$ORDER"
    adm POST "/admin/order-edits/$OE/items" "{\"variant_id\":\"$TEE_MW\",\"quantity\":3}"
    assert_status 200
    adm POST "/admin/order-edits/$OE/items/$(clone_of "$tee_item")" '{"quantity":1}'
    assert_status 200
    adm DELETE "/admin/order-edits/$OE/items/$(clone_of "$sweat_item")"
    assert_status 200
    # Nothing moves before the confirmation.
    [ "$(stock "$TEE_MW")" = "$mw0" ]
    adm POST "/admin/order-edits/$OE/confirm"
    assert_status 200
    [ "$(stock "$TEE_MW")" = $((mw0 - 3)) ]
    [ "$(stock "$TEE")" = $((tee0 - 1)) ]
    [ "$(stock "$SWEAT")" = "$sweat0" ]
    # Confirmed again: nothing moves twice.
    adm POST "/admin/order-edits/$OE/confirm"
    assert_status 200
    [ "$(stock "$TEE_MW")" = $((mw0 - 3)) ]
    adm POST "/admin/orders/$ORDER/cancel"
    assert_status 200
    [ "$(stock "$TEE_MW")" = "$mw0" ]
    [ "$(stock "$TEE")" = "$tee0" ]
    [ "$(stock "$SWEAT")" = "$sweat0" ]
}

@test "admin order edits: an edit that adds more units than are in stock is not confirmed" {
    local mw0
    checkout_order "$TEE" 1
    mw0=$(stock "$TEE_MW")
    new_edit "$ORDER"
    adm POST "/admin/order-edits/$OE/items" "{\"variant_id\":\"$TEE_MW\",\"quantity\":$((mw0 + 1))}"
    assert_status 200
    adm POST "/admin/order-edits/$OE/confirm"
    assert_status 400
    assert_json '[.type, .code, .message]' "[\"not_allowed\",\"insufficient_inventory\",\"Variant with id: $TEE_MW does not have the required inventory\"]"
    [ "$(stock "$TEE_MW")" = "$mw0" ]
    [ "$(q "SELECT confirmed_at IS NULL FROM order_edit WHERE id = '$OE'")" = 1 ]
}
