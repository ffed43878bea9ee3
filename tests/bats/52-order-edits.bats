#!/usr/bin/env bats
# 52-order-edits.bats: the /store/order-edits routes (store.md §9) on orders made by a real
# checkout. The edits (and their payment collections) are written by order_edit_fixture and
# paycol_fixture (tests/bats/checkout.bash), as the admin's order-edit flow would leave them.

load helpers
load spec
load checkout

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    checkout_vars
}

teardown_file() {
    stop_stack
}

@test "order edits: the store's view, with the totals of the edited order" {
    checkout_order "$TEE" 1
    local total
    api GET "/store/orders/$ORDER"
    total=$(jqr .order.total)
    order_edit_fixture oe_view "$ORDER"
    api GET /store/order-edits/oe_view
    assert_status 200
    assert_spec GET /store/order-edits/oe_view
    assert_json .order_edit.status requested
    assert_json .order_edit.order_id "$ORDER"
    assert_json '.order_edit | [has("internal_note"), has("created_by"), has("confirmed_by"), has("canceled_by"), has("updated_at")]' '[false,false,false,false,false]'
    assert_json '.order_edit.items | length' 1
    assert_json '.order_edit.items[0].quantity' 2
    assert_json '.order_edit.changes[0] | [.type, (.line_item.quantity), (.original_line_item.quantity)]' '["item_update",2,1]'
    assert_json '.order_edit.changes[0].line_item.variant.id' "$TEE"
    assert_json .order_edit.payment_collection null
    local edit_total
    edit_total=$(jqr .order_edit.total)
    [ "$(jqr .order_edit.difference_due)" = "$((edit_total - total))" ]
    [ "$(jqr .order_edit.difference_due)" -gt 0 ]
    api GET '/store/order-edits/oe_view?fields=internal_note'
    assert_medusa_error 400 invalid_data 'Requested fields [internal_note] are not valid'
    api GET '/store/order-edits/oe_view?fields=status'
    assert_status 200
    assert_json .order_edit.status requested
    api GET /store/order-edits/oe_nope
    assert_medusa_error 404 not_found 'Order edit with id oe_nope was not found'
}

@test "order edits: declining keeps the first reason; other statuses refuse" {
    checkout_order "$TEE" 1
    order_edit_fixture oe_decl "$ORDER"
    api POST /store/order-edits/oe_decl/decline '{"declined_reason":"too pricey"}'
    assert_status 200
    assert_spec POST /store/order-edits/oe_decl/decline
    assert_json '.order_edit | [.status, .declined_reason, .declined_by]' '["declined","too pricey",null]'
    api POST /store/order-edits/oe_decl/decline '{"declined_reason":"again"}'
    assert_status 200
    assert_json .order_edit.declined_reason 'too pricey'
    api POST /store/order-edits/oe_decl/complete
    assert_medusa_error 400 not_allowed 'Cannot complete an order edit with status declined'
    api POST /store/order-edits/oe_decl/decline '{"foo":1}'
    assert_medusa_error 400 invalid_data 'property foo should not exist'
    q "UPDATE order_edit SET confirmed_at = '2024-05-02T00:00:00.000Z' WHERE id = 'oe_decl'"
    api POST /store/order-edits/oe_decl/decline '{}'
    assert_medusa_error 400 not_allowed 'Cannot decline an order edit with status confirmed.'
    api POST /store/order-edits/oe_nope/decline '{}'
    assert_medusa_error 404 not_found 'Order edit with id oe_nope was not found'
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order-edit.declined'")" = 1 ]
}

@test "order edits: completing gives the order the edit's items" {
    checkout_order "$TEE" 1
    local old
    old=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    order_edit_fixture oe_done "$ORDER"
    api POST /store/order-edits/oe_done/complete
    assert_status 200
    assert_spec POST /store/order-edits/oe_done/complete
    assert_json .order_edit.status confirmed
    assert_json .order_edit.difference_due 0
    api GET "/store/orders/$ORDER"
    assert_json '.order.items | map(.id)' "[\"oe_oe_done_$old\"]"
    assert_json '.order.items[0].quantity' 2
    api POST /store/order-edits/oe_done/complete
    assert_status 200
    assert_json .order_edit.status confirmed
    [ "$(q "SELECT count(*) FROM event_outbox WHERE name = 'order-edit.confirmed'")" = 1 ]
    checkout_order "$TEE" 1
    q "INSERT INTO order_edit (id, order_id, created_by) VALUES ('oe_created', '$ORDER', 'usr_admin')"
    api POST /store/order-edits/oe_created/complete
    assert_medusa_error 400 not_allowed 'Cannot complete an order edit with status created'
}

@test "order edits: a payment collection must be authorized first, then pays the order" {
    checkout_order "$TEE" 1
    paycol_fixture paycol_oe 1950
    order_edit_fixture oe_pay "$ORDER" paycol_oe
    api GET /store/order-edits/oe_pay
    assert_json .order_edit.payment_collection.id paycol_oe
    api POST /store/order-edits/oe_pay/complete
    assert_medusa_error 400 not_allowed 'Unable to complete an order edit if the payment is not authorized'
    [ "$(q "SELECT count(*) FROM line_item WHERE order_edit_id = 'oe_pay' AND order_id IS NOT NULL")" = 0 ]
    api POST /store/payment-collections/paycol_oe/sessions '{"provider_id":"manual"}'
    local sid
    sid=$(jqr '.payment_collection.payment_sessions[0].id')
    api POST "/store/payment-collections/paycol_oe/sessions/$sid/authorize"
    assert_status 200
    api POST /store/order-edits/oe_pay/complete
    assert_status 200
    assert_json .order_edit.status confirmed
    [ "$(q "SELECT order_id FROM payment WHERE id IN (SELECT payment_id FROM payment_collection_payments WHERE payment_collection_id = 'paycol_oe')")" = "$ORDER" ]
}
