#!/usr/bin/env bats
# 70-admin-returns.bats: returns from the Admin API (issue #15): a return requested on a paid,
# fulfilled order (Medusa's checks), listed, received (the items' returned_quantity and the stock
# rise once; the refund goes through the payment provider, never above what was paid and not yet
# refunded), received at once (receive_now), canceled; Medusa's refusals. Real orders through
# nginx and the worker pool.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    checkout_vars
    admin_login_file
}

setup() {
    admin_token
}

teardown_file() {
    stop_stack
}

stock() {
    q "SELECT inventory_quantity FROM product_variant WHERE id = '$TEE'"
}

# paid_order QTY: a checkout of QTY t-shirts, captured and fulfilled whole; sets ORDER, ITEM, PAID.
paid_order() {
    checkout_order "$TEE" "$1"
    ITEM=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    adm POST "/admin/orders/$ORDER/capture"
    assert_status 200
    adm POST "/admin/orders/$ORDER/fulfillment" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":$1}]}"
    assert_status 200
    PAID=$(q "SELECT sum(amount) FROM payment WHERE order_id = '$ORDER'")
}

refunded() {
    q "SELECT coalesce(sum(amount), 0) FROM refund WHERE order_id = '$ORDER'"
}

@test "request a return, list it, receive it: stock and returned units rise once, the refund is paid" {
    local ret s0 refund
    paid_order 2
    s0=$(stock)
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}],\"no_notification\":true}"
    assert_status 200
    assert_spec POST "/admin/orders/$ORDER/return"
    ret=$(jqr '.order.returns[0].id')
    [ "$(jqr '.order.returns[0].status')" = requested ]
    refund=$(jqr '.order.returns[0].refund_amount')
    [ "$refund" -gt 0 ] && [ "$refund" -le "$PAID" ]
    [ "$(last_event order.return_requested | jq -c .data)" = "{\"id\":\"$ORDER\",\"return_id\":\"$ret\",\"no_notification\":true}" ]
    [ "$(stock)" = "$s0" ]
    adm GET /admin/returns
    assert_status 200
    assert_spec GET /admin/returns
    [ "$(jqr ".returns[] | select(.id == \"$ret\") | .order.id")" = "$ORDER" ]
    [ "$(jqr .limit)" = 50 ] && [ "$(jqr .offset)" = 0 ]
    adm POST "/admin/returns/$ret/receive" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    assert_status 200
    assert_spec POST "/admin/returns/$ret/receive"
    [ "$(jqr .return.status)" = received ] && [ "$(jqr '.return.received_at != null')" = true ]
    [ "$(stock)" = $((s0 + 1)) ]
    [ "$(q "SELECT returned_quantity FROM line_item WHERE id = '$ITEM'")" = 1 ]
    [ "$(refunded)" = "$refund" ]
    [ "$(q "SELECT reason FROM refund WHERE order_id = '$ORDER'")" = return ]
    [ "$(q "SELECT fulfillment_status || '|' || payment_status FROM \"order\" WHERE id = '$ORDER'")" = "partially_returned|partially_refunded" ]
    [ "$(last_event order.items_returned | jq -r .data.return_id)" = "$ret" ]
    # Once: a second receive is refused and moves nothing.
    adm POST "/admin/returns/$ret/receive" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    assert_medusa_error 400 not_allowed "Return with id $ret has already been received"
    [ "$(stock)" = $((s0 + 1)) ] && [ "$(refunded)" = "$refund" ]
    adm GET "/admin/orders/$ORDER"
    [ "$(jqr .order.refunded_total)" = "$refund" ]
}

@test "receive_now with a refund given; the whole order back is returned" {
    local s0
    paid_order 1
    s0=$(stock)
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}],\"receive_now\":true,\"refund\":500}"
    assert_status 200
    [ "$(jqr '.order.returns[0].status')" = received ] && [ "$(jqr '.order.returns[0].refund_amount')" = 500 ]
    [ "$(jqr .order.fulfillment_status)" = returned ]
    [ "$(stock)" = $((s0 + 1)) ] && [ "$(refunded)" = 500 ]
    # Nothing left to return.
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    assert_medusa_error 400 not_allowed "Can't return an unfulfilled or already returned order"
}

@test "a refund above what was paid and not refunded is never paid: the order requires action" {
    local ret s0
    paid_order 1
    s0=$(stock)
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    ret=$(jqr '.order.returns[0].id')
    adm POST "/admin/returns/$ret/receive" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}],\"refund\":$((PAID + 1))}"
    assert_status 200
    [ "$(refunded)" = 0 ]
    [ "$(q "SELECT fulfillment_status FROM \"order\" WHERE id = '$ORDER'")" = requires_action ]
    [ "$(last_event order.return_action_required | jq -r .data.return_id)" = "$ret" ]
    [ "$(stock)" = $((s0 + 1)) ]
}

@test "cancel: a requested return cancels and answers the order; a received one refuses" {
    local ret
    paid_order 2
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":2}]}"
    ret=$(jqr '.order.returns[0].id')
    adm POST "/admin/returns/$ret/cancel"
    assert_status 200
    assert_spec POST "/admin/returns/$ret/cancel"
    [ "$(jqr .order.id)" = "$ORDER" ] && [ "$(jqr ".order.returns[] | select(.id == \"$ret\") | .status")" = canceled ]
    adm POST "/admin/returns/$ret/receive" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":2}]}"
    assert_medusa_error 400 not_allowed "Cannot receive a canceled return"
    # The canceled return holds no units: both can be returned again.
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":2}],\"receive_now\":true}"
    assert_status 200
    ret=$(jqr ".order.returns[] | select(.status == \"received\") | .id")
    adm POST "/admin/returns/$ret/cancel"
    assert_medusa_error 400 not_allowed "Can't cancel a return which has been returned"
    adm POST /admin/returns/ret_missing/cancel
    assert_medusa_error 404 not_found "Return with id: ret_missing was not found"
    adm POST /admin/returns/ret_missing/receive '{"items":[]}'
    assert_medusa_error 404 not_found "Return with id: ret_missing was not found"
}

@test "an order edit cannot take a line below its returned units, nor remove it" {
    local oe line
    paid_order 3
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":2}],\"receive_now\":true}"
    assert_status 200
    adm POST /admin/order-edits "{\"order_id\":\"$ORDER\"}"
    assert_status 200
    oe=$(jqr .order_edit.id)
    line=$(q "SELECT id FROM line_item WHERE order_edit_id = '$oe'")
    [ "$(q "SELECT returned_quantity FROM line_item WHERE id = '$line'")" = 2 ]
    adm POST "/admin/order-edits/$oe/items/$line" '{"quantity":1}'
    assert_medusa_error 400 not_allowed "Cannot lower the quantity below the 2 units already returned"
    adm DELETE "/admin/order-edits/$oe/items/$line"
    assert_medusa_error 400 not_allowed "Cannot remove an item of which 2 units were returned"
    adm POST "/admin/order-edits/$oe/items/$line" '{"quantity":2}'
    assert_status 200
    [ "$(q "SELECT quantity FROM line_item WHERE id = '$line'")" = 2 ]
}

@test "Medusa's refusals and validation" {
    checkout_order "$TEE" 2
    ITEM=$(q "SELECT id FROM line_item WHERE order_id = '$ORDER'")
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    assert_medusa_error 400 not_allowed "Can't return an unfulfilled or already returned order"
    adm POST "/admin/orders/$ORDER/fulfillment" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":2}]}"
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    assert_medusa_error 400 not_allowed "Can't return an order with payment unprocessed"
    adm POST "/admin/orders/$ORDER/capture"
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":3}]}"
    assert_medusa_error 400 not_allowed "Cannot return more items than have been purchased"
    adm POST "/admin/orders/$ORDER/return" '{}'
    assert_medusa_error 400 invalid_data "items must be an array"
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":0}],\"refund\":-5,\"bogus\":1}"
    assert_status 400
    [[ "$(jqr .message)" == *"property bogus should not exist"* ]] && [[ "$(jqr .message)" == *"quantity must not be less than 1"* ]]
    adm POST "/admin/orders/order_missing/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    assert_status 404
    # Receiving units the order never had is refused, and nothing moves.
    adm POST "/admin/orders/$ORDER/return" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":1}]}"
    assert_status 200
    local ret s0
    ret=$(jqr '.order.returns[0].id')
    s0=$(stock)
    adm POST "/admin/returns/$ret/receive" "{\"items\":[{\"item_id\":\"$ITEM\",\"quantity\":3}]}"
    assert_medusa_error 400 not_allowed "Cannot return more items than have been purchased"
    adm POST "/admin/returns/$ret/receive" '{"items":[{"item_id":"item_other","quantity":1}]}'
    assert_medusa_error 400 invalid_data "Return contains invalid line item"
    [ "$(stock)" = "$s0" ] && [ "$(q "SELECT status FROM \"return\" WHERE id = '$ret'")" = requested ]
    customer_credentials
    assert_admin_only GET /admin/returns
    assert_admin_only POST "/admin/orders/$ORDER/return" '{"items":[]}'
    assert_admin_only POST "/admin/returns/$ret/receive" '{"items":[]}'
    assert_admin_only POST "/admin/returns/$ret/cancel"
}
